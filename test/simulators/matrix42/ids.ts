import { createHash, randomBytes } from 'crypto';

import type { Matrix42State } from './state';

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Lower-case GUIDs, the same sequence after every reset. */
export function newGuid(state: Matrix42State): string {
	const hex = createHash('md5').update(`m42:${state.counters.guids++}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** SQL Server rowversion as Matrix42 returns it: base64 of 8 big-endian bytes. */
export function encodeRowVersion(value: bigint): string {
	const bytes = Buffer.alloc(8);
	bytes.writeBigUInt64BE(value);
	return bytes.toString('base64');
}

export function decodeRowVersion(value: unknown): bigint | undefined {
	if (typeof value !== 'string') return undefined;
	const bytes = Buffer.from(value, 'base64');
	return bytes.length === 8 ? bytes.readBigUInt64BE(0) : undefined;
}

export function nextRowVersion(state: Matrix42State): string {
	state.counters.rowVersion += 1n;
	return encodeRowVersion(state.counters.rowVersion);
}

export function newAccessToken(): string {
	return randomBytes(36).toString('base64url');
}

/** Whole-second ISO 8601 UTC. */
export function toIso(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
