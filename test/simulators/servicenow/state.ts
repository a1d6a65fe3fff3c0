import type { SnAttachment } from './attachment';
import { fieldDef, standardDictionary, type Dictionary } from './dictionary';
import { DEFAULT_KNOBS, type Knobs } from './knobs';
import { encryptedPassword } from './password';
import { DEFAULT_REFERENCES, type JournalField } from './schema';
import type { ParsedUpdateSet } from './updateSet';

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
	/** Tables with a data dictionary: the standard ones and those of installed update sets. */
	dictionary: Dictionary;
	/** Installed update sets, in order; `reset()` installs them again. */
	updateSets: ParsedUpdateSet[];
	/** Behaviour switches (knobs.ts); kept by `reset()`. */
	knobs: Knobs;
	journal: JournalEntry[];
	/** Files attached through the Attachment API (attachment.ts), oldest first. */
	attachments: SnAttachment[];
	/** Reference field name → the table it points to, for schemaless tables. */
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

export function createState(knobs: Knobs = { ...DEFAULT_KNOBS }): ServiceNowState {
	const dictionary = standardDictionary();
	return {
		tables: new Map([...dictionary.keys()].map((table) => [table, new Map()])),
		dictionary,
		updateSets: [],
		knobs,
		journal: [],
		attachments: [],
		references: new Map(Object.entries(DEFAULT_REFERENCES)),
		passwords: new Map(),
		oauthClients: new Map(),
		accessTokens: new Map(),
		refreshTokens: new Map(),
		counters: { sysIds: 1, numbers: new Map() },
	};
}

/**
 * Empties `state` in place, so references held by tests stay valid. Knobs and the list of installed
 * update sets are kept (the caller installs them again: records are gone, the schema is not).
 */
export function resetState(state: ServiceNowState): void {
	const { knobs, updateSets } = state;
	Object.assign(state, createState(knobs));
	state.updateSets = updateSets;
}

/** A record with its Password (2 Way Encrypted) fields as the database holds them (encrypted). */
function withoutClearPasswords(state: ServiceNowState, record: SnRecord): SnRecord {
	const copy = { ...record };
	for (const [field, value] of Object.entries(record)) {
		if (fieldDef(state.dictionary, record.sys_class_name, field)?.type === 'password2') {
			copy[field] = encryptedPassword(record.sys_id, field, value);
		}
	}
	return copy;
}

/** A JSON-friendly copy for `GET /__state`; secrets and tokens are left out (passwords encrypted). */
export function snapshotState(state: ServiceNowState): Record<string, unknown> {
	return {
		tables: Object.fromEntries(
			[...state.tables].map(([table, records]) => [
				table,
				[...records.values()].map((record) => withoutClearPasswords(state, record)),
			]),
		),
		journal: state.journal,
		attachments: state.attachments.map(({ content, ...attachment }) => ({ ...attachment, content: content.toString('base64') })),
		references: Object.fromEntries(state.references),
	};
}
