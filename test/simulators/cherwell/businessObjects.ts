import { isRecord, json, type ApiRequest, type Reply } from '../common';
import { csmDateTime } from './dates';
import { cwError } from './errors';
import {
	businessObject,
	fieldById,
	qualifiedFieldId,
	relationship,
	RELATIONSHIPS,
	type BusinessObjectDefinition,
	type FieldDefinition,
} from './schema';
import {
	nextPublicNumber,
	nextRecId,
	type CherwellState,
	type CwFields,
	type CwRecord,
} from './state';

/** Who writes, and when (simulator clock). */
export interface Writer {
	username: string;
	nowMs: number;
}

export interface FieldValidationError {
	error: string;
	errorCode: string;
	fieldId: string;
}

interface FieldUpdate {
	field: FieldDefinition;
	value: string;
}

function sameText(a: string, b: string): boolean {
	return a.toLowerCase() === b.toLowerCase();
}

export function publicIdOf(definition: BusinessObjectDefinition, record: CwRecord): string {
	return record.fields[definition.publicIdField] ?? '';
}

export function findRecord(
	state: CherwellState,
	definition: BusinessObjectDefinition,
	key: { recId?: string; publicId?: string },
): CwRecord | undefined {
	const records = [...(state.records.get(definition.busObId)?.values() ?? [])];
	if (key.recId) return records.find((record) => sameText(record.fields.RecID, key.recId!));
	if (key.publicId)
		return records.find((record) => sameText(publicIdOf(definition, record), key.publicId!));
	return undefined;
}

/** A record as `getbusinessobject` shows it: every field, `dirty: false`. */
export function readResponse(
	definition: BusinessObjectDefinition,
	record: CwRecord,
): Record<string, unknown> {
	return {
		busObId: definition.busObId,
		busObPublicId: publicIdOf(definition, record),
		busObRecId: record.fields.RecID,
		fields: definition.fields.map((field) => ({
			dirty: false,
			displayName: field.displayName,
			fieldId: qualifiedFieldId(definition, field),
			html: null,
			name: field.name,
			value: record.fields[field.name] ?? '',
		})),
		links: [],
		errorCode: null,
		errorMessage: null,
		hasError: false,
	};
}

function toText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return JSON.stringify(value);
}

/**
 * The dirty entries of a `fields` array, resolved by `fieldId` (bare or `BO:…,FI:…`; `name` is not
 * used, as in CSM). Entries without `dirty: true` are ignored, and so are writes to system fields.
 */
function fieldUpdates(
	definition: BusinessObjectDefinition,
	raw: unknown,
): { updates: FieldUpdate[]; errors: FieldValidationError[] } {
	const updates: FieldUpdate[] = [];
	const errors: FieldValidationError[] = [];
	if (raw === undefined) return { updates, errors };
	if (!Array.isArray(raw)) {
		errors.push({
			error: '"fields" must be an array of { fieldId, name, value, dirty }.',
			errorCode: 'BADREQUEST',
			fieldId: '',
		});
		return { updates, errors };
	}
	for (const entry of raw) {
		if (!isRecord(entry) || (entry.dirty !== true && entry.dirty !== 'true')) continue;
		const fieldId = toText(entry.fieldId);
		const field = fieldById(definition, fieldId);
		if (!field) {
			const named = typeof entry.name === 'string' ? ` ("${entry.name}")` : '';
			errors.push({
				error: `Field "${fieldId}"${named} is not a field of ${definition.displayName}.`,
				errorCode: 'FIELDNOTFOUND',
				fieldId,
			});
			continue;
		}
		if (!field.system) updates.push({ field, value: toText(entry.value) });
	}
	return { updates, errors };
}

function stamp(record: CwRecord, writer: Writer, creating: boolean): void {
	const when = csmDateTime(writer.nowMs);
	if (creating) {
		record.fields.CreatedDateTime = when;
		record.fields.CreatedBy = writer.username;
	}
	record.fields.LastModifiedDateTime = when;
	record.fields.LastModifiedBy = writer.username;
}

