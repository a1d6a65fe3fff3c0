import { fieldDef, hasDictionary, type FieldDef } from './dictionary';
import { encryptedPassword } from './password';
import { matches, sortBy, type Condition, type EncodedQuery } from './query';
import { extendsTable } from './schema';
import type { ServiceNowState, SnRecord } from './state';

/** The records of `table` and of every table that extends it (`task` spans incident, problem, …). */
export function tableRecords(state: ServiceNowState, table: string): SnRecord[] {
	return [...state.tables]
		.filter(([name]) => extendsTable(name, table))
		.flatMap(([, records]) => [...records.values()]);
}

export function findRecord(
	state: ServiceNowState,
	table: string,
	sysId: string,
): SnRecord | undefined {
	for (const [name, records] of state.tables) {
		const record = records.get(sysId);
		if (record && extendsTable(name, table)) return record;
	}
	return undefined;
}

/** A field of a dictionary table, `schemaless` for a table without a dictionary, undefined when invalid. */
function lookupField(
	state: ServiceNowState,
	table: string,
	name: string,
): FieldDef | 'schemaless' | undefined {
	if (!hasDictionary(state.dictionary, table)) return 'schemaless';
	return fieldDef(state.dictionary, table, name);
}

/** One step of a dot-walk: the reference field and the table it points to. */
interface Hop {
	field: string;
	target: string | undefined;
}

/** A field path checked against the dictionaries it walks through. */
export type CheckedPath =
	| { valid: false }
	| { valid: true; hops: Hop[]; field: string; table: string; def: FieldDef | undefined };

/**
 * `caller_id.email` on incident: caller_id must be a reference field of incident, email a field of
 * its target table (sys_user). Any segment that the table does not have makes the path invalid.
 * Schemaless tables accept any field; their references are known by name (`state.references`).
 */
export function checkPath(state: ServiceNowState, table: string, path: string): CheckedPath {
	const parts = path.split('.');
	const last = parts.pop() ?? path;
	const hops: Hop[] = [];
	let current: string | undefined = table;
	for (const part of parts) {
		if (current === undefined) {
			hops.push({ field: part, target: undefined });
			continue;
		}
		const def = lookupField(state, current, part);
		if (def === undefined) return { valid: false };
		if (def === 'schemaless') current = state.references.get(part);
		else if (def.type === 'reference') current = def.reference;
		else return { valid: false };
		hops.push({ field: part, target: current });
	}
	if (current === undefined) return { valid: true, hops, field: last, table: '', def: undefined };
	const def = lookupField(state, current, last);
	if (def === undefined) return { valid: false };
	return {
		valid: true,
		hops,
		field: last,
		table: current,
		def: def === 'schemaless' ? undefined : def,
	};
}

/** Where a (dot-walked) field path ends: the record holding the last field, which may be missing. */
export interface ResolvedField {
	owner: SnRecord | undefined;
	field: string;
	/** The stored value; for Password (2 Way Encrypted) fields the clear text. */
	value: string;
	/** The field's dictionary entry; undefined on schemaless tables. */
	def: FieldDef | undefined;
}

/**
 * `caller_id.email` follows the `caller_id` reference to the user and reads `email` there; any
 * number of hops. undefined when the path is invalid for `table`.
 */
export function resolvePath(
	state: ServiceNowState,
	table: string,
	record: SnRecord,
	path: string,
): ResolvedField | undefined {
	const checked = checkPath(state, table, path);
	if (!checked.valid) return undefined;
	let owner: SnRecord | undefined = record;
	for (const { field, target } of checked.hops) {
		const value: string = owner?.[field] ?? '';
		owner = target !== undefined && value !== '' ? findRecord(state, target, value) : undefined;
	}
	return { owner, field: checked.field, value: owner?.[checked.field] ?? '', def: checked.def };
}

/** What a query compares: the stored value, encrypted for Password (2 Way Encrypted) fields. */
export function queryValue(resolved: ResolvedField | undefined): string {
	if (!resolved) return '';
	if (resolved.def?.type === 'password2' && resolved.owner) {
		return encryptedPassword(resolved.owner.sys_id, resolved.field, resolved.value);
	}
	return resolved.value;
}

/** The fields of a query that `table` does not have. */
export function invalidQueryFields(
	state: ServiceNowState,
	table: string,
	query: EncodedQuery,
): string[] {
	const fields = [
		...query.branches.flat(2).map((condition) => condition.field),
		...query.orderBy.map((order) => order.field),
	];
	return [...new Set(fields.filter((field) => !checkPath(state, table, field).valid))];
}

/** The query without the terms, alternatives and ORDERBYs that name an invalid field. */
export function withoutInvalidTerms(
	state: ServiceNowState,
	table: string,
	query: EncodedQuery,
): EncodedQuery {
	const valid = (condition: Condition) => checkPath(state, table, condition.field).valid;
	const branches = query.branches.map((terms) =>
		terms
			.map((alternatives) => alternatives.filter(valid))
			.filter((alternatives) => alternatives.length > 0),
	);
	const orderBy = query.orderBy.filter((order) => checkPath(state, table, order.field).valid);
	// A ^NQ branch left without terms matches every record, so the whole query does.
	const emptied = branches.some(
		(terms, index) => terms.length === 0 && query.branches[index].length > 0,
	);
	return { branches: emptied ? [[]] : branches, orderBy };
}

/** The records of `table` (and its descendants) that match, in the query's order. */
export function queryRecords(
	state: ServiceNowState,
	table: string,
	query: EncodedQuery,
): SnRecord[] {
	const reader = (record: SnRecord) => (path: string) =>
		queryValue(resolvePath(state, table, record, path));
	return sortBy(
		tableRecords(state, table).filter((record) => matches(query, reader(record))),
		query.orderBy,
		reader,
	);
}
