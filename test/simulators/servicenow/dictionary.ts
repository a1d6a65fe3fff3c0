/*
 * The data dictionary (sys_dictionary) of the tables the simulator knows: the standard tables the
 * flows touch, and the tables of installed update sets. On these tables only dictionary fields
 * exist: they are what GET returns, what writes store and what queries and dot-walks may name.
 * Tables seeded ad hoc (SeedData.tables with a name that is neither) stay schemaless.
 *
 * Field lists: ServiceNow's own documentation of each table (cited per table), checked against
 * PSSnow's cmdlets, whose parameters were generated from a live instance's sys_dictionary
 * (github.com/insomniacc/PSSnow, src/Public/table/New-SNOW*.ps1, 2024). Only the fields listed here
 * exist in the simulator; a real instance has more (plugins, customer fields): a flow that needs a
 * field missing here fails loudly in tests, which is the point.
 */
import { isTask, lineage } from './schema';

/** sys_dictionary internal_type; the simulator treats the ones named in FieldDef specially, the rest as text. */
export type FieldType = string;

export interface FieldDef {
	name: string;
	/** `string`, `reference`, `integer`, `boolean`, `glide_date_time`, `password2`, `journal_input`, `choice`, `url`, … */
	type: FieldType;
	/** Target table of a reference. */
	reference?: string;
	/** Longer text is cut (knob `overlongStrings`). */
	maxLength?: number;
	unique?: boolean;
	/** A literal, or `javascript:gs.getUserID()` / `javascript:gs.nowDateTime()` (others are not evaluated). */
	defaultValue?: string;
	/** value → label, for display values. */
	choices?: Map<string, string>;
	/** The choice list is complete and writes outside it are refused (update-set fields; knob `invalidChoice`). */
	choicesComplete?: boolean;
	/** The field a reference to the table displays (sys_dictionary `display`). */
	display?: boolean;
	label?: string;
}

export interface TableDef {
	name: string;
	label: string;
	/** Own fields (inherited ones live on the parent's TableDef). */
	fields: Map<string, FieldDef>;
	/** 'standard', or the name of the update set that defined the table. */
	source: string;
}

// ---------------------------------------------------------------------------------------------
// Compact field notation: 'string:160', 'reference:sys_user', 'integer', 'boolean', …
// ---------------------------------------------------------------------------------------------

type Spec = string | [string, Partial<FieldDef>];

function field(name: string, spec: Spec): FieldDef {
	const [notation, extra] = typeof spec === 'string' ? [spec, {}] : spec;
	const [type, argument] = notation.split(':');
	const def: FieldDef = { name, type };
	if (type === 'reference') def.reference = argument;
	else if (argument !== undefined) def.maxLength = Number(argument);
	return { ...def, ...extra };
}

function table(name: string, label: string, specs: Record<string, Spec>): TableDef {
	return {
		name,
		label,
		fields: new Map(
			Object.entries(specs).map(([fieldName, spec]) => [fieldName, field(fieldName, spec)]),
		),
		source: 'standard',
	};
}

/**
 * The system fields every table has (docs: "System fields", Platform administration > Tables);
 * `sys_class_name` only on tables that are extended (task, cmdb_ci).
 */
export function systemFields(extendable: boolean): Record<string, Spec> {
	return {
		sys_id: 'GUID:32',
		...(extendable ? { sys_class_name: 'sys_class_name:80' } : {}),
		sys_created_on: 'glide_date_time',
		sys_created_by: 'string:40',
		sys_updated_on: 'glide_date_time',
		sys_updated_by: 'string:40',
		sys_mod_count: 'integer',
	};
}

/** The system fields as dictionary entries (for tables an update set creates). */
export function systemFieldDefs(extendable: boolean): FieldDef[] {
	return Object.entries(systemFields(extendable)).map(([name, spec]) => field(name, spec));
}

const USER_ID = 'javascript:gs.getUserID()';
const NOW = 'javascript:gs.nowDateTime()';

