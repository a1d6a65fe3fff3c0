import { findRecord, resolvePath, tableRecords, type ResolvedField } from './lookup';
import {
	choiceLabel,
	displayField,
	isJournalField,
	isTask,
	JOURNAL_LABEL,
	type JournalField,
} from './schema';
import type { ServiceNowState, SnRecord } from './state';

/** `sysparm_display_value`: actual values, display values, or both. */
export type DisplayMode = 'false' | 'true' | 'all';

export interface RenderOptions {
	/** `sysparm_fields`; all stored fields when absent. */
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

function displayValue(
	state: ServiceNowState,
	{ owner, field, value }: ResolvedField,
	target: string | undefined,
): string {
	if (owner === undefined) return '';
	const table = owner.sys_class_name;
	if (isTask(table) && isJournalField(field)) return journalText(state, owner, field);
	if (target !== undefined) {
		const referenced = value === '' ? undefined : findRecord(state, target, value);
		return referenced?.[displayField(referenced.sys_class_name)] ?? '';
	}
	return choiceLabel(table, field, value) ?? value;
}

function renderField(
	state: ServiceNowState,
	resolved: ResolvedField,
	options: RenderOptions,
): unknown {
	const { value } = resolved;
	const target = state.references.get(resolved.field);
	const display = displayValue(state, resolved, target);
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

/** A record as the Table API returns it; dot-walked fields come back under their dotted name. */
export function renderRecord(
	state: ServiceNowState,
	record: SnRecord,
	options: RenderOptions,
): Record<string, unknown> {
	const fields = options.fields ?? Object.keys(record);
	return Object.fromEntries(
		fields.map((path) => [path, renderField(state, resolvePath(state, record, path), options)]),
	);
}
