import { isRecord, type ApiRequest } from '../common';
import { invalidValue, SdpError, MESSAGE_CODES, typeMismatch, type ListInfo } from './envelope';

/*
 * SDP v3 takes its input as one JSON document called `input_data`: a form field on writes
 * (`application/x-www-form-urlencoded`), a query parameter on reads.
 */

export type Input = Record<string, unknown>;

function badInput(message: string): SdpError {
	return new SdpError(400, MESSAGE_CODES.invalidValue, message, 'input_data');
}

function parseInputData(text: string): Input {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw badInput('input_data is not valid JSON.');
	}
	if (!isRecord(parsed)) throw badInput('input_data must be a JSON object.');
	return parsed;
}

/** The `input_data` of a read (query parameter, optional). */
export function readInput(request: ApiRequest): Input {
	const text = request.url.searchParams.get('input_data');
	return text === null || text.trim() === '' ? {} : parseInputData(text);
}

/** The `input_data` form field of a write; a JSON body is refused (choice 3 in the README). */
export function writeInput(request: ApiRequest): Input {
	const type = String(request.headers['content-type'] ?? '').toLowerCase();
	if (!type.includes('application/x-www-form-urlencoded')) {
		throw badInput(
			`Send the body as application/x-www-form-urlencoded with one field input_data (got '${type || 'no Content-Type'}').`,
		);
	}
	const form = isRecord(request.body.value) ? request.body.value : {};
	if (typeof form.input_data !== 'string') throw badInput('The form has no input_data field.');
	return parseInputData(form.input_data);
}

/** The object under `key` (`request`, `request_note`, `worklog`), which must be there. */
export function entityInput(input: Input, key: string): Input {
	const value = input[key];
	if (!isRecord(value)) throw badInput(`input_data must hold an object "${key}".`);
	return value;
}

export function optionalBoolean(input: Input, key: string): boolean {
	const value = input[key];
	if (value === undefined || value === null) return false;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw typeMismatch(key, `${key} must be true or false.`);
}

/**
 * A non-negative integer given as a number or a digit string: not a whole number at all is a type mismatch
 * (4021), a negative one an invalid value (4001).
 */
export function wholeNumber(value: unknown, field: string): number {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const message = `${field} must be a whole number of zero or more; got ${JSON.stringify(value)}.`;
	if (/^-\d+$/.test(text)) throw invalidValue(field, message);
	if (!/^\d+$/.test(text)) throw typeMismatch(field, message);
	return Number(text);
}

/** A date-time: `{ value: ms }` as SDP writes it back, or the milliseconds themselves. */
export function dateTimeInput(value: unknown, field: string): number | null {
	if (value === undefined || value === null) return null;
	const raw = isRecord(value) ? value.value : value;
	return wholeNumber(raw, `${field}.value`);
}

/** `list_info`: `row_count` (default 10, at most 100) and `start_index` (from 1). */
export function listWindow<T>(items: T[], input: Input): { page: T[]; info: ListInfo } {
	const listInfo = isRecord(input.list_info) ? input.list_info : {};
	const rowCount =
		listInfo.row_count === undefined ? 10 : wholeNumber(listInfo.row_count, 'list_info.row_count');
	const startIndex =
		listInfo.start_index === undefined
			? 1
			: wholeNumber(listInfo.start_index, 'list_info.start_index');
	if (rowCount < 1 || rowCount > 100)
		throw invalidValue('list_info.row_count', 'list_info.row_count must be between 1 and 100.');
	if (startIndex < 1)
		throw invalidValue('list_info.start_index', 'list_info.start_index starts at 1.');
	const page = items.slice(startIndex - 1, startIndex - 1 + rowCount);
	return {
		page,
		info: {
			has_more_rows: startIndex - 1 + rowCount < items.length,
			row_count: page.length,
			start_index: startIndex,
		},
	};
}
