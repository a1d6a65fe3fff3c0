/*
 * The tiny part of ASQL the simulator understands, in `where`, `columns` and `sort` of a fragments
 * query. Identifiers are case-insensitive and may be bracketed (`[Subject]`); a path follows
 * relations with dots (`Initiator.MailAddress`), pivots to a sibling definition with `T(DD)` and reads
 * a pickup's `.Value` / `.DisplayString`. `[Expression-ObjectID]` is the object id.
 *   where:   conditions joined by AND; operators = <> < <= > >= LIKE, IS NULL, IS NOT NULL;
 *            literals 'text' ('' escapes a quote), numbers, #2026-08-21# / #2026-08-21 14:12:56#
 *   columns: comma-separated paths, each optionally `AS Alias`; a dotted path needs an alias
 *   sort:    comma-separated output names (the alias where there is one), ASC or DESC
 * Anything else (OR, NOT, IN, functions, SUBQUERY) is an AsqlError, which the API answers with 400.
 */

export class AsqlError extends Error {}

export type Segment = { kind: 'attribute'; name: string } | { kind: 'pivot'; dataDefinition: string };

export interface Path {
	text: string;
	segments: Segment[];
}

export type Operator = '=' | '<>' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'IS NULL' | 'IS NOT NULL';

export type Literal = { kind: 'text'; value: string } | { kind: 'number'; value: number } | { kind: 'date'; value: string };

export interface Condition {
	path: Path;
	operator: Operator;
	literal?: Literal;
}

export interface Column {
	path: Path;
	/** The alias, or the attribute name of a one-segment path. */
	key: string;
	aliased: boolean;
}

export interface SortKey {
	key: string;
	descending: boolean;
}

/** For each character: whether it is outside quotes, #dates#, brackets and parentheses. */
function topLevel(text: string): boolean[] {
	const top: boolean[] = [];
	let depth = 0;
	let quote = false;
	let hash = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (quote) {
			top.push(false);
			if (char === "'" && text[i + 1] === "'") {
				top.push(false);
				i++;
			} else if (char === "'") quote = false;
			continue;
		}
		if (hash) {
			top.push(false);
			if (char === '#') hash = false;
			continue;
		}
		if (char === "'") quote = true;
		else if (char === '#') hash = true;
		else if (char === '[' || char === '(') depth++;
		else if (char === ']' || char === ')') depth--;
		if (depth < 0) throw new AsqlError('ASQL: brackets or parentheses do not match.');
		top.push(depth === 0 && !quote && !hash && char !== ']' && char !== ')');
	}
	if (quote) throw new AsqlError('ASQL: a string literal is not closed.');
	if (depth !== 0) throw new AsqlError('ASQL: brackets or parentheses do not match.');
	return top;
}

/** Splits where `separatorAt(i)` gives a length > 0 at a top-level position. */
function splitTopLevel(text: string, separatorAt: (rest: string, previous: string) => number): string[] {
	const top = topLevel(text);
	const parts: string[] = [];
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		if (!top[i]) continue;
		const length = separatorAt(text.slice(i), i === 0 ? ' ' : text[i - 1]);
		if (length > 0) {
			parts.push(text.slice(start, i));
			start = i + length;
			i = start - 1;
		}
	}
	parts.push(text.slice(start));
	return parts;
}

const char = (wanted: string) => (rest: string) => (rest.startsWith(wanted) ? 1 : 0);

/** A keyword surrounded by white space, e.g. ` AND `. */
const keyword = (word: string) => (rest: string, previous: string) =>
	/\s/.test(previous) && new RegExp(`^${word}\\s`, 'i').test(rest) ? word.length : 0;

function unbracket(name: string): string {
	const trimmed = name.trim();
	return trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1).trim() : trimmed;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function parsePath(text: string): Path {
	const trimmed = text.trim();
	if (trimmed === '') throw new AsqlError('ASQL: an empty expression.');
	const segments = splitTopLevel(trimmed, char('.')).map((raw): Segment => {
		const part = raw.trim();
		const pivot = /^T\(\s*(\[?[A-Za-z_][A-Za-z0-9_]*\]?)\s*\)$/i.exec(part);
		if (pivot) return { kind: 'pivot', dataDefinition: unbracket(pivot[1]) };
		const name = unbracket(part);
		if (!IDENTIFIER.test(name)) {
			throw new AsqlError(`ASQL: the simulator does not understand the expression '${trimmed}'.`);
		}
		return { kind: 'attribute', name };
	});
	return { text: trimmed, segments };
}

