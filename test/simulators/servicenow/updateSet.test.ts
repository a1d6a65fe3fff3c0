import { readFileSync } from 'fs';

import { buildUpdateSet, OUTPUT, UPDATE_SET_SYS_ID } from '../../../scripts/servicenow-update-set';
import { SHIPPED_UPDATE_SET, startServiceNowSimulator, type ServiceNowSimulator } from './index';
import { apiClient } from './testClient';
import { parseUpdateSet, UpdateSetError, type ParsedUpdateSet, type UpdateXml } from './updateSet';
import { childText, parseXml, XmlError } from './xml';

const shipped = readFileSync(SHIPPED_UPDATE_SET, 'utf8');

describe('the shipped update set file', () => {
	it('is exactly what scripts/servicenow-update-set.ts writes (edit the script, then run it)', () => {
		expect(OUTPUT).toBe(SHIPPED_UPDATE_SET);
		expect(shipped === buildUpdateSet()).toBe(true);
	});

	describe('as ServiceNow exports an update set', () => {
		let parsed: ParsedUpdateSet;
		const ofType = (type: string) => parsed.updates.filter((update) => update.type === type);
		const field = (update: UpdateXml, name: string) => childText(update.record, name);

		beforeAll(() => {
			parsed = parseUpdateSet(shipped);
		});

		it('is one loaded global update set whose rows all point to it', () => {
			const unload = parseXml(shipped);
			const remote = unload.children[0];

			expect(
				shipped.startsWith('<?xml version="1.0" encoding="UTF-8"?><unload unload_date="'),
			).toBe(true);
			expect(remote.name).toBe('sys_remote_update_set');
			expect(remote.attrs.action).toBe('INSERT_OR_UPDATE');
			expect(childText(remote, 'application')).toBe('global');
			expect(parsed).toMatchObject({
				name: 'TeamViewer for n8n 1.0',
				state: 'loaded',
				sysId: UPDATE_SET_SYS_ID,
			});
			const rows = unload.children.slice(1);
			expect(
				rows.every(
					(row) => row.name === 'sys_update_xml' && row.attrs.action === 'INSERT_OR_UPDATE',
				),
			).toBe(true);
			expect(new Set(rows.map((row) => childText(row, 'sys_id'))).size).toBe(rows.length);
			expect(rows.every((row) => /^[0-9a-f]{32}$/.test(childText(row, 'sys_id')))).toBe(true);
			expect(parsed.updates.length).toBe(rows.length);
		});

		it('names dictionary rows as ServiceNow does, with the u_ prefix of global scope', () => {
			const names = ofType('Dictionary').map((update) => update.name);

			expect(names).toEqual(
				expect.arrayContaining([
					'sys_dictionary_u_teamviewer_session_null',
					'sys_dictionary_u_teamviewer_session_u_task',
					'sys_dictionary_u_teamviewer_connection_u_report_id',
					'sys_dictionary_u_teamviewer_device_u_password',
					'sys_dictionary_u_teamviewer_sync_state_u_name',
				]),
			);
			expect(names.every((name) => name.startsWith('sys_dictionary_u_teamviewer_'))).toBe(true);
			expect(ofType('Table').map((update) => field(update, 'name'))).toEqual([
				'u_teamviewer_session',
				'u_teamviewer_connection',
				'u_teamviewer_device',
				'u_teamviewer_sync_state',
			]);
			expect(ofType('Table').every((update) => field(update, 'ws_access') === 'true')).toBe(true);
		});

		it('has the three roles, the admin role containing the user role, and ACLs per table', () => {
			expect(ofType('Role').map((update) => field(update, 'name'))).toEqual([
				'u_teamviewer_user',
				'u_teamviewer_admin',
				'u_teamviewer_integration',
			]);
			const [contains] = ofType('Contained Role');
			expect(contains.record.children.find((element) => element.name === 'role')?.attrs.name).toBe(
				'u_teamviewer_admin',
			);
			expect(
				contains.record.children.find((element) => element.name === 'contains')?.attrs.name,
			).toBe('u_teamviewer_user');
			const acls = ofType('Access Control').map(
				(update) => `${field(update, 'name')}:${field(update, 'operation')}`,
			);
			for (const table of [
				'u_teamviewer_session',
				'u_teamviewer_connection',
				'u_teamviewer_device',
				'u_teamviewer_sync_state',
			]) {
				expect(acls).toEqual(
					expect.arrayContaining(
						['read', 'write', 'create', 'delete'].map((op) => `${table}:${op}`),
					),
				);
			}
			const granted = ofType('Access Roles').map((update) => update.targetName);
			expect(granted).toContain('u_teamviewer_session.u_teamviewer_user');
			expect(granted).toContain('u_teamviewer_connection.u_teamviewer_user');
			expect(granted).toContain('u_teamviewer_device.u_teamviewer_integration');
			expect(granted).not.toContain('u_teamviewer_device.u_teamviewer_user');
			expect(granted).not.toContain('u_teamviewer_sync_state.u_teamviewer_user');
		});

		it('has the three system properties, the password one encrypted (password2)', () => {
			expect(
				ofType('System Property').map((update) => [field(update, 'name'), field(update, 'type')]),
			).toEqual([
				['teamviewer.n8n.base_url', 'string'],
				['teamviewer.n8n.webhook_user', 'string'],
				['teamviewer.n8n.webhook_password', 'password2'],
			]);
		});

		it('has the script include: global, server side, posting to the webhook with Basic auth and readable errors', () => {
			const [include] = ofType('Script Include');
			const script = field(include, 'script');

			expect(field(include, 'name')).toBe('TeamViewerN8n');
			expect(field(include, 'api_name')).toBe('global.TeamViewerN8n');
			expect(field(include, 'client_callable')).toBe('false');
			expect(script).toContain('new sn_ws.RESTMessageV2()');
			expect(script).toContain("'/webhook/servicenow/teamviewer/'");
			expect(script).toContain('request.setBasicAuth(');
			expect(script).toContain("'n8n answered HTTP ' + status + ': ' + text.substring(0, 200)");
			expect(script).toContain(
				'n8n refused the webhook user/password: check the system properties teamviewer.n8n.webhook_user and teamviewer.n8n.webhook_password',
			);
			expect(script).toContain('hasOpenSession: function (task)');
			expect(() => new Function(script)).not.toThrow();
		});

		it('has the ten server-side UI Actions, each with a role check', () => {
			const actions = ofType('UI Action');

			expect(actions.map((update) => [field(update, 'table'), field(update, 'name')])).toEqual([
				['task', 'TeamViewer remote support'],
				['task', 'TeamViewer Pilot invite (email)'],
				['task', 'TeamViewer Pilot invite (SMS)'],
				['task', 'Close TeamViewer session'],
				['task', 'Connect to device (TeamViewer)'],
				['u_teamviewer_device', 'Register for unattended access'],
				['u_teamviewer_device', 'Unregister'],
				['u_teamviewer_device', 'Register all waiting devices'],
				['u_teamviewer_sync_state', 'Verify TeamViewer connection'],
				['u_teamviewer_connection', 'Refresh connection history now'],
			]);
			for (const action of actions) {
				expect(field(action, 'client')).toBe('false');
				expect(field(action, 'condition')).toMatch(/gs\.hasRole\('u_teamviewer_(user|admin)'\)/);
				expect(
					() => new Function('current', 'action', 'gs', 'TeamViewerN8n', field(action, 'script')),
				).not.toThrow();
			}
			const byName = (name: string) =>
				actions.find((action) => field(action, 'name') === name) as UpdateXml;
			expect(field(byName('TeamViewer remote support'), 'script')).toContain("action: 'remote'");
			expect(field(byName('TeamViewer remote support'), 'script')).toContain(
				'action.setRedirectURL(result.body.supporter_link)',
			);
			expect(field(byName('Close TeamViewer session'), 'condition')).toContain(
				'TeamViewerN8n.hasOpenSession(current)',
			);
			expect(field(byName('Connect to device (TeamViewer)'), 'condition')).toContain(
				'!current.cmdb_ci.nil()',
			);
			// Passwords never travel in the request to n8n: the flow reads them from the Scripted REST API.
			for (const name of ['Register for unattended access', 'Register all waiting devices'])
				expect(field(byName(name), 'script')).not.toContain('u_password');
			const [operation] = ofType('Scripted REST Resource');
			expect(field(operation, 'operation_uri')).toBe('/api/global/teamviewer_n8n/device/{sys_id}/password');
			expect(field(operation, 'operation_script')).toContain('device.u_password.getDecryptedValue()');
			expect(field(operation, 'operation_script')).toContain("gs.hasRole('u_teamviewer_integration')");
			expect(field(byName('Register all waiting devices'), 'list_banner_button')).toBe('true');
		});

		it('has the async Business Rule on task for "Active changes to false"', () => {
			const [rule] = ofType('Business Rule');
			const filter = rule.record.children.find((element) => element.name === 'filter_condition');

			expect(field(rule, 'collection')).toBe('task');
			expect(field(rule, 'when')).toBe('async');
			expect(field(rule, 'action_update')).toBe('true');
			expect(filter?.text).toBe('activeCHANGESTOfalse^EQ');
			expect(filter?.children[0].attrs).toMatchObject({
				field: 'active',
				operator: 'CHANGESTO',
				value: 'false',
			});
			expect(field(rule, 'script')).toContain("TeamViewerN8n.post('close'");
			expect(field(rule, 'script')).toContain('gs.warn(');
			expect(field(rule, 'script')).not.toMatch(/password/i);
		});
	});
});

