import { isRecord, json, noContent, type ApiRequest, type Reply } from '../common';
import { journalAdd, ticketClose, ticketCreate, type JournalMissingObject } from './activities';
import { AsqlError } from './asql';
import { authenticate, exchangeApiToken } from './auth';
import type { SimClock } from '../teamviewer/clock';
import { badRequest, jsonString, methodNotAllowed, noResource, notFound, serverError, unsupportedMediaType } from './errors';
import { GUID } from './ids';
import { queryFragments } from './query';
import { findObject, insertObject, renderObject, SchemaError, writeFragment, type MissingObject, type UnknownWriteNames } from './records';
import { CONFIGURATION_ITEMS, canonicalName, configurationItemName, dataDefinitionName } from './schema';
import type { Matrix42State } from './state';

export interface ApiContext {
	state: Matrix42State;
	clock: SimClock;
	accessTokenLifetimeSeconds: number;
	/** The most rows one fragments page returns, whatever `pagesize` asks (Matrix42's docs name no limit: knob). */
	maxPageSize: number;
	/** Rows of a fragments page when `pagesize` is absent (the docs name no default: knob). */
	defaultPageSize: number;
	/** A data definition or attribute a `data/objects` write names but the schema lacks (docs silent: knob, README S26). */
	unknownWriteNames: UnknownWriteNames;
	/** `GET data/objects/{ci}/{id}` of a missing object: 200 `null` (the sources) or 404 (README S23). */
	missingObject: MissingObject;
	/** `journal/Add` for a missing object: generic 500 (stricter; sources silent) or 404 (README S33). */
	journalMissingObject: JournalMissingObject;
}

const PREFIX = /^\/m42services\/api\/(.*?)\/?$/i;

function param(url: URL, name: string): string | undefined {
	return [...url.searchParams].find(([key]) => key.toLowerCase() === name)?.[1];
}

/** A query parameter ASP.NET cannot bind (a page size that is no number): 400, as model binding answers. */
class ParameterError extends Error {}

function numberParam(url: URL, name: string): number | undefined {
	const raw = param(url, name);
	if (raw === undefined || raw === '') return undefined;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) throw new ParameterError(`${name} must be a whole number; got '${raw}'.`);
	return value;
}

function fragments(context: ApiContext, url: URL, name: string): Reply {
	const dataDefinition = dataDefinitionName(name);
	// help.matrix42.com "Fragments Data Service: Get Fragment data": 500 "Defined Data Definition not found" (S35).
	if (!dataDefinition) return serverError(`The data definition '${name}' does not exist.`);
	const pageSize = numberParam(url, 'pagesize');
	return json(
		queryFragments(context.state, dataDefinition, {
			where: param(url, 'where'),
			columns: param(url, 'columns'),
			sort: param(url, 'sort'),
			pageSize: Math.min(pageSize === undefined || pageSize === 0 ? context.defaultPageSize : pageSize, context.maxPageSize),
			pageNumber: numberParam(url, 'pagenumber'),
		}),
	);
}

/** `PUT /data/objects/{ci}[/{id}]`: the body carries `ID` and one property per fragment to change. */
function updateObject(context: ApiContext, ci: string, pathId: string | undefined, body: unknown): Reply {
	if (!isRecord(body)) return badRequest('The request body must be a JSON object.');
	const id = pathId ?? (typeof body.ID === 'string' ? body.ID : '');
	if (!GUID.test(id)) return badRequest(`The object id must be a GUID; got ${JSON.stringify(pathId ?? body.ID ?? null)}.`);
	const object = findObject(context.state, id);
	if (!object || object.ci !== ci) return notFound(`There is no ${ci} object with the id ${id}.`);
	const updates: Array<[string, Record<string, unknown>]> = [];
	for (const [key, value] of Object.entries(body)) {
		if (key.toLowerCase() === 'id') continue;
		const dataDefinition = canonicalName(CONFIGURATION_ITEMS[ci], key);
		if (!dataDefinition && context.unknownWriteNames === 'ignore') continue;
		if (!dataDefinition) return serverError(`The configuration item ${ci} has no data definition ${key}.`);
		if (!isRecord(value)) return badRequest(`${key} must be an object of attributes.`);
		const fragment = object.fragments.get(dataDefinition)!;
		if (typeof value.ID === 'string' && value.ID.toLowerCase() !== fragment.ID) {
			return badRequest(`${key}.ID ${value.ID} is not the fragment of object ${object.ID}.`);
		}
		// help.matrix42.com "Object Data Service: Update Object": a TimeStamp in the body turns on the concurrency
		// check; one that differs from the stored value is refused with 500 and nothing is written (S25).
		const timeStampKey = Object.keys(value).find((name) => name.toLowerCase() === 'timestamp');
		const timeStamp = timeStampKey === undefined ? null : value[timeStampKey];
		if (timeStamp !== null && timeStamp !== undefined && timeStamp !== fragment.TimeStamp) {
			return serverError(
				`Concurrency conflict: ${dataDefinition} ${fragment.ID} was changed since it was read (TimeStamp ${JSON.stringify(timeStamp)}, now ${JSON.stringify(fragment.TimeStamp)}); nothing was updated.`,
			);
		}
		updates.push([dataDefinition, value]);
	}
	for (const [dataDefinition, value] of updates) {
		writeFragment(context.state, dataDefinition, object.fragments.get(dataDefinition)!, value, context.unknownWriteNames);
	}
	return json(renderObject(object));
}