function validate(
	state: CherwellState,
	definition: BusinessObjectDefinition,
	fields: CwFields,
	recId: string,
): FieldValidationError[] {
	const errors: FieldValidationError[] = [];
	for (const field of definition.fields) {
		if (field.required && !field.system && (fields[field.name] ?? '').trim() === '') {
			errors.push({
				error: `${field.displayName} is required.`,
				errorCode: 'REQUIREDFIELD',
				fieldId: qualifiedFieldId(definition, field),
			});
		}
	}
	const publicId = fields[definition.publicIdField] ?? '';
	if (state.knobs.uniquePublicIds && !definition.autoNumber && publicId !== '') {
		const taken = findRecord(state, definition, { publicId });
		if (taken && taken.fields.RecID !== recId) {
			errors.push({
				error: `Another ${definition.displayName} already has the public ID "${publicId}".`,
				errorCode: 'DUPLICATEPUBLICID',
				fieldId: '',
			});
		}
	}
	return errors;
}

export type WriteResult = { record: CwRecord } | { errors: FieldValidationError[] };

/** Creates a record: system fields, auto-numbered public ID, `extra` (relationship keys) last. */
export function createRecord(
	state: CherwellState,
	definition: BusinessObjectDefinition,
	updates: FieldUpdate[],
	writer: Writer,
	extra: CwFields = {},
): WriteResult {
	const recId = nextRecId(state);
	const fields: CwFields = Object.fromEntries(definition.fields.map((field) => [field.name, '']));
	for (const { field, value } of updates) fields[field.name] = value;
	Object.assign(fields, extra);
	fields.RecID = recId;
	if ('JournalTypeName' in fields) fields.JournalTypeName = definition.displayName;
	const errors = validate(state, definition, fields, recId);
	if (errors.length > 0) return { errors };
	if (definition.autoNumber && definition.publicIdField !== 'RecID') {
		fields[definition.publicIdField] = nextPublicNumber(state, definition.busObId);
	}
	const record: CwRecord = { busObId: definition.busObId, fields };
	stamp(record, writer, true);
	state.records.get(definition.busObId)!.set(recId, record);
	return { record };
}

function updateRecord(
	state: CherwellState,
	definition: BusinessObjectDefinition,
	record: CwRecord,
	updates: FieldUpdate[],
	writer: Writer,
	extra: CwFields = {},
): WriteResult {
	const fields = { ...record.fields };
	for (const { field, value } of updates) fields[field.name] = value;
	Object.assign(fields, extra);
	const errors = validate(state, definition, fields, record.fields.RecID);
	if (errors.length > 0) return { errors };
	record.fields = fields;
	stamp(record, writer, false);
	return { record };
}

// ---- the API handlers ----

/** A reply that ends the request early (instead of the value a helper would return). */
class Refusal {
	constructor(readonly reply: Reply) {}
}

function requestBody(request: ApiRequest): Record<string, unknown> | Refusal {
	if (request.body.error !== undefined || !isRecord(request.body.value)) {
		return new Refusal(
			cwError(
				400,
				'BADREQUEST',
				'The request body must be a JSON object (Content-Type: application/json).',
			),
		);
	}
	return request.body.value;
}

const text = (body: Record<string, unknown>, key: string) => toText(body[key]).trim();

function knownObject(busObId: string): BusinessObjectDefinition | Refusal {
	const definition = busObId === '' ? undefined : businessObject(busObId);
	if (!definition || definition.busObId.toLowerCase() !== busObId.toLowerCase()) {
		return new Refusal(
			cwError(400, 'BUSOBNOTFOUND', `"${busObId}" is not a business object ID of this system.`),
		);
	}
	return definition;
}

function notFound(
	definition: BusinessObjectDefinition,
	key: { recId?: string; publicId?: string },
): Reply {
	const how = key.recId ? `RecID "${key.recId}"` : `public ID "${key.publicId ?? ''}"`;
	return cwError(404, 'RECORDNOTFOUND', `No ${definition.displayName} record with ${how}.`, {
		busObPublicId: key.publicId ?? null,
		busObRecId: key.recId ?? null,
	});
}

function invalid(errors: FieldValidationError[]): Reply {
	return cwError(400, 'VALIDATIONERROR', errors.map((error) => error.error).join(' '), {
		busObPublicId: null,
		busObRecId: null,
		cacheKey: null,
		fieldValidationErrors: errors,
		notificationTriggers: [],
	});
}

