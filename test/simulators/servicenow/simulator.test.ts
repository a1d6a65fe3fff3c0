import {
	DEMO_INTEGRATION_USER,
	DEMO_OAUTH_CLIENT,
	startServiceNowSimulator,
	type DemoInfo,
	type ServiceNowSimulator,
} from './index';

interface Answer {
	status: number;
	headers: Headers;
	body: any;
}

const BASIC = `Basic ${Buffer.from(`${DEMO_INTEGRATION_USER.user_name}:${DEMO_INTEGRATION_USER.password}`).toString('base64')}`;

let sim: ServiceNowSimulator;
let demo: DemoInfo;

async function call(
	method: string,
	path: string,
	options: { json?: unknown; form?: Record<string, string>; auth?: string | null } = {},
): Promise<Answer> {
	const headers: Record<string, string> = { Accept: 'application/json' };
	const auth = options.auth === undefined ? BASIC : options.auth;
	if (auth !== null) headers.Authorization = auth;
	let body: string | undefined;
	if (options.json !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(options.json);
	} else if (options.form) {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(options.form).toString();
	}
	const response = await fetch(`${sim.url}${path}`, { method, headers, body });
	const text = await response.text();
	const isJson = response.headers.get('content-type')?.includes('json') ?? false;
	return {
		status: response.status,
		headers: response.headers,
		body: isJson ? JSON.parse(text) : text,
	};
}

beforeAll(async () => {
	sim = await startServiceNowSimulator();
});

afterAll(async () => {
	await sim.close();
});

beforeEach(() => {
	sim.reset();
	demo = sim.seedDemo();
});

describe('reads', () => {
	it('filters with an encoded query, dot-walks sysparm_fields and counts the total', async () => {
		const query = new URLSearchParams({
			sysparm_query: 'active=true^caller_id.mobile_phoneSTARTSWITH+^ORDERBYnumber',
			sysparm_fields: 'number,caller_id,caller_id.email,caller_id.mobile_phone,work_notes',
		});
		const { status, headers, body } = await call('GET', `/api/now/table/incident?${query}`);

		expect(status).toBe(200);
		expect(headers.get('x-total-count')).toBe('1');
		expect(body.result).toEqual([
			{
				number: 'INC0010001',
				caller_id: {
					link: `${sim.url}/api/now/table/sys_user/${demo.users['abel.tuter']}`,
					value: demo.users['abel.tuter'],
				},
				'caller_id.email': 'abel.tuter@example.com',
				'caller_id.mobile_phone': '+4915112345678',
				work_notes: '',
			},
		]);
	});

	it('spans every task table when querying task, with sys_class_name', async () => {
		const query = new URLSearchParams({
			sysparm_query: 'assigned_to.user_name=beth.anglin^ORDERBYnumber',
			sysparm_fields: 'number,sys_class_name',
		});
		const { body } = await call('GET', `/api/now/table/task?${query}`);

		expect(body.result).toEqual([
			{ number: 'CHG0010001', sys_class_name: 'change_request' },
			{ number: 'INC0010001', sys_class_name: 'incident' },
			{ number: 'INC0010003', sys_class_name: 'incident' },
			{ number: 'PRB0010001', sys_class_name: 'problem' },
			{ number: 'RITM0010001', sys_class_name: 'sc_req_item' },
		]);
	});

	it('pages with sysparm_limit and sysparm_offset, with X-Total-Count and Link', async () => {
		const page = (offset: number) =>
			call(
				'GET',
				`/api/now/table/sys_user?sysparm_fields=user_name&sysparm_limit=2&sysparm_offset=${offset}`,
			);
		const first = await page(0);
		const last = await page(4);

		expect(first.headers.get('x-total-count')).toBe('5');
		expect(first.body.result.map((user: { user_name: string }) => user.user_name)).toEqual([
			'n8n.integration',
			'abel.tuter',
		]);
		expect(first.headers.get('link')).toContain('sysparm_offset=2>;rel="next"');
		expect(last.body.result).toHaveLength(1);
		expect(last.headers.get('link')).not.toContain('rel="next"');
		expect(last.headers.get('link')).toContain('sysparm_offset=2>;rel="prev"');
	});

	it('renders display values, both, and no reference links on request', async () => {
		const { sys_id } = demo.tasks.INC0010001;
		const get = (params: string) =>
			call('GET', `/api/now/table/incident/${sys_id}?sysparm_fields=state,caller_id&${params}`);

		expect((await get('sysparm_display_value=true')).body.result).toEqual({
			state: 'In Progress',
			caller_id: { display_value: 'Abel Tuter', link: expect.stringContaining('/sys_user/') },
		});
		expect(
			(await get('sysparm_display_value=all&sysparm_exclude_reference_link=true')).body.result,
		).toEqual({
			state: { display_value: 'In Progress', value: '2' },
			caller_id: { display_value: 'Abel Tuter', value: demo.users['abel.tuter'] },
		});
		expect((await get('sysparm_exclude_reference_link=true')).body.result).toEqual({
			state: '2',
			caller_id: demo.users['abel.tuter'],
		});
	});

	it('answers an unknown record with 404 and an unknown table with 400', async () => {
		const missing = await call('GET', `/api/now/table/incident/${'0'.repeat(32)}`);
		const noTable = await call('GET', '/api/now/table/x_unknown');

		expect(missing.status).toBe(404);
		expect(missing.body).toEqual({
			error: {
				message: 'No Record found',
				detail: "Record doesn't exist or ACL restricts the record retrieval",
			},
			status: 'failure',
		});
		expect(noTable.status).toBe(400);
		expect(noTable.body.error.message).toBe('Invalid table x_unknown');
	});
});

