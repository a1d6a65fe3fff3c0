/*
 * The simulator's dictionary rules, on standard tables and on the shipped update set's tables: what
 * a real instance does with fields a table lacks, unique fields, passwords, dates and numbers.
 */
import {
	DEFAULT_KNOBS,
	startServiceNowSimulator,
	type DemoInfo,
	type ServiceNowSimulator,
} from './index';
import { apiClient } from './testClient';

let sim: ServiceNowSimulator;
let demo: DemoInfo;
const call = apiClient(() => sim);

beforeAll(async () => {
	sim = await startServiceNowSimulator();
});

afterAll(async () => {
	await sim.close();
});

beforeEach(() => {
	Object.assign(sim.knobs, DEFAULT_KNOBS);
	sim.reset();
	demo = sim.seedDemo();
});

const problem = () => demo.tasks.PRB0010001.sys_id;

describe('fields a table does not have', () => {
	it('leaves them out of sysparm_fields answers (a problem has no caller_id), dot-walked or not', async () => {
		const { status, body } = await call(
			'GET',
			`/api/now/table/problem/${problem()}?sysparm_fields=number,caller_id,caller_id.email,opened_by.email,short_description.bogus&sysparm_exclude_reference_link=true`,
		);

		expect(status).toBe(200);
		expect(body.result).toEqual({
			number: 'PRB0010001',
			'opened_by.email': 'david.loo@example.com',
		});
	});

	it('answers with the fields of the table in the URL, not those of the record class', async () => {
		const incident = demo.tasks.INC0010001.sys_id;
		const viaTask = await call(
			'GET',
			`/api/now/table/task/${incident}?sysparm_fields=number,caller_id`,
		);
		const all = await call('GET', `/api/now/table/task/${incident}`);

		expect(viaTask.body.result).toEqual({ number: 'INC0010001' });
		expect(all.body.result.sys_class_name).toBe('incident');
		expect(all.body.result).not.toHaveProperty('caller_id');

		sim.knobs.classFieldsThroughParent = true;
		const knob = await call(
			'GET',
			`/api/now/table/task/${incident}?sysparm_fields=number,caller_id&sysparm_exclude_reference_link=true`,
		);
		expect(knob.body.result).toEqual({ number: 'INC0010001', caller_id: demo.users['abel.tuter'] });
	});

	it('ignores them in POST, PATCH and PUT bodies: nothing is stored', async () => {
		const patched = await call('PATCH', `/api/now/table/problem/${problem()}`, {
			caller_id: demo.users['abel.tuter'],
			u_nonsense: 'x',
		});
		const created = await call('POST', '/api/now/table/u_teamviewer_session', {
			u_task: demo.tasks.INC0010001.sys_id,
			u_task_table: 'incident',
			u_session_code: 's123-456-789',
		});

		expect(patched.status).toBe(200);
		expect(patched.body.result).not.toHaveProperty('caller_id');
		expect(sim.record('problem', problem())).not.toHaveProperty('caller_id');
		expect(sim.record('problem', problem())).not.toHaveProperty('u_nonsense');
		expect(created.status).toBe(201);
		expect(created.body.result).not.toHaveProperty('u_task_table');
		expect(sim.find('u_teamviewer_session', (row) => 'u_task_table' in row)).toEqual([]);
		expect(sim.find('u_teamviewer_session', 'u_session_code=s123-456-789')).toHaveLength(1);
	});

	it('drops an invalid query term, so more rows come back (glide.invalid_query.returns_no_rows = false)', async () => {
		const query = (q: string) =>
			call(
				'GET',
				`/api/now/table/problem?sysparm_fields=number&sysparm_query=${encodeURIComponent(q)}`,
			);

		const dropped = await query(`caller_id=${demo.users['abel.tuter']}^active=true`);
		expect(dropped.status).toBe(200);
		expect(dropped.body.result).toEqual([{ number: 'PRB0010001' }]);
		expect(
			(await query('caller_id.email=nobody@example.com^ORnumber=PRB0010001')).body.result,
		).toEqual([{ number: 'PRB0010001' }]);
		expect((await query('number=PRB0099999^NQbogus=1')).body.result).toEqual([
			{ number: 'PRB0010001' },
		]);

		sim.knobs.invalidQueryReturnsNoRows = true;
		expect((await query(`caller_id=${demo.users['abel.tuter']}^active=true`)).body.result).toEqual(
			[],
		);
		expect((await query('active=true')).body.result).toEqual([{ number: 'PRB0010001' }]);
	});

	it('still answers 400 for syntax the simulator cannot parse', async () => {
		const { status, body } = await call(
			'GET',
			`/api/now/table/problem?sysparm_query=${encodeURIComponent('active~true')}`,
		);

		expect(status).toBe(400);
		expect(body.error.message).toContain("does not understand the query term 'active~true'");
	});

	it('makes sim.find throw instead of dropping the term', () => {
		expect(() => sim.find('problem', 'caller_id=x')).toThrow('problem has no field caller_id');
	});

	it('refuses seeds with a duplicate unique value, and drops unknown seed fields', () => {
		sim.seed({
			tables: { u_teamviewer_sync_state: [{ u_name: 'connection_reports', u_colour: 'red' }] },
		});

		expect(sim.find('u_teamviewer_sync_state')[0]).not.toHaveProperty('u_colour');
		expect(() =>
			sim.seed({ tables: { u_teamviewer_sync_state: [{ u_name: 'Connection_Reports' }] } }),
		).toThrow('Error during insert of u_teamviewer_sync_state');
	});
});

