import { json, type Reply } from '../common';

/*
 * SDP v3 answers: `{ <entity>: {...}, response_status: { status_code: 2000, status: 'success' } }` for one
 * record, `{ <entities>: [...], list_info, response_status: [ {...} ] }` for a list, and
 * `{ response_status: { status_code: 4000, status: 'failed', messages: [...] } }` for errors.
 */

export const SUCCESS = { status_code: 2000, status: 'success' } as const;

/**
 * Codes inside `messages`, paired with HTTP statuses as the v3 "Status codes" table lists them (SDP on-premises
 * v3 docs, getting-started/common-error-code.html; README S22): 4001/400 a value that does not exist or cannot be
 * set, 4007/404 unknown URL or resource, 4012/400 mandatory field missing, 4016/400 start/end time mismatch,
 * 4021/400 data type mismatch. 4002 for a refused token is the simulator's (README S6, choice 4).
 */
export const MESSAGE_CODES = {
	invalidValue: 4001,
	unauthorised: 4002,
	notFound: 4007,
	mandatoryMissing: 4012,
	timeMismatch: 4016,
	typeMismatch: 4021,
} as const;

export interface SdpMessage {
	status_code: number;
	type: 'failed';
	message: string;
	field?: string;
}

export class SdpError extends Error {
	constructor(
		readonly httpStatus: number,
		readonly messageCode: number,
		message: string,
		readonly field?: string,
	) {
		super(message);
	}
}

export function invalidValue(field: string, message: string): SdpError {
	return new SdpError(400, MESSAGE_CODES.invalidValue, message, field);
}

/** A value of the wrong JSON type (text for a boolean, a word for a number …). */
export function typeMismatch(field: string, message: string): SdpError {
	return new SdpError(400, MESSAGE_CODES.typeMismatch, message, field);
}

export function mandatoryMissing(field: string): SdpError {
	return new SdpError(400, MESSAGE_CODES.mandatoryMissing, `${field} is mandatory.`, field);
}

export function notFound(what: string): SdpError {
	return new SdpError(404, MESSAGE_CODES.notFound, what);
}

export function errorReply(error: SdpError, headers?: Record<string, string>): Reply {
	const message: SdpMessage = {
		status_code: error.messageCode,
		type: 'failed',
		message: error.message,
	};
	if (error.field !== undefined) message.field = error.field;
	return json(
		{ response_status: { status_code: 4000, status: 'failed', messages: [message] } },
		error.httpStatus,
		headers,
	);
}

export function one(key: string, entity: unknown, status = 200): Reply {
	return json({ [key]: entity, response_status: SUCCESS }, status);
}

export interface ListInfo {
	has_more_rows: boolean;
	row_count: number;
	start_index: number;
}

export function list(key: string, entities: unknown[], info: ListInfo): Reply {
	return json({ [key]: entities, list_info: info, response_status: [SUCCESS] });
}

/** SDP's date-time object: milliseconds as a string, and a readable form (UTC here). */
export function dateTime(ms: number | null): { display_value: string; value: string } | null {
	if (ms === null) return null;
	const date = new Date(ms);
	const month = date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
	const pad = (value: number) => String(value).padStart(2, '0');
	const hours = date.getUTCHours();
	const display = `${month} ${pad(date.getUTCDate())}, ${date.getUTCFullYear()} ${pad(hours % 12 || 12)}:${pad(date.getUTCMinutes())} ${hours < 12 ? 'AM' : 'PM'}`;
	return { display_value: display, value: String(ms) };
}