describe('writes', () => {
	it('appends work_notes and comments to the journal and keeps the field empty', async () => {
		const { sys_id } = demo.tasks.INC0010001;
		const { status, body } = await call('PATCH', `/api/now/table/incident/${sys_id}`, {
			json: {
				work_notes: 'TeamViewer session s123-456-789 created.',
				comments: 'A technician will connect.',
				state: 6,
			},
		});

		expect(status).toBe(200);
		expect(body.result).toMatchObject({
			work_notes: '',
			comments: '',
			state: '6',
			active: 'false',
			sys_mod_count: '1',
		});
		expect(sim.journal).toEqual([
			expect.objectContaining({
				table: 'incident',
				sys_id,
				element: 'work_notes',
				value: 'TeamViewer session s123-456-789 created.',
				created_by: 'n8n.integration',
			}),
			expect.objectContaining({ sys_id, element: 'comments', value: 'A technician will connect.' }),
		]);
		const shown = await call(
			'GET',
			`/api/now/table/task/${sys_id}?sysparm_fields=work_notes&sysparm_display_value=true`,
		);
		expect(shown.body.result.work_notes).toMatch(
			/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d - n8n Integration \(Work notes\)\nTeamViewer session s123-456-789 created\.\n\n$/,
		);
	});

	it('refuses a POST to a table that does not exist, as a real instance does', async () => {
		const { status, body } = await call('POST', '/api/now/table/x_tv_remote_log', {
			json: { u_session_code: 's123-456-789' },
		});

		expect(status).toBe(400);
		expect(body).toEqual({
			error: { message: 'Invalid table x_tv_remote_log', detail: null },
			status: 'failure',
		});
		expect(sim.state.tables.has('x_tv_remote_log')).toBe(false);
	});

	it('stores any field in a seeded schemaless table and numbers new incidents', async () => {
		sim.seed({ tables: { x_remote_log: [] } });
		const created = await call('POST', '/api/now/table/x_remote_log', {
			json: { u_session_code: 's123-456-789', u_task: demo.tasks.INC0010001.sys_id, u_minutes: 12 },
		});
		const incident = await call('POST', '/api/now/table/incident', {
			json: { short_description: 'Screen flickers', caller_id: 'Abel Tuter' },
		});

		expect(created.status).toBe(201);
		expect(created.headers.get('location')).toBe(
			`${sim.url}/api/now/table/x_remote_log/${created.body.result.sys_id}`,
		);
		expect(created.body.result).toMatchObject({
			u_session_code: 's123-456-789',
			u_minutes: '12',
			sys_class_name: 'x_remote_log',
		});
		expect(created.body.result.sys_id).toMatch(/^[0-9a-f]{32}$/);
		expect(created.body.result.sys_created_on).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
		expect(sim.find('x_remote_log', 'u_session_code=s123-456-789')).toHaveLength(1);
		expect(incident.body.result).toMatchObject({
			number: 'INC0010004',
			state: '1',
			caller_id: { value: demo.users['abel.tuter'] },
			opened_by: { value: demo.integrationUser.sys_id },
		});
	});

	it('replaces with PUT and deletes with 204', async () => {
		const { sys_id } = demo.tasks.PRB0010001;
		const put = await call('PUT', `/api/now/table/problem/${sys_id}`, { json: { state: '106' } });
		const removed = await call('DELETE', `/api/now/table/problem/${sys_id}`);

		expect(put.body.result.state).toBe('106');
		expect(removed.status).toBe(204);
		expect(sim.record('task', sys_id)).toBeUndefined();
	});
});

