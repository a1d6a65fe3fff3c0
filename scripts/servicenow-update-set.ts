/**
 * Writes workflows/servicenow/teamviewer-update-set.xml: the update set a ServiceNow admin imports
 * (System Update Sets > Retrieved Update Sets > Import Update Set from XML, then Preview and Commit)
 * to get the tables, roles, ACLs, properties, script include, UI Actions and Business Rule the
 * ServiceNow flows expect.
 *
 *   npx ts-node --transpile-only scripts/servicenow-update-set.ts
 *
 * The output is deterministic (fixed dates, sys_ids = md5 of a name), and a test
 * (test/simulators/servicenow/updateSetFile.test.ts) fails when the committed XML differs from
 * what this script writes: edit this script, never the XML.
 *
 * Format: an "unload" of one sys_remote_update_set and its sys_update_xml rows, each with the
 * entity-escaped <record_update> payload, as ServiceNow's "Export to XML" writes it (compared with
 * real exports, e.g. github.com/lerwine/SetupAndConfig xml/sys_remote_update_set_*.xml). Global
 * scope: tables and fields created in global get the u_ prefix; a scoped app would get
 * x_<vendor prefix>_…, which depends on each customer's instance.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export const UPDATE_SET_NAME = 'TeamViewer for n8n 1.0';
export const OUTPUT = path.join(
	__dirname,
	'..',
	'workflows',
	'servicenow',
	'teamviewer-update-set.xml',
);

/** Every date in the file: the release of this update set. */
const RELEASED = '2025-06-02 09:00:00';
const AUTHOR = 'admin';

/** 32 lowercase hex characters, the same on every run: md5 of a kind and a key. */
export function sysIdFor(kind: string, key: string): string {
	return createHash('md5').update(`n8n-nodes-teamviewer:${kind}:${key}`).digest('hex');
}

export const UPDATE_SET_SYS_ID = sysIdFor('sys_remote_update_set', UPDATE_SET_NAME);

// ---------------------------------------------------------------------------------------------
// What the update set holds
// ---------------------------------------------------------------------------------------------

type FieldType =
	| 'reference'
	| 'string'
	| 'choice'
	| 'glide_date_time'
	| 'url'
	| 'integer'
	| 'password2';

interface FieldSpec {
	element: string;
	label: string;
	type: FieldType;
	maxLength: number;
	reference?: string;
	unique?: boolean;
	defaultValue?: string;
	/** [value, label]; value and label are the same text for u_status. */
	choices?: Array<[string, string]>;
	/** The field a reference to this table shows. */
	display?: boolean;
	hint?: string;
}

interface TableSpec {
	name: string;
	label: string;
	plural: string;
	fields: FieldSpec[];
	/** Roles that may read rows (the admin and integration roles may do everything). */
	readRoles: string[];
}

const ROLE_USER = 'u_teamviewer_user';
const ROLE_ADMIN = 'u_teamviewer_admin';
const ROLE_INTEGRATION = 'u_teamviewer_integration';

const str = (
	element: string,
	label: string,
	maxLength: number,
	extra: Partial<FieldSpec> = {},
): FieldSpec => ({
	element,
	label,
	type: 'string',
	maxLength,
	...extra,
});
const ref = (element: string, label: string, reference: string): FieldSpec => ({
	element,
	label,
	type: 'reference',
	maxLength: 32,
	reference,
});
const dateTime = (element: string, label: string): FieldSpec => ({
	element,
	label,
	type: 'glide_date_time',
	maxLength: 40,
});
const integer = (element: string, label: string): FieldSpec => ({
	element,
	label,
	type: 'integer',
	maxLength: 40,
});
const choice = (
	element: string,
	label: string,
	choices: Array<[string, string]>,
	extra: Partial<FieldSpec> = {},
): FieldSpec => ({
	element,
	label,
	type: 'choice',
	maxLength: 40,
	choices,
	...extra,
});
const url = (element: string, label: string): FieldSpec => ({
	element,
	label,
	type: 'url',
	maxLength: 1024,
});

