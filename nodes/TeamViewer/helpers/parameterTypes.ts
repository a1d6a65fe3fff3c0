import type {
	IExecuteFunctions,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeHelpers, NodeOperationError } from 'n8n-workflow';

/**
 * Types are checked, not only formats.
 *
 * Every visible parameter of the operation, as n8n resolved it for the item (expressions
 * included), is checked against the node's own description before the operation sends anything:
 *
 * | field type        | accepted                                   | refused (named-field error)         |
 * | ----------------- | ------------------------------------------ | ----------------------------------- |
 * | text, password    | text; a number (an ID, a phone number) is   | object, list, null, true/false       |
 * |                   | converted to text on purpose               |                                     |
 * | number            | a number, or text that is one ("25")       | anything else; outside min/max;      |
 * |                   |                                            | a fraction where whole numbers go    |
 * | boolean           | true / false                               | anything else, also the text "false" |
 * | options           | one of the listed values                   | anything else ("teleport")           |
 * | multi-options     | a list of listed values                    | anything else                        |
 * | date and time     | text, a number, a Date or a luxon DateTime  | object, list, null, true/false       |
 * | resource locator  | text or a number as its value              | object, list, null, true/false       |
 * | collection        | an object whose known fields pass the above | a list, null, text                   |
 *
 * n8n 2.41 already replaces a collection or fixed-collection value that is not a set of fields (and such
 * an entry) with the default before the node reads it, so the operation's own checks speak there; the
 * collection rows stay for any caller that hands values over unnormalised.
 *
 * Formats (session codes, IDs, emails, E.164 numbers, dates) are then checked where the value is
 * read (helpers/params.ts). Values echoed in errors are cut to a readable length.
 */

/** Longest part of a bad value shown in an error. */
export const MAX_SHOWN_CHARACTERS = 80;

const SKIPPED_TYPES = new Set(['notice', 'hidden', 'callout', 'json', 'button', 'credentialsSelect']);
/** Chosen by the node's own structure; never per item. */
const STRUCTURAL = new Set(['resource', 'operation', 'authentication']);

/** A bad value as an error shows it: quoted text or JSON, cut to MAX_SHOWN_CHARACTERS. */
export function shownValue(value: unknown): string {
	let text: string;
	if (typeof value === 'string') text = `"${value}"`;
	else if (value === undefined) text = 'undefined';
	else {
		try {
			text = JSON.stringify(value) ?? String(value);
		} catch {
			text = String(value);
		}
	}
	if (text.length <= MAX_SHOWN_CHARACTERS) return text;
	return `${text.slice(0, MAX_SHOWN_CHARACTERS)}… (${text.length} characters)`;
}

function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'boolean') return `${value}`;
	if (typeof value === 'number') return 'a number';
	return typeof value === 'string' ? 'text' : `a ${typeof value}`;
}

/** A field whose value has the wrong type: the label the error shows, the value, what was expected. */
interface TypeProblem {
	label: string;
	value: unknown;
	expected: string;
}

type Check = TypeProblem | undefined;

const problem = (label: string, value: unknown, expected: string): TypeProblem => ({ label, value, expected });

const isText = (value: unknown) => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

function checkNumber(label: string, property: INodeProperties, value: unknown): Check {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	const { minValue, maxValue, numberPrecision } = property.typeOptions ?? {};
	const whole = numberPrecision === 0 || minValue === 1;
	const range = [
		whole ? 'a whole number' : 'a number',
		minValue === undefined ? '' : ` of at least ${minValue}`,
		maxValue === undefined ? '' : `${minValue === undefined ? '' : ' and'} at most ${maxValue}`,
	].join('');
	const fits =
		typeof number === 'number' &&
		Number.isFinite(number) &&
		(!whole || Number.isInteger(number)) &&
		(minValue === undefined || number >= minValue) &&
		(maxValue === undefined || number <= maxValue);
	return fits ? undefined : problem(label, value, range);
}

function optionValues(property: INodeProperties): Array<string | number | boolean> | undefined {
	if (property.typeOptions?.loadOptionsMethod || property.typeOptions?.loadOptions) return undefined;
	return (property.options as INodePropertyOptions[] | undefined)?.map((option) => option.value);
}

function listOf(values: Array<string | number | boolean>): string {
	return values.map((value) => (typeof value === 'string' ? `"${value}"` : String(value))).join(', ');
}

/**
 * Options that also take a value typed or computed in another spelling, which the operation normalises and
 * checks itself (a user's Language: `de-DE` → `de`, helpers/languages.ts). Text passes here; anything else not.
 */
const NORMALISED_OPTIONS = new Set(['language']);

