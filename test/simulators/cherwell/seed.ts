import { createRecord } from './businessObjects';
import { businessObject, fieldByName } from './schema';
import type { CherwellState, CwRecord } from './state';

export interface SeedRecord {
	/** Business object ID or name (`Incident`, `CustomerInternal`, `Customer - Internal`, …). */
	busOb: string;
	/** Values by field name; RecID, the auto-numbered public ID and the system fields are filled in. */
	fields: Record<string, string>;
}

export interface SeedData {
	/** Internal CSM logins: user name → password. */
	users?: Record<string, string>;
	/** REST API client IDs (CSM Administrator → Security → Edit REST API client settings). */
	clients?: string[];
	/** Added in order; a seed error (unknown object or field, missing required value) throws. */
	records?: SeedRecord[];
}

/** The author of seeded records. */
export const SEED_USER = 'CSDAdmin';

export function seedRecord(state: CherwellState, seed: SeedRecord, nowMs: number): CwRecord {
	const definition = businessObject(seed.busOb);
	if (!definition) throw new Error(`There is no business object "${seed.busOb}".`);
	const updates = Object.entries(seed.fields).map(([name, value]) => {
		const field = fieldByName(definition, name);
		if (!field) throw new Error(`${definition.displayName} has no field "${name}".`);
		return { field, value: String(value) };
	});
	const result = createRecord(state, definition, updates, { username: SEED_USER, nowMs });
	if ('errors' in result) throw new Error(result.errors.map((error) => error.error).join(' '));
	return result.record;
}

export function applySeed(state: CherwellState, data: SeedData, nowMs: number): CwRecord[] {
	for (const [username, password] of Object.entries(data.users ?? {}))
		state.users.set(username, password);
	for (const clientId of data.clients ?? []) state.clients.add(clientId);
	return (data.records ?? []).map((record) => seedRecord(state, record, nowMs));
}