describe('tables', () => {
	it('answers a POST to a table that does not exist with 400 Invalid table', async () => {
		const { status, body } = await call('POST', '/api/now/table/x_tv_session', { u_state: 'open' });

		expect(status).toBe(400);
		expect(body.error.message).toBe('Invalid table x_tv_session');
	});
});

describe('unique fields', () => {
	const report = (id: string) =>
		call('POST', '/api/now/table/u_teamviewer_connection', { u_report_id: id, u_kind: 'attended' });

	it('refuses an insert that duplicates a unique value (case-insensitively), storing nothing', async () => {
		const first = await report('R-1');
		const again = await report('r-1');

		expect(first.status).toBe(201);
		expect(again.status).toBe(403);
		expect(again.body).toEqual({
			error: {
				message: 'Operation Failed',
				detail: 'Error during insert of u_teamviewer_connection (r-1)',
			},
			status: 'failure',
		});
		expect(sim.find('u_teamviewer_connection')).toHaveLength(1);
	});

	it('refuses an update that would duplicate one, changing nothing', async () => {
		await report('R-1');
		const second = await report('R-2');
		const { status, body } = await call(
			'PATCH',
			`/api/now/table/u_teamviewer_connection/${second.body.result.sys_id}`,
			{
				u_report_id: 'R-1',
				u_notes: 'changed',
			},
		);

		expect(status).toBe(403);
		expect(body.error.detail).toBe('Error during update of u_teamviewer_connection (R-2)');
		expect(sim.record('u_teamviewer_connection', second.body.result.sys_id)).toMatchObject({
			u_report_id: 'R-2',
			sys_mod_count: '0',
		});
		expect(sim.record('u_teamviewer_connection', second.body.result.sys_id)).not.toHaveProperty(
			'u_notes',
		);
	});

	it('lets empty values repeat, and answers with the status of the knob', async () => {
		expect((await report('')).status).toBe(201);
		expect((await report('')).status).toBe(201);

		sim.knobs.uniqueViolationStatus = 409;
		await report('R-9');
		expect((await report('R-9')).status).toBe(409);
	});
});

const device = async () =>
	(
		await call('POST', '/api/now/table/u_teamviewer_device', {
			u_name: 'LAPTOP-ABEL-01',
			u_password: 'Laptop-Pass-1',
		})
	).body.result;