export const TABLES: TableSpec[] = [
	{
		name: 'u_teamviewer_session',
		label: 'TeamViewer session',
		plural: 'TeamViewer sessions',
		readRoles: [ROLE_USER, ROLE_ADMIN, ROLE_INTEGRATION],
		fields: [
			ref('u_task', 'Task', 'task'),
			// Unique: the invite flows' claim. Of two presses at once only one stores the case's row and sends.
			str('u_session_code', 'Session code', 40, { unique: true, display: true }),
			choice('u_type', 'Type', [
				['remote', 'Remote support'],
				['pilot', 'TeamViewer Pilot'],
			]),
			choice('u_state', 'State', [
				['open', 'Open'],
				['closed', 'Closed'],
			]),
			dateTime('u_valid_until', 'Valid until'),
			url('u_supporter_link', 'Supporter link'),
			url('u_end_customer_link', 'End customer link'),
			str('u_invited_via', 'Invited via', 40, {
				hint: 'How the customer link was sent: email, sms, or both (comma separated)',
			}),
			dateTime('u_closed_at', 'Closed at'),
			choice(
				'u_history',
				'Connection history',
				[
					['pending', 'Pending'],
					['logged', 'Logged'],
					['none', 'None'],
				],
				{ hint: 'Whether the connection history work note was written on the task' },
			),
			str('u_noted_reports', 'Noted reports', 4000, {
				hint: 'TeamViewer connection report IDs already noted on the task, comma separated',
			}),
		],
	},
	{
		name: 'u_teamviewer_connection',
		label: 'TeamViewer connection',
		plural: 'TeamViewer connections',
		readRoles: [ROLE_USER, ROLE_ADMIN, ROLE_INTEGRATION],
		fields: [
			str('u_report_id', 'Report ID', 64, { unique: true, display: true }),
			choice('u_kind', 'Kind', [
				['attended', 'Attended'],
				['unattended', 'Unattended'],
			]),
			str('u_session_code', 'Session code', 40),
			ref('u_task', 'Task', 'task'),
			ref('u_ci', 'Configuration item', 'cmdb_ci'),
			str('u_teamviewer_id', 'TeamViewer ID', 20),
			dateTime('u_start', 'Start'),
			dateTime('u_end', 'End'),
			integer('u_duration_seconds', 'Duration (seconds)'),
			str('u_technician', 'Technician', 100),
			str('u_device', 'Device', 100),
			str('u_notes', 'Notes', 4000),
		],
	},
	{
		name: 'u_teamviewer_device',
		label: 'TeamViewer device',
		plural: 'TeamViewer devices',
		readRoles: [ROLE_ADMIN, ROLE_INTEGRATION],
		fields: [
			str('u_name', 'Name', 100, { display: true }),
			ref('u_ci', 'Configuration item', 'cmdb_ci'),
			str('u_teamviewer_id', 'TeamViewer ID', 20),
			{ element: 'u_password', label: 'Password', type: 'password2', maxLength: 255 },
			choice(
				'u_status',
				'Status',
				[
					['To register', 'To register'],
					['Registered', 'Registered'],
					['Invalid registration', 'Invalid registration'],
					['Unregistered', 'Unregistered'],
				],
				{ defaultValue: 'To register' },
			),
			str('u_device_id', 'Device ID', 64),
			str('u_status_detail', 'Status detail', 1000),
		],
	},
	{
		name: 'u_teamviewer_sync_state',
		label: 'TeamViewer sync state',
		plural: 'TeamViewer sync states',
		readRoles: [ROLE_ADMIN, ROLE_INTEGRATION],
		fields: [
			str('u_name', 'Name', 40, { unique: true, display: true }),
			dateTime('u_last_success', 'Last success'),
			integer('u_rows', 'Rows'),
			str('u_lease_owner', 'Lease owner', 64),
			dateTime('u_lease_until', 'Lease until'),
		],
	},
];

const ROLES: Array<{ name: string; description: string }> = [
	{
		name: ROLE_USER,
		description:
			'Agents: the TeamViewer buttons on tasks; reads TeamViewer sessions and connections.',
	},
	{
		name: ROLE_ADMIN,
		description:
			'TeamViewer administrators: devices for unattended access, verify the connection, refresh the history. Contains u_teamviewer_user.',
	},
	{
		name: ROLE_INTEGRATION,
		description:
			'The n8n API user: reads tasks, writes work notes and the TeamViewer tables through the Table API.',
	},
];

const PROPERTIES: Array<{
	name: string;
	type: 'string' | 'password2';
	value: string;
	description: string;
}> = [
	{
		name: 'teamviewer.n8n.base_url',
		type: 'string',
		value: 'https://n8n.example.com',
		description:
			'Address of your n8n, without a trailing slash, e.g. https://n8n.example.com. The UI Actions POST to <base_url>/webhook/servicenow/teamviewer/<action>.',
	},
	{
		name: 'teamviewer.n8n.webhook_user',
		type: 'string',
		value: '',
		description: "User name of the n8n credential 'ServiceNow to n8n webhook' (HTTP Basic Auth).",
	},
	{
		name: 'teamviewer.n8n.webhook_password',
		type: 'password2',
		value: '',
		description:
			"Password of the n8n credential 'ServiceNow to n8n webhook' (HTTP Basic Auth). Stored encrypted.",
	},
];

/** Server-side, global, not client callable. ES5: the global scope runs Rhino's ES5 mode by default. */
const SCRIPT_INCLUDE = `/**
 * TeamViewer for n8n: calls the n8n webhooks of the TeamViewer flows.
 *   TeamViewerN8n.post(path, body) -> { ok, status, body, error }
 * POSTs JSON to <teamviewer.n8n.base_url>/webhook/servicenow/teamviewer/<path> with HTTP Basic auth
 * (teamviewer.n8n.webhook_user / teamviewer.n8n.webhook_password). Never logs the password.
 */
var TeamViewerN8n = {
	WEBHOOK_PATH: '/webhook/servicenow/teamviewer/',
	TIMEOUT_MS: 30000,

	post: function (path, body) {
		var base = String(gs.getProperty('teamviewer.n8n.base_url', '')).replace(/\\/+$/, '');
		if (!base) {
			return TeamViewerN8n._failure(0, null, 'The system property teamviewer.n8n.base_url is empty: set it to the address of your n8n, e.g. https://n8n.example.com');
		}
		var url = base + TeamViewerN8n.WEBHOOK_PATH + path;
		var request = new sn_ws.RESTMessageV2();
		request.setEndpoint(url);
		request.setHttpMethod('post');
		request.setBasicAuth(String(gs.getProperty('teamviewer.n8n.webhook_user', '')), String(gs.getProperty('teamviewer.n8n.webhook_password', '')));
		request.setRequestHeader('Content-Type', 'application/json');
		request.setRequestHeader('Accept', 'application/json');
		request.setRequestBody(JSON.stringify(body || {}));
		request.setHttpTimeout(TeamViewerN8n.TIMEOUT_MS);
		var response;
		try {
			response = request.execute();
		} catch (e) {
			return TeamViewerN8n._failure(0, null, 'Could not reach n8n at ' + url + ': ' + e);
		}
		var status = response.getStatusCode();
		if (status === 0) {
			return TeamViewerN8n._failure(0, null, 'Could not reach n8n at ' + url + ': ' + response.getErrorMessage());
		}
		var text = String(response.getBody() || '');
		var parsed = null;
		try {
			parsed = text === '' ? {} : JSON.parse(text);
		} catch (e) {
			parsed = null;
		}
		if (status === 401) {
			return TeamViewerN8n._failure(status, parsed, 'n8n refused the webhook user/password: check the system properties teamviewer.n8n.webhook_user and teamviewer.n8n.webhook_password');
		}
		if (parsed === null || typeof parsed !== 'object') {
			return TeamViewerN8n._failure(status, null, 'n8n answered HTTP ' + status + ': ' + text.substring(0, 200));
		}
		if (parsed.error) {
			var error = typeof parsed.error === 'object' ? (parsed.error.message || JSON.stringify(parsed.error)) : parsed.error;
			return TeamViewerN8n._failure(status, parsed, String(error));
		}
		if (status < 200 || status > 299) {
			return TeamViewerN8n._failure(status, parsed, 'n8n answered HTTP ' + status + ': ' + text.substring(0, 200));
		}
		return { ok: true, status: status, body: parsed, error: '' };
	},

	/** The text to show an agent: the error, or the answer's message. */
	messageFor: function (result, fallback) {
		if (!result.ok) return 'TeamViewer: ' + result.error;
		if (result.body && result.body.message) return String(result.body.message);
		return fallback || 'Done.';
	},

	/** Whether the task has an open TeamViewer session (the condition of "Close TeamViewer session"). */
	hasOpenSession: function (task) {
		var session = new GlideRecord('u_teamviewer_session');
		session.addQuery('u_task', task.getUniqueValue());
		session.addQuery('u_state', 'open');
		session.setLimit(1);
		session.query();
		return session.hasNext();
	},

	_failure: function (status, body, error) {
		return { ok: false, status: status, body: body, error: error };
	},

	type: 'TeamViewerN8n'
};`;

