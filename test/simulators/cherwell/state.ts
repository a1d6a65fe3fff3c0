import { createHash } from 'crypto';

import { BUSINESS_OBJECTS, businessObject } from './schema';

/** A stored business object record: field name → value (always text, as CSM's API shows them). */
export type CwFields = Record<string, string>;

export interface CwRecord {
	busObId: string;
	/** Field values by name, RecID and the public ID field included. */
	fields: CwFields;
}

export interface Grant {
	username: string;
	clientId: string;
	/** On the simulator clock. */
	expiresAtMs: number;
}

/** Where CSM's documentation is silent or the simulator chooses; see README "Knobs". */
export interface CherwellKnobs {
	/**
	 * Refuse a second record with the same (non-numbered) public ID. CSM does not: a Public ID is "a single Field
	 * that best represents the Business Object (example: … Customer's full name for the Customer object)" and only
	 * RecID is unique. Default false, so flows cannot lean on it.
	 */
	uniquePublicIds: boolean;
	/** Rows per `getsearchresults` page when the request gives no `pageSize` (not documented; small on purpose). */
	searchDefaultPageSize: number;
}

export const DEFAULT_KNOBS: CherwellKnobs = { uniquePublicIds: false, searchDefaultPageSize: 20 };

export interface CherwellState {
	knobs: CherwellKnobs;
	/** busObId → RecID → record, in insertion order. */
	records: Map<string, Map<string, CwRecord>>;
	/** CSM user (internal login) → password. */
	users: Map<string, string>;
	/** REST API client IDs created in CSM Administrator. */
	clients: Set<string>;
	accessTokens: Map<string, Grant>;
	refreshTokens: Map<string, Grant>;
	counters: { recIds: number; publicIds: Map<string, number> };
}

/** Where auto-numbered public IDs start (Incident 101001, …). */
export const FIRST_PUBLIC_ID = 101001;

export function createState(): CherwellState {
	return {
		knobs: { ...DEFAULT_KNOBS },
		records: new Map(BUSINESS_OBJECTS.map((definition) => [definition.busObId, new Map()])),
		users: new Map(),
		clients: new Set(),
		accessTokens: new Map(),
		refreshTokens: new Map(),
		counters: { recIds: 1, publicIds: new Map() },
	};
}

/** Empties `state` in place, so references held by tests stay valid. */
export function resetState(state: CherwellState): void {
	const { knobs } = state;
	Object.assign(state, createState(), { knobs });
}

/** 42 hex characters like CSM's RecIDs, deterministic after a reset. */
export function nextRecId(state: CherwellState): string {
	const n = state.counters.recIds++;
	return `94${createHash('sha1').update(`record:${n}`).digest('hex')}`;
}

export function nextPublicNumber(state: CherwellState, busObId: string): string {
	const next = state.counters.publicIds.get(busObId) ?? FIRST_PUBLIC_ID;
	state.counters.publicIds.set(busObId, next + 1);
	return String(next);
}

export function recordsOf(state: CherwellState, busObIdOrName: string): CwRecord[] {
	const definition = businessObject(busObIdOrName);
	if (!definition) throw new Error(`There is no business object "${busObIdOrName}".`);
	return [...(state.records.get(definition.busObId)?.values() ?? [])];
}

/** A JSON-friendly copy for `GET /__state`: records by object name; no passwords or tokens. */
export function snapshotState(state: CherwellState): Record<string, unknown> {
	return {
		businessObjects: Object.fromEntries(
			BUSINESS_OBJECTS.map((definition) => [
				definition.name,
				recordsOf(state, definition.busObId).map((record) => record.fields),
			]),
		),
		users: [...state.users.keys()],
		clients: [...state.clients],
	};
}
