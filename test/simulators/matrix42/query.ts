import {
	AsqlError,
	parseColumns,
	parseSort,
	parseWhere,
	type Column,
	type Condition,
	type Literal,
	type Path,
} from './asql';
import { decodeRowVersion } from './ids';
import { allFragments, displayString, fragmentById } from './records';
import { CONFIGURATION_ITEMS, DATA_DEFINITIONS, canonicalName, type AttributeType } from './schema';
import type { Fragment, M42Object, Matrix42State, Value } from './state';

/** What a path evaluates to: the value and, when it is an attribute, its type. */
interface Resolved {
	value: Value;
	type?: AttributeType;
}

interface Context {
	object: M42Object;
	dataDefinition: string;
	fragment: Fragment;
}

function attributeOf(dataDefinition: string, name: string): string {
	const attribute = canonicalName(Object.keys(DATA_DEFINITIONS[dataDefinition]), name);
	if (attribute === undefined) throw new AsqlError(`Class ${dataDefinition} does not contain attribute ${name}.`);
	return attribute;
}

/** Follows a path from one fragment: pivots, relations, pickups' `.Value` / `.DisplayString`. */
export function resolvePath(state: Matrix42State, start: Context, path: Path): Resolved {
	let context: Context | undefined = start;
	const { segments } = path;
	for (let i = 0; i < segments.length; i++) {
		const segment = segments[i];
		const last = i === segments.length - 1;
		if (segment.kind === 'pivot') {
			const dataDefinition = canonicalName(CONFIGURATION_ITEMS[start.object.ci], segment.dataDefinition);
			if (dataDefinition === undefined || last) {
				throw new AsqlError(`ASQL: T(${segment.dataDefinition}) is not a data definition of ${start.object.ci} here.`);
			}
			context = context && { ...context, dataDefinition, fragment: context.object.fragments.get(dataDefinition)! };
			continue;
		}
		const name = segment.name.toLowerCase();
		if (name === 'expression-objectid') {
			if (!last) throw new AsqlError('ASQL: [Expression-ObjectID] ends a path.');
			return { value: context?.object.ID ?? null };
		}
		if (name === 'id' && last) return { value: context?.fragment.ID ?? null };
		if (name === 'displaystring' && last) {
			return { value: context ? displayString(context.dataDefinition, context.fragment) : null };
		}
		if (!context) return { value: null };
		const attribute = attributeOf(context.dataDefinition, segment.name);
		const type: AttributeType = DATA_DEFINITIONS[context.dataDefinition][attribute];
		const value: Value = context.fragment[attribute] ?? null;
		if (last) return { value, type };
		if (typeof type === 'object' && 'pickup' in type) {
			const next = segments[i + 1];
			if (i + 2 !== segments.length || next.kind !== 'attribute' || !/^(value|displaystring)$/i.test(next.name)) {
				throw new AsqlError(`ASQL: a pickup (${attribute}) is followed only by .Value or .DisplayString.`);
			}
			if (/^value$/i.test(next.name)) return { value, type: 'number' };
			return { value: value === null ? null : (type.pickup[Number(value)] ?? null), type: 'string' };
		}
		if (typeof type !== 'object' || !('relation' in type)) {
			throw new AsqlError(`ASQL: ${context.dataDefinition}.${attribute} is not a relation; it cannot be followed.`);
		}
		const target: { object: M42Object; fragment: Fragment } | undefined =
			value === null ? undefined : fragmentById(state, type.relation, String(value));
		context = target && { object: target.object, dataDefinition: type.relation, fragment: target.fragment };
	}
	throw new AsqlError(`ASQL: the path '${path.text}' does not end at an attribute.`);
}

type Comparable = { kind: 'number'; value: number } | { kind: 'bigint'; value: bigint } | { kind: 'text'; value: string };

function comparable(value: Value, type: AttributeType | undefined, literal: Literal): [Comparable, Comparable] | undefined {
	if (value === null) return undefined;
	if (type === 'rowversion') {
		const stored = decodeRowVersion(value);
		if (stored === undefined || literal.kind !== 'number') return undefined;
		return [{ kind: 'bigint', value: stored }, { kind: 'bigint', value: BigInt(Math.trunc(literal.value)) }];
	}
	if (type === 'date' || literal.kind === 'date') {
		const a = Date.parse(String(value));
		const b = Date.parse(String(literal.value));
		if (Number.isNaN(a) || Number.isNaN(b)) return undefined;
		return [{ kind: 'number', value: a }, { kind: 'number', value: b }];
	}
	if (typeof value === 'number' || literal.kind === 'number') {
		const a = Number(value);
		const b = Number(literal.value);
		if (Number.isNaN(a) || Number.isNaN(b)) return undefined;
		return [{ kind: 'number', value: a }, { kind: 'number', value: b }];
	}
	return [{ kind: 'text', value: String(value).toLowerCase() }, { kind: 'text', value: String(literal.value).toLowerCase() }];
}

function order(a: Comparable, b: Comparable): number {
	if (a.value < b.value) return -1;
	return a.value > b.value ? 1 : 0;
}

