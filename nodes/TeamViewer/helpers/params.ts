import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameterResourceLocator,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseDate, toApiDate } from './dates';
import { shownValue } from './parameterTypes';
import type { PrefixedEntity } from './ids';
import {
	ID_EXAMPLES,
	isUuid,
	normalizePrefixedId,
	normalizeSessionCode,
	toRemoteControlId,
} from './ids';

/** What validation needs from n8n: the node (for errors) and the workflow's time zone (for dates). */
export type NodeContext = Pick<IExecuteFunctions, 'getNode' | 'getTimezone'>;

/** Throws the validation error every field shares: what field, what value, what form is expected. */
export function invalidField(
	context: NodeContext,
	itemIndex: number,
	field: string,
	value: unknown,
	expected: string,
): never {
	throw new NodeOperationError(context.getNode(), `The ${field} ${shownValue(value)} is not valid`, {
		itemIndex,
		description: `Expected ${expected}.`,
	});
}

/**
 * A text field's value, trimmed: strings as they are, numbers (an ID or a phone number from an
 * expression) converted on purpose, anything else empty. Types are checked before an operation
 * runs (helpers/parameterTypes.ts), so "anything else" does not reach here from a node parameter.
 */
export function textOf(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return '';
}

/** A password as typed (spaces kept); a number from an expression becomes text. */
export function secretOf(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' ? value : undefined;
}

/** The value of a resource locator, or the string itself where one was typed or computed. */
export function locatorValueOf(value: unknown): string {
	if (value && typeof value === 'object' && '__rl' in value) {
		return textOf((value as INodeParameterResourceLocator).value);
	}
	return textOf(value);
}

function locatorValue(context: IExecuteFunctions, name: string, itemIndex: number): string {
	return textOf(context.getNodeParameter(name, itemIndex, '', { extractValue: true }));
}

export function getSessionCode(
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'sessionCode',
	field = 'Service Case',
): string {
	const raw = locatorValue(context, name, itemIndex);
	return (
		normalizeSessionCode(raw) ??
		invalidField(context, itemIndex, field, raw, `a session code such as ${ID_EXAMPLES.sessionCode}`)
	);
}

export function normalizeIdField(
	context: NodeContext,
	itemIndex: number,
	entity: PrefixedEntity,
	raw: string,
	field: string,
): string {
	return (
		normalizePrefixedId(entity, raw) ??
		invalidField(context, itemIndex, field, raw, `an ID such as ${ID_EXAMPLES[entity]}`)
	);
}

/** An optional ID field (a locator or a string): normalised, or undefined when left empty. */
export function optionalPrefixedId(
	context: NodeContext,
	itemIndex: number,
	entity: PrefixedEntity,
	value: unknown,
	field: string,
): string | undefined {
	const raw = locatorValueOf(value);
	return raw ? normalizeIdField(context, itemIndex, entity, raw, field) : undefined;
}

export function getPrefixedId(
	context: IExecuteFunctions,
	itemIndex: number,
	entity: PrefixedEntity,
	name: string,
	field: string,
): string {
	return normalizeIdField(context, itemIndex, entity, locatorValue(context, name, itemIndex), field);
}

export function getUuid(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	field: string,
): string {
	const raw = locatorValue(context, name, itemIndex);
	return isUuid(raw)
		? raw.toLowerCase()
		: invalidField(context, itemIndex, field, raw, `a UUID such as ${ID_EXAMPLES.uuid}`);
}

export function remoteControlIdField(
	context: NodeContext,
	itemIndex: number,
	raw: string | number,
	field: string,
): string {
	return (
		toRemoteControlId(raw) ??
		invalidField(
			context,
			itemIndex,
			field,
			String(raw),
			'a TeamViewer ID of 9 or 10 digits, e.g. 123 456 789, 123456789 or r123456789',
		)
	);
}

export function dateField(
	context: NodeContext,
	itemIndex: number,
	value: unknown,
	field: string,
): string {
	const date = parseDate(value, context.getTimezone());
	return date
		? toApiDate(date)
		: invalidField(context, itemIndex, field, value, 'an ISO 8601 date and time, e.g. 2025-03-01T09:00:00Z');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailField(
	context: NodeContext,
	itemIndex: number,
	value: unknown,
	field: string,
): string {
	const email = textOf(value);
	return EMAIL.test(email)
		? email
		: invalidField(context, itemIndex, field, value, 'an email address, e.g. erika@example.com');
}

/** The group of a service case: `groupid` from the list or an ID, `groupname` when picked by name. */
export function getGroupTarget(
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'groupId',
): IDataObject {
	const locator = context.getNodeParameter(name, itemIndex) as INodeParameterResourceLocator;
	const value = String(locator.value ?? '').trim();
	if (locator.mode === 'name') {
		return value
			? { groupname: value }
			: invalidField(context, itemIndex, 'Group', value, 'the name of a group, e.g. ServiceNow');
	}
	return { groupid: normalizeIdField(context, itemIndex, 'group', value, 'Group') };
}

/** Drops keys whose value is undefined or an empty string, so optional fields are not sent. */
export function compactObject(object: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(object).filter(([, value]) => value !== undefined && value !== ''),
	);
}

/**
 * User IDs typed or computed as text, separated by commas, semicolons or spaces (`u123, u456`, `123 456`):
 * normalised (`u` prefix), duplicates dropped, at least one.
 */
export function userIdList(context: NodeContext, itemIndex: number, value: unknown, field: string): string[] {
	const parts = textOf(value).split(/[\s,;]+/).filter(Boolean);
	if (parts.length === 0) invalidField(context, itemIndex, field, textOf(value), `user IDs separated by commas, e.g. ${ID_EXAMPLES.user}, u7654321`);
	return [...new Set(parts.map((part) => normalizeIdField(context, itemIndex, 'user', part, field)))];
}

/** `list` in chunks of `size` (TeamViewer takes at most 100 accounts per role or member call). */
export function chunks<T>(list: T[], size: number): T[][] {
	const result: T[][] = [];
	for (let start = 0; start < list.length; start += size) result.push(list.slice(start, start + size));
	return result;
}
