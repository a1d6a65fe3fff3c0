import { createHash, randomBytes } from 'crypto';

import type { ServiceNowState } from './state';

export function sysIdTaken(state: ServiceNowState, id: string): boolean {
	return [...state.tables.values()].some((records) => records.has(id));
}

/** 32 lowercase hex characters, the same sequence after every reset. */
export function newSysId(state: ServiceNowState): string {
	let id: string;
	do {
		id = createHash('md5').update(`sys_id:${state.counters.sysIds++}`).digest('hex');
	} while (sysIdTaken(state, id));
	return id;
}

export function isSysId(value: string): boolean {
	return /^[0-9a-f]{32}$/.test(value);
}

/** `INC0010001`, `INC0010002`, … per prefix. */
export function nextNumber(state: ServiceNowState, prefix: string): string {
	const next = state.counters.numbers.get(prefix) ?? 10001;
	state.counters.numbers.set(prefix, next + 1);
	return `${prefix}${String(next).padStart(7, '0')}`;
}

/** `yyyy-MM-dd HH:mm:ss` in UTC, the Table API's date-time format. */
export function formatDateTime(date: Date): string {
	return date.toISOString().slice(0, 19).replace('T', ' ');
}

export function newToken(): string {
	return randomBytes(32).toString('base64url');
}
