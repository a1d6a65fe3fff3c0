import { createHash } from 'crypto';

import { addToken } from '../auth';
import { addSeconds } from '../clock';
import type { ApiContext, RequestContext } from '../context';
import { ApiError } from '../errors';
import { newToken } from '../ids';
import { json, noContent, type Reply } from '../../common/reply';
import { publicRoute, securedRoute, type Route } from '../router';
import type { AuthorizationCode, OAuthClient } from '../types';

// OAuth 2.0 authorization-code flow.

const CODE_LIFETIME_SECONDS = 600;

type GrantType = 'authorization_code' | 'refresh_token';

/** `grant_type` as a string or as the integer of the API's enum (UNCONFIRMED: 0 = code, 1 = refresh). */
const GRANT_TYPES: Record<string, GrantType> = {
	authorization_code: 'authorization_code',
	'0': 'authorization_code',
	refresh_token: 'refresh_token',
	'1': 'refresh_token',
};

/** Token-endpoint errors are 400 with the usual error body (UNCONFIRMED). */
function oauthError(error: string, description: string): ApiError {
	return new ApiError(400, error, description);
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function errorPage(message: string): Reply {
	return {
		status: 400,
		headers: { 'Content-Type': 'text/html; charset=utf-8' },
		body: `<!DOCTYPE html><html><body><h1>Sign-in failed</h1><p>${escapeHtml(message)}</p></body></html>`,
	};
}

/** The sandbox approves at once: known client → 302 back to `redirect_uri` with `code` and `state`. */
function authorize(ctx: RequestContext): Reply {
	const clientId = ctx.query.string('client_id') ?? '';
	if (!ctx.state.oauth.clients.has(clientId)) return errorPage(`Unknown client_id '${clientId}'.`);
	if (ctx.query.string('response_type') !== 'code') {
		return errorPage("response_type must be 'code'.");
	}
	const redirectUri = ctx.query.string('redirect_uri') ?? '';
	if (!URL.canParse(redirectUri)) return errorPage('redirect_uri must be an absolute URL.');

	const grant: AuthorizationCode = {
		code: newToken(ctx.state.random),
		clientId,
		redirectUri,
		expiresAt: addSeconds(ctx.now, CODE_LIFETIME_SECONDS),
		codeChallenge: ctx.query.string('code_challenge') ?? null,
		codeChallengeMethod: ctx.query.string('code_challenge_method') ?? null,
	};
	ctx.state.oauth.codes.set(grant.code, grant);

	const target = new URL(redirectUri);
	target.searchParams.set('code', grant.code);
	const state = ctx.query.string('state');
	if (state !== undefined) target.searchParams.set('state', state);
	return { status: 302, headers: { Location: target.href } };
}

/** Client credentials from HTTP Basic or from the body. */
function authenticateClient(ctx: RequestContext): OAuthClient {
	const basic = /^Basic\s+(\S+)$/i.exec(ctx.headers.authorization ?? '');
	let clientId = ctx.body.string('client_id');
	let clientSecret = ctx.body.string('client_secret');
	if (basic) {
		const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		clientId = decodeURIComponent(decoded.slice(0, colon));
		clientSecret = decodeURIComponent(decoded.slice(colon + 1));
	}
	const client = ctx.state.oauth.clients.get(clientId ?? '');
	if (!client || client.clientSecret !== clientSecret) {
		throw oauthError('invalid_client', 'The client credentials are invalid.');
	}
	return client;
}

function verifyPkce(grant: AuthorizationCode, verifier: string | undefined): void {
	if (grant.codeChallenge === null) return;
	if (verifier === undefined) {
		throw oauthError('invalid_grant', 'code_verifier is required for this code.');
	}
	const s256 = grant.codeChallengeMethod?.toUpperCase() === 'S256';
	const derived = s256 ? createHash('sha256').update(verifier).digest('base64url') : verifier;
	if (derived !== grant.codeChallenge) {
		throw oauthError('invalid_grant', 'code_verifier does not match.');
	}
}

function issueTokens(ctx: RequestContext, client: OAuthClient, refreshToken: string): Reply {
	const lifetime = ctx.config.accessTokenLifetimeSeconds;
	const access = addToken(
		ctx.state,
		{
			userId: client.userId,
			permissions: client.permissions,
			expiresAt: addSeconds(ctx.now, lifetime),
			companyId: ctx.state.account.companyId,
		},
		client.clientId,
	);
	ctx.state.oauth.refreshTokens.set(refreshToken, { refreshToken, clientId: client.clientId });
	return json({
		access_token: access.token,
		token_type: 'bearer',
		expires_in: lifetime,
		refresh_token: refreshToken,
	});
}

function exchangeCode(ctx: RequestContext, client: OAuthClient): Reply {
	const code = ctx.body.string('code');
	if (code === undefined) throw oauthError('invalid_request', 'code is required.');
	const grant = ctx.state.oauth.codes.get(code);
	if (!grant || grant.clientId !== client.clientId || Date.parse(grant.expiresAt) <= ctx.nowMs) {
		throw oauthError('invalid_grant', 'The authorization code is invalid or has expired.');
	}
	const redirectUri = ctx.body.string('redirect_uri');
	if (redirectUri !== undefined && redirectUri !== grant.redirectUri) {
		throw oauthError('invalid_grant', 'redirect_uri does not match the authorization request.');
	}
	verifyPkce(grant, ctx.body.string('code_verifier'));
	ctx.state.oauth.codes.delete(code);
	ctx.state.oauth.counters.authorizationCodeGrants++;
	return issueTokens(ctx, client, newToken(ctx.state.random));
}

/** With `rotateRefreshTokens` the used refresh token dies and a new one is returned (UNCONFIRMED). */
function refresh(ctx: RequestContext, client: OAuthClient): Reply {
	const refreshToken = ctx.body.string('refresh_token');
	if (refreshToken === undefined) throw oauthError('invalid_request', 'refresh_token is required.');
	const grant = ctx.state.oauth.refreshTokens.get(refreshToken);
	if (!grant || grant.clientId !== client.clientId) {
		throw oauthError('invalid_grant', 'The refresh token is invalid.');
	}
	ctx.state.oauth.counters.refreshGrants++;
	if (!ctx.config.rotateRefreshTokens) return issueTokens(ctx, client, refreshToken);
	ctx.state.oauth.refreshTokens.delete(refreshToken);
	return issueTokens(ctx, client, newToken(ctx.state.random));
}

function token(ctx: RequestContext): Reply {
	const requested = ctx.body.string('grant_type');
	if (requested === undefined) throw oauthError('invalid_request', 'grant_type is required.');
	const grantType = GRANT_TYPES[requested.toLowerCase()];
	if (!grantType) {
		throw oauthError('unsupported_grant_type', `grant_type '${requested}' is not supported.`);
	}
	const client = authenticateClient(ctx);
	return grantType === 'authorization_code' ? exchangeCode(ctx, client) : refresh(ctx, client);
}

function revoke(ctx: ApiContext): Reply {
	ctx.token.revoked = true;
	ctx.state.oauth.counters.revocations++;
	return noContent();
}

export const oauthRoutes: Route[] = [
	publicRoute('GET', '/oauth2/authorize', authorize),
	publicRoute('POST', '/oauth2/token', token),
	securedRoute('POST', '/oauth2/revoke', null, revoke),
];