describe('installing an update set', () => {
	let sim: ServiceNowSimulator;
	const call = apiClient(() => sim);

	beforeAll(async () => {
		sim = await startServiceNowSimulator({ updateSets: [SHIPPED_UPDATE_SET] });
		sim.seed({
			tables: { sys_user: [{ user_name: 'n8n.integration', name: 'n8n Integration' }] },
			passwords: { 'n8n.integration': 'n8n-Integration-Pa55!' },
		});
	});

	afterAll(async () => {
		await sim.close();
	});

	it('creates the tables with their fields, types, references, choices, unique and password2', () => {
		const field = (table: string, name: string) =>
			sim.state.dictionary.get(table)?.fields.get(name);

		expect(field('u_teamviewer_session', 'u_task')).toMatchObject({
			type: 'reference',
			reference: 'task',
		});
		expect(field('u_teamviewer_session', 'u_session_code')).toMatchObject({
			type: 'string',
			maxLength: 40,
		});
		expect(field('u_teamviewer_session', 'u_valid_until')).toMatchObject({
			type: 'glide_date_time',
		});
		expect(field('u_teamviewer_session', 'u_supporter_link')).toMatchObject({
			type: 'url',
			maxLength: 1024,
		});
		expect(field('u_teamviewer_session', 'u_invited_via')).toMatchObject({
			type: 'string',
			maxLength: 40,
		});
		expect([...(field('u_teamviewer_session', 'u_history')?.choices?.keys() ?? [])]).toEqual([
			'pending',
			'logged',
			'none',
		]);
		expect(field('u_teamviewer_connection', 'u_report_id')).toMatchObject({
			unique: true,
			maxLength: 64,
		});
		expect(field('u_teamviewer_connection', 'u_ci')).toMatchObject({ reference: 'cmdb_ci' });
		expect(field('u_teamviewer_connection', 'u_duration_seconds')).toMatchObject({
			type: 'integer',
		});
		expect(field('u_teamviewer_device', 'u_password')).toMatchObject({
			type: 'password2',
			maxLength: 255,
		});
		expect(field('u_teamviewer_device', 'u_status')).toMatchObject({
			defaultValue: 'To register',
			choicesComplete: true,
		});
		expect([...(field('u_teamviewer_device', 'u_status')?.choices?.keys() ?? [])]).toEqual([
			'To register',
			'Registered',
			'Invalid registration',
			'Unregistered',
		]);
		expect(field('u_teamviewer_sync_state', 'u_name')).toMatchObject({ unique: true });
		expect(field('u_teamviewer_sync_state', 'sys_class_name')).toBeUndefined();
		expect(sim.find('sys_user_role').map((role) => role.name)).toEqual([
			'u_teamviewer_user',
			'u_teamviewer_admin',
			'u_teamviewer_integration',
		]);
	});

	it('serves the new tables through the Table API, with defaults and display values', async () => {
		const created = await call(
			'POST',
			'/api/now/table/u_teamviewer_device?sysparm_display_value=all',
			{
				u_name: 'LAPTOP-ABEL-01',
				u_teamviewer_id: '123456789',
			},
		);
		const list = await call(
			'GET',
			'/api/now/table/u_teamviewer_device?sysparm_fields=u_name,u_status',
		);

		expect(created.status).toBe(201);
		expect(created.body.result.u_status).toEqual({
			display_value: 'To register',
			value: 'To register',
		});
		expect(created.body.result.sys_class_name).toBeUndefined();
		expect(list.body.result).toEqual([{ u_name: 'LAPTOP-ABEL-01', u_status: 'To register' }]);
	});

	it('keeps the installed tables and roles across reset(), empty', async () => {
		sim.reset();

		expect(sim.state.dictionary.has('u_teamviewer_connection')).toBe(true);
		expect(sim.find('u_teamviewer_device')).toEqual([]);
		expect(sim.find('sys_user_role').map((role) => role.name)).toContain('u_teamviewer_admin');
		sim.seed({
			tables: { sys_user: [{ user_name: 'n8n.integration', name: 'n8n Integration' }] },
			passwords: { 'n8n.integration': 'n8n-Integration-Pa55!' },
		});
		expect((await call('GET', '/api/now/table/u_teamviewer_sync_state')).status).toBe(200);
	});

	it('installs from XML text and over the control endpoint', async () => {
		const other = await startServiceNowSimulator();
		try {
			const response = await fetch(`${other.url}/__update-set`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ xml: shipped }),
			});
			expect(await response.json()).toEqual({
				name: 'TeamViewer for n8n 1.0',
				sys_id: UPDATE_SET_SYS_ID,
				tables: [
					'u_teamviewer_session',
					'u_teamviewer_connection',
					'u_teamviewer_device',
					'u_teamviewer_sync_state',
				],
			});
			expect(other.state.dictionary.has('u_teamviewer_session')).toBe(true);
		} finally {
			await other.close();
		}
	});
});

