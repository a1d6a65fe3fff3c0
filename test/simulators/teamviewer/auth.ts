import type { IncomingHttpHeaders } from 'http';

import { toIso } from './clock';
import { newToken } from './ids';
import { resolvePermissions, type Permission } from './permissions';
import type { SimState } from './state';
import type { TokenRecord } from './types';

export interface AddTokenOptions {
	/** Defaults to a random `1234567-AbCdEfGhIjKlMnOpQrSt`. */
	token?: string;
	userId: string;
	permissions?: Permission[] | 'all';
	/** ISO date-time on the simulator clock; default: never expires. */
	expiresAt?: string;
	companyId?: string;
}

export function addToken(
	state: SimState,
	options: AddTokenOptions,
	clientId: string | null = null,
): TokenRecord {
	const expiresAt = options.expiresAt === undefined ? null : Date.parse(options.expiresAt);
	if (Number.isNaN(expiresAt)) {
		throw new Error(`expiresAt is not a date-time: ${options.expiresAt}`);
	}
	const record: TokenRecord = {
		token: options.token ?? newToken(state.random),
		userId: options.userId,
		permissions: resolvePermissions(options.permissions),
		expiresAt: expiresAt === null ? null : toIso(expiresAt),
		companyId: options.companyId ?? null,
		revoked: false,
		clientId,
	};
	state.tokens.set(record.token, record);
	return record;
}

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
	return /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
}

/** The token's record if it is known, not revoked and not expired on the simulator clock. */
export function validToken(
	state: SimState,
	token: string | undefined,
	nowMs: number,
): TokenRecord | undefined {
	const record = token === undefined ? undefined : state.tokens.get(token);
	if (!record || record.revoked) return undefined;
	if (record.expiresAt !== null && Date.parse(record.expiresAt) <= nowMs) return undefined;
	if (record.usesLeft !== undefined) {
		if (record.usesLeft <= 0) return undefined;
		record.usesLeft -= 1;
	}
	return record;
}

export function hasPermission(token: TokenRecord, permission: Permission): boolean {
	return token.permissions.includes(permission);
}

export interface AddOAuthClientOptions {
	clientId: string;
	clientSecret: string;
	/** The account the sandbox signs in as when this client asks for authorization. */
	userId: string;
	permissions?: Permission[] | 'all';
}

export function addOAuthClient(state: SimState, options: AddOAuthClientOptions): void {
	state.oauth.clients.set(options.clientId, {
		clientId: options.clientId,
		clientSecret: options.clientSecret,
		userId: options.userId,
		permissions: resolvePermissions(options.permissions),
	});
}