interface UiActionSpec {
	name: string;
	actionName: string;
	table: string;
	/** form button, or list banner button. */
	place: 'form' | 'list';
	condition: string;
	order: number;
	hint: string;
	script: string;
}

const taskRequest = '{ table: current.getTableName(), sys_id: current.getUniqueValue() }';

/** A task-form action: POST, then follow a link from the answer or come back to the task. */
function taskAction(post: string, successText: string, linkField?: string): string {
	const lines = [
		'(function () {',
		`\tvar result = ${post};`,
		'\tif (result.ok) {',
		`\t\tgs.addInfoMessage(TeamViewerN8n.messageFor(result, ${successText}));`,
	];
	if (linkField !== undefined) {
		lines.push(
			`\t\tif (result.body && result.body.${linkField}) {`,
			`\t\t\taction.setRedirectURL(result.body.${linkField});`,
			'\t\t\treturn;',
			'\t\t}',
		);
	}
	lines.push(
		'\t} else {',
		'\t\tgs.addErrorMessage(TeamViewerN8n.messageFor(result));',
		'\t}',
		'\taction.setRedirectURL(current);',
		'})();',
	);
	return lines.join('\n');
}

/** A device-form action: save what the admin typed first, then POST. */
function deviceAction(body: string, successText: string): string {
	return [
		'(function () {',
		'\tif (current.isNewRecord()) current.insert();',
		'\telse current.update();',
		`\tvar result = TeamViewerN8n.post('device', ${body});`,
		'\tif (result.ok) gs.addInfoMessage(TeamViewerN8n.messageFor(result, ' + successText + '));',
		'\telse gs.addErrorMessage(TeamViewerN8n.messageFor(result));',
		'\taction.setRedirectURL(current);',
		'})();',
	].join('\n');
}

/** A list banner action: POST, show the answer, back to the list. */
function listAction(table: string, post: string, successText: string): string {
	return [
		'(function () {',
		`\tvar result = ${post};`,
		'\tif (result.ok) gs.addInfoMessage(TeamViewerN8n.messageFor(result, ' + successText + '));',
		'\telse gs.addErrorMessage(TeamViewerN8n.messageFor(result));',
		`\taction.setRedirectURL('${table}_list.do');`,
		'})();',
	].join('\n');
}

const ACTIVE_AGENT = `current.active == true && gs.hasRole('${ROLE_USER}')`;