describe('Password (2 Way Encrypted) fields', () => {

	it('never come back in clear over the API, in any display mode; tests read them with sim.decrypted', async () => {
		const created = await device();
		const raw = await call(
			'GET',
			`/api/now/table/u_teamviewer_device/${created.sys_id}?sysparm_fields=u_password`,
		);
		const both = await call(
			'GET',
			`/api/now/table/u_teamviewer_device/${created.sys_id}?sysparm_fields=u_password&sysparm_display_value=all`,
		);
		const state = await fetch(`${sim.url}/__state`).then((response) => response.text());

		expect(created.u_password).not.toBe('Laptop-Pass-1');
		expect(raw.body.result.u_password).toMatch(/^[A-Za-z0-9+/]{43}=$/);
		expect(raw.body.result.u_password).toBe(created.u_password);
		expect(JSON.stringify(both.body)).not.toContain('Laptop-Pass-1');
		expect(state).not.toContain('Laptop-Pass-1');
		expect(sim.decrypted('u_teamviewer_device', created.sys_id, 'u_password')).toBe(
			'Laptop-Pass-1',
		);
		expect(sim.record('u_teamviewer_device', created.sys_id)?.u_password).toBe('Laptop-Pass-1');
		expect(() => sim.decrypted('u_teamviewer_device', created.sys_id, 'u_name')).toThrow(
			'not a Password (2 Way Encrypted) field',
		);
	});

	it('cannot be queried by their clear text', async () => {
		await device();
		const { body } = await call(
			'GET',
			'/api/now/table/u_teamviewer_device?sysparm_query=u_password=Laptop-Pass-1',
		);

		expect(body.result).toEqual([]);
	});

	it('come back in clear with the knob clearPasswordsOverApi', async () => {
		sim.knobs.clearPasswordsOverApi = true;

		expect((await device()).u_password).toBe('Laptop-Pass-1');
	});
});

describe('the Scripted REST API of the shipped update set', () => {
	const passwordPath = (sysId: string) => `/api/global/teamviewer_n8n/device/${sysId}/password`;
	const as = (user: string, password: string) => (path: string) =>
		fetch(`${sim.url}${path}`, { headers: { Accept: 'application/json', Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } })
			.then(async (response) => ({ status: response.status, body: await response.json() }));

	it('gives the integration role a device password in clear, wrapped in result', async () => {
		const created = await device();

		const answer = await call('GET', passwordPath(created.sys_id));

		expect(answer).toEqual({ status: 200, body: { result: { sys_id: created.sys_id, password: 'Laptop-Pass-1' } } });
	});

	it('refuses a user without the integration role (403) and names an unknown device (404)', async () => {
		const created = await device();
		sim.seed({ passwords: { 'beth.anglin': 'Beth-Pass-1' } });

		const technician = await as('beth.anglin', 'Beth-Pass-1')(passwordPath(created.sys_id));
		const unknown = await call('GET', passwordPath('0'.repeat(32)));

		expect(technician).toEqual({ status: 403, body: { result: { error: 'Only the u_teamviewer_integration role may read device passwords.' } } });
		expect(unknown).toEqual({ status: 404, body: { result: { error: `No u_teamviewer_device record ${'0'.repeat(32)}.` } } });
	});

	it('serves nothing that the update set does not define, and only GET', async () => {
		const created = await device();

		expect((await call('GET', `/api/global/teamviewer_n8n/device/${created.sys_id}`)).status).toBe(400);
		expect((await call('POST', passwordPath(created.sys_id), {})).status).toBe(405);
	});
});

