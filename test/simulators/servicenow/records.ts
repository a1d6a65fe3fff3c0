import { displayFieldName, fieldDef, fieldDefs, hasDictionary, type FieldDef } from './dictionary';
import { formatDateTime, isSysId, newSysId, nextNumber, sysIdTaken } from './ids';
import { findRecord, tableRecords } from './lookup';
import {
	isJournalField,
	isTask,
	lineage,
	NUMBER_PREFIX,
	SYSTEM_FIELDS,
	taskStates,
	type JournalField,
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

/**
 * A write that a unique index refuses. ServiceNow answers the Table API with "Operation Failed" and
 * the GlideRecord error "Error during insert of <table> (<display value>)" (see README, UNCONFIRMED
 * status and wording).
 */
export class UniqueViolation extends Error {
	constructor(
		readonly operation: 'insert' | 'update',
		readonly table: string,
		readonly field: string,
		readonly value: string,
		readonly display: string,
	) {
		super(`Error during ${operation} of ${table} (${display})`);
	}
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

/** The display value of a record (its display field), else its sys_id. */
export function recordDisplay(state: ServiceNowState, record: SnRecord): string {
	return record[displayFieldName(state.dictionary, record.sys_class_name)] || record.sys_id;
}

/** A sys_id of the target table, or else the sys_id of the record displayed as `value` (as ServiceNow does). */
function resolveReference(state: ServiceNowState, target: string, value: string): string {
	if (value === '' || findRecord(state, target, value)) return value;
	const wanted = value.toLowerCase();
	const match = tableRecords(state, target).find(
		(record) =>
			(record[displayFieldName(state.dictionary, record.sys_class_name)] ?? '').toLowerCase() ===
			wanted,
	);
	return match?.sys_id ?? value;
}

function userSysId(state: ServiceNowState, userName: string): string {
	return tableRecords(state, 'sys_user').find((user) => user.user_name === userName)?.sys_id ?? '';
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const INTEGER = /^-?\d+$/;
/** Types whose max_length cuts the text. */
const TEXT_TYPES = new Set(['string', 'choice', 'url', 'email', 'ph_number']);

/**
 * The value a dictionary field stores for what the API sent, or undefined when the write does not
 * take (a value outside an update-set choice list, knob invalidChoice).
 */
function coerce(state: ServiceNowState, def: FieldDef, text: string): string | undefined {
	const { knobs } = state;
	let value = text;
	if (def.type === 'reference' && def.reference)
		value = resolveReference(state, def.reference, text);
	else if (def.type === 'glide_date_time' && value !== '' && !DATE_TIME.test(value)) {
		if (knobs.invalidDateTime === 'empty') value = '';
	} else if (def.type === 'integer' && value !== '' && !INTEGER.test(value)) {
		if (knobs.invalidInteger === 'empty') value = '';
	}
	if (def.choicesComplete && def.choices && value !== '' && !def.choices.has(value)) {
		if (knobs.invalidChoice === 'ignore') return undefined;
	}
	if (def.maxLength !== undefined && TEXT_TYPES.has(def.type) && value.length > def.maxLength) {
		if (knobs.overlongStrings === 'truncate') value = value.slice(0, def.maxLength);
	}
	return value;
}

/** A literal default, or the two scripted defaults the simulator evaluates. */
function defaultValue(state: ServiceNowState, def: FieldDef, writer: Writer): string | undefined {
	const raw = def.defaultValue;
	if (raw === undefined || raw === '') return def.type === 'boolean' ? 'false' : undefined;
	if (raw === 'javascript:gs.getUserID()') return userSysId(state, writer.userName);
	if (raw === 'javascript:gs.nowDateTime()') return writer.now;
	if (raw.startsWith('javascript:')) return undefined;
	return raw;
}

interface PreparedWrite {
	values: SnRecord;
	journal: Array<{ element: JournalField; value: string }>;
}

/**
 * Sorts a write into field values and journal entries. On a dictionary table a field it does not
 * have is ignored, as ServiceNow ignores it; `view` is the table in the URL (or the record's class
 * with the knob classFieldsThroughParent). System fields are never written.
 */
function prepareWrite(
	state: ServiceNowState,
	view: string,
	recordClass: string,
	fields: Record<string, unknown>,
): PreparedWrite {
	const dictionary = hasDictionary(state.dictionary, view);
	const prepared: PreparedWrite = { values: {}, journal: [] };
	for (const [field, raw] of Object.entries(fields)) {
		if (SYSTEM_FIELDS.has(field)) continue;
		const def = dictionary ? fieldDef(state.dictionary, view, field) : undefined;
		if (dictionary && !def) continue;
		const text = toFieldValue(raw);
		if (isTask(recordClass) && isJournalField(field)) {
			if (text.trim() !== '') prepared.journal.push({ element: field, value: text });
			continue;
		}
		if (def) {
			const value = coerce(state, def, text);
			if (value !== undefined) prepared.values[field] = value;
			continue;
		}
		const target = state.references.get(field);
		prepared.values[field] = target === undefined ? text : resolveReference(state, target, text);
	}
	return prepared;
}

/** Writes the values into `record`; `active` follows a task's `state`. Returns whether anything changed. */
function applyValues(record: SnRecord, values: SnRecord): boolean {
	let changed = false;
	for (const [field, value] of Object.entries(values)) {
		if (record[field] !== value) {
			record[field] = value;
			changed = true;
		}
	}
	if (isTask(record.sys_class_name) && 'state' in values) {
		record.active = taskStates(record.sys_class_name).inactive.includes(record.state)
			? 'false'
			: 'true';
	}
	return changed;
}

/**
 * The unique field `candidate` would duplicate, if any. The index lives on the table that defines
 * the field (spanning the tables extending it); text compares without regard to case, as the
 * instance database's collation does. The simulator is single-threaded, so check and write are one
 * atomic step, as with a real unique index.
 */
function uniqueConflict(state: ServiceNowState, candidate: SnRecord): FieldDef | undefined {
	for (const def of fieldDefs(state.dictionary, candidate.sys_class_name)) {
		if (!def.unique) continue;
		const value = (candidate[def.name] ?? '').toLowerCase();
		if (value === '') continue;
		const owner =
			lineage(candidate.sys_class_name).find((name) =>
				state.dictionary.get(name)?.fields.has(def.name),
			) ?? candidate.sys_class_name;
		const taken = tableRecords(state, owner).some(
			(other) =>
				other.sys_id !== candidate.sys_id && (other[def.name] ?? '').toLowerCase() === value,
		);
		if (taken) return def;
	}
	return undefined;
}

function writeJournal(
	state: ServiceNowState,
	record: SnRecord,
	prepared: PreparedWrite,
	writer: Writer,
): void {
	for (const { element, value } of prepared.journal) {
		state.journal.push({
			table: record.sys_class_name,
			sys_id: record.sys_id,
			element,
			value,
			created_on: writer.now,
			created_by: writer.userName,
		});
	}
}

/** Number, state and active of a new task (dictionary defaults give the rest). */
function taskDefaults(
	state: ServiceNowState,
	table: string,
	fields: Record<string, unknown>,
): SnRecord {
	const prefix =
		lineage(table)
			.map((name) => NUMBER_PREFIX[name])
			.find(Boolean) ?? 'TASK';
	return {
		number: typeof fields.number === 'string' ? fields.number : nextNumber(state, prefix),
		state: taskStates(table).initial,
		active: 'true',
	};
}

function dictionaryDefaults(state: ServiceNowState, table: string, writer: Writer): SnRecord {
	const defaults: SnRecord = {};
	if (!hasDictionary(state.dictionary, table)) return defaults;
	for (const def of fieldDefs(state.dictionary, table)) {
		if (SYSTEM_FIELDS.has(def.name)) continue;
		const value = defaultValue(state, def, writer);
		if (value !== undefined) defaults[def.name] = value;
	}
	return defaults;
}

/**
 * Inserts a record into `table`, which must exist (the caller answers 400 otherwise). A valid,
 * unused `sys_id` in `fields` is kept. Throws UniqueViolation before anything is stored.
 */
export function insertRecord(
	state: ServiceNowState,
	table: string,
	fields: Record<string, unknown>,
	writer: Writer,
): SnRecord {
	const records = state.tables.get(table);
	if (!records) throw new Error(`insertRecord: no table ${table}`);
	const wanted = typeof fields.sys_id === 'string' ? fields.sys_id : '';
	const sysId = isSysId(wanted) && !sysIdTaken(state, wanted) ? wanted : newSysId(state);
	const record: SnRecord = {
		sys_id: sysId,
		sys_class_name: table,
		...dictionaryDefaults(state, table, writer),
		...(isTask(table) ? taskDefaults(state, table, fields) : {}),
		sys_created_on: writer.now,
		sys_created_by: writer.userName,
		sys_updated_on: writer.now,
		sys_updated_by: writer.userName,
		sys_mod_count: '0',
	};
	const prepared = prepareWrite(state, table, table, fields);
	applyValues(record, prepared.values);
	const conflict = uniqueConflict(state, record);
	if (conflict) {
		throw new UniqueViolation(
			'insert',
			table,
			conflict.name,
			record[conflict.name],
			recordDisplay(state, record),
		);
	}
	records.set(sysId, record);
	writeJournal(state, record, prepared, writer);
	return record;
}

/**
 * Updates `record` through `view` (the table in the URL). Throws UniqueViolation before anything is
 * changed.
 */
export function updateRecord(
	state: ServiceNowState,
	view: string,
	record: SnRecord,
	fields: Record<string, unknown>,
	writer: Writer,
): void {
	const table = state.knobs.classFieldsThroughParent ? record.sys_class_name : view;
	const prepared = prepareWrite(state, table, record.sys_class_name, fields);
	const candidate = { ...record };
	const changed = applyValues(candidate, prepared.values);
	const conflict = uniqueConflict(state, candidate);
	if (conflict) {
		throw new UniqueViolation(
			'update',
			record.sys_class_name,
			conflict.name,
			candidate[conflict.name],
			recordDisplay(state, record),
		);
	}
	Object.assign(record, candidate);
	writeJournal(state, record, prepared, writer);
	if (!changed && prepared.journal.length === 0) return;
	record.sys_updated_on = writer.now;
	record.sys_updated_by = writer.userName;
	record.sys_mod_count = String(Number(record.sys_mod_count) + 1);
}

export function deleteRecord(state: ServiceNowState, record: SnRecord): void {
	state.tables.get(record.sys_class_name)?.delete(record.sys_id);
}
