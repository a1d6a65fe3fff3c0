import { matches, sortBy, type EncodedQuery } from './query';
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

/** Where a (dot-walked) field path ends: the record holding the last field, which may be missing. */
export interface ResolvedField {
	owner: SnRecord | undefined;
	field: string;
	value: string;
}

/** `caller_id.email` follows the `caller_id` reference to the user and reads `email` there. */
export function resolvePath(state: ServiceNowState, record: SnRecord, path: string): ResolvedField {
	const parts = path.split('.');
	const field = parts.pop() ?? path;
	let owner: SnRecord | undefined = record;
	for (const part of parts) {
		const target = state.references.get(part);
		const value: string = owner?.[part] ?? '';
		owner = target !== undefined && value !== '' ? findRecord(state, target, value) : undefined;
	}
	return { owner, field, value: owner?.[field] ?? '' };
}

/** The records of `table` (and its descendants) that match, in the query's order. */
export function queryRecords(
	state: ServiceNowState,
	table: string,
	query: EncodedQuery,
): SnRecord[] {
	const reader = (record: SnRecord) => (path: string) => resolvePath(state, record, path).value;
	return sortBy(
		tableRecords(state, table).filter((record) => matches(query, reader(record))),
		query.orderBy,
		reader,
	);
}