function checkOption(label: string, property: INodeProperties, value: unknown): Check {
	if (NORMALISED_OPTIONS.has(property.name) && typeof value === 'string') return undefined;
	const values = optionValues(property);
	return values && !values.includes(value as string) ? problem(label, value, `one of ${listOf(values)}`) : undefined;
}

function checkMultiOptions(label: string, property: INodeProperties, value: unknown): Check {
	const values = optionValues(property);
	if (!Array.isArray(value)) return problem(label, value, `a list of ${values ? listOf(values) : 'values'}`);
	if (!values) return undefined;
	const wrong = (value as unknown[]).find((entry) => !values.includes(entry as string));
	return wrong === undefined ? undefined : problem(label, wrong, `each one of ${listOf(values)}`);
}

function checkDate(label: string, value: unknown): Check {
	if (isText(value) || value instanceof Date) return undefined;
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') return undefined;
	return problem(label, value, 'a date and time, e.g. 2025-03-01T09:00:00Z');
}

function checkLocator(label: string, value: unknown): Check {
	const inner = value && typeof value === 'object' && '__rl' in value ? (value as { value?: unknown }).value : value;
	if (inner === undefined || inner === '' || isText(inner)) return undefined;
	return problem(label, inner, 'an ID or name as text');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first problem among the known `fields` of a collection's value. */
function checkFields(label: string, fields: INodeProperties[], value: Record<string, unknown>): Check {
	for (const [name, fieldValue] of Object.entries(value)) {
		const field = fields.find((candidate) => candidate.name === name);
		const found = field && checkValue(`${label} → ${field.displayName}`, field, fieldValue);
		if (found) return found;
	}
	return undefined;
}

function checkFixedCollection(label: string, property: INodeProperties, value: unknown): Check {
	if (!isPlainObject(value)) return problem(label, value, 'a set of fields');
	for (const [name, groupValue] of Object.entries(value)) {
		const group = ((property.options ?? []) as INodePropertyCollection[]).find((candidate) => candidate.name === name);
		if (!group) continue;
		const groupLabel = `${label} → ${group.displayName}`;
		for (const entry of Array.isArray(groupValue) ? groupValue : [groupValue]) {
			const found = isPlainObject(entry) ? checkFields(groupLabel, group.values, entry) : problem(groupLabel, entry, 'a set of fields');
			if (found) return found;
		}
	}
	return undefined;
}

/** The first type problem of a parameter's value (the table above), or undefined. */
function checkValue(label: string, property: INodeProperties, value: unknown): Check {
	if (value === undefined || SKIPPED_TYPES.has(property.type)) return undefined;
	switch (property.type) {
		case 'string':
		case 'color':
			return isText(value) ? undefined : problem(label, value, 'text (a number is accepted too)');
		case 'number':
			return checkNumber(label, property, value);
		case 'boolean':
			return typeof value === 'boolean' ? undefined : problem(label, value, 'true or false');
		case 'options':
			return checkOption(label, property, value);
		case 'multiOptions':
			return checkMultiOptions(label, property, value);
		case 'dateTime':
			return checkDate(label, value);
		case 'resourceLocator':
			return checkLocator(label, value);
		case 'collection':
			return isPlainObject(value)
				? checkFields(label, (property.options ?? []) as INodeProperties[], value)
				: problem(label, value, 'a set of fields');
		case 'fixedCollection':
			return checkFixedCollection(label, property, value);
		default:
			return undefined;
	}
}

/**
 * Throws a NodeOperationError naming the first field of the item whose value has the wrong type
 * (see the table above). `properties` is the operation's description.
 */
export function checkParameterTypes(
	context: IExecuteFunctions,
	itemIndex: number,
	properties: INodeProperties[],
): void {
	const node = context.getNode();
	for (const property of properties) {
		if (STRUCTURAL.has(property.name) || SKIPPED_TYPES.has(property.type)) continue;
		if (!NodeHelpers.displayParameter(node.parameters, property, node, null)) continue;
		const value = context.getNodeParameter(property.name, itemIndex, undefined) as unknown;
		const found = checkValue(property.displayName, property, value);
		if (found) {
			const hint =
				found.value === null
					? ' An expression gave null: end it with ?? \'\' to leave the field empty.'
					: typeof found.value === 'object'
						? ` An expression gave ${kindOf(found.value)}: pick the field you mean, e.g. {{ $json.group.name }}.`
						: '';
			throw new NodeOperationError(node, `The ${found.label} ${shownValue(found.value)} is not valid`, {
				itemIndex,
				description: `Expected ${found.expected}, got ${kindOf(found.value)}.${hint}`,
			});
		}
	}
}