describe('authentication', () => {
	const notAuthenticated = {
		error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
		status: 'failure',
	};

	it.each([
		['no', null],
		['a wrong password in', `Basic ${Buffer.from('n8n.integration:nope').toString('base64')}`],
		['an unknown bearer token in', 'Bearer not-a-token'],
	])('answers 401 with %s Authorization header', async (_label, auth) => {
		const { status, body } = await call('GET', '/api/now/table/incident', { auth });

		expect(status).toBe(401);
		expect(body).toEqual(notAuthenticated);
	});

	it('issues, refreshes and honours OAuth tokens from /oauth_token.do', async () => {
		const client = {
			client_id: DEMO_OAUTH_CLIENT.clientId,
			client_secret: DEMO_OAUTH_CLIENT.clientSecret,
		};
		const granted = await call('POST', '/oauth_token.do', {
			auth: null,
			form: {
				...client,
				grant_type: 'password',
				username: DEMO_INTEGRATION_USER.user_name,
				password: DEMO_INTEGRATION_USER.password,
			},
		});
		expect(granted.status).toBe(200);
		expect(granted.body).toMatchObject({
			token_type: 'Bearer',
			scope: 'useraccount',
			expires_in: 1799,
		});
		const bearer = `Bearer ${granted.body.access_token}`;
		expect((await call('GET', '/api/now/table/sys_user_role', { auth: bearer })).status).toBe(200);

		sim.expireAccessTokens();
		expect((await call('GET', '/api/now/table/sys_user_role', { auth: bearer })).status).toBe(401);

		const refreshed = await call('POST', '/oauth_token.do', {
			auth: null,
			form: { ...client, grant_type: 'refresh_token', refresh_token: granted.body.refresh_token },
		});
		expect(refreshed.body.refresh_token).toBe(granted.body.refresh_token);
		const retried = await call('PATCH', `/api/now/table/incident/${demo.tasks.INC0010002.sys_id}`, {
			auth: `Bearer ${refreshed.body.access_token}`,
			json: { work_notes: 'via OAuth' },
		});
		expect(retried.status).toBe(200);
		expect(sim.journal.at(-1)).toMatchObject({ value: 'via OAuth', created_by: 'n8n.integration' });
	});

	it('refuses a wrong client secret at the token endpoint', async () => {
		const { status } = await call('POST', '/oauth_token.do', {
			auth: null,
			form: {
				grant_type: 'password',
				client_id: DEMO_OAUTH_CLIENT.clientId,
				client_secret: 'wrong',
				username: 'n8n.integration',
				password: DEMO_INTEGRATION_USER.password,
			},
		});

		expect(status).toBe(401);
	});
});

describe('control endpoints and log', () => {
	it('logs API calls with host, query, auth header and status', async () => {
		await call('GET', '/api/now/table/incident?sysparm_limit=1');

		expect(sim.requests).toEqual([
			expect.objectContaining({
				seq: 1,
				method: 'GET',
				host: new URL(sim.url).host,
				path: '/api/now/table/incident',
				query: { sysparm_limit: '1' },
				headers: { authorization: BASIC, contentType: undefined },
				status: 200,
			}),
		]);
	});

	it('resets, seeds and shows state over HTTP', async () => {
		expect((await call('POST', '/__reset', { auth: null })).status).toBe(204);
		expect(
			(
				await call('POST', '/__seed', {
					auth: null,
					json: { tables: { x_tv_device: [{ u_teamviewer_id: '1' }] } },
				})
			).status,
		).toBe(204);
		const { body } = await call('GET', '/__state', { auth: null });

		expect(body.tables.x_tv_device).toEqual([expect.objectContaining({ u_teamviewer_id: '1' })]);
		expect(body.tables.incident).toEqual([]);
		expect(sim.requests).toEqual([]);
	});

	it('injects a fault once', async () => {
		sim.injectFault({ kind: 'status', status: 503, path: '/table/incident$', body: 'busy' });

		expect(await call('GET', '/api/now/table/incident')).toMatchObject({
			status: 503,
			body: 'busy',
		});
		expect((await call('GET', '/api/now/table/incident')).status).toBe(200);
	});
});

describe('Attachment API', () => {
	const upload = (query: string, bytes: Buffer, type = 'image/png') =>
		fetch(`${sim.url}/api/now/attachment/file?${query}`, {
			method: 'POST',
			headers: { Accept: 'application/json', Authorization: BASIC, 'Content-Type': type },
			body: bytes,
		});
	const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80]);

	it('stores the raw body under the record with its type and answers 201 with the attachment record', async () => {
		const { table, sys_id } = demo.tasks.INC0010001;

		const response = await upload(`table_name=${table}&table_sys_id=${sys_id}&file_name=screen.png`, png);

		expect(response.status).toBe(201);
		const { result } = (await response.json()) as { result: Record<string, string> };
		expect(result).toMatchObject({ table_name: table, table_sys_id: sys_id, file_name: 'screen.png', content_type: 'image/png', size_bytes: String(png.length) });
		expect(result.download_link).toBe(`${sim.url}/api/now/attachment/${result.sys_id}/file`);
		expect(sim.attachments.map((attachment) => [attachment.sys_id, attachment.content])).toEqual([[result.sys_id, png]]);
	});

	it('refuses a missing parameter, an unknown table, a record that does not exist and an empty file, storing nothing', async () => {
		const { table, sys_id } = demo.tasks.INC0010001;

		const answers = await Promise.all([
			upload(`table_name=${table}&file_name=a.png`, png),
			upload(`table_name=u_nothing&table_sys_id=${sys_id}&file_name=a.png`, png),
			upload(`table_name=${table}&table_sys_id=${'0'.repeat(32)}&file_name=a.png`, png),
			upload(`table_name=${table}&table_sys_id=${sys_id}&file_name=a.png`, Buffer.alloc(0)),
		]);

		expect(answers.map((answer) => answer.status)).toEqual([400, 400, 404, 400]);
		expect(((await answers[0].json()) as { error: { detail: string } }).error.detail).toBe('Missing parameter(s): table_sys_id');
		expect(sim.attachments).toEqual([]);
	});
});