function likePattern(pattern: string): RegExp {
	const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
	return new RegExp(`^${source}$`, 'is');
}

function holds(state: Matrix42State, context: Context, condition: Condition): boolean {
	const { value, type } = resolvePath(state, context, condition.path);
	if (condition.operator === 'IS NULL') return value === null;
	if (condition.operator === 'IS NOT NULL') return value !== null;
	const literal = condition.literal!;
	if (condition.operator === 'LIKE') return value !== null && likePattern(String(literal.value)).test(String(value));
	const pair = comparable(value, type, literal);
	if (!pair) return false;
	const result = order(pair[0], pair[1]);
	switch (condition.operator) {
		case '=':
			return result === 0;
		case '<>':
			return result !== 0;
		case '<':
			return result < 0;
		case '<=':
			return result <= 0;
		case '>':
			return result > 0;
		default:
			return result >= 0;
	}
}

function sortValue(value: unknown): Comparable | undefined {
	if (value === null || value === undefined) return undefined;
	if (typeof value === 'number') return { kind: 'number', value };
	const text = String(value);
	const rowVersion = /^[A-Za-z0-9+/]{11}=$/.test(text) ? decodeRowVersion(text) : undefined;
	if (rowVersion !== undefined) return { kind: 'bigint', value: rowVersion };
	if (/^\d{4}-\d{2}-\d{2}T/.test(text)) return { kind: 'number', value: Date.parse(text) };
	return { kind: 'text', value: text.toLowerCase() };
}

export interface FragmentQuery {
	where?: string;
	columns?: string;
	sort?: string;
	pageSize?: number;
	pageNumber?: number;
}

/**
 * `GET /data/fragments/{dd}`: the rows of `dataDefinition` matching `where`, projected to `columns`
 * (always with `ID` first and `DisplayString` last; no columns = only those two: help.matrix42.com "Fragments
 * Data Service: Get a list of Fragments", "If no Columns defines, then the Operation returns only Fragment Ids"),
 * sorted and paged (`pageNumber` counts from 0).
 */
export function queryFragments(state: Matrix42State, dataDefinition: string, query: FragmentQuery): Array<Record<string, unknown>> {
	const conditions = parseWhere(query.where);
	const requested = parseColumns(query.columns);
	const sort = parseSort(query.sort);
	const columns: Column[] = requested ?? [];
	for (const column of columns) {
		if (/^displaystring$/i.test(column.key) && !column.aliased) {
			throw new AsqlError('ASQL: DisplayString is always returned and cannot be requested.');
		}
	}
	const rows: Array<Record<string, unknown>> = [];
	for (const { object, fragment } of allFragments(state, dataDefinition)) {
		const context: Context = { object, dataDefinition, fragment };
		if (!conditions.every((condition) => holds(state, context, condition))) continue;
		const row: Record<string, unknown> = { ID: fragment.ID };
		for (const column of columns) {
			const key = column.aliased ? column.key : (resolveKey(dataDefinition, column) ?? column.key);
			row[key] = resolvePath(state, context, column.path).value;
		}
		row.DisplayString = displayString(dataDefinition, fragment);
		rows.push(row);
	}
	const keys = new Set(Object.keys(rows[0] ?? { ID: null, ...Object.fromEntries(columns.map((column) => [column.key, null])) }));
	for (const { key } of sort) {
		if (![...keys].some((candidate) => candidate.toLowerCase() === key.toLowerCase())) {
			throw new AsqlError(`ASQL: cannot sort by ${key}: it is not a selected column (sort names the output, alias included).`);
		}
	}
	const sorted = [...rows].sort((a, b) => {
		for (const { key, descending } of sort) {
			const name = Object.keys(a).find((candidate) => candidate.toLowerCase() === key.toLowerCase())!;
			const x = sortValue(a[name]);
			const y = sortValue(b[name]);
			const result = x === undefined ? (y === undefined ? 0 : -1) : y === undefined ? 1 : order(x, y);
			if (result !== 0) return descending ? -result : result;
		}
		return 0;
	});
	const size = query.pageSize ?? 100;
	const start = (query.pageNumber ?? 0) * size;
	return sorted.slice(start, start + size);
}

/** A plain attribute column comes back under the attribute's own spelling. */
function resolveKey(dataDefinition: string, column: Column): string | undefined {
	const [segment] = column.path.segments;
	if (segment.kind !== 'attribute') return undefined;
	if (/^id$/i.test(segment.name)) return 'ID';
	if (/^expression-objectid$/i.test(segment.name)) return 'Expression-ObjectID';
	return canonicalName(Object.keys(DATA_DEFINITIONS[dataDefinition]), segment.name);
}

/** The rows of `dataDefinition` matching `where`, as `{ object, fragment }` (for tests and the simulator itself). */
export function findFragments(
	state: Matrix42State,
	dataDefinition: string,
	where = '',
): Array<{ object: M42Object; fragment: Fragment }> {
	const conditions = parseWhere(where);
	return allFragments(state, dataDefinition).filter(({ object, fragment }) =>
		conditions.every((condition) => holds(state, { object, dataDefinition, fragment }, condition)),
	);
}
