import { displayFieldName, fieldDefs, hasDictionary } from './dictionary';
import { findRecord, resolvePath, tableRecords, type ResolvedField } from './lookup';
import { encryptedPassword } from './password';
import { choiceLabel, isJournalField, isTask, JOURNAL_LABEL, type JournalField } from './schema';
import type { ServiceNowState, SnRecord } from './state';

/** `sysparm_display_value`: actual values, display values, or both. */
export type DisplayMode = 'false' | 'true' | 'all';

export interface RenderOptions {
	/** `sysparm_fields`; all fields of the table when absent. */
	fields?: string[];
	display: DisplayMode;
	/** `sysparm_exclude_reference_link`. */
	excludeReferenceLink: boolean;
	/** `https://dev12345.service-now.com`: where reference links point. */
	origin: string;
}

/** Journal entries of a record, newest first, in the form ServiceNow displays them. */
function journalText(state: ServiceNowState, record: SnRecord, element: JournalField): string {
	const userName = (name: string) =>
		tableRecords(state, 'sys_user').find((user) => user.user_name === name)?.name || name;
	return state.journal
		.filter((entry) => entry.sys_id === record.sys_id && entry.element === element)
		.reverse()
		.map(
			(entry) =>
				`${entry.created_on} - ${userName(entry.created_by)} (${JOURNAL_LABEL[element]})\n${entry.value}\n\n`,
		)
		.join('');
}

/** The value the API shows: Password (2 Way Encrypted) fields encrypted unless the knob says otherwise. */
function shownValue(state: ServiceNowState, { owner, field, value, def }: ResolvedField): string {
	if (def?.type !== 'password2' || owner === undefined || state.knobs.clearPasswordsOverApi)
		return value;
	return encryptedPassword(owner.sys_id, field, value);
}

function displayValue(
	state: ServiceNowState,
	resolved: ResolvedField,
	shown: string,
	target: string | undefined,
): string {
	const { owner, field, value, def } = resolved;
	if (owner === undefined) return '';
	const table = owner.sys_class_name;
	if (isTask(table) && isJournalField(field)) return journalText(state, owner, field);
	if (target !== undefined) {
		const referenced = value === '' ? undefined : findRecord(state, target, value);
		return referenced?.[displayFieldName(state.dictionary, referenced.sys_class_name)] ?? '';
	}
	return def?.choices?.get(value) ?? choiceLabel(table, field, value) ?? shown;
}

function renderField(
	state: ServiceNowState,
	resolved: ResolvedField,
	options: RenderOptions,
): unknown {
	const value = shownValue(state, resolved);
	const target =
		resolved.def === undefined
			? state.references.get(resolved.field)
			: resolved.def.type === 'reference'
				? resolved.def.reference
				: undefined;
	const display = displayValue(state, resolved, value, target);
	if (target !== undefined && value !== '' && !options.excludeReferenceLink) {
		const link = `${options.origin}/api/now/table/${target}/${value}`;
		if (options.display === 'false') return { link, value };
		if (options.display === 'true') return { display_value: display, link };
		return { display_value: display, link, value };
	}
	if (options.display === 'false') return value;
	if (options.display === 'true') return display;
	return { display_value: display, value };
}

/**
 * A record as the Table API returns it through `table` (the table in the URL): the table's fields,
 * or those of `sysparm_fields`, dot-walked ones under their dotted name. A field the table does not
 * have is left out, as ServiceNow leaves out invalid field names. Schemaless tables show what the
 * record holds.
 */
export function renderRecord(
	state: ServiceNowState,
	table: string,
	record: SnRecord,
	options: RenderOptions,
): Record<string, unknown> {
	const view = state.knobs.classFieldsThroughParent ? record.sys_class_name : table;
	const fields =
		options.fields ??
		(hasDictionary(state.dictionary, view)
			? fieldDefs(state.dictionary, view).map((def) => def.name)
			: Object.keys(record));
	const rendered: Record<string, unknown> = {};
	for (const path of fields) {
		const resolved = resolvePath(state, view, record, path);
		if (resolved) rendered[path] = renderField(state, resolved, options);
	}
	return rendered;
}