describe('typed fields', () => {
	const session = (fields: Record<string, unknown>) =>
		call('POST', '/api/now/table/u_teamviewer_session', fields);

	it('stores a date-time not in yyyy-MM-dd HH:mm:ss as empty (knob invalidDateTime)', async () => {
		const iso = await session({ u_valid_until: '2025-06-02T10:00:00Z' });
		const good = await session({ u_valid_until: '2025-06-02 10:00:00' });
		sim.knobs.invalidDateTime = 'keep';
		const kept = await session({ u_valid_until: '2025-06-02T10:00:00Z' });

		expect(iso.body.result.u_valid_until).toBe('');
		expect(good.body.result.u_valid_until).toBe('2025-06-02 10:00:00');
		expect(kept.body.result.u_valid_until).toBe('2025-06-02T10:00:00Z');
	});

	it('stores an integer field sent as anything but a whole number as empty (knob invalidInteger)', async () => {
		const post = (rows: unknown) =>
			call('POST', '/api/now/table/u_teamviewer_sync_state', {
				u_name: `n${Math.random()}`,
				u_rows: rows,
			});

		expect((await post(12)).body.result.u_rows).toBe('12');
		expect((await post('-3')).body.result.u_rows).toBe('-3');
		expect((await post(12.5)).body.result.u_rows).toBe('');
		expect((await post('twelve')).body.result.u_rows).toBe('');
		sim.knobs.invalidInteger = 'keep';
		expect((await post('twelve')).body.result.u_rows).toBe('twelve');
	});

	it('ignores a value outside an update-set choice list (knob invalidChoice)', async () => {
		const created = await call('POST', '/api/now/table/u_teamviewer_device', {
			u_name: 'A',
			u_status: 'registered',
		});
		const fixed = await call(
			'PATCH',
			`/api/now/table/u_teamviewer_device/${created.body.result.sys_id}`,
			{ u_status: 'Registered' },
		);
		sim.knobs.invalidChoice = 'keep';
		const kept = await call(
			'PATCH',
			`/api/now/table/u_teamviewer_device/${created.body.result.sys_id}`,
			{ u_status: 'gone' },
		);

		expect(created.body.result.u_status).toBe('To register');
		expect(fixed.body.result.u_status).toBe('Registered');
		expect(kept.body.result.u_status).toBe('gone');
	});

	it('cuts text at the max_length (knob overlongStrings)', async () => {
		const long = 's'.repeat(50);

		expect((await session({ u_session_code: long })).body.result.u_session_code).toBe(
			's'.repeat(40),
		);
		sim.knobs.overlongStrings = 'keep';
		expect((await session({ u_session_code: long })).body.result.u_session_code).toBe(long);
	});

	it('resolves references given by display value and dot-walks them over several levels', async () => {
		const created = await session({ u_task: 'SCTASK0010001', u_session_code: 's1' });
		const { body } = await call(
			'GET',
			`/api/now/table/u_teamviewer_session/${created.body.result.sys_id}?sysparm_fields=u_task.number,u_task.sys_class_name,u_task.short_description&sysparm_display_value=true`,
		);
		const task = await call(
			'GET',
			`/api/now/table/sc_task/${demo.tasks.SCTASK0010001.sys_id}?sysparm_fields=request_item.request.requested_for.email,request_item.request.requested_for.manager.name`,
		);

		expect(created.body.result.u_task.value).toBe(demo.tasks.SCTASK0010001.sys_id);
		expect(body.result).toEqual({
			'u_task.number': 'SCTASK0010001',
			'u_task.sys_class_name': 'sc_task',
			'u_task.short_description': 'Install the docking station',
		});
		expect(task.body.result).toEqual({
			'request_item.request.requested_for.email': 'david.loo@example.com',
			'request_item.request.requested_for.manager.name': '',
		});
	});

	it('gives a new task opened_by = the API user and opened_at = now (dictionary defaults)', async () => {
		const before = new Date(Date.now() - 1000).toISOString().slice(0, 19).replace('T', ' ');
		const { body } = await call(
			'POST',
			'/api/now/table/problem?sysparm_exclude_reference_link=true',
			{ short_description: 'Disk full' },
		);

		expect(body.result.opened_by).toBe(demo.integrationUser.sys_id);
		expect(body.result.opened_at >= before).toBe(true);
		expect(body.result).toMatchObject({
			known_error: 'false',
			state: '101',
			active: 'true',
			number: 'PRB0010002',
		});
		expect(body.result).not.toHaveProperty('caller_id');
	});
});

