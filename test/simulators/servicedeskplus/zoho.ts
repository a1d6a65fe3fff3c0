import type { IncomingHttpHeaders } from 'http';

import { isRecord, json, type Reply } from '../common';
import { MESSAGE_CODES, SdpError } from './envelope';
import type { ServiceDeskPlusState } from './state';

/*
 * Zoho Accounts (`https://accounts.zoho.com/oauth/v2/token`) and the `Zoho-oauthtoken` scheme SDP Cloud
 * expects. Only the refresh-token grant is served: the authorization-code step happens once in a browser.
 */

export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;
const TEN_MINUTES_MS = 10 * 60_000;

export interface TokenResponse {
	access_token: string;
	api_domain: string;
	token_type: 'Bearer';
	expires_in: number;
	scope: string;
}

function newToken(state: ServiceDeskPlusState): string {
	const serial = String(state.counters.tokens++).padStart(6, '0');
	return `1000.${serial}${'a1b2c3d4e5f60718293a4b5c'.slice(serial.length)}.${'f'.repeat(20)}${serial}`;
}

export function issueAccessToken(
	state: ServiceDeskPlusState,
	userId: string,
	clientId: string,
): TokenResponse {
	const token = newToken(state);
	state.accessTokens.set(token, {
		clientId,
		userId,
		expiresAtMs: Date.now() + ACCESS_TOKEN_LIFETIME_SECONDS * 1000,
	});
	return {
		access_token: token,
		api_domain: 'https://www.zohoapis.com',
		token_type: 'Bearer',
		expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
		scope: 'SDPOnDemand.requests.ALL SDPOnDemand.setup.READ',
	};
}

/** A refresh token for a Zoho client acting as `userId`, as the one-time browser consent leaves it. */
export function addRefreshToken(
	state: ServiceDeskPlusState,
	refreshToken: string,
	clientId: string,
	userId: string,
): void {
	state.refreshTokens.set(refreshToken, { clientId, userId, issuedAtMs: [] });
}

/**
 * `POST /oauth/v2/token`, parameters in the query string (as Zoho's own examples send them) or a form
 * body. Zoho answers a refused grant with HTTP 200 and `{ error }`; too many tokens from one refresh
 * token within ten minutes get a 400 "Access Denied".
 */
export function tokenEndpoint(
	state: ServiceDeskPlusState,
	url: URL,
	body: unknown,
	perTenMinutes: number,
): Reply {
	const form = isRecord(body) ? body : {};
	const param = (name: string) =>
		url.searchParams.get(name) ?? (typeof form[name] === 'string' ? (form[name] as string) : '');
	const grantType = param('grant_type');
	if (grantType !== 'refresh_token') return json({ error: 'unsupported_grant_type' });
	const clientId = param('client_id');
	if (
		!state.oauthClients.has(clientId) ||
		state.oauthClients.get(clientId) !== param('client_secret')
	) {
		return json({ error: 'invalid_client' });
	}
	const grant = state.refreshTokens.get(param('refresh_token'));
	if (!grant || grant.clientId !== clientId) return json({ error: 'invalid_code' });
	const now = Date.now();
	grant.issuedAtMs = grant.issuedAtMs.filter((at) => at > now - TEN_MINUTES_MS);
	if (grant.issuedAtMs.length >= perTenMinutes) {
		return json(
			{
				error_description:
					'You have made too many requests continuously. Please try again after some time.',
				error: 'Access Denied',
				status: 'failure',
			},
			400,
		);
	}
	grant.issuedAtMs.push(now);
	state.tokenGrants += 1;
	return json(issueAccessToken(state, grant.userId, clientId));
}

function unauthorised(message: string): SdpError {
	return new SdpError(401, MESSAGE_CODES.unauthorised, message);
}

/** The user behind `Authorization: Zoho-oauthtoken <token>`; `Bearer` is counted and refused. */
export function authenticate(state: ServiceDeskPlusState, headers: IncomingHttpHeaders): string {
	const header = (headers.authorization ?? '').trim();
	if (header === '') throw unauthorised('UNAUTHORISED: no Authorization header.');
	if (/^Bearer\s/i.test(header)) {
		state.bearerRejections += 1;
		throw unauthorised(
			"UNAUTHORISED: the Authorization header must read 'Zoho-oauthtoken <access token>', not 'Bearer …'.",
		);
	}
	const token = /^Zoho-oauthtoken\s+(\S+)$/.exec(header)?.[1];
	if (token === undefined)
		throw unauthorised(
			"UNAUTHORISED: the Authorization header must read 'Zoho-oauthtoken <access token>'.",
		);
	const grant = state.accessTokens.get(token);
	if (!grant || grant.expiresAtMs <= Date.now()) {
		// Knob refusedTokenStatus (README S6): 403 as SDP's status table pairs it with 4002, or 401.
		throw new SdpError(state.knobs.refusedTokenStatus, MESSAGE_CODES.unauthorised, 'UNAUTHORISED: the OAuth token is invalid or has expired.');
	}
	return grant.userId;
}