/** `GET /api/V1/getbusinessobject/busobid/{busObId}/publicid/{publicId}` and `…/busobrecid/{recId}`. */
export function getBusinessObject(
	state: CherwellState,
	busObId: string,
	key: { recId?: string; publicId?: string },
): Reply {
	const definition = knownObject(busObId);
	if (definition instanceof Refusal) return definition.reply;
	const record = findRecord(state, definition, key);
	return record ? json(readResponse(definition, record)) : notFound(definition, key);
}

/** `POST /api/V1/getbusinessobjecttemplate`: the fields to fill for a create, values empty. */
export function getTemplate(request: ApiRequest): Reply {
	const body = requestBody(request);
	if (body instanceof Refusal) return body.reply;
	const definition = knownObject(text(body, 'busObId'));
	if (definition instanceof Refusal) return definition.reply;
	const names = Array.isArray(body.fieldNames)
		? body.fieldNames.map((name) => toText(name).toLowerCase())
		: [];
	const ids = Array.isArray(body.fieldIds) ? body.fieldIds.map(toText) : [];
	const wanted = (field: FieldDefinition) =>
		body.includeAll === true ||
		(body.includeRequired === true && field.required === true) ||
		names.includes(field.name.toLowerCase()) ||
		ids.some((id) => fieldById(definition, id) === field);
	return json({
		fields: definition.fields.filter(wanted).map((field) => ({
			dirty: false,
			displayName: field.displayName,
			fieldId: qualifiedFieldId(definition, field),
			html: null,
			name: field.name,
			value: '',
		})),
		errorCode: null,
		errorMessage: null,
		hasError: false,
	});
}

function requirePersist(body: Record<string, unknown>): Reply | undefined {
	if (body.persist === true) return undefined;
	return cwError(
		400,
		'NOTPERSISTED',
		'"persist" must be true: without it CSM only caches the record (this simulator does not serve the cache).',
	);
}

/** Create (no RecID and no public ID) or update (either given) one record of `definition`. */
function saveRecord(
	state: CherwellState,
	definition: BusinessObjectDefinition,
	body: Record<string, unknown>,
	writer: Writer,
	extra: CwFields = {},
): WriteResult | Refusal {
	const { updates, errors } = fieldUpdates(definition, body.fields);
	if (errors.length > 0) return { errors };
	const key = { recId: text(body, 'busObRecId'), publicId: text(body, 'busObPublicId') };
	if (key.recId === '' && key.publicId === '')
		return createRecord(state, definition, updates, writer, extra);
	const record = findRecord(state, definition, key);
	if (!record) return new Refusal(notFound(definition, key));
	return updateRecord(state, definition, record, updates, writer, extra);
}

const SAVE_OK = {
	cacheKey: null,
	fieldValidationErrors: [],
	notificationTriggers: [],
	errorCode: null,
	errorMessage: null,
	hasError: false,
};

/** `POST /api/V1/savebusinessobject`. */
export function saveBusinessObject(
	state: CherwellState,
	request: ApiRequest,
	writer: Writer,
): Reply {
	const body = requestBody(request);
	if (body instanceof Refusal) return body.reply;
	const definition = knownObject(text(body, 'busObId'));
	if (definition instanceof Refusal) return definition.reply;
	const refused = requirePersist(body);
	if (refused) return refused;
	const result = saveRecord(state, definition, body, writer);
	if (result instanceof Refusal) return result.reply;
	if ('errors' in result) return invalid(result.errors);
	return json({
		busObPublicId: publicIdOf(definition, result.record),
		busObRecId: result.record.fields.RecID,
		...SAVE_OK,
	});
}

/**
 * `POST /api/V1/saverelatedbusinessobject`: the parent (by RecID or public ID) must exist, and the
 * relationship must lead from the parent's object to the child's; the child's key fields are filled.
 */