function stripParentheses(text: string): string {
	let result = text.trim();
	while (result.startsWith('(') && result.endsWith(')')) {
		const inner = result.slice(1, -1);
		try {
			topLevel(inner);
		} catch {
			break;
		}
		result = inner.trim();
	}
	return result;
}

function parseLiteral(text: string): Literal {
	const value = text.trim();
	if (/^'(?:[^']|'')*'$/.test(value)) return { kind: 'text', value: value.slice(1, -1).replace(/''/g, "'") };
	if (/^-?\d+(\.\d+)?$/.test(value)) return { kind: 'number', value: Number(value) };
	if (/^0x[0-9a-f]+$/i.test(value)) return { kind: 'number', value: Number.parseInt(value, 16) };
	const date = /^#(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?#$/.exec(value);
	if (date) return { kind: 'date', value: `${date[1]}T${(date[2] ?? '00:00:00').padEnd(8, ':00')}Z` };
	throw new AsqlError(`ASQL: '${value}' is not a literal the simulator understands.`);
}

const COMPARISON = /^(<>|<=|>=|=|<|>)/;

function parseCondition(text: string): Condition {
	const term = stripParentheses(text);
	const isNull = /^(.*?)\s+IS\s+(NOT\s+)?NULL$/is.exec(term);
	if (isNull) return { path: parsePath(isNull[1]), operator: isNull[2] ? 'IS NOT NULL' : 'IS NULL' };
	const like = splitTopLevel(term, keyword('LIKE'));
	if (like.length === 2) return { path: parsePath(like[0]), operator: 'LIKE', literal: parseLiteral(like[1]) };
	const top = topLevel(term);
	for (let i = 0; i < term.length; i++) {
		const match = top[i] ? COMPARISON.exec(term.slice(i)) : null;
		if (!match) continue;
		return {
			path: parsePath(term.slice(0, i)),
			operator: match[1] as Operator,
			literal: parseLiteral(term.slice(i + match[1].length)),
		};
	}
	throw new AsqlError(`ASQL: the simulator does not understand the condition '${term}'.`);
}

export function parseWhere(text: string | undefined): Condition[] {
	if (text === undefined || text.trim() === '') return [];
	const terms = splitTopLevel(text.trim(), keyword('AND'));
	for (const term of terms) {
		const unwrapped = stripParentheses(term);
		if (splitTopLevel(` ${unwrapped}`, keyword('OR')).length > 1 || /^NOT\s/i.test(unwrapped)) {
			throw new AsqlError('ASQL: the simulator understands only conditions joined by AND.');
		}
	}
	return terms.map(parseCondition);
}

export function parseColumns(text: string | undefined): Column[] | undefined {
	if (text === undefined || text.trim() === '') return undefined;
	return splitTopLevel(text, char(',')).map((raw) => {
		const parts = splitTopLevel(raw.trim(), keyword('AS'));
		if (parts.length > 2) throw new AsqlError(`ASQL: '${raw.trim()}' has more than one AS.`);
		const path = parsePath(parts[0]);
		if (parts.length === 2) {
			const alias = unbracket(parts[1]);
			if (!IDENTIFIER.test(alias)) throw new AsqlError(`ASQL: '${alias}' is not a valid alias.`);
			return { path, key: alias, aliased: true };
		}
		const [first] = path.segments;
		if (path.segments.length !== 1 || first.kind !== 'attribute') {
			throw new AsqlError(`ASQL: the expression '${path.text}' must carry an AS alias.`);
		}
		return { path, key: first.name, aliased: false };
	});
}

export function parseSort(text: string | undefined): SortKey[] {
	if (text === undefined || text.trim() === '') return [];
	return text.split(',').map((raw) => {
		const match = /^\s*([A-Za-z_][A-Za-z0-9_-]*)(?:\s+(ASC|DESC))?\s*$/i.exec(raw);
		if (!match) throw new AsqlError(`ASQL: '${raw.trim()}' is not a sort the simulator understands (Name ASC|DESC).`);
		return { key: match[1], descending: (match[2] ?? '').toUpperCase() === 'DESC' };
	});
}
