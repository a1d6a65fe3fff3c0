import { GUID, newGuid, nextRowVersion } from './ids';
import { CONFIGURATION_ITEMS, DATA_DEFINITIONS, canonicalName, type AttributeType } from './schema';
import type { Fragment, M42Object, Matrix42State, Value } from './state';

/** Thrown for a write the schema refuses; the API answers 400 with its message. */
export class SchemaError extends Error {}

/**
 * What a write through `data/objects` does with a data definition or attribute the schema lacks (README S26).
 * Matrix42's docs say nothing about it: 'reject' (400, the default, the stricter choice) or 'ignore' (dropped
 * silently, the write goes on).
 */
export type UnknownWriteNames = 'reject' | 'ignore';

/**
 * What `GET data/objects/{ci}/{id}` answers for an id that names no object of that CI (README S23): 'null' (the
 * default) is 200 with the body `null`, as the sources say (help.matrix42.com "Fragments Data Service: Get Fragment
 * data": null for a fragment that does not exist or that the caller may not read; sus-tech-gmbh/n8n-nodes-matrix42
 * Matrix42TriggerFunctions.ts: "The API answers 200 with null for objects the account cannot read"); '404' answers
 * 404 `{ Message }`, as some clients expect.
 */
export type MissingObject = 'null' | '404';

export function allFragments(state: Matrix42State, dataDefinition: string): Array<{ object: M42Object; fragment: Fragment }> {
	const rows: Array<{ object: M42Object; fragment: Fragment }> = [];
	for (const object of state.objects.values()) {
		const fragment = object.fragments.get(dataDefinition);
		if (fragment) rows.push({ object, fragment });
	}
	return rows;
}

/** The fragment of `dataDefinition` with this fragment id (relations point at fragment ids). */
export function fragmentById(
	state: Matrix42State,
	dataDefinition: string,
	id: string,
): { object: M42Object; fragment: Fragment } | undefined {
	const wanted = id.toLowerCase();
	return allFragments(state, dataDefinition).find(({ fragment }) => fragment.ID.toLowerCase() === wanted);
}

export function findObject(state: Matrix42State, id: string): M42Object | undefined {
	return state.objects.get(id.toLowerCase());
}

function checkValue(
	state: Matrix42State,
	dataDefinition: string,
	attribute: string,
	type: AttributeType,
	value: unknown,
): Value {
	const refuse = (expected: string): never => {
		throw new SchemaError(`The value ${JSON.stringify(value)} of ${dataDefinition}.${attribute} is not ${expected}.`);
	};
	if (value === null || value === undefined) return null;
	if (type === 'string') return typeof value === 'string' || typeof value === 'number' ? String(value) : refuse('a string');
	if (type === 'number') return typeof value === 'number' ? value : refuse('a number');
	if (type === 'date') {
		return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : refuse('an ISO 8601 date');
	}
	if (type === 'rowversion') return refuse('writable (rowversion)');
	if ('pickup' in type) {
		return typeof value === 'number' && type.pickup[value] !== undefined
			? value
			: refuse(`one of the pickup values ${Object.keys(type.pickup).join(', ')}`);
	}
	if (typeof value !== 'string' || !GUID.test(value)) return refuse(`the fragment id (GUID) of a ${type.relation}`);
	if (!fragmentById(state, type.relation, value)) {
		throw new SchemaError(`${dataDefinition}.${attribute}: there is no ${type.relation} with the id ${value}.`);
	}
	return value.toLowerCase();
}

/**
 * Writes `fields` into `fragment` (ID and TimeStamp are not writable and are skipped); an unknown
 * attribute is refused with the wording Matrix42 uses for reads, or dropped when `unknownNames` is 'ignore'.
 * Returns whether anything changed.
 */
export function writeFragment(
	state: Matrix42State,
	dataDefinition: string,
	fragment: Fragment,
	fields: Record<string, unknown>,
	unknownNames: UnknownWriteNames = 'reject',
): boolean {
	const schema = DATA_DEFINITIONS[dataDefinition];
	const changes: Record<string, Value> = {};
	for (const [key, value] of Object.entries(fields)) {
		const attribute = canonicalName(Object.keys(schema), key);
		if (key.toLowerCase() === 'id' || attribute === 'TimeStamp') continue;
		if (attribute === undefined) {
			if (unknownNames === 'ignore') continue;
			throw new SchemaError(`Class ${dataDefinition} does not contain attribute ${key}.`);
		}
		changes[attribute] = checkValue(state, dataDefinition, attribute, schema[attribute], value);
	}
	const changed = Object.entries(changes).filter(([attribute, value]) => fragment[attribute] !== value);
	if (changed.length === 0) return false;
	for (const [attribute, value] of changed) fragment[attribute] = value;
	fragment.TimeStamp = nextRowVersion(state);
	return true;
}

function emptyFragment(state: Matrix42State, dataDefinition: string, id?: string): Fragment {
	const fragment: Fragment = { ID: id ?? newGuid(state) };
	for (const attribute of Object.keys(DATA_DEFINITIONS[dataDefinition])) fragment[attribute] = null;
	fragment.TimeStamp = nextRowVersion(state);
	return fragment;
}

/**
 * Creates an object of `ci` with its fragments (each may carry its `ID`; the rest is written as fields).
 * `unknownNames` applies to attributes only; callers drop unknown data definitions themselves.
 */
export function insertObject(
	state: Matrix42State,
	ci: string,
	fragments: Record<string, Record<string, unknown>>,
	id?: string,
	unknownNames: UnknownWriteNames = 'reject',
): M42Object {
	const definitions = CONFIGURATION_ITEMS[ci];
	const objectId = (id ?? newGuid(state)).toLowerCase();
	if (state.objects.has(objectId)) throw new SchemaError(`The object ${objectId} exists already.`);
	const object: M42Object = { ID: objectId, ci, fragments: new Map() };
	for (const dataDefinition of definitions) {
		const fields = fragments[dataDefinition] ?? {};
		const fragmentId = typeof fields.ID === 'string' ? fields.ID.toLowerCase() : undefined;
		object.fragments.set(dataDefinition, emptyFragment(state, dataDefinition, fragmentId));
	}
	for (const key of Object.keys(fragments)) {
		if (!definitions.includes(key)) throw new SchemaError(`The configuration item ${ci} has no data definition ${key}.`);
	}
	state.objects.set(objectId, object);
	try {
		for (const dataDefinition of definitions) {
			writeFragment(state, dataDefinition, object.fragments.get(dataDefinition)!, fragments[dataDefinition] ?? {}, unknownNames);
		}
	} catch (error) {
		state.objects.delete(objectId);
		throw error;
	}
	return object;
}

/** The object as `GET /data/objects/{ci}/{id}` returns it: its id and one property per fragment. */
export function renderObject(object: M42Object): Record<string, unknown> {
	return { ID: object.ID, ...Object.fromEntries([...object.fragments].map(([name, fragment]) => [name, { ...fragment }])) };
}

export function displayString(dataDefinition: string, fragment: Fragment): string {
	if (dataDefinition === 'SPSActivityClassBase') return `${fragment.TicketNumber ?? ''}: ${fragment.Subject ?? ''}`;
	if (dataDefinition === 'SPSUserClassBase') return `${fragment.LastName ?? ''}, ${fragment.FirstName ?? ''}`;
	if (fragment.SessionCode !== undefined) return String(fragment.SessionCode ?? fragment.ID);
	return String(fragment.Name ?? fragment.ID);
}
