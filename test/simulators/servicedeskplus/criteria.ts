import { isRecord } from '../common';
import { invalidValue } from './envelope';

/*
 * The subset of `list_info.search_criteria` the simulator understands: one criterion or a list of them,
 * each `{ field, condition, value | values, logical_operator }`, combined left to right (AND unless a
 * criterion says `or`). Conditions: `is`, `is not`, `contains`; string comparison ignores case.
 */

type Fields = Record<string, string | null>;

interface Criterion {
	field: string;
	condition: 'is' | 'is not' | 'contains';
	values: string[];
	or: boolean;
}

function parseCriterion(raw: unknown, fields: readonly string[]): Criterion {
	if (!isRecord(raw))
		throw invalidValue('search_criteria', 'Each search criterion must be an object.');
	const field = String(raw.field ?? '');
	if (!fields.includes(field)) {
		throw invalidValue(
			'search_criteria',
			`Cannot search on field '${field}'; the simulator knows ${fields.join(', ')}.`,
		);
	}
	const condition = String(raw.condition ?? '').toLowerCase();
	if (condition !== 'is' && condition !== 'is not' && condition !== 'contains') {
		throw invalidValue(
			'search_criteria',
			`Condition '${condition}' is not supported; use is, is not or contains.`,
		);
	}
	const values = Array.isArray(raw.values)
		? raw.values.map(String)
		: raw.value !== undefined
			? [String(raw.value)]
			: [];
	if (values.length === 0)
		throw invalidValue('search_criteria', `The criterion on '${field}' has no value.`);
	const operator = String(raw.logical_operator ?? 'and').toLowerCase();
	return { field, condition, values, or: operator === 'or' };
}

function matches(record: Fields, criterion: Criterion): boolean {
	const actual = (record[criterion.field] ?? '').toLowerCase();
	const wanted = criterion.values.map((value) => value.toLowerCase());
	if (criterion.condition === 'contains') return wanted.some((value) => actual.includes(value));
	const equal = wanted.includes(actual);
	return criterion.condition === 'is' ? equal : !equal;
}

/** A predicate for `search_criteria`; everything matches when there is none. */
export function searchPredicate(
	raw: unknown,
	fields: readonly string[],
): (record: Fields) => boolean {
	if (raw === undefined || raw === null) return () => true;
	const criteria = (Array.isArray(raw) ? raw : [raw]).map((entry) => parseCriterion(entry, fields));
	return (record) =>
		criteria.reduce<boolean>((result, criterion, index) => {
			const hit = matches(record, criterion);
			if (index === 0) return hit;
			return criterion.or ? result || hit : result && hit;
		}, true);
}
