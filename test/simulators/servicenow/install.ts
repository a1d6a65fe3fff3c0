import { findRecord } from './lookup';
import { insertRecord, updateRecord, writerNow } from './records';
import type { ServiceNowState } from './state';
import { UpdateSetError, type ParsedUpdateSet } from './updateSet';

/** The author of what an update set creates. */
const COMMITTER = 'admin';

/**
 * Commits a parsed update set: its tables and fields join the dictionary (replacing earlier
 * definitions of the same table, as INSERT_OR_UPDATE does), its roles become sys_user_role records
 * with the update set's sys_ids. Installing the same update set again is harmless.
 */
export function installUpdateSet(state: ServiceNowState, parsed: ParsedUpdateSet): void {
	for (const def of parsed.tables) {
		state.dictionary.set(def.name, { ...def, fields: new Map(def.fields) });
		if (!state.tables.has(def.name)) state.tables.set(def.name, new Map());
	}
	for (const [table, defs] of parsed.addedFields) {
		const target = state.dictionary.get(table);
		if (!target) {
			throw new UpdateSetError(
				`The update set adds fields to ${table}, a table the simulator does not have`,
			);
		}
		for (const def of defs) target.fields.set(def.name, def);
	}
	const writer = writerNow(COMMITTER);
	for (const { sys_id, name, description, includes_roles } of parsed.roles) {
		const fields = { name, description, includes_roles, suffix: name };
		const existing = findRecord(state, 'sys_user_role', sys_id);
		if (existing) updateRecord(state, 'sys_user_role', existing, fields, writer);
		else insertRecord(state, 'sys_user_role', { sys_id, ...fields }, writer);
	}
	const index = state.updateSets.findIndex((installed) => installed.sysId === parsed.sysId);
	if (index >= 0) state.updateSets[index] = parsed;
	else state.updateSets.push(parsed);
}
