import { isRecord, json, noContent, type ApiRequest, type Reply } from '../common';
import { invalidTable, noRecord, snError } from './errors';
import { findRecord, invalidQueryFields, queryRecords, withoutInvalidTerms } from './lookup';
import { parseEncodedQuery, QueryError } from './query';
import { deleteRecord, insertRecord, UniqueViolation, updateRecord, writerNow } from './records';
import { renderRecord, type RenderOptions } from './render';
import type { ServiceNowState } from './state';

/** ServiceNow's default `sysparm_limit`. */
const DEFAULT_LIMIT = 10000;

function renderOptions(params: URLSearchParams, origin: string): RenderOptions {
	const fields = (params.get('sysparm_fields') ?? '')
		.split(',')
		.map((field) => field.trim())
		.filter((field) => field !== '');
	const display = (params.get('sysparm_display_value') ?? '').toLowerCase();
	return {
		fields: fields.length > 0 ? fields : undefined,
		display: display === 'true' || display === 'all' ? display : 'false',
		excludeReferenceLink: params.get('sysparm_exclude_reference_link')?.toLowerCase() === 'true',
		origin,
	};
}

/** A non-negative integer parameter; absent or malformed → undefined. */
function count(params: URLSearchParams, name: string): number | undefined {
	const raw = params.get(name);
	if (raw === null || raw.trim() === '') return undefined;
	const value = Number(raw);
	return Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** `<…offset=0…>;rel="first",<…>;rel="prev",<…>;rel="next",<…>;rel="last"`, as ServiceNow pages. */
function pageLinks(url: URL, offset: number, limit: number, total: number): string {
	const at = (pageOffset: number, rel: string) => {
		const link = new URL(url);
		link.searchParams.set('sysparm_limit', String(limit));
		link.searchParams.set('sysparm_offset', String(pageOffset));
		return `<${link.href}>;rel="${rel}"`;
	};
	const links = [at(0, 'first')];
	if (offset > 0) links.push(at(Math.max(0, offset - limit), 'prev'));
	if (offset + limit < total) links.push(at(offset + limit, 'next'));
	links.push(at(total === 0 ? 0 : Math.floor((total - 1) / limit) * limit, 'last'));
	return links.join(',');
}

function list(state: ServiceNowState, table: string, request: ApiRequest): Reply {
	const params = request.url.searchParams;
	let query;
	try {
		query = parseEncodedQuery(params.get('sysparm_query') ?? '');
	} catch (error) {
		if (error instanceof QueryError) return snError(400, error.message);
		throw error;
	}
	// An invalid term (a field the table lacks) is dropped; with glide.invalid_query.returns_no_rows
	// the query returns nothing (docs "GlideRecord - Scoped", "Available system properties").
	const invalid = invalidQueryFields(state, table, query).length > 0;
	const found =
		invalid && state.knobs.invalidQueryReturnsNoRows
			? []
			: queryRecords(state, table, invalid ? withoutInvalidTerms(state, table, query) : query);
	const limit = count(params, 'sysparm_limit') || DEFAULT_LIMIT;
	const offset = count(params, 'sysparm_offset') ?? 0;
	const options = renderOptions(params, request.url.origin);
	return json(
		{
			result: found
				.slice(offset, offset + limit)
				.map((record) => renderRecord(state, table, record, options)),
		},
		200,
		{
			'X-Total-Count': String(found.length),
			Link: pageLinks(request.url, offset, limit, found.length),
		},
	);
}

function bodyFields(request: ApiRequest): { fields: Record<string, unknown> } | { reply: Reply } {
	if (request.body.error !== undefined) {
		return {
			reply: snError(400, 'Exception while reading request', 'The payload is not valid JSON.'),
		};
	}
	if (!isRecord(request.body.value)) {
		return {
			reply: snError(400, 'Exception while reading request', 'The payload is not a JSON object.'),
		};
	}
	return { fields: request.body.value };
}

/**
 * A write refused by a unique index: "Operation Failed" and the GlideRecord error, with the status
 * of the knob uniqueViolationStatus (403, as for other refused writes; UNCONFIRMED, see README).
 */
function refused(state: ServiceNowState, error: UniqueViolation): Reply {
	return snError(state.knobs.uniqueViolationStatus, 'Operation Failed', error.message);
}

/** Runs a write; a unique-index refusal becomes the error reply. */
function guarded(state: ServiceNowState, write: () => Reply): Reply {
	try {
		return write();
	} catch (error) {
		if (error instanceof UniqueViolation) return refused(state, error);
		throw error;
	}
}

function methodNotSupported(method: string): Reply {
	return snError(405, 'Method not Supported', `${method} method not supported for API`);
}

/** `/api/now/table/{table}` and `/api/now/table/{table}/{sys_id}`. */
export function tableApi(
	state: ServiceNowState,
	request: ApiRequest,
	userName: string,
	table: string,
	sysId: string | undefined,
): Reply {
	const { method, url } = request;
	const options = renderOptions(url.searchParams, url.origin);
	if (sysId === undefined) {
		if (method === 'GET') {
			return state.tables.has(table) ? list(state, table, request) : invalidTable(table);
		}
		if (method !== 'POST') return methodNotSupported(method);
		if (!state.tables.has(table)) return invalidTable(table);
		const body = bodyFields(request);
		if ('reply' in body) return body.reply;
		const { fields } = body;
		return guarded(state, () => {
			const record = insertRecord(state, table, fields, writerNow(userName));
			return json({ result: renderRecord(state, table, record, options) }, 201, {
				Location: `${url.origin}/api/now/table/${table}/${record.sys_id}`,
			});
		});
	}
	if (!['GET', 'PUT', 'PATCH', 'DELETE'].includes(method)) return methodNotSupported(method);
	if (!state.tables.has(table)) return invalidTable(table);
	const record = findRecord(state, table, sysId);
	if (!record) return noRecord();
	if (method === 'DELETE') {
		deleteRecord(state, record);
		return noContent();
	}
	if (method === 'GET') return json({ result: renderRecord(state, table, record, options) });
	const body = bodyFields(request);
	if ('reply' in body) return body.reply;
	const { fields } = body;
	return guarded(state, () => {
		updateRecord(state, table, record, fields, writerNow(userName));
		return json({ result: renderRecord(state, table, record, options) });
	});
}