export function saveRelatedBusinessObject(
	state: CherwellState,
	request: ApiRequest,
	writer: Writer,
): Reply {
	const body = requestBody(request);
	if (body instanceof Refusal) return body.reply;
	const parentDefinition = knownObject(text(body, 'parentBusObId'));
	if (parentDefinition instanceof Refusal) return parentDefinition.reply;
	const definition = knownObject(text(body, 'busObId'));
	if (definition instanceof Refusal) return definition.reply;
	const relationshipId = text(body, 'relationshipId');
	const link = relationship(relationshipId);
	if (!link) {
		return cwError(
			400,
			'RELATIONSHIPNOTFOUND',
			`"${relationshipId}" is not a relationship ID of this system.`,
		);
	}
	if (
		link.parentBusObId !== parentDefinition.busObId ||
		!link.childBusObIds.includes(definition.busObId)
	) {
		return cwError(
			400,
			'RELATIONSHIPNOTVALID',
			`The relationship "${link.displayName}" does not lead from ${parentDefinition.displayName} to ${definition.displayName}.`,
		);
	}
	const refused = requirePersist(body);
	if (refused) return refused;
	const parentKey = {
		recId: text(body, 'parentBusObRecId'),
		publicId: text(body, 'parentBusObPublicId'),
	};
	const parent = findRecord(state, parentDefinition, parentKey);
	if (!parent) return notFound(parentDefinition, parentKey);
	const extra: CwFields = Object.fromEntries(
		link.keys.map(({ field, from }) => [
			field,
			from === 'parentRecId' ? parent.fields.RecID : parentDefinition.busObId,
		]),
	);
	const result = saveRecord(state, definition, body, writer, extra);
	if (result instanceof Refusal) return result.reply;
	if ('errors' in result) return invalid(result.errors);
	return json({
		parentBusObId: parentDefinition.busObId,
		parentBusObPublicId: publicIdOf(parentDefinition, parent),
		parentBusObRecId: parent.fields.RecID,
		relationshipId: link.relationshipId,
		busObPublicId: publicIdOf(definition, result.record),
		busObRecId: result.record.fields.RecID,
		...SAVE_OK,
	});
}

/** `GET /api/V1/getbusinessobjectsummary/busobname/{name}`: how an admin finds the IDs. */
export function getSummary(name: string): Reply {
	const definition = businessObject(name);
	if (!definition) return json([]);
	return json([
		{
			busObId: definition.busObId,
			name: definition.name,
			displayName: definition.displayName,
			firstRecIdField: definition.fields.find((field) => field.name === 'RecID')?.fieldId ?? null,
			recIdFields: null,
			stateFieldId: null,
			states: null,
			lookup: false,
			major: definition.name === 'Incident',
			supporting: false,
			group: false,
			groupSummaries: [],
		},
	]);
}

function fieldDefinitions(definition: BusinessObjectDefinition): Array<Record<string, unknown>> {
	return definition.fields.map((field) => ({
		fieldId: qualifiedFieldId(definition, field),
		name: field.name,
		displayName: field.displayName,
		required: field.required === true,
		readOnly: field.system === true,
		type: 'Text',
	}));
}

/**
 * `GET /api/V1/getbusinessobjectschema/busobid/{busObId}[?includerelationships=true]`: the fields and, when
 * asked, the relationships that lead from this object (how an admin finds the relationship IDs).
 */
export function getSchema(busObId: string, includeRelationships: boolean): Reply {
	const definition = knownObject(busObId);
	if (definition instanceof Refusal) return definition.reply;
	const relationships = RELATIONSHIPS.filter(
		(link) => link.parentBusObId === definition.busObId,
	).map((link) => ({
		relationshipId: link.relationshipId,
		displayName: link.displayName,
		description: `${link.displayName} (${link.name})`,
		cardinality: 'OneToMany',
		target: link.childBusObIds[0],
		fieldDefinitions: fieldDefinitions(businessObject(link.childBusObIds[0])!),
	}));
	return json({
		busObId: definition.busObId,
		name: definition.name,
		fieldDefinitions: fieldDefinitions(definition),
		firstRecIdField: qualifiedFieldId(definition, definition.fields[0]),
		gridDefinitions: [],
		recIdFields: qualifiedFieldId(definition, definition.fields[0]),
		relationships: includeRelationships ? relationships : [],
		stateFieldId: null,
		states: null,
		errorCode: null,
		errorMessage: null,
		hasError: false,
	});
}