// docs.servicenow.com "Task table" (Platform > Tables): the fields every task inherits.
const TASK = table('task', 'Task', {
	...systemFields(true),
	number: 'string:40',
	short_description: 'string:160',
	description: 'string:4000',
	state: ['integer', { defaultValue: '1' }],
	active: ['boolean', { defaultValue: 'true' }],
	priority: ['integer', { defaultValue: '5' }],
	impact: ['integer', { defaultValue: '3' }],
	urgency: ['integer', { defaultValue: '3' }],
	assigned_to: 'reference:sys_user',
	assignment_group: 'reference:sys_user_group',
	// Dictionary defaults javascript:gs.getUserID() and gs.nowDateTime() (docs "Task table").
	opened_by: ['reference:sys_user', { defaultValue: USER_ID }],
	opened_at: ['glide_date_time', { defaultValue: NOW }],
	closed_at: 'glide_date_time',
	closed_by: 'reference:sys_user',
	close_notes: 'string:4000',
	cmdb_ci: 'reference:cmdb_ci',
	work_notes: 'journal_input',
	comments: 'journal_input',
	comments_and_work_notes: 'journal_list',
	work_notes_list: 'glide_list',
	watch_list: 'glide_list',
	additional_assignee_list: 'glide_list',
	group_list: 'glide_list',
	parent: 'reference:task',
	company: 'reference:core_company',
	location: 'reference:cmn_location',
	business_service: 'reference:cmdb_ci_service',
	service_offering: 'reference:service_offering',
	contact_type: 'string:40',
	approval: ['string:40', { defaultValue: 'not requested' }],
	approval_history: 'journal',
	approval_set: 'glide_date_time',
	due_date: 'glide_date_time',
	expected_start: 'glide_date_time',
	activity_due: 'glide_date_time',
	follow_up: 'glide_date_time',
	sla_due: 'glide_date_time',
	work_start: 'glide_date_time',
	work_end: 'glide_date_time',
	made_sla: ['boolean', { defaultValue: 'true' }],
	knowledge: ['boolean', { defaultValue: 'false' }],
	escalation: ['integer', { defaultValue: '0' }],
	reassignment_count: ['integer', { defaultValue: '0' }],
	order: 'integer',
	upon_approval: 'string:40',
	upon_reject: 'string:40',
	correlation_id: 'string:100',
	correlation_display: 'string:100',
	time_worked: 'timer',
	business_duration: 'glide_duration',
	calendar_duration: 'glide_duration',
	delivery_plan: 'reference:sc_cat_item_delivery_plan',
	delivery_task: 'reference:sc_cat_item_delivery_task',
	user_input: 'user_input',
	universal_request: 'reference:task',
	route_reason: 'integer',
	contract: 'reference:ast_contract',
});

// docs "Incident Management > Incident form" (ITSM); PSSnow New-SNOWIncident.ps1.
const INCIDENT = table('incident', 'Incident', {
	caller_id: 'reference:sys_user',
	category: ['string:40', { defaultValue: 'inquiry' }],
	subcategory: 'string:40',
	close_code: 'string:40',
	resolved_at: 'glide_date_time',
	resolved_by: 'reference:sys_user',
	incident_state: ['integer', { defaultValue: '1' }],
	notify: ['integer', { defaultValue: '1' }],
	problem_id: 'reference:problem',
	rfc: 'reference:change_request',
	caused_by: 'reference:change_request',
	parent_incident: 'reference:incident',
	child_incidents: 'integer',
	hold_reason: 'integer',
	reopen_count: ['integer', { defaultValue: '0' }],
	reopened_by: 'reference:sys_user',
	reopened_time: 'glide_date_time',
	severity: ['integer', { defaultValue: '3' }],
	business_impact: 'string:4000',
	cause: 'string:4000',
	origin_id: 'document_id',
	origin_table: 'table_name',
	business_stc: 'integer',
	calendar_stc: 'integer',
});

