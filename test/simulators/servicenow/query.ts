/*
 * The subset of ServiceNow encoded queries the simulator understands: `field<op>value` terms joined
 * by `^` (AND), `^OR` (OR with the previous term) and `^NQ` (OR of whole queries), plus `ORDERBY` /
 * `ORDERBYDESC` terms. Fields may be dot-walked (`caller_id.email`). Anything else is a QueryError.
 */

const OPERATORS = [
	'ISNOTEMPTY',
	'ISEMPTY',
	'STARTSWITH',
	'ENDSWITH',
	'NOT LIKE',
	'LIKE',
	'NOT IN',
	'IN',
	'!=',
	'>=',
	'<=',
	'=',
	'>',
	'<',
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Condition {
	field: string;
	operator: Operator;
	value: string;
}

export interface OrderBy {
	field: string;
	descending: boolean;
}

export interface EncodedQuery {
	/** OR of `^NQ` branches; each an AND of terms; each term an OR of conditions. */
	branches: Condition[][][];
	orderBy: OrderBy[];
}

/** Reads a field path of a record: the plain or dot-walked value, '' when absent. */
export type FieldReader = (path: string) => string;

export class QueryError extends Error {}

const TERM = new RegExp(
	`^([a-z0-9_.]+?)(${OPERATORS.map((op) => op.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(.*)$`,
	's',
);

function parseCondition(term: string): Condition {
	const match = TERM.exec(term);
	if (!match) throw new QueryError(`The simulator does not understand the query term '${term}'.`);
	const [, field, operator, value] = match as unknown as [string, string, Operator, string];
	if (value.startsWith('javascript:')) {
		throw new QueryError(`The simulator does not evaluate scripted values: '${term}'.`);
	}
	return { field, operator, value };
}

export function parseEncodedQuery(text: string): EncodedQuery {
	const orderBy: OrderBy[] = [];
	const branches = text.split('^NQ').map((branch) => {
		const terms: Condition[][] = [];
		for (const term of branch.split('^')) {
			if (term === '' || term === 'EQ') continue;
			const order = /^ORDERBY(DESC)?(.+)$/.exec(term);
			if (order) orderBy.push({ field: order[2], descending: order[1] !== undefined });
			else if (term.startsWith('OR') && terms.length > 0) {
				terms[terms.length - 1].push(parseCondition(term.slice(2)));
			} else terms.push([parseCondition(term)]);
		}
		return terms;
	});
	return { branches, orderBy };
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Numbers as numbers, everything else (including `yyyy-MM-dd HH:mm:ss`) as text. */
function compare(a: string, b: string): number {
	if (NUMBER.test(a) && NUMBER.test(b)) return Number(a) - Number(b);
	return a < b ? -1 : a > b ? 1 : 0;
}

function test({ operator, value }: Condition, actual: string): boolean {
	const have = actual.toLowerCase();
	const want = value.toLowerCase();
	switch (operator) {
		case '=':
			return have === want;
		case '!=':
			return have !== want;
		case '>':
		case '>=':
		case '<':
		case '<=': {
			if (actual === '') return false;
			const order = compare(actual, value);
			if (operator === '>') return order > 0;
			if (operator === '>=') return order >= 0;
			if (operator === '<') return order < 0;
			return order <= 0;
		}
		case 'STARTSWITH':
			return have.startsWith(want);
		case 'ENDSWITH':
			return have.endsWith(want);
		case 'LIKE':
			return have.includes(want);
		case 'NOT LIKE':
			return !have.includes(want);
		case 'IN':
			return want.split(',').includes(have);
		case 'NOT IN':
			return !want.split(',').includes(have);
		case 'ISEMPTY':
			return actual === '';
		case 'ISNOTEMPTY':
			return actual !== '';
	}
}

export function matches(query: EncodedQuery, read: FieldReader): boolean {
	const nonEmpty = query.branches.filter((terms) => terms.length > 0);
	if (nonEmpty.length === 0) return true;
	return nonEmpty.some((terms) =>
		terms.every((alternatives) =>
			alternatives.some((condition) => test(condition, read(condition.field))),
		),
	);
}

/** Sorts by the ORDERBY terms, first term first; a stable sort keeps the stored order otherwise. */
export function sortBy<T>(items: T[], orderBy: OrderBy[], reader: (item: T) => FieldReader): T[] {
	return [...items].sort((a, b) => {
		for (const { field, descending } of orderBy) {
			const order = compare(reader(a)(field), reader(b)(field));
			if (order !== 0) return descending ? -order : order;
		}
		return 0;
	});
}