export const UI_ACTIONS: UiActionSpec[] = [
	{
		name: 'TeamViewer remote support',
		actionName: 'u_teamviewer_remote_support',
		table: 'task',
		place: 'form',
		condition: ACTIVE_AGENT,
		order: 1000,
		hint: 'Creates (or reuses) the TeamViewer session of this task, emails the customer link and opens the session',
		script: taskAction(
			"TeamViewerN8n.post('invite', { table: current.getTableName(), sys_id: current.getUniqueValue(), action: 'remote' })",
			"'TeamViewer session ' + (result.body.session_code || '') + ': the customer link was emailed.'",
			'supporter_link',
		),
	},
	{
		name: 'TeamViewer Pilot invite (email)',
		actionName: 'u_teamviewer_pilot_email',
		table: 'task',
		place: 'form',
		condition: ACTIVE_AGENT,
		order: 1010,
		hint: 'Creates (or reuses) a TeamViewer Pilot session of this task and emails the customer link',
		script: taskAction(
			"TeamViewerN8n.post('invite', { table: current.getTableName(), sys_id: current.getUniqueValue(), action: 'pilot' })",
			"'TeamViewer Pilot session ' + (result.body.session_code || '') + ': the customer link was emailed.'",
			'supporter_link',
		),
	},
	{
		name: 'TeamViewer Pilot invite (SMS)',
		actionName: 'u_teamviewer_pilot_sms',
		table: 'task',
		place: 'form',
		condition: ACTIVE_AGENT,
		order: 1020,
		hint: "Creates (or reuses) a TeamViewer Pilot session of this task and texts the customer link to the customer's mobile",
		script: taskAction(
			`TeamViewerN8n.post('pilot-sms', ${taskRequest})`,
			"'TeamViewer Pilot session ' + (result.body.session_code || '') + ': the customer link was sent by SMS.'",
			'supporter_link',
		),
	},
	{
		name: 'Close TeamViewer session',
		actionName: 'u_teamviewer_close_session',
		table: 'task',
		place: 'form',
		condition: `gs.hasRole('${ROLE_USER}') && TeamViewerN8n.hasOpenSession(current)`,
		order: 1030,
		hint: 'Closes the open TeamViewer sessions of this task and notes the connection history',
		script: taskAction(
			`TeamViewerN8n.post('close', ${taskRequest})`,
			"'TeamViewer session closed.'",
		),
	},
	{
		name: 'Connect to device (TeamViewer)',
		actionName: 'u_teamviewer_connect_device',
		table: 'task',
		place: 'form',
		condition: `!current.cmdb_ci.nil() && gs.hasRole('${ROLE_USER}')`,
		order: 1040,
		hint: "Connects to the task's configuration item when it is registered for unattended access",
		script: taskAction(
			"TeamViewerN8n.post('device', { action: 'connect', table: current.getTableName(), sys_id: current.getUniqueValue() })",
			"'Connecting to ' + (result.body.device || 'the device') + '.'",
			'connect_link',
		),
	},
	{
		name: 'Register for unattended access',
		actionName: 'u_teamviewer_register_device',
		table: 'u_teamviewer_device',
		place: 'form',
		condition: `current.u_status != 'Registered' && gs.hasRole('${ROLE_ADMIN}')`,
		order: 100,
		hint: 'Registers this device in TeamViewer for unattended access with its TeamViewer ID and password',
		script: deviceAction(
			"{ action: 'register', device_sys_id: current.getUniqueValue() }",
			"'Registration sent to TeamViewer.'",
		),
	},
	{
		name: 'Unregister',
		actionName: 'u_teamviewer_unregister_device',
		table: 'u_teamviewer_device',
		place: 'form',
		condition: `current.u_status == 'Registered' && gs.hasRole('${ROLE_ADMIN}')`,
		order: 110,
		hint: 'Removes this device from TeamViewer',
		script: deviceAction(
			"{ action: 'unregister', device_sys_id: current.getUniqueValue() }",
			"'Device unregistered.'",
		),
	},
	{
		name: 'Register all waiting devices',
		actionName: 'u_teamviewer_register_pending',
		table: 'u_teamviewer_device',
		place: 'list',
		condition: `gs.hasRole('${ROLE_ADMIN}')`,
		order: 120,
		hint: "Registers every device in status 'To register'",
		script: [
			'(function () {',
			'\tvar devices = [];',
			"\tvar waiting = new GlideRecord('u_teamviewer_device');",
			"\twaiting.addQuery('u_status', 'To register');",
			'\twaiting.query();',
			'\twhile (waiting.next()) {',
			'\t\tdevices.push({ device_sys_id: waiting.getUniqueValue() });',
			'\t}',
			'\tif (devices.length === 0) {',
			"\t\tgs.addInfoMessage('No device is waiting to register.');",
			'\t} else {',
			"\t\tvar result = TeamViewerN8n.post('device', { action: 'register_pending', devices: devices });",
			"\t\tif (result.ok) gs.addInfoMessage(TeamViewerN8n.messageFor(result, devices.length + ' devices sent to TeamViewer.'));",
			'\t\telse gs.addErrorMessage(TeamViewerN8n.messageFor(result));',
			'\t}',
			"\taction.setRedirectURL('u_teamviewer_device_list.do');",
			'})();',
		].join('\n'),
	},
	{
		name: 'Verify TeamViewer connection',
		actionName: 'u_teamviewer_verify',
		table: 'u_teamviewer_sync_state',
		place: 'list',
		condition: `gs.hasRole('${ROLE_ADMIN}')`,
		order: 100,
		hint: 'Checks that n8n reaches TeamViewer with a valid token and licence',
		script: listAction(
			'u_teamviewer_sync_state',
			"TeamViewerN8n.post('verify', {})",
			"'n8n reaches TeamViewer.'",
		),
	},
	{
		name: 'Refresh connection history now',
		actionName: 'u_teamviewer_sync',
		table: 'u_teamviewer_connection',
		place: 'list',
		condition: `gs.hasRole('${ROLE_ADMIN}')`,
		order: 100,
		hint: "Reads TeamViewer's connection reports since the last sync now instead of waiting for the schedule",
		script: listAction(
			'u_teamviewer_connection',
			"TeamViewerN8n.post('sync', {})",
			"'Connection history refreshed.'",
		),
	},
];

const BUSINESS_RULE = {
	name: 'TeamViewer: close sessions when the task closes',
	table: 'task',
	/** "Active changes to false", as the condition builder encodes it. */
	filterCondition: 'activeCHANGESTOfalse^EQ',
	condition: 'TeamViewerN8n.hasOpenSession(current)',
	script: [
		'(function executeRule(current, previous /* null in async rules */) {',
		"\tvar result = TeamViewerN8n.post('close', { table: current.getTableName(), sys_id: current.getUniqueValue() });",
		'\tif (!result.ok) {',
		"\t\tgs.warn('TeamViewer for n8n: closing the TeamViewer sessions of ' + current.getTableName() + ' ' + current.getDisplayValue() + ' failed: ' + result.error);",
		'\t}',
		'})(current, previous);',
	].join('\n'),
};

// ---------------------------------------------------------------------------------------------
// XML
// ---------------------------------------------------------------------------------------------

/** Text content: & < > escaped (quotes stay, as in ServiceNow's exports). */
function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
	return escapeXml(text).replace(/"/g, '&quot;');
}

type Value =
	| string
	| number
	| boolean
	| { value: string; attrs: Record<string, string> }
	| undefined;