// docs "Problem Management > Problem form" (ITSM). A problem has no caller_id: whoever reported
// it is opened_by (and first_reported_by_task).
const PROBLEM = table('problem', 'Problem', {
	known_error: ['boolean', { defaultValue: 'false' }],
	problem_state: ['integer', { defaultValue: '101' }],
	first_reported_by_task: 'reference:task',
	category: 'string:40',
	subcategory: 'string:40',
	cause_notes: 'html',
	fix_notes: 'html',
	workaround: 'string:4000',
	resolution_code: 'string:40',
	resolved_at: 'glide_date_time',
	resolved_by: 'reference:sys_user',
	related_incidents: 'integer',
	rfc: 'reference:change_request',
	duplicate_of: 'reference:problem',
	confirmed_at: 'glide_date_time',
	confirmed_by: 'reference:sys_user',
	fix_at: 'glide_date_time',
	fix_by: 'reference:sys_user',
	major_problem: ['boolean', { defaultValue: 'false' }],
	reopen_count: ['integer', { defaultValue: '0' }],
	reopened_at: 'glide_date_time',
	reopened_by: 'reference:sys_user',
	review_outcome: 'string:40',
	workaround_applied: ['boolean', { defaultValue: 'false' }],
});

// docs "Change Management > Change request form"; PSSnow New-SNOWChangeRequest.ps1. No caller_id:
// the requester is requested_by.
const CHANGE_REQUEST = table('change_request', 'Change Request', {
	requested_by: ['reference:sys_user', { defaultValue: USER_ID }],
	requested_by_date: 'glide_date_time',
	type: ['string:40', { defaultValue: 'normal' }],
	risk: 'integer',
	start_date: 'glide_date_time',
	end_date: 'glide_date_time',
	category: ['string:40', { defaultValue: 'Other' }],
	reason: 'string:40',
	justification: 'string:4000',
	implementation_plan: 'string:4000',
	backout_plan: 'string:4000',
	test_plan: 'string:4000',
	change_plan: 'string:4000',
	risk_impact_analysis: 'string:4000',
	phase: 'string:40',
	phase_state: 'string:40',
	chg_model: 'reference:chg_model',
	close_code: 'string:40',
	cab_required: ['boolean', { defaultValue: 'false' }],
	cab_date_time: 'glide_date_time',
	cab_delegate: 'reference:sys_user',
	cab_recommendation: 'string:4000',
	on_hold: ['boolean', { defaultValue: 'false' }],
	on_hold_reason: 'string:4000',
	on_hold_task: 'glide_list',
	outside_maintenance_schedule: ['boolean', { defaultValue: 'false' }],
	production_system: ['boolean', { defaultValue: 'false' }],
	review_comments: 'string:4000',
	review_date: 'glide_date_time',
	review_status: 'integer',
	scope: 'integer',
	unauthorized: ['boolean', { defaultValue: 'false' }],
});

// docs "Service Catalog > Request [sc_request]"; PSSnow New-SNOWSCRequest.ps1. requested_for
// defaults to the user who orders.
const SC_REQUEST = table('sc_request', 'Request', {
	requested_for: ['reference:sys_user', { defaultValue: USER_ID }],
	requested_date: 'glide_date',
	request_state: 'string:40',
	stage: 'string:40',
	special_instructions: 'string:4000',
	delivery_address: 'string:4000',
	price: 'currency',
	calendar_stc: 'integer',
});

// docs "Service Catalog > Requested Item [sc_req_item]"; PSSnow New-SNOWSCRequestedItem.ps1 lists
// requested_for among the table's own fields (a 2022–2024 instance), so current releases have it.
// No caller_id. Older releases lack requested_for: flows should use request.requested_for.
const SC_REQ_ITEM = table('sc_req_item', 'Requested Item', {
	request: 'reference:sc_request',
	cat_item: 'reference:sc_cat_item',
	quantity: ['integer', { defaultValue: '1' }],
	stage: 'string:40',
	requested_for: 'reference:sys_user',
	price: 'currency',
	recurring_price: 'currency',
	recurring_frequency: 'string:40',
	backordered: ['boolean', { defaultValue: 'false' }],
	billable: ['boolean', { defaultValue: 'false' }],
	configuration_item: 'reference:cmdb_ci',
	context: 'reference:wf_context',
	estimated_delivery: 'glide_date_time',
	flow_context: 'reference:sys_flow_context',
	order_guide: 'reference:sc_cat_item_guide',
	sc_catalog: 'reference:sc_catalog',
});

