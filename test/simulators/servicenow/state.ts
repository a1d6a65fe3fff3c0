import { DEFAULT_REFERENCES, STANDARD_TABLES, type JournalField } from './schema';

/** A stored record: as with `sysparm_display_value=false`, every value is a string. */
export type SnRecord = Record<string, string>;

export interface JournalEntry {
	/** The record's class (`incident`, not `task`). */
	table: string;
	sys_id: string;
	element: JournalField;
	value: string;
	/** `yyyy-MM-dd HH:mm:ss` UTC. */
	created_on: string;
	/** `user_name` of the writer. */
	created_by: string;
}

export interface AccessToken {
	userName: string;
	clientId: string;
	expiresAtMs: number;
}

export interface RefreshGrant {
	userName: string;
	clientId: string;
}

/** Everything the simulated instance holds. */
export interface ServiceNowState {
	/** Class table → sys_id → record; a record lives in the table of its `sys_class_name`. */
	tables: Map<string, Map<string, SnRecord>>;
	journal: JournalEntry[];
	/** Reference field name → the table it points to. */
	references: Map<string, string>;
	/** `user_name` → password, for Basic auth and the OAuth password grant. */
	passwords: Map<string, string>;
	/** OAuth client_id → client_secret. */
	oauthClients: Map<string, string>;
	accessTokens: Map<string, AccessToken>;
	refreshTokens: Map<string, RefreshGrant>;
	/** Next sys_id seed and next number per prefix. */
	counters: { sysIds: number; numbers: Map<string, number> };
}

export function createState(): ServiceNowState {
	return {
		tables: new Map(STANDARD_TABLES.map((table) => [table, new Map()])),
		journal: [],
		references: new Map(Object.entries(DEFAULT_REFERENCES)),
		passwords: new Map(),
		oauthClients: new Map(),
		accessTokens: new Map(),
		refreshTokens: new Map(),
		counters: { sysIds: 1, numbers: new Map() },
	};
}

/** Empties `state` in place, so references held by tests stay valid. */
export function resetState(state: ServiceNowState): void {
	Object.assign(state, createState());
}

/** A JSON-friendly copy for `GET /__state`; secrets and tokens are left out. */
export function snapshotState(state: ServiceNowState): Record<string, unknown> {
	return {
		tables: Object.fromEntries(
			[...state.tables].map(([table, records]) => [table, [...records.values()]]),
		),
		journal: state.journal,
		references: Object.fromEntries(state.references),
	};
}