/** `<name attr="…">text</name>`, or `<name/>` when empty. */
function element(name: string, value: Value): string {
	if (value === undefined || value === '') return `<${name}/>`;
	if (typeof value === 'object') {
		const attrs = Object.entries(value.attrs)
			.map(([key, text]) => ` ${key}="${escapeAttribute(text)}"`)
			.join('');
		return value.value === ''
			? `<${name}${attrs}/>`
			: `<${name}${attrs}>${escapeXml(value.value)}</${name}>`;
	}
	return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function fields(values: Record<string, Value>): string {
	return Object.entries(values)
		.map(([name, value]) => element(name, value))
		.join('');
}

const GLOBAL = { value: 'global', attrs: { display_value: 'Global' } };
const PACKAGE = { value: 'global', attrs: { display_value: 'Global', source: 'global' } };

/** The system fields every exported record carries. */
function system(
	table: string,
	sysId: string,
	updateName: string,
	sysName: string,
): Record<string, Value> {
	return {
		sys_class_name: table,
		sys_created_by: AUTHOR,
		sys_created_on: RELEASED,
		sys_id: sysId,
		sys_mod_count: 0,
		sys_name: sysName,
		sys_package: PACKAGE,
		sys_policy: '',
		sys_scope: GLOBAL,
		sys_update_name: updateName,
		sys_updated_by: AUTHOR,
		sys_updated_on: RELEASED,
	};
}

const sorted = (values: Record<string, Value>): Record<string, Value> =>
	Object.fromEntries(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

interface Update {
	name: string;
	type: string;
	targetName: string;
	table: string;
	payload: string;
}

/** `<record_update table="T"><T action="INSERT_OR_UPDATE">…</T></record_update>` */
function recordPayload(table: string, values: Record<string, Value>): string {
	return `${XML_DECLARATION}<record_update table="${table}"><${table} action="INSERT_OR_UPDATE">${fields(sorted(values))}</${table}></record_update>`;
}

function simpleRecord(
	table: string,
	key: string,
	type: string,
	targetName: string,
	recordTable: string,
	values: Record<string, Value>,
): Update {
	const sysId = sysIdFor(table, key);
	const name = `${table}_${sysId}`;
	return {
		name,
		type,
		targetName,
		table: recordTable,
		payload: recordPayload(table, { ...values, ...system(table, sysId, name, targetName) }),
	};
}

const ref2 = (id: string, display: string, extra: Record<string, string> = {}) => ({
	value: id,
	attrs: { display_value: display, ...extra },
});

const roleRef = (role: string) => ref2(sysIdFor('sys_user_role', role), role, { name: role });

// --- tables ---------------------------------------------------------------------------------

const INTERNAL_TYPE_LABEL: Record<FieldType | 'collection', string> = {
	reference: 'Reference',
	string: 'String',
	choice: 'Choice',
	glide_date_time: 'Date/Time',
	url: 'URL',
	integer: 'Integer',
	password2: 'Password (2 Way Encrypted)',
	collection: 'Collection',
};

function dictionaryUpdate(table: TableSpec, field: FieldSpec | undefined): Update {
	const element = field?.element ?? '';
	const updateName = `sys_dictionary_${table.name}_${field ? element : 'null'}`;
	const type = field?.type ?? 'collection';
	const values: Record<string, Value> = {
		active: true,
		array: false,
		attributes: field === undefined ? 'update_synch=true' : '',
		audit: false,
		choice: field?.choices ? (field.defaultValue ? 3 : 1) : '',
		column_label: field?.label ?? '',
		comments: field?.hint ?? '',
		default_value: field?.defaultValue ?? '',
		display: field?.display ?? false,
		element,
		internal_type: { value: type, attrs: { display_value: INTERNAL_TYPE_LABEL[type] } },
		mandatory: false,
		max_length: field?.maxLength ?? 40,
		name: table.name,
		primary: false,
		read_only: false,
		reference: field?.reference
			? { value: field.reference, attrs: { display_value: '', name: field.reference } }
			: '',
		reference_floats: false,
		spell_check: false,
		staged: false,
		table_reference: false,
		text_index: false,
		unique: field?.unique ?? false,
		virtual: false,
		xml_view: false,
		...system(
			'sys_dictionary',
			sysIdFor('sys_dictionary', `${table.name}.${element}`),
			updateName,
			field?.label ?? table.name,
		),
	};
	return {
		name: updateName,
		type: 'Dictionary',
		targetName: field ? `${table.label}.${field.label}` : table.label,
		table: table.name,
		payload: `${XML_DECLARATION}<record_update><sys_dictionary action="INSERT_OR_UPDATE" element="${element}" table="${table.name}">${fields(sorted(values))}</sys_dictionary></record_update>`,
	};
}

function documentationUpdate(table: TableSpec, field: FieldSpec | undefined): Update {
	const element = field?.element ?? '';
	const label = field?.label ?? table.label;
	const updateName = `sys_documentation_${table.name}_${element}_en`;
	const values: Record<string, Value> = {
		element,
		help: '',
		hint: field?.hint ?? '',
		label,
		language: 'en',
		name: table.name,
		plural: field ? label : table.plural,
		url: '',
		url_target: '',
		...system(
			'sys_documentation',
			sysIdFor('sys_documentation', `${table.name}.${element}.en`),
			updateName,
			label,
		),
	};
	return {
		name: updateName,
		type: 'Field Label',
		targetName: field ? `${table.label}.${label}` : label,
		table: table.name,
		payload: `${XML_DECLARATION}<record_update><sys_documentation element="${element}" label="${escapeAttribute(label)}" language="en" table="${table.name}"><sys_documentation action="INSERT_OR_UPDATE">${fields(sorted(values))}</sys_documentation></sys_documentation></record_update>`,
	};
}

function choiceUpdate(table: TableSpec, field: FieldSpec): Update {
	const updateName = `sys_choice_${table.name}_${field.element}`;
	const rows = (field.choices ?? [])
		.map(([value, label], index) => {
			const key = `${table.name}.${field.element}.${value}`;
			const values: Record<string, Value> = {
				dependent_value: '',
				element: field.element,
				hint: '',
				inactive: false,
				label,
				language: 'en',
				name: table.name,
				sequence: index * 100,
				sys_created_by: AUTHOR,
				sys_created_on: RELEASED,
				sys_domain: 'global',
				sys_domain_path: '/',
				sys_id: sysIdFor('sys_choice', key),
				sys_mod_count: 0,
				sys_updated_by: AUTHOR,
				sys_updated_on: RELEASED,
				value,
			};
			return `<sys_choice action="INSERT_OR_UPDATE">${fields(values)}</sys_choice>`;
		})
		.join('');
	const set = fields({
		element: field.element,
		name: table.name,
		...system(
			'sys_choice_set',
			sysIdFor('sys_choice_set', `${table.name}.${field.element}`),
			updateName,
			field.element,
		),
	});
	return {
		name: updateName,
		type: 'Choice list',
		targetName: `${table.label}.${field.label}`,
		table: table.name,
		payload: `${XML_DECLARATION}<record_update><sys_choice action="INSERT_OR_UPDATE" field="${field.element}" table="${table.name}" version="1">${rows}<sys_choice_set action="INSERT_OR_UPDATE">${set}</sys_choice_set></sys_choice></record_update>`,
	};
}

function tableUpdate(table: TableSpec): Update {
	return simpleRecord('sys_db_object', table.name, 'Table', table.label, table.name, {
		access: 'public',
		actions_access: false,
		alter_access: false,
		client_scripts_access: false,
		configuration_access: false,
		create_access: false,
		create_access_controls: true,
		delete_access: false,
		extension_model: '',
		is_extendable: false,
		label: table.label,
		live_feed_enabled: false,
		name: table.name,
		number_ref: '',
		read_access: true,
		super_class: '',
		update_access: false,
		user_role: '',
		ws_access: true,
	});
}

/** One ACL (type record) and its roles: any of the roles grants the operation. */
function aclUpdates(
	name: string,
	table: string,
	operation: string,
	roles: string[],
	description: string,
): Update[] {
	const key = `${name}.${operation}`;
	const acl = simpleRecord('sys_security_acl', key, 'Access Control', name, table, {
		active: true,
		admin_overrides: true,
		advanced: false,
		condition: '',
		description,
		name,
		operation: { value: operation, attrs: { display_value: operation } },
		script: '',
		type: { value: 'record', attrs: { display_value: 'record' } },
	});
	const links = roles.map((role) =>
		simpleRecord(
			'sys_security_acl_role',
			`${key}.${role}`,
			'Access Roles',
			`${name}.${role}`,
			table,
			{
				sys_security_acl: ref2(sysIdFor('sys_security_acl', key), name),
				sys_user_role: roleRef(role),
			},
		),
	);
	return [acl, ...links];
}

function tableUpdates(table: TableSpec): Update[] {
	const updates: Update[] = [
		tableUpdate(table),
		dictionaryUpdate(table, undefined),
		documentationUpdate(table, undefined),
	];
	for (const field of table.fields) {
		updates.push(dictionaryUpdate(table, field), documentationUpdate(table, field));
		if (field.choices) updates.push(choiceUpdate(table, field));
	}
	const writers = [ROLE_INTEGRATION, ROLE_ADMIN];
	updates.push(
		...aclUpdates(table.name, table.name, 'read', table.readRoles, `Read ${table.plural}`),
		...aclUpdates(table.name, table.name, 'write', writers, `Change ${table.plural}`),
		...aclUpdates(table.name, table.name, 'create', writers, `Create ${table.plural}`),
		...aclUpdates(table.name, table.name, 'delete', writers, `Delete ${table.plural}`),
	);
	for (const field of table.fields.filter((candidate) => candidate.type === 'password2')) {
		const name = `${table.name}.${field.element}`;
		updates.push(
			...aclUpdates(
				name,
				table.name,
				'read',
				[ROLE_ADMIN],
				`Only TeamViewer administrators see ${field.label}`,
			),
			...aclUpdates(
				name,
				table.name,
				'write',
				[ROLE_ADMIN],
				`Only TeamViewer administrators set ${field.label}`,
			),
		);
	}
	return updates;
}

// --- roles, properties, scripts ---------------------------------------------------------------

function roleUpdates(): Update[] {
	const roles = ROLES.map(({ name, description }) =>
		simpleRecord('sys_user_role', name, 'Role', name, '', {
			assignable_by: '',
			can_delegate: true,
			description,
			elevated_privilege: false,
			grantable: true,
			includes_roles: name === ROLE_ADMIN ? ROLE_USER : '',
			name,
			requires_subscription: { value: 'unspecified', attrs: { display_value: 'Unspecified' } },
			scoped_admin: false,
			suffix: name,
		}),
	);
	const contains = simpleRecord(
		'sys_user_role_contains',
		`${ROLE_ADMIN}>${ROLE_USER}`,
		'Contained Role',
		ROLE_ADMIN,
		'',
		{
			contains: roleRef(ROLE_USER),
			role: roleRef(ROLE_ADMIN),
		},
	);
	return [...roles, contains];
}

function propertyUpdates(): Update[] {
	return PROPERTIES.map(({ name, type, value, description }) =>
		simpleRecord('sys_properties', name, 'System Property', name, '', {
			choices: '',
			description,
			ignore_cache: false,
			is_private: false,
			name,
			read_roles: '',
			suffix: 'teamviewer.n8n',
			type: { value: type, attrs: { display_value: type } },
			value,
			write_roles: 'admin',
		}),
	);
}

function scriptIncludeUpdate(): Update {
	return simpleRecord(
		'sys_script_include',
		'TeamViewerN8n',
		'Script Include',
		'TeamViewerN8n',
		'',
		{
			access: { value: 'package_private', attrs: { display_value: 'This application scope only' } },
			active: true,
			api_name: 'global.TeamViewerN8n',
			caller_access: '',
			client_callable: false,
			description:
				'TeamViewer for n8n: POSTs to the n8n webhooks of the TeamViewer flows (used by the TeamViewer UI Actions and Business Rule).',
			name: 'TeamViewerN8n',
			sandbox_callable: false,
			script: SCRIPT_INCLUDE,
		},
	);
}

/*
 * Scripted REST API "TeamViewer for n8n": GET <base>/device/{sys_id}/password answers the device's
 * decrypted password to the integration role only. The Table API never returns a Password (2 Way
 * Encrypted) field in clear, and a password in the webhook request would be stored by n8n with the
 * execution it starts; fetched from here it only lives in the running flow's memory.
 */
export const PASSWORD_API = {
	name: 'TeamViewer for n8n',
	apiId: 'teamviewer_n8n',
	namespace: 'global',
	baseUri: '/api/global/teamviewer_n8n',
	relativePath: '/device/{sys_id}/password',
};

const PASSWORD_OPERATION_SCRIPT = [
	'(function process(/*RESTAPIRequest*/ request, /*RESTAPIResponse*/ response) {',
	`	if (!gs.hasRole('${ROLE_INTEGRATION}')) {`,
	"		response.setStatus(403);",
	`		return { error: 'Only the ${ROLE_INTEGRATION} role may read device passwords.' };`,
	'	}',
	"	var device = new GlideRecord('u_teamviewer_device');",
	'	if (!device.get(request.pathParams.sys_id)) {',
	'		response.setStatus(404);',
	"		return { error: 'No u_teamviewer_device record ' + request.pathParams.sys_id + '.' };",
	'	}',
	'	return { sys_id: device.getUniqueValue(), password: device.u_password.getDecryptedValue() || \'\' };',
	'})(request, response);',
].join('\n');

function passwordApiUpdates(): Update[] {
	const definitionId = sysIdFor('sys_ws_definition', PASSWORD_API.apiId);
	const definition = simpleRecord('sys_ws_definition', PASSWORD_API.apiId, 'Scripted REST API', PASSWORD_API.name, '', {
		active: true,
		base_uri: PASSWORD_API.baseUri,
		consumes: 'application/json',
		default_operation_uri: '',
		doc_link: '',
		enforce_acl: '',
		is_versioned: false,
		name: PASSWORD_API.name,
		namespace: PASSWORD_API.namespace,
		produces: 'application/json',
		service_id: PASSWORD_API.apiId,
		short_description: 'Device passwords for the n8n unattended-devices flow (integration role only).',
	});
	const operation = simpleRecord('sys_ws_operation', `${PASSWORD_API.apiId}.device_password`, 'Scripted REST Resource', 'Device password', '', {
		active: true,
		http_method: { value: 'GET', attrs: { display_value: 'GET' } },
		name: 'Device password',
		operation_script: PASSWORD_OPERATION_SCRIPT,
		operation_uri: `${PASSWORD_API.baseUri}${PASSWORD_API.relativePath}`,
		produces: 'application/json',
		relative_path: PASSWORD_API.relativePath,
		requires_acl_authorization: false,
		requires_authentication: true,
		requires_snc_internal_role: true,
		web_service_definition: { value: definitionId, attrs: { display_value: PASSWORD_API.name } },
	});
	return [definition, operation];
}

function uiActionUpdate(spec: UiActionSpec): Update {
	const form = spec.place === 'form';
	return simpleRecord(
		'sys_ui_action',
		`${spec.table}.${spec.actionName}`,
		'UI Action',
		spec.name,
		spec.table,
		{
			action_name: spec.actionName,
			active: true,
			client: false,
			comments: '',
			condition: spec.condition,
			form_action: form,
			form_button: form,
			form_context_menu: false,
			form_link: false,
			hint: spec.hint,
			isolate_script: false,
			list_action: !form,
			list_banner_button: !form,
			list_button: false,
			list_choice: false,
			list_context_menu: false,
			list_link: false,
			name: spec.name,
			onclick: '',
			order: spec.order,
			script: spec.script,
			show_insert: false,
			show_multiple_update: false,
			show_query: false,
			show_update: true,
			table: spec.table,
			ui11_compatible: true,
			ui16_compatible: true,
		},
	);
}

function businessRuleUpdate(): Update {
	const rule = BUSINESS_RULE;
	const conditionItems =
		'<item endquery="false" field="active" goto="false" newquery="false" operator="CHANGESTO" or="false" value="false"/>' +
		'<item endquery="true" field="" goto="false" newquery="false" operator="=" or="false" value=""/>';
	const update = simpleRecord('sys_script', rule.name, 'Business Rule', rule.name, rule.table, {
		abort_action: false,
		access: 'package_private',
		action_delete: false,
		action_insert: false,
		action_query: false,
		action_update: true,
		active: true,
		add_message: false,
		advanced: true,
		change_fields: false,
		client_callable: false,
		collection: rule.table,
		condition: rule.condition,
		description:
			'When a task becomes inactive (closed, resolved, cancelled), n8n closes its open TeamViewer sessions and notes the connection history. Async: the agent does not wait for TeamViewer.',
		execute_function: false,
		filter_condition: { value: '__FILTER__', attrs: { table: rule.table } },
		is_rest: false,
		message: '',
		name: rule.name,
		order: 100,
		priority: 100,
		role_conditions: '',
		script: rule.script,
		template: '',
		when: 'async',
	});
	// The filter condition carries the encoded query and its condition-builder items.
	update.payload = update.payload.replace(
		'<filter_condition table="task">__FILTER__</filter_condition>',
		`<filter_condition table="${rule.table}">${escapeXml(rule.filterCondition)}${conditionItems}</filter_condition>`,
	);
	return update;
}

function menuUpdates(): Update[] {
	const menuId = sysIdFor('sys_app_application', 'TeamViewer');
	const menu = simpleRecord(
		'sys_app_application',
		'TeamViewer',
		'Application Menu',
		'TeamViewer',
		'',
		{
			active: true,
			category: '',
			description: 'TeamViewer for n8n',
			device_type: 'browser',
			hint: '',
			name: 'teamviewer',
			order: 500,
			roles: `${ROLE_USER},${ROLE_ADMIN}`,
			title: 'TeamViewer',
		},
	);
	const modules = TABLES.map((table, index) => {
		const adminOnly = !table.readRoles.includes(ROLE_USER);
		return simpleRecord('sys_app_module', `TeamViewer.${table.name}`, 'Module', table.plural, '', {
			active: true,
			application: ref2(menuId, 'TeamViewer'),
			filter: '',
			hint: '',
			link_type: 'LIST',
			name: table.name,
			order: (index + 1) * 100,
			override_menu_roles: false,
			roles: adminOnly ? ROLE_ADMIN : `${ROLE_USER},${ROLE_ADMIN}`,
			title: table.plural,
		});
	});
	return [menu, ...modules];
}

export function allUpdates(): Update[] {
	return [
		...roleUpdates(),
		...TABLES.flatMap(tableUpdates),
		...propertyUpdates(),
		scriptIncludeUpdate(),
		...passwordApiUpdates(),
		...UI_ACTIONS.map(uiActionUpdate),
		businessRuleUpdate(),
		...menuUpdates(),
	];
}

/** Java's String.hashCode, which ServiceNow stores as payload_hash. */
function javaHash(text: string): number {
	let hash = 0;
	for (let index = 0; index < text.length; index++)
		hash = (Math.imul(31, hash) + text.charCodeAt(index)) | 0;
	return hash;
}

function updateXml(update: Update, index: number): string {
	const sysId = sysIdFor('sys_update_xml', update.name);
	const guid = sysIdFor('update_guid', update.name);
	const hash = javaHash(update.payload);
	const recordedAt = `${Date.parse(`${RELEASED.replace(' ', 'T')}Z`).toString(16)}${String(index + 1).padStart(7, '0')}`;
	const values: Array<[string, Value]> = [
		['action', 'INSERT_OR_UPDATE'],
		['application', GLOBAL],
		['category', 'customer'],
		['comments', ''],
		['name', update.name],
		['payload', update.payload],
		['payload_hash', hash],
		['remote_update_set', { value: UPDATE_SET_SYS_ID, attrs: { display_value: UPDATE_SET_NAME } }],
		['replace_on_upgrade', false],
		['sys_created_by', AUTHOR],
		['sys_created_on', RELEASED],
		['sys_id', sysId],
		['sys_mod_count', 0],
		['sys_recorded_at', recordedAt],
		['sys_updated_by', AUTHOR],
		['sys_updated_on', RELEASED],
		['table', update.table],
		['target_name', update.targetName],
		['type', update.type],
		['update_domain', 'global'],
		['update_guid', guid],
		['update_guid_history', `${guid}:${hash}`],
		['update_set', { value: '', attrs: { display_value: '' } }],
		['view', ''],
	];
	return `<sys_update_xml action="INSERT_OR_UPDATE">\n${values.map(([name, value]) => element(name, value)).join('\n')}\n</sys_update_xml>`;
}

const DESCRIPTION =
	'TeamViewer for n8n: tables u_teamviewer_session, u_teamviewer_connection, u_teamviewer_device and u_teamviewer_sync_state; ' +
	'roles u_teamviewer_user, u_teamviewer_admin and u_teamviewer_integration; system properties teamviewer.n8n.*; ' +
	'script include TeamViewerN8n; UI Actions on task and the TeamViewer tables; a Business Rule that closes the sessions of closed tasks.';

export function buildUpdateSet(): string {
	const header = [
		['application', GLOBAL],
		['application_name', 'Global'],
		['application_scope', 'global'],
		['application_version', ''],
		['collisions', ''],
		['commit_date', ''],
		['deleted', ''],
		['description', DESCRIPTION],
		['inserted', ''],
		['name', UPDATE_SET_NAME],
		['origin_sys_id', ''],
		['parent', { value: '', attrs: { display_value: '' } }],
		['release_date', RELEASED],
		['remote_base_update_set', { value: '', attrs: { display_value: '' } }],
		['remote_parent_id', ''],
		['remote_sys_id', sysIdFor('sys_update_set', UPDATE_SET_NAME)],
		['state', 'loaded'],
		['summary', ''],
		['sys_class_name', 'sys_remote_update_set'],
		['sys_created_by', AUTHOR],
		['sys_created_on', RELEASED],
		['sys_id', UPDATE_SET_SYS_ID],
		['sys_mod_count', 0],
		['sys_updated_by', AUTHOR],
		['sys_updated_on', RELEASED],
		['update_set', { value: '', attrs: { display_value: '' } }],
		['update_source', { value: '', attrs: { display_value: '' } }],
		['updated', ''],
	] as Array<[string, Value]>;
	const remote = `<sys_remote_update_set action="INSERT_OR_UPDATE">\n${header.map(([name, value]) => element(name, value)).join('\n')}\n</sys_remote_update_set>`;
	const updates = allUpdates().map(updateXml);
	return `${XML_DECLARATION}<unload unload_date="${RELEASED}">\n${remote}\n${updates.join('\n')}\n</unload>\n`;
}

if (require.main === module) {
	writeFileSync(OUTPUT, buildUpdateSet());
	console.log(`wrote ${path.relative(process.cwd(), OUTPUT)}`);
}
