import type { IncomingHttpHeaders } from 'http';

import { bearerToken, json, type Reply } from '../common';
import type { SimClock } from '../teamviewer/clock';
import { notAnAccessToken, unauthorized } from './errors';
import { newAccessToken, toIso } from './ids';
import type { Matrix42State } from './state';

export interface TokenResponse {
	RawToken: string;
	/** Expiry of the access token, ISO 8601 UTC (reference: `LifeTime`). */
	LifeTime: string;
	/** The same instant; the name other clients read. */
	ValidTo: string;
	/** Seconds the token lives; this simulator's own convenience. */
	ExpiresIn: number;
}

function apiTokenUsable(state: Matrix42State, token: string, nowMs: number): boolean {
	const record = state.apiTokens.get(token);
	return record !== undefined && !record.disabled && (record.expiresAtMs === null || record.expiresAtMs > nowMs);
}

export function issueAccessToken(state: Matrix42State, apiToken: string, nowMs: number, lifetimeSeconds: number): TokenResponse {
	const record = state.apiTokens.get(apiToken);
	if (!record) throw new Error('Unknown API token.');
	const rawToken = newAccessToken();
	const validToMs = nowMs + lifetimeSeconds * 1000;
	state.accessTokens.set(rawToken, { user: record.user, apiToken, validToMs });
	return { RawToken: rawToken, LifeTime: toIso(validToMs), ValidTo: toIso(validToMs), ExpiresIn: lifetimeSeconds };
}

/**
 * `POST ApiToken/GenerateAccessTokenFromApiToken`: `Authorization: Bearer <API token>`, no body needed.
 * No bearer at all → 401; an unknown, disabled or expired API token → 200 with `null` (README S2:
 * sus-tech-gmbh/matrix42-mcp docs/matrix42-api.md and src/m42-client.ts).
 */
export function exchangeApiToken(
	state: Matrix42State,
	clock: SimClock,
	headers: IncomingHttpHeaders,
	lifetimeSeconds: number,
): Reply {
	const token = bearerToken(headers);
	if (token === undefined) return unauthorized();
	if (!apiTokenUsable(state, token, clock.nowMs())) return json(null);
	return json(issueAccessToken(state, token, clock.nowMs(), lifetimeSeconds));
}

/** The `SPSUserClassBase` fragment id behind a valid access token, or the error reply. */
export function authenticate(
	state: Matrix42State,
	clock: SimClock,
	headers: IncomingHttpHeaders,
): { user: string } | { reply: Reply } {
	const token = bearerToken(headers);
	if (token === undefined) return { reply: unauthorized() };
	const access = state.accessTokens.get(token);
	if (access && access.validToMs > clock.nowMs() && apiTokenUsable(state, access.apiToken, clock.nowMs())) {
		return { user: access.user };
	}
	if (state.apiTokens.has(token)) return { reply: notAnAccessToken() };
	return { reply: unauthorized() };
}
