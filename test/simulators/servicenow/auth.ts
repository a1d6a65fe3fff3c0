import type { IncomingHttpHeaders } from 'http';

import { basicCredentials, bearerToken, isRecord, json, type Reply } from '../common';
import { newToken } from './ids';
import { tableRecords } from './lookup';
import type { ServiceNowState } from './state';

const ACCESS_TOKEN_LIFETIME_SECONDS = 1800;

export interface TokenResponse {
	access_token: string;
	refresh_token: string;
	scope: string;
	token_type: 'Bearer';
	expires_in: number;
}

/** A user that exists in `sys_user`, is not inactive and has this password. */
function passwordMatches(state: ServiceNowState, userName: string, password: string): boolean {
	const user = tableRecords(state, 'sys_user').find((record) => record.user_name === userName);
	return (
		user !== undefined && user.active !== 'false' && state.passwords.get(userName) === password
	);
}

/** The `user_name` behind a Basic or Bearer Authorization header, if it is valid. */
export function authenticate(
	state: ServiceNowState,
	headers: IncomingHttpHeaders,
): string | undefined {
	const basic = basicCredentials(headers);
	if (basic)
		return passwordMatches(state, basic.username, basic.password) ? basic.username : undefined;
	const token = state.accessTokens.get(bearerToken(headers) ?? '');
	return token && token.expiresAtMs > Date.now() ? token.userName : undefined;
}

export function issueToken(
	state: ServiceNowState,
	userName: string,
	clientId: string,
): TokenResponse {
	const accessToken = newToken();
	const refreshToken = newToken();
	state.accessTokens.set(accessToken, {
		userName,
		clientId,
		expiresAtMs: Date.now() + ACCESS_TOKEN_LIFETIME_SECONDS * 1000,
	});
	state.refreshTokens.set(refreshToken, { userName, clientId });
	return {
		access_token: accessToken,
		refresh_token: refreshToken,
		scope: 'useraccount',
		token_type: 'Bearer',
		expires_in: ACCESS_TOKEN_LIFETIME_SECONDS - 1,
	};
}

function denied(): Reply {
	return json({ error_description: 'access_denied', error: 'server_error' }, 401);
}

/**
 * `POST /oauth_token.do`, form body. Client credentials in the body or as HTTP Basic. Grants:
 * `password` (`username`, `password`) and `refresh_token` (the refresh token is kept, a new
 * access token issued).
 */
export function tokenEndpoint(
	state: ServiceNowState,
	body: unknown,
	headers: IncomingHttpHeaders,
): Reply {
	const form = isRecord(body) ? body : {};
	const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
	const basic = basicCredentials(headers);
	const clientId = field('client_id') || basic?.username || '';
	const clientSecret = field('client_secret') || basic?.password || '';
	if (clientId === '' || state.oauthClients.get(clientId) !== clientSecret) return denied();
	const grantType = field('grant_type');
	if (grantType === 'password') {
		const userName = field('username');
		if (!passwordMatches(state, userName, field('password'))) return denied();
		return json(issueToken(state, userName, clientId));
	}
	if (grantType === 'refresh_token') {
		const refreshToken = field('refresh_token');
		const grant = state.refreshTokens.get(refreshToken);
		if (!grant || grant.clientId !== clientId) return denied();
		const issued = issueToken(state, grant.userName, clientId);
		state.refreshTokens.delete(issued.refresh_token);
		return json({ ...issued, refresh_token: refreshToken });
	}
	return json(
		{
			error: 'unsupported_grant_type',
			error_description: `grant_type '${grantType}' is not supported.`,
		},
		400,
	);
}
