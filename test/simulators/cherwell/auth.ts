import { randomBytes } from 'crypto';
import type { IncomingHttpHeaders } from 'http';

import { bearerToken, isRecord, json, type ApiRequest, type Reply } from '../common';
import { httpDate } from './dates';
import { tokenError } from './errors';
import type { CherwellState } from './state';

export interface TokenLifetimes {
	/** CSM's default: 20 minutes (`expires_in` 1199). */
	accessTokenSeconds: number;
	refreshTokenSeconds: number;
}

export const DEFAULT_LIFETIMES: TokenLifetimes = {
	accessTokenSeconds: 1200,
	refreshTokenSeconds: 86400,
};

/** What `POST /token` answers, field for field. */
export interface TokenResponse {
	access_token: string;
	token_type: 'bearer';
	expires_in: number;
	refresh_token: string;
	'as:client_id': string;
	username: string;
	'.issued': string;
	'.expires': string;
}

function newToken(): string {
	return randomBytes(48).toString('base64url');
}

export function issueToken(
	state: CherwellState,
	username: string,
	clientId: string,
	nowMs: number,
	lifetimes: TokenLifetimes,
): TokenResponse {
	const accessToken = newToken();
	const refreshToken = newToken();
	const expiresAtMs = nowMs + lifetimes.accessTokenSeconds * 1000;
	state.accessTokens.set(accessToken, { username, clientId, expiresAtMs });
	state.refreshTokens.set(refreshToken, {
		username,
		clientId,
		expiresAtMs: nowMs + lifetimes.refreshTokenSeconds * 1000,
	});
	return {
		access_token: accessToken,
		token_type: 'bearer',
		expires_in: lifetimes.accessTokenSeconds - 1,
		refresh_token: refreshToken,
		'as:client_id': clientId,
		username,
		'.issued': httpDate(nowMs),
		'.expires': httpDate(expiresAtMs),
	};
}

/** The CSM user behind a valid, unexpired bearer token. */
export function authenticate(
	state: CherwellState,
	headers: IncomingHttpHeaders,
	nowMs: number,
): string | undefined {
	const grant = state.accessTokens.get(bearerToken(headers) ?? '');
	return grant && grant.expiresAtMs > nowMs ? grant.username : undefined;
}

function isForm(headers: IncomingHttpHeaders): boolean {
	return (headers['content-type'] ?? '')
		.toLowerCase()
		.startsWith('application/x-www-form-urlencoded');
}

/**
 * `POST /token`: a form body (`application/x-www-form-urlencoded`) with `grant_type` `password`
 * (`client_id`, `username`, `password`) or `refresh_token` (`client_id`, `refresh_token`). `auth_mode`
 * (query or body) may be `Internal`, the only login mode served here.
 */
export function tokenEndpoint(
	state: CherwellState,
	request: ApiRequest,
	nowMs: number,
	lifetimes: TokenLifetimes,
): Reply {
	if (!isForm(request.headers)) {
		return tokenError(
			'unsupported_grant_type',
			`The token endpoint reads a form body (Content-Type: application/x-www-form-urlencoded); this request had Content-Type "${request.headers['content-type'] ?? ''}".`,
		);
	}
	const form = isRecord(request.body.value) ? request.body.value : {};
	const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
	const authMode = request.url.searchParams.get('auth_mode') ?? (field('auth_mode') || 'Internal');
	if (authMode.toLowerCase() !== 'internal') {
		return tokenError(
			'invalid_grant',
			`auth_mode "${authMode}" is not available; this system accepts Internal logins only.`,
		);
	}
	const clientId = field('client_id');
	if (!state.clients.has(clientId)) {
		return tokenError(
			'invalid_client_id',
			`client_id "${clientId}" is not a REST API client of this system.`,
		);
	}
	const grantType = field('grant_type');
	if (grantType === 'password') {
		const username = field('username');
		if (username === '' || state.users.get(username) !== field('password')) {
			return tokenError('invalid_grant', 'The user name or password is incorrect.');
		}
		return json(issueToken(state, username, clientId, nowMs, lifetimes));
	}
	if (grantType === 'refresh_token') {
		const refreshToken = field('refresh_token');
		const grant = state.refreshTokens.get(refreshToken);
		if (!grant || grant.clientId !== clientId || grant.expiresAtMs <= nowMs) {
			return tokenError(
				'invalid_grant',
				'The refresh token is unknown, expired or was issued to another client.',
			);
		}
		state.refreshTokens.delete(refreshToken);
		return json(issueToken(state, grant.username, clientId, nowMs, lifetimes));
	}
	return tokenError(
		'unsupported_grant_type',
		`grant_type "${grantType}" is not supported; use password or refresh_token.`,
	);
}