describe('the update-set reader', () => {
	const wrap = (rows: string, sysId = 'a'.repeat(32)) =>
		`<?xml version="1.0" encoding="UTF-8"?><unload unload_date="2025-01-01 00:00:00"><sys_remote_update_set action="INSERT_OR_UPDATE"><name>T</name><state>loaded</state><sys_id>${sysId}</sys_id></sys_remote_update_set>${rows}</unload>`;
	const row = (name: string, payload: string, link = 'a'.repeat(32)) =>
		`<sys_update_xml action="INSERT_OR_UPDATE"><action>INSERT_OR_UPDATE</action><name>${name}</name><payload><![CDATA[${payload}]]></payload><remote_update_set display_value="T">${link}</remote_update_set><type>X</type></sys_update_xml>`;
	const dictionary = (table: string, element: string, type: string, extra = '') =>
		`<?xml version="1.0" encoding="UTF-8"?><record_update><sys_dictionary action="INSERT_OR_UPDATE" element="${element}" table="${table}"><element>${element}</element><internal_type>${type}</internal_type><name>${table}</name>${extra}</sys_dictionary></record_update>`;

	it('reads CDATA payloads as well as escaped ones, and fields added to existing tables', () => {
		const parsed = parseUpdateSet(
			wrap(
				row('sys_dictionary_u_x_null', dictionary('u_x', '', 'collection')) +
					row('sys_dictionary_u_x_u_when', dictionary('u_x', 'u_when', 'glide_date_time')) +
					row('sys_dictionary_incident_u_vip', dictionary('incident', 'u_vip', 'boolean')),
			),
		);

		expect(parsed.tables.map((table) => [table.name, [...table.fields.keys()].at(-1)])).toEqual([
			['u_x', 'u_when'],
		]);
		expect(parsed.addedFields.get('incident')?.map((field) => field.name)).toEqual(['u_vip']);
	});

	it.each([
		['a root other than <unload>', '<?xml version="1.0"?><record_update/>'],
		[
			'a row of another update set',
			wrap(row('sys_dictionary_u_x_null', dictionary('u_x', '', 'collection'), 'b'.repeat(32))),
		],
		[
			'a table extending another',
			wrap(
				row(
					'sys_db_object_1',
					'<record_update table="sys_db_object"><sys_db_object action="INSERT_OR_UPDATE"><name>u_x</name><super_class name="task">1</super_class></sys_db_object></record_update>',
				),
			),
		],
		[
			'choices of a field it does not have',
			wrap(
				row(
					'sys_choice_u_x_u_y',
					'<record_update><sys_choice action="INSERT_OR_UPDATE" field="u_y" table="u_x"><sys_choice action="INSERT_OR_UPDATE"><value>a</value></sys_choice></sys_choice></record_update>',
				),
			),
		],
	])('refuses %s', (_label, xml) => {
		expect(() => parseUpdateSet(xml)).toThrow(UpdateSetError);
	});
});

describe('the XML reader', () => {
	it('reads attributes (with > inside), entities, character references and CDATA', () => {
		const root = parseXml(
			'<?xml version="1.0"?><!-- c --><a x="1 &gt; 0" y=\'b>c\'><b>&lt;i&gt; &amp; &#233;&#x4E2D;</b><c><![CDATA[<raw & text>]]></c><d/></a>',
		);

		expect(root.attrs).toEqual({ x: '1 > 0', y: 'b>c' });
		expect(childText(root, 'b')).toBe('<i> & é中');
		expect(childText(root, 'c')).toBe('<raw & text>');
		expect(root.children.map((element) => element.name)).toEqual(['b', 'c', 'd']);
	});

	it.each(['<a><b></a>', '<a>', '<a/><b/>', '<a>&bogus;</a>'])('refuses %s', (xml) => {
		expect(() => parseXml(xml)).toThrow(XmlError);
	});
});
