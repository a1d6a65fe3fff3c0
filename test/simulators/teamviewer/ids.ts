import type { StringRules } from './input';
import type { Random } from './random';
import type { IdKind, SimState } from './state';

export const USER_ID: StringRules = { pattern: /^u\d+$/, expected: 'look like u1234567' };
export const GROUP_ID: StringRules = { pattern: /^g\d+$/, expected: 'look like g1234567' };

const PREFIXES: Record<IdKind, string> = { user: 'u', group: 'g', device: 'd', contact: 'c' };

function isTaken(state: SimState, kind: IdKind, id: string): boolean {
	const maps = {
		user: state.users,
		group: state.groups,
		device: state.devices,
		contact: state.contacts,
	};
	return maps[kind].has(id);
}

/** Next free sequential id of a kind: `u1000001`, `g2720001`, `d9870001`, `c5550001` … */
export function nextId(state: SimState, kind: IdKind): string {
	let id: string;
	do {
		id = `${PREFIXES[kind]}${state.nextIds[kind]++}`;
	} while (isTaken(state, kind, id));
	return id;
}

/** Dashed session code `s123-456-789` from the nine digits in any accepted spelling. */
export function formatSessionCode(digits: string): string {
	return `s${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)}`;
}

/** `s123-456-789` or `s123456789` (any case) → `s123-456-789`; anything else → undefined. */
export function normalizeSessionCode(code: string): string | undefined {
	const match = /^s(\d{3})-?(\d{3})-?(\d{3})$/i.exec(code.trim());
	return match ? formatSessionCode(match.slice(1).join('')) : undefined;
}

export function newSessionCode(state: SimState, random: Random = state.random): string {
	let code: string;
	do {
		code = formatSessionCode(random.digits(9));
	} while (state.sessions.has(code));
	return code;
}

/** Token-shaped secret `1234567-AbCdEfGhIjKlMnOpQrSt` (the form of client ids and script tokens). */
export function newToken(random: Random): string {
	return `${random.digits(7)}-${random.alphanumeric(20)}`;
}

/** A TeamViewer ID from `123456789`, `123 456 789` or `r123456789`; anything else → undefined. */
export function parseTeamViewerId(text: string): number | undefined {
	const match = /^r?(\d{6,10})$/i.exec(text.replace(/\s+/g, ''));
	return match ? Number(match[1]) : undefined;
}
