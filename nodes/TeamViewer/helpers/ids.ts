/**
 * TeamViewer identifiers and what people paste for them. Every function returns
 * the canonical wire form, or undefined when the input cannot be one; callers turn undefined into
 * a NodeOperationError that names the field.
 */

const SESSION_CODE = /^s?(\d{3})-?(\d{3})-?(\d{3})$/i;
const TEAMVIEWER_ID = /^r?(\d{9,10})$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Without any whitespace (JavaScript's `\s` includes the no-break space people paste). */
function compact(value: string): string {
	return value.replace(/\s/g, '');
}

/** `s123-456-789`, `s123456789`, `123 456 789`, `S123-456-789` → `s123-456-789`. */
export function normalizeSessionCode(value: string): string | undefined {
	const match = SESSION_CODE.exec(compact(value));
	return match ? `s${match[1]}-${match[2]}-${match[3]}` : undefined;
}

/** `123 456 789`, `123456789`, `r123456789` → `123456789` (the bare TeamViewer ID). */
export function normalizeTeamViewerId(value: string | number): string | undefined {
	const match = TEAMVIEWER_ID.exec(compact(String(value)).replace(/-/g, ''));
	return match ? match[1] : undefined;
}

/** A TeamViewer ID in the remote-control form the devices API wants: `r123456789`. */
export function toRemoteControlId(value: string | number): string | undefined {
	const id = normalizeTeamViewerId(value);
	return id ? `r${id}` : undefined;
}

export type PrefixedEntity = 'user' | 'group' | 'device' | 'contact';

const PREFIXES: Record<PrefixedEntity, string> = { user: 'u', group: 'g', device: 'd', contact: 'c' };

/** `u123`, `U123`, ` u123 ` → `u123`; a bare number gets the prefix (`123` → `u123`). */
export function normalizePrefixedId(entity: PrefixedEntity, value: string | number): string | undefined {
	const prefix = PREFIXES[entity];
	const match = new RegExp(`^${prefix}?(\\d+)$`, 'i').exec(compact(String(value)));
	return match ? `${prefix}${match[1]}` : undefined;
}

/** A UUID as given: callers pass the field's trimmed text and send exactly what was checked. */
export function isUuid(value: string): boolean {
	return UUID.test(value);
}

export const ID_EXAMPLES = {
	sessionCode: 's123-456-789',
	teamViewerId: '123 456 789',
	user: 'u1234567',
	group: 'g2720325',
	device: 'd9876543',
	contact: 'c5551234',
	uuid: '0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11',
} as const;
