import { formatDateTime, isSysId, newSysId, nextNumber, sysIdTaken } from './ids';
import { findRecord, tableRecords } from './lookup';
import {
	displayField,
	isJournalField,
	isTask,
	NUMBER_PREFIX,
	lineage,
	SYSTEM_FIELDS,
	taskStates,
} from './schema';
import type { ServiceNowState, SnRecord } from './state';

/** Who writes, and when (`yyyy-MM-dd HH:mm:ss` UTC). */
export interface Writer {
	userName: string;
	now: string;
}

export function writerNow(userName: string): Writer {
	return { userName, now: formatDateTime(new Date()) };
}

/** Table API input → stored string: numbers and booleans as text, a `{value}` object by its value. */
function toFieldValue(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return value.map(toFieldValue).join(',');
	if (typeof value === 'object' && 'value' in value) return toFieldValue(value.value);
	return JSON.stringify(value);
}

/** A sys_id of the target table, or else the sys_id of the record displayed as `value` (as ServiceNow does). */
function resolveReference(state: ServiceNowState, target: string, value: string): string {
	if (value === '' || findRecord(state, target, value)) return value;
	const wanted = value.toLowerCase();
	const match = tableRecords(state, target).find(
		(record) => (record[displayField(record.sys_class_name)] ?? '').toLowerCase() === wanted,
	);
	return match?.sys_id ?? value;
}

function userSysId(state: ServiceNowState, userName: string): string {
	return tableRecords(state, 'sys_user').find((user) => user.user_name === userName)?.sys_id ?? '';
}

function taskDefaults(
	state: ServiceNowState,
	table: string,
	fields: Record<string, unknown>,
	writer: Writer,
): SnRecord {
	const prefix =
		lineage(table)
			.map((name) => NUMBER_PREFIX[name])
			.find(Boolean) ?? 'TASK';
	return {
		number: typeof fields.number === 'string' ? fields.number : nextNumber(state, prefix),
		state: taskStates(table).initial,
		active: 'true',
		short_description: '',
		description: '',
		...(table === 'incident' ? { caller_id: '' } : {}),
		opened_by: userSysId(state, writer.userName),
		opened_at: writer.now,
		assigned_to: '',
		assignment_group: '',
		cmdb_ci: '',
		impact: '3',
		urgency: '3',
		priority: '5',
		work_notes: '',
		comments: '',
		close_notes: '',
	};
}

/**
 * Writes `fields` into `record`; system fields are ignored, journal fields of tasks append to the
 * journal. Returns whether anything changed.
 */
function applyFields(
	state: ServiceNowState,
	record: SnRecord,
	fields: Record<string, unknown>,
	writer: Writer,
): boolean {
	const task = isTask(record.sys_class_name);
	let changed = false;
	for (const [field, raw] of Object.entries(fields)) {
		if (SYSTEM_FIELDS.has(field)) continue;
		const text = toFieldValue(raw);
		if (task && isJournalField(field)) {
			if (text.trim() === '') continue;
			state.journal.push({
				table: record.sys_class_name,
				sys_id: record.sys_id,
				element: field,
				value: text,
				created_on: writer.now,
				created_by: writer.userName,
			});
			changed = true;
			continue;
		}
		const target = state.references.get(field);
		const value = target === undefined ? text : resolveReference(state, target, text);
		if (record[field] !== value) {
			record[field] = value;
			changed = true;
		}
	}
	if (task && 'state' in fields) {
		record.active = taskStates(record.sys_class_name).inactive.includes(record.state)
			? 'false'
			: 'true';
	}
	return changed;
}

/** Creates the table on first use. A valid, unused `sys_id` in `fields` is kept. */
export function insertRecord(
	state: ServiceNowState,
	table: string,
	fields: Record<string, unknown>,
	writer: Writer,
): SnRecord {
	let records = state.tables.get(table);
	if (!records) {
		records = new Map();
		state.tables.set(table, records);
	}
	const wanted = typeof fields.sys_id === 'string' ? fields.sys_id : '';
	const sysId = isSysId(wanted) && !sysIdTaken(state, wanted) ? wanted : newSysId(state);
	const record: SnRecord = {
		sys_id: sysId,
		sys_class_name: table,
		...(isTask(table) ? taskDefaults(state, table, fields, writer) : {}),
		sys_created_on: writer.now,
		sys_created_by: writer.userName,
		sys_updated_on: writer.now,
		sys_updated_by: writer.userName,
		sys_mod_count: '0',
	};
	records.set(sysId, record);
	applyFields(state, record, fields, writer);
	return record;
}

export function updateRecord(
	state: ServiceNowState,
	record: SnRecord,
	fields: Record<string, unknown>,
	writer: Writer,
): void {
	if (!applyFields(state, record, fields, writer)) return;
	record.sys_updated_on = writer.now;
	record.sys_updated_by = writer.userName;
	record.sys_mod_count = String(Number(record.sys_mod_count) + 1);
}

export function deleteRecord(state: ServiceNowState, record: SnRecord): void {
	state.tables.get(record.sys_class_name)?.delete(record.sys_id);
}