// ---- search (getsearchresults) ----

const OPERATORS = ['eq', 'gt', 'lt', 'contains', 'startswith'] as const;
type Operator = (typeof OPERATORS)[number];

function compare(a: string, b: string): number {
	const numbers = [Number(a), Number(b)];
	if (a.trim() !== '' && b.trim() !== '' && numbers.every(Number.isFinite))
		return numbers[0] - numbers[1];
	const dates = [Date.parse(a), Date.parse(b)];
	if (dates.every(Number.isFinite)) return dates[0] - dates[1];
	return a.toLowerCase().localeCompare(b.toLowerCase());
}

function matches(value: string, operator: Operator, wanted: string): boolean {
	const left = value.toLowerCase();
	const right = wanted.toLowerCase();
	if (operator === 'eq') return left === right;
	if (operator === 'contains') return left.includes(right);
	if (operator === 'startswith') return left.startsWith(right);
	if (value === '' || wanted === '') return false;
	return operator === 'gt' ? compare(value, wanted) > 0 : compare(value, wanted) < 0;
}

/**
 * `POST /api/V1/getsearchresults`, an ad-hoc search: `{ busObId, filters: [{ fieldId, operator, value }], fields?,
 * includeAllFields?, pageNumber?, pageSize? }`. Filters on the same field are OR-ed, on different fields AND-ed.
 */
export function getSearchResults(state: CherwellState, request: ApiRequest): Reply {
	const body = requestBody(request);
	if (body instanceof Refusal) return body.reply;
	const definition = knownObject(text(body, 'busObId'));
	if (definition instanceof Refusal) return definition.reply;
	const rawFilters = body.filters === undefined || body.filters === null ? [] : body.filters;
	if (!Array.isArray(rawFilters))
		return cwError(
			400,
			'BADREQUEST',
			'"filters" must be an array of { fieldId, operator, value }.',
		);
	const byField = new Map<string, Array<{ operator: Operator; value: string }>>();
	for (const raw of rawFilters) {
		const filter = isRecord(raw) ? raw : {};
		const field = fieldById(definition, toText(filter.fieldId));
		if (!field) {
			return cwError(
				400,
				'FIELDNOTFOUND',
				`Field "${toText(filter.fieldId)}" is not a field of ${definition.displayName}.`,
			);
		}
		const operator = toText(filter.operator).toLowerCase() as Operator;
		if (!OPERATORS.includes(operator)) {
			return cwError(
				400,
				'BADREQUEST',
				`Operator "${toText(filter.operator)}" is not supported; use ${OPERATORS.join(', ')}.`,
			);
		}
		byField.set(field.name, [
			...(byField.get(field.name) ?? []),
			{ operator, value: toText(filter.value) },
		]);
	}
	const found = [...(state.records.get(definition.busObId)?.values() ?? [])].filter((record) =>
		[...byField].every(([name, alternatives]) =>
			alternatives.some(({ operator, value }) =>
				matches(record.fields[name] ?? '', operator, value),
			),
		),
	);
	const pageSize =
		Number(body.pageSize) > 0
			? Math.floor(Number(body.pageSize))
			: state.knobs.searchDefaultPageSize;
	const pageNumber = Number(body.pageNumber) > 0 ? Math.floor(Number(body.pageNumber)) : 1;
	const page = found.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
	const wantedFields = Array.isArray(body.fields)
		? body.fields.map((id) => fieldById(definition, toText(id))).filter(Boolean)
		: [];
	return json({
		businessObjects: page.map((record) => {
			const full = readResponse(definition, record) as { fields: Array<{ name: string }> };
			const fields =
				body.includeAllFields === true
					? full.fields
					: full.fields.filter((field) =>
							wantedFields.some((wanted) => wanted!.name === field.name),
						);
			return { ...full, fields };
		}),
		hasPrompts: false,
		links: [],
		prompts: [],
		searchResultsFields: [],
		simpleResults: null,
		totalRows: found.length,
		errorCode: null,
		errorMessage: null,
		hasError: false,
	});
}