function objects(context: ApiContext, request: ApiRequest, ciName: string, id: string | undefined): Reply {
	const ci = configurationItemName(ciName);
	if (!ci) return serverError(`The configuration item '${ciName}' does not exist.`);
	const { method } = request;
	if (method === 'GET' && id !== undefined) {
		if (!GUID.test(id)) return badRequest(`The object id must be a GUID; got '${id}'.`);
		const object = findObject(context.state, id);
		// S23: 200 `null` for an object that does not exist (or is not of this CI), knob `missingObject`.
		if (!object || object.ci !== ci) {
			return context.missingObject === '404' ? notFound(`There is no ${ci} object with the id ${id}.`) : json(null);
		}
		return json(renderObject(object));
	}
	if (method === 'PUT') return updateObject(context, ci, id, request.body.value);
	if (method === 'DELETE' && id !== undefined) {
		// help.matrix42.com "Objects Data Service: Delete Object": no response body.
		const object = GUID.test(id) ? findObject(context.state, id) : undefined;
		if (!object || object.ci !== ci) return notFound(`There is no ${ci} object with the id ${id}.`);
		context.state.objects.delete(object.ID);
		return noContent();
	}
	if (method === 'POST' && id === undefined) {
		const body = request.body.value;
		if (!isRecord(body)) return badRequest('The request body must be a JSON object.');
		const { ID, ...fragmentsOfBody } = body;
		const named: Record<string, Record<string, unknown>> = {};
		for (const [key, value] of Object.entries(fragmentsOfBody)) {
			const dataDefinition = canonicalName(CONFIGURATION_ITEMS[ci], key);
			if (!dataDefinition && context.unknownWriteNames === 'ignore') continue;
			if (!dataDefinition) return serverError(`The configuration item ${ci} has no data definition ${key}.`);
			if (!isRecord(value)) return badRequest(`${key} must be an object of attributes.`);
			named[dataDefinition] = value;
		}
		const objectId = typeof ID === 'string' && GUID.test(ID) ? ID : undefined;
		return jsonString(insertObject(context.state, ci, named, objectId, context.unknownWriteNames).ID);
	}
	return methodNotAllowed(method);
}

function route(context: ApiContext, request: ApiRequest): Reply {
	const { method, url } = request;
	const match = PREFIX.exec(url.pathname);
	if (!match) return noResource(url);
	const parts = match[1].split('/').map(decodeURIComponent);
	const lower = parts.map((part) => part.toLowerCase());
	const path = lower.join('/');

	if (path === 'apitoken/generateaccesstokenfromapitoken') {
		if (method !== 'POST') return methodNotAllowed(method);
		return exchangeApiToken(context.state, context.clock, request.headers, context.accessTokenLifetimeSeconds);
	}
	const known =
		(lower[0] === 'data' && (lower[1] === 'fragments' || lower[1] === 'objects') && parts.length >= 3 && parts.length <= 4) ||
		['journal/add', 'ticket/create', 'ticket/close'].includes(path);
	if (!known) return noResource(url);
	const auth = authenticate(context.state, context.clock, request.headers);
	if ('reply' in auth) return auth.reply;
	// S36: every endpoint that reads a body wants JSON; no content type, or another one, is 415.
	const readsBody =
		method === 'PUT' ? lower[1] === 'objects' : method === 'POST' && (lower[1] === 'objects' || ['journal/add', 'ticket/create', 'ticket/close'].includes(path));
	const contentType = request.headers['content-type'];
	if (readsBody && !/^application\/([\w.+-]*\+)?json\b/i.test((contentType ?? '').trim())) return unsupportedMediaType(contentType);

	if (lower[1] === 'fragments') {
		if (parts.length !== 3) return noResource(url);
		return method === 'GET' ? fragments(context, url, parts[2]) : methodNotAllowed(method);
	}
	if (lower[1] === 'objects') return objects(context, request, parts[2], parts[3]);
	if (method !== 'POST') return methodNotAllowed(method);
	if (path === 'journal/add') return journalAdd(context.state, context.clock, request.body.value, auth.user, context.journalMissingObject);
	if (path === 'ticket/create') return ticketCreate(context.state, context.clock, url, request.body.value);
	return ticketClose(context.state, context.clock, request.body.value, auth.user);
}

/** Every `/m42Services/api/**` request; ASQL and schema errors become 500 with their message (README S35). */
export function handleApi(context: ApiContext, request: ApiRequest): Reply {
	if (request.body.error) return badRequest(request.body.error);
	try {
		return route(context, request);
	} catch (error) {
		if (error instanceof AsqlError || error instanceof SchemaError) return serverError(error.message);
		if (error instanceof ParameterError) return badRequest(error.message);
		throw error;
	}
}