describe('the demo instance', () => {
	const get = (table: string, sysId: string, fields: string) =>
		call(
			'GET',
			`/api/now/table/${table}/${sysId}?sysparm_fields=${fields}&sysparm_exclude_reference_link=true`,
		).then((answer) => answer.body.result);

	it('has the shipped update set installed and the integration user holding itil and u_teamviewer_integration', () => {
		expect(sim.state.dictionary.has('u_teamviewer_device')).toBe(true);
		const roles = sim
			.find('sys_user_has_role', `user=${demo.integrationUser.sys_id}`)
			.map((link) => sim.record('sys_user_role', link.role)?.name);
		expect(roles).toEqual(['itil', 'u_teamviewer_integration']);
		expect(Object.keys(demo.roles)).toEqual(
			expect.arrayContaining([
				'itil',
				'admin',
				'u_teamviewer_user',
				'u_teamviewer_admin',
				'u_teamviewer_integration',
			]),
		);
	});

	it('has caller_id on incidents only: problem opened_by, change requested_by, requested item request.requested_for', async () => {
		for (const number of [
			'PRB0010001',
			'CHG0010001',
			'CHG0010002',
			'RITM0010001',
			'RITM0010002',
			'SCTASK0010001',
			'TASK0010001',
		]) {
			const { table, sys_id } = demo.tasks[number];
			expect(sim.record(table, sys_id)).not.toHaveProperty('caller_id');
			expect(await get(table, sys_id, 'number,caller_id')).toEqual({ number });
		}
		expect(await get('incident', demo.tasks.INC0010001.sys_id, 'caller_id.email')).toEqual({
			'caller_id.email': 'abel.tuter@example.com',
		});
		expect(await get('problem', demo.tasks.PRB0010001.sys_id, 'opened_by.email')).toEqual({
			'opened_by.email': 'david.loo@example.com',
		});
		expect(await get('change_request', demo.tasks.CHG0010001.sys_id, 'requested_by.email')).toEqual(
			{ 'requested_by.email': 'abel.tuter@example.com' },
		);
		expect(
			await get(
				'sc_req_item',
				demo.tasks.RITM0010001.sys_id,
				'request.number,request.requested_for.email',
			),
		).toEqual({
			'request.number': 'REQ0010001',
			'request.requested_for.email': 'david.loo@example.com',
		});
		expect(await get('task', demo.tasks.TASK0010001.sys_id, 'opened_by.email')).toEqual({
			'opened_by.email': 'carol.coughlin@example.com',
		});
		expect(await get('sc_task', demo.tasks.SCTASK0010001.sys_id, 'request_item.number')).toEqual({
			'request_item.number': 'RITM0010001',
		});
	});

	it('has the unhappy paths: a change without requester, a requested item whose request has no requested_for', async () => {
		const byDescription = (text: string) => sim.find('task', `short_description=${text}`)[0];

		expect(byDescription('Replace the conference room display')).toMatchObject({
			sys_class_name: 'change_request',
			requested_by: '',
		});
		const erin = byDescription('New laptop for Erin');
		expect(erin.sys_class_name).toBe('sc_req_item');
		expect(
			await get('sc_req_item', erin.sys_id, 'request.requested_for,request.requested_for.email'),
		).toEqual({
			'request.requested_for': '',
			'request.requested_for.email': '',
		});
		expect(byDescription('Check the backup job').sys_class_name).toBe('task');
		expect(byDescription('Install the docking station').sys_class_name).toBe('sc_task');
	});

	it('keeps the short descriptions the e2e tests look tasks up by, and its sys_ids across resets', () => {
		for (const text of [
			'Outlook crashes on start',
			'VPN drops every few minutes',
			'Mail server restarts every night',
			'Upgrade Outlook on LAPTOP-ABEL-01',
			'Printer on the 3rd floor is offline',
		]) {
			expect(sim.find('task', `short_description=${text}`)).toHaveLength(1);
		}
		const first = JSON.stringify(demo);
		sim.reset();
		expect(JSON.stringify(sim.seedDemo())).toBe(first);
	});

	it('gives CIs no TeamViewer ID field: the flows keep it on u_teamviewer_device', async () => {
		const { body } = await call(
			'GET',
			`/api/now/table/cmdb_ci/${demo.cis['LAPTOP-ABEL-01']}?sysparm_fields=name,u_teamviewer_id`,
		);

		expect(body.result).toEqual({ name: 'LAPTOP-ABEL-01' });
	});
});