// docs "Service Catalog > Catalog Task [sc_task]"; PSSnow New-SNOWSCTask.ps1 (request_item).
const SC_TASK = table('sc_task', 'Catalog Task', {
	request_item: 'reference:sc_req_item',
	request: 'reference:sc_request',
	sc_catalog: 'reference:sc_catalog',
	calendar_stc: 'integer',
});

// docs "User administration > User [sys_user]"; PSSnow New-SNOWUser.ps1. user_name is unique.
const SYS_USER = table('sys_user', 'User', {
	...systemFields(false),
	user_name: ['string:40', { unique: true }],
	first_name: 'string:50',
	middle_name: 'string:50',
	last_name: 'string:50',
	name: 'string:151',
	title: 'string:60',
	email: 'email:100',
	phone: 'ph_number:40',
	mobile_phone: 'ph_number:40',
	home_phone: 'ph_number:40',
	active: ['boolean', { defaultValue: 'true' }],
	locked_out: ['boolean', { defaultValue: 'false' }],
	vip: ['boolean', { defaultValue: 'false' }],
	web_service_access_only: ['boolean', { defaultValue: 'false' }],
	internal_integration_user: ['boolean', { defaultValue: 'false' }],
	manager: 'reference:sys_user',
	department: 'reference:cmn_department',
	company: 'reference:core_company',
	location: 'reference:cmn_location',
	building: 'reference:cmn_building',
	cost_center: 'reference:cmn_cost_center',
	employee_number: 'string:40',
	gender: 'string:40',
	city: 'string:40',
	state: 'string:40',
	street: 'string:255',
	zip: 'string:40',
	country: 'string:3',
	time_zone: 'string:40',
	preferred_language: 'string:3',
	notification: ['integer', { defaultValue: '2' }],
	source: 'string:255',
	last_login_time: 'glide_date_time',
	user_password: 'password:255',
	password_needs_reset: ['boolean', { defaultValue: 'false' }],
	introduction: 'string:40',
});

// docs "User administration > Group [sys_user_group]"; PSSnow New-SNOWUserGroup.ps1.
const SYS_USER_GROUP = table('sys_user_group', 'Group', {
	...systemFields(false),
	name: 'string:80',
	description: 'string:1000',
	manager: 'reference:sys_user',
	email: 'email:100',
	parent: 'reference:sys_user_group',
	active: ['boolean', { defaultValue: 'true' }],
	type: 'glide_list',
	roles: 'user_roles',
	cost_center: 'reference:cmn_cost_center',
	default_assignee: 'reference:sys_user',
	exclude_manager: ['boolean', { defaultValue: 'false' }],
	include_members: ['boolean', { defaultValue: 'false' }],
	source: 'string:255',
});

// docs "User administration > Roles [sys_user_role]".
const SYS_USER_ROLE = table('sys_user_role', 'Role', {
	...systemFields(false),
	name: 'string:100',
	description: 'string:1000',
	suffix: 'string:100',
	includes_roles: 'string:1000',
	assignable_by: 'reference:sys_user_role',
	can_delegate: ['boolean', { defaultValue: 'true' }],
	elevated_privilege: ['boolean', { defaultValue: 'false' }],
	grantable: ['boolean', { defaultValue: 'true' }],
	scoped_admin: ['boolean', { defaultValue: 'false' }],
	requires_subscription: 'string:40',
});

// docs "User administration > Assign a role to a user" (sys_user_has_role).
const SYS_USER_HAS_ROLE = table('sys_user_has_role', 'User Role', {
	...systemFields(false),
	user: 'reference:sys_user',
	role: 'reference:sys_user_role',
	granted_by: 'reference:sys_user_group',
	inherited: ['boolean', { defaultValue: 'false' }],
	inheritance_count: ['integer', { defaultValue: '0' }],
	state: ['string:40', { defaultValue: 'active' }],
});

