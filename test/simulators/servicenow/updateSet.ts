/*
 * Reads an update set as ServiceNow exports it ("Export to XML" of a retrieved or local update set):
 * `<unload>` with one `<sys_remote_update_set>` and `<sys_update_xml>` rows whose `<payload>` holds
 * an escaped (or CDATA) `<record_update>`. The simulator applies the records that shape the Table
 * API: tables (sys_db_object, the sys_dictionary "collection" entry), fields (sys_dictionary),
 * choices (sys_choice) and roles (sys_user_role). Everything else (ACLs, properties, scripts, UI
 * Actions, Business Rules, menus) is kept in `updates` for tests to inspect and otherwise ignored.
 */
import { systemFieldDefs, type FieldDef, type TableDef } from './dictionary';
import { child, childText, parseXml, type XmlElement } from './xml';

export class UpdateSetError extends Error {}

export interface UpdateXml {
	/** `sys_dictionary_u_teamviewer_session_u_task`, `sys_ui_action_<sys_id>`, … */
	name: string;
	/** `Dictionary`, `UI Action`, … */
	type: string;
	/** The table the update is about (`table` of sys_update_xml), '' for none. */
	table: string;
	targetName: string;
	/** The record element inside `<record_update>` (`<sys_ui_action action="…">`, …). */
	record: XmlElement;
}

export interface RoleRecord {
	sys_id: string;
	name: string;
	description: string;
	includes_roles: string;
}

export interface ParsedUpdateSet {
	sysId: string;
	name: string;
	state: string;
	updates: UpdateXml[];
	/** Tables the update set creates, with their fields. */
	tables: TableDef[];
	/** Fields it adds to tables it does not create (e.g. a u_ field on incident): table → fields. */
	addedFields: Map<string, FieldDef[]>;
	roles: RoleRecord[];
}

function bool(text: string): boolean {
	return text.trim().toLowerCase() === 'true';
}

/** The `<record_update>` payload of a sys_update_xml row, parsed. */
function payloadRecord(row: XmlElement, name: string): XmlElement {
	const payload = childText(row, 'payload');
	if (payload.trim() === '') throw new UpdateSetError(`${name}: empty payload`);
	const root = parseXml(payload);
	if (root.name !== 'record_update')
		throw new UpdateSetError(`${name}: the payload is <${root.name}>, not <record_update>`);
	const record = root.children[0];
	if (!record) throw new UpdateSetError(`${name}: empty <record_update>`);
	return record;
}

function dictionaryField(record: XmlElement): FieldDef {
	const name = childText(record, 'element') || record.attrs.element;
	const type = childText(record, 'internal_type');
	const maxLength = Number(childText(record, 'max_length'));
	const def: FieldDef = {
		name,
		type: type || 'string',
		label: childText(record, 'column_label') || undefined,
	};
	if (type === 'reference') def.reference = childText(record, 'reference');
	if (Number.isInteger(maxLength) && maxLength > 0) def.maxLength = maxLength;
	if (bool(childText(record, 'unique'))) def.unique = true;
	if (bool(childText(record, 'display'))) def.display = true;
	const defaultValue = childText(record, 'default_value');
	if (defaultValue !== '') def.defaultValue = defaultValue;
	return def;
}

export function parseUpdateSet(xml: string): ParsedUpdateSet {
	const unload = parseXml(xml);
	if (unload.name !== 'unload')
		throw new UpdateSetError(
			`Not an update set export: the root is <${unload.name}>, not <unload>`,
		);
	const remote = child(unload, 'sys_remote_update_set');
	if (!remote) throw new UpdateSetError('No <sys_remote_update_set> in the file');
	const sysId = childText(remote, 'sys_id');
	const parsed: ParsedUpdateSet = {
		sysId,
		name: childText(remote, 'name'),
		state: childText(remote, 'state'),
		updates: [],
		tables: [],
		addedFields: new Map(),
		roles: [],
	};
	const tables = new Map<string, TableDef>();
	const fields: Array<{ table: string; def: FieldDef }> = [];
	const choices: Array<{ table: string; field: string; rows: XmlElement[] }> = [];
	const table = (name: string, label = name): TableDef => {
		let def = tables.get(name);
		if (!def) {
			def = {
				name,
				label,
				fields: new Map(systemFieldDefs(false).map((def) => [def.name, def])),
				source: parsed.name,
			};
			tables.set(name, def);
		} else if (label !== name) def.label = label;
		return def;
	};
	for (const row of unload.children.filter((element) => element.name === 'sys_update_xml')) {
		const name = childText(row, 'name');
		const link = child(row, 'remote_update_set')?.text ?? '';
		if (link !== sysId) {
			throw new UpdateSetError(
				`${name}: remote_update_set is '${link}', not this update set (${sysId})`,
			);
		}
		const action = childText(row, 'action');
		if (action !== 'INSERT_OR_UPDATE') {
			throw new UpdateSetError(
				`${name}: the simulator applies INSERT_OR_UPDATE only, not ${action}`,
			);
		}
		const record = payloadRecord(row, name);
		parsed.updates.push({
			name,
			type: childText(row, 'type'),
			table: childText(row, 'table'),
			targetName: childText(row, 'target_name'),
			record,
		});
		if (record.name === 'sys_db_object') {
			if (childText(record, 'super_class') !== '') {
				throw new UpdateSetError(
					`${name}: the simulator does not model tables that extend another (super_class)`,
				);
			}
			table(childText(record, 'name'), childText(record, 'label'));
		} else if (record.name === 'sys_dictionary') {
			const tableName = childText(record, 'name') || record.attrs.table;
			if (childText(record, 'internal_type') === 'collection') table(tableName);
			else fields.push({ table: tableName, def: dictionaryField(record) });
		} else if (record.name === 'sys_choice') {
			choices.push({
				table: record.attrs.table,
				field: record.attrs.field,
				rows: record.children.filter((element) => element.name === 'sys_choice'),
			});
		} else if (record.name === 'sys_user_role') {
			parsed.roles.push({
				sys_id: childText(record, 'sys_id'),
				name: childText(record, 'name'),
				description: childText(record, 'description'),
				includes_roles: childText(record, 'includes_roles'),
			});
		}
	}
	for (const { table: tableName, def } of fields) {
		const target = tables.get(tableName);
		if (target) target.fields.set(def.name, def);
		else parsed.addedFields.set(tableName, [...(parsed.addedFields.get(tableName) ?? []), def]);
	}
	for (const { table: tableName, field, rows } of choices) {
		const def =
			tables.get(tableName)?.fields.get(field) ??
			parsed.addedFields.get(tableName)?.find((candidate) => candidate.name === field);
		if (!def)
			throw new UpdateSetError(
				`sys_choice_${tableName}_${field}: the update set has no such field`,
			);
		const active = rows.filter((row) => !bool(childText(row, 'inactive')));
		def.choices = new Map(active.map((row) => [childText(row, 'value'), childText(row, 'label')]));
		def.choicesComplete = true;
	}
	parsed.tables = [...tables.values()];
	return parsed;
}