// docs "CMDB > Configuration Item [cmdb_ci]"; PSSnow New-SNOWCMDBCI.ps1. No TeamViewer ID: the
// flows keep it on u_teamviewer_device (the update set adds no field to cmdb_ci).
const CMDB_CI = table('cmdb_ci', 'Configuration Item', {
	...systemFields(true),
	name: 'string:255',
	serial_number: 'string:255',
	asset_tag: 'string:40',
	short_description: 'string:1000',
	category: 'string:40',
	subcategory: 'string:40',
	comments: 'string:4000',
	assigned_to: 'reference:sys_user',
	managed_by: 'reference:sys_user',
	owned_by: 'reference:sys_user',
	supported_by: 'reference:sys_user',
	support_group: 'reference:sys_user_group',
	assignment_group: 'reference:sys_user_group',
	company: 'reference:core_company',
	location: 'reference:cmn_location',
	department: 'reference:cmn_department',
	manufacturer: 'reference:core_company',
	model_id: 'reference:cmdb_model',
	model_number: 'string:40',
	ip_address: 'string:255',
	mac_address: 'string:255',
	fqdn: 'string:255',
	dns_domain: 'string:255',
	environment: 'string:40',
	operational_status: ['integer', { defaultValue: '1' }],
	install_status: ['integer', { defaultValue: '1' }],
	install_date: 'glide_date_time',
	correlation_id: 'string:512',
	discovery_source: 'string:40',
	first_discovered: 'glide_date_time',
	last_discovered: 'glide_date_time',
});

// docs "CMDB > Computer [cmdb_ci_computer]", "Server [cmdb_ci_server]", "Business Service".
const CMDB_CI_COMPUTER = table('cmdb_ci_computer', 'Computer', {
	host_name: 'string:255',
	os: 'string:40',
	os_version: 'string:40',
	cpu_count: 'integer',
	cpu_type: 'string:40',
	ram: 'integer',
	disk_space: 'decimal',
	form_factor: 'string:40',
	virtual: ['boolean', { defaultValue: 'false' }],
});
const CMDB_CI_SERVER = table('cmdb_ci_server', 'Server', {
	classification: 'string:40',
	used_for: 'string:40',
});
const CMDB_CI_SERVICE = table('cmdb_ci_service', 'Business Service', {
	busines_criticality: 'string:40',
	service_classification: 'string:40',
	used_for: 'string:40',
	version: 'string:40',
});

/** The standard tables, parents before children; a fresh copy (an update set may add fields). */
export function standardDictionary(): Map<string, TableDef> {
	return new Map(
		[
			TASK,
			INCIDENT,
			PROBLEM,
			CHANGE_REQUEST,
			SC_REQUEST,
			SC_REQ_ITEM,
			SC_TASK,
			CMDB_CI,
			CMDB_CI_COMPUTER,
			CMDB_CI_SERVER,
			CMDB_CI_SERVICE,
			SYS_USER,
			SYS_USER_GROUP,
			SYS_USER_ROLE,
			SYS_USER_HAS_ROLE,
		].map((def) => [def.name, { ...def, fields: new Map(def.fields) }]),
	);
}

// ---------------------------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------------------------

export type Dictionary = Map<string, TableDef>;

/** The field as the table (or a table it extends) defines it; undefined when the table lacks it. */
export function fieldDef(
	dictionary: Dictionary,
	table: string,
	name: string,
): FieldDef | undefined {
	for (const tableName of lineage(table)) {
		const found = dictionary.get(tableName)?.fields.get(name);
		if (found) return found;
	}
	return undefined;
}

/** Every field of the table, inherited ones first. */
export function fieldDefs(dictionary: Dictionary, table: string): FieldDef[] {
	return lineage(table)
		.reverse()
		.flatMap((tableName) => [...(dictionary.get(tableName)?.fields.values() ?? [])]);
}

/** Whether the table has a dictionary (standard or installed), i.e. is not schemaless. */
export function hasDictionary(dictionary: Dictionary, table: string): boolean {
	return dictionary.has(table);
}

/** The field a reference to a record of this table displays: the dictionary's display field, else number (tasks) or name. */
export function displayFieldName(dictionary: Dictionary, table: string): string {
	const marked = fieldDefs(dictionary, table).find((def) => def.display);
	if (marked) return marked.name;
	return isTask(table) ? 'number' : 'name';
}
