import {
	DEFAULT_KNOBS,
	DEMO_OAUTH_CLIENT,
	DEMO_SESSION_FIELD,
	SDP_ACCEPT,
	startServiceDeskPlusSimulator,
	type DemoInfo,
	type ServiceDeskPlusSimulator,
} from './index';

interface Answer {
	status: number;
	headers: Headers;
	body: any;
}

let sim: ServiceDeskPlusSimulator;
let demo: DemoInfo;
let token: string;

async function call(
	method: string,
	path: string,
	options: {
		input?: unknown;
		form?: Record<string, string>;
		json?: unknown;
		auth?: string | null;
		accept?: string | null;
	} = {},
): Promise<Answer> {
	const headers: Record<string, string> = {};
	const accept = options.accept === undefined ? SDP_ACCEPT : options.accept;
	if (accept !== null) headers.Accept = accept;
	const auth = options.auth === undefined ? `Zoho-oauthtoken ${token}` : options.auth;
	if (auth !== null) headers.Authorization = auth;
	let url = `${sim.url}${path}`;
	let body: string | undefined;
	if (options.input !== undefined && method === 'GET') {
		url += `?${new URLSearchParams({ input_data: JSON.stringify(options.input) })}`;
	} else if (options.input !== undefined || options.form) {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(
			options.form ?? { input_data: JSON.stringify(options.input) },
		).toString();
	} else if (options.json !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(options.json);
	}
	const response = await fetch(url, { method, headers, body });
	const text = await response.text();
	const isJson = response.headers.get('content-type')?.includes('json') ?? false;
	return {
		status: response.status,
		headers: response.headers,
		body: isJson ? JSON.parse(text) : text,
	};
}

const api = (path: string) => `/app/itdesk/api/v3${path}`;
const requestPath = (displayId: string, rest = '') =>
	api(`/requests/${demo.requests[displayId]}${rest}`);

beforeAll(async () => {
	sim = await startServiceDeskPlusSimulator();
});

afterAll(async () => {
	await sim.close();
});

beforeEach(() => {
	sim.setKnobs({ ...DEFAULT_KNOBS });
	sim.reset();
	demo = sim.seedDemo();
	token = sim.issueAccessToken().access_token;
});

describe('Zoho token endpoint', () => {
	const refresh = (params: Record<string, string>) =>
		call('POST', `/oauth/v2/token?${new URLSearchParams(params)}`, { auth: null, accept: null });
	const good = {
		grant_type: 'refresh_token',
		client_id: DEMO_OAUTH_CLIENT.clientId,
		client_secret: DEMO_OAUTH_CLIENT.clientSecret,
		refresh_token: DEMO_OAUTH_CLIENT.refreshToken,
	};

	it('grants an access token for the refresh token in the query string, which then reads requests', async () => {
		const { status, body } = await refresh(good);

		expect(status).toBe(200);
		expect(body).toMatchObject({
			token_type: 'Bearer',
			expires_in: 3600,
			api_domain: 'https://www.zohoapis.com',
		});
		expect(body.access_token).toMatch(/^1000\.\w+\.\w+$/);
		expect(sim.state.tokenGrants).toBe(1);
		const read = await call('GET', requestPath('101'), {
			auth: `Zoho-oauthtoken ${body.access_token}`,
		});
		expect(read.status).toBe(200);
	});

	it('answers refused grants with HTTP 200 and an error, as Zoho does', async () => {
		expect((await refresh({ ...good, client_secret: 'wrong' })).body).toEqual({
			error: 'invalid_client',
		});
		expect((await refresh({ ...good, refresh_token: '1000.unknown' })).body).toEqual({
			error: 'invalid_code',
		});
		expect((await refresh({ ...good, grant_type: 'authorization_code' })).body).toEqual({
			error: 'unsupported_grant_type',
		});
		expect(sim.state.tokenGrants).toBe(0);
	});

	it('refuses more tokens than the limit from one refresh token within ten minutes', async () => {
		const strict = await startServiceDeskPlusSimulator({ seed: 'demo', tokensPerTenMinutes: 2 });
		try {
			const grant = () =>
				fetch(`${strict.url}/oauth/v2/token?${new URLSearchParams(good)}`, { method: 'POST' }).then(
					async (response) => ({
						status: response.status,
						body: (await response.json()) as Record<string, unknown>,
					}),
				);
			const answers = [await grant(), await grant(), await grant()];

			expect(answers.map((answer) => answer.status)).toEqual([200, 200, 400]);
			expect(answers[2].body).toMatchObject({ error: 'Access Denied' });
			expect(strict.state.tokenGrants).toBe(2);
		} finally {
			await strict.close();
		}
	});
});

describe('authentication and headers', () => {
	it('refuses Bearer and a missing header with 401 and counts Bearer, and an expired token with 403 (knob: 401)', async () => {
		const bearer = await call('GET', requestPath('101'), { auth: `Bearer ${token}` });
		const none = await call('GET', requestPath('101'), { auth: null });
		sim.expireAccessTokens();
		const expired = await call('GET', requestPath('101'));

		expect([bearer.status, none.status, expired.status]).toEqual([401, 401, 403]);
		expect(expired.body.response_status.messages[0]).toMatchObject({ status_code: 4002 });
		sim.setKnobs({ refusedTokenStatus: 401 });
		try {
			const expiredAgain = await call('GET', requestPath('101'));
			expect([expiredAgain.status, expiredAgain.body.response_status.messages[0].status_code, expiredAgain.headers.get('www-authenticate')]).toEqual([401, 4002, 'Zoho-oauthtoken']);
		} finally {
			sim.setKnobs({ refusedTokenStatus: 403 });
		}
		expect(() => sim.setKnobs(JSON.parse('{"refusedTokenStatus": 500}'))).toThrow("Knob 'refusedTokenStatus' takes '403' or '401'; got 500.");
		expect(bearer.body.response_status).toMatchObject({ status_code: 4000, status: 'failed' });
		expect(bearer.body.response_status.messages[0].message).toContain(
			"'Zoho-oauthtoken <access token>', not 'Bearer",
		);
		expect(expired.body.response_status.messages[0].message).toContain('invalid or has expired');
		expect(sim.state.bearerRejections).toBe(1);
		expect(sim.requests.map((request) => request.headers.authorization?.split(' ')[0])).toEqual([
			'Bearer',
			undefined,
			'Zoho-oauthtoken',
			'Zoho-oauthtoken',
		]);
	});

	it('wants the v3 Accept header and the right portal', async () => {
		const noAccept = await call('GET', requestPath('101'), { accept: 'application/json' });
		const otherPortal = await call('GET', `/app/hr/api/v3/requests/${demo.requests['101']}`);
		const defaultPortal = await call('GET', `/api/v3/requests/${demo.requests['101']}`);

		expect(noAccept.status).toBe(406);
		expect(noAccept.body.response_status.messages[0].message).toContain(SDP_ACCEPT);
		expect(otherPortal.status).toBe(404);
		expect(defaultPortal.status).toBe(200);
	});
});

describe('requests', () => {
	it('returns a request with its requester, technician and additional fields in the v3 envelope', async () => {
		const { status, body } = await call('GET', requestPath('101'));

		expect(status).toBe(200);
		expect(body.response_status).toEqual({ status_code: 2000, status: 'success' });
		expect(body.request).toMatchObject({
			id: demo.requests['101'],
			display_id: '101',
			subject: 'Outlook crashes on start',
			status: { name: 'Open', in_progress: true },
			requester: {
				name: 'Erika Muster',
				email_id: 'erika.muster@customer.example',
				mobile: '+4915112345678',
			},
			technician: {
				id: demo.technicians['Ada Agent'],
				name: 'Ada Agent',
				email_id: 'ada.agent@sandbox-support.example',
			},
			udf_fields: { udf_sline_301: null },
		});
		expect(body.request.created_time.value).toMatch(/^\d{13}$/);
	});

	it('answers 404 in the error envelope for an unknown request', async () => {
		const { status, body } = await call('GET', api('/requests/116058000000999999'));

		expect(status).toBe(404);
		expect(body.response_status.messages[0]).toMatchObject({ status_code: 4007, type: 'failed' });
	});

	it('stores and clears an additional field through input_data, and refuses unknown fields and JSON bodies', async () => {
		const stored = await call('PUT', requestPath('101'), {
			input: { request: { udf_fields: { udf_sline_301: 's123-456-789' } } },
		});
		expect(stored.status).toBe(200);
		expect(stored.body.request.udf_fields.udf_sline_301).toBe('s123-456-789');
		expect(sim.request('101')?.udf_fields.udf_sline_301).toBe('s123-456-789');

		await call('PUT', requestPath('101'), {
			input: { request: { udf_fields: { udf_sline_301: '' } } },
		});
		expect(sim.request('101')?.udf_fields.udf_sline_301).toBeNull();

		const unknown = await call('PUT', requestPath('101'), {
			input: { request: { udf_fields: { udf_sline_999: 'x' } } },
		});
		expect(unknown.status).toBe(400);
		expect(unknown.body.response_status.messages[0]).toMatchObject({
			status_code: 4001,
			field: 'udf_fields.udf_sline_999',
		});

		const asJson = await call('PUT', requestPath('101'), {
			json: { request: { udf_fields: { udf_sline_301: 'x' } } },
		});
		expect(asJson.status).toBe(400);
		expect(asJson.body.response_status.messages[0].message).toContain(
			'application/x-www-form-urlencoded',
		);

		const badJson = await call('PUT', requestPath('101'), { form: { input_data: '{"request":' } });
		expect(badJson.status).toBe(400);
		expect(badJson.body.response_status.messages[0].message).toBe('input_data is not valid JSON.');
	});
});

describe('notes', () => {
	it('adds a note as the token user and lists it', async () => {
		const added = await call('POST', requestPath('102', '/notes'), {
			input: {
				request_note: {
					description: 'TeamViewer session s1',
					show_to_requester: false,
					notify_technician: true,
				},
			},
		});

		expect(added.status).toBe(201);
		expect(added.body.request_note).toMatchObject({
			description: 'TeamViewer session s1',
			show_to_requester: false,
			notify_technician: true,
			added_by: { id: demo.apiUser.id, name: 'Heidi Admin' },
		});
		const listed = await call('GET', requestPath('102', '/notes'), {
			input: { list_info: { row_count: 5 } },
		});
		expect(
			listed.body.request_notes.map((note: { description: string }) => note.description),
		).toEqual(['TeamViewer session s1']);
		expect(listed.body.response_status).toEqual([{ status_code: 2000, status: 'success' }]);
		expect(listed.body.list_info).toEqual({ has_more_rows: false, row_count: 1, start_index: 1 });
		expect(sim.notes('102')).toHaveLength(1);
	});

	it('refuses the on-premises "note" key and a note without description', async () => {
		const onPrem = await call('POST', requestPath('102', '/notes'), {
			input: { note: { description: 'x' } },
		});
		const empty = await call('POST', requestPath('102', '/notes'), {
			input: { request_note: { description: ' ' } },
		});

		expect(onPrem.status).toBe(400);
		expect(onPrem.body.response_status.messages[0].message).toContain("'request_note'");
		expect(empty.body.response_status.messages[0]).toMatchObject({
			status_code: 4012,
			field: 'description',
		});
		expect(sim.notes('102')).toEqual([]);
	});
});

describe('worklogs', () => {
	const start = Date.parse('2025-03-04T09:00:00Z');

	it('adds a worklog owned by the given technician with time spent and times in milliseconds', async () => {
		const added = await call('POST', requestPath('101', '/worklogs'), {
			input: {
				worklog: {
					owner: { id: demo.technicians['Ben Backoffice'] },
					description: 'TeamViewer connection',
					time_spent: { hours: '0', minutes: '13' },
					start_time: { value: String(start) },
					end_time: { value: String(start + 754_000) },
				},
			},
		});

		expect(added.status).toBe(201);
		expect(added.body.worklog).toMatchObject({
			owner: { id: demo.technicians['Ben Backoffice'], name: 'Ben Backoffice' },
			time_spent: { hours: '0', minutes: '13' },
			start_time: { value: String(start), display_value: 'Mar 04, 2025 09:00 AM' },
			end_time: { value: String(start + 754_000) },
			created_by: { name: 'Heidi Admin' },
		});
		const [worklog] = sim.worklogs('101');
		expect(worklog).toMatchObject({
			ownerId: demo.technicians['Ben Backoffice'],
			hours: 0,
			minutes: 13,
		});
		const listed = await call('GET', requestPath('101', '/worklogs'));
		expect(listed.body.worklogs).toHaveLength(1);
	});

	it('finds the owner by email in any letter case and derives time spent from start and end', async () => {
		const added = await call('POST', requestPath('107', '/worklogs'), {
			input: {
				worklog: {
					owner: { email_id: 'dana.ops@sandbox-support.example' },
					start_time: start,
					end_time: start + 3_720_000,
				},
			},
		});

		expect(added.status).toBe(201);
		expect(added.body.worklog.owner.name).toBe('Dana Ops');
		expect(added.body.worklog.time_spent).toEqual({ hours: '1', minutes: '2' });
	});

	it('refuses a worklog without owner, with a requester as owner, or with bad time spent', async () => {
		const post = (worklog: Record<string, unknown>) =>
			call('POST', requestPath('101', '/worklogs'), { input: { worklog } });
		const noOwner = await post({ time_spent: { hours: 0, minutes: 5 } });
		const requester = await post({
			owner: { id: demo.requesters['Erika Muster'] },
			time_spent: { hours: 0, minutes: 5 },
		});
		const minutes = await post({
			owner: { id: demo.technicians['Ada Agent'] },
			time_spent: { hours: 0, minutes: 75 },
		});
		const negative = await post({
			owner: { id: demo.technicians['Ada Agent'] },
			time_spent: { hours: '-1', minutes: '5' },
		});
		const backwards = await post({
			owner: { id: demo.technicians['Ada Agent'] },
			start_time: start,
			end_time: start - 1,
		});

		expect(noOwner.body.response_status.messages[0]).toMatchObject({
			status_code: 4012,
			field: 'owner',
		});
		expect(requester.body.response_status.messages[0]).toMatchObject({
			status_code: 4001,
			field: 'owner',
		});
		expect(minutes.body.response_status.messages[0].field).toBe('time_spent.minutes');
		expect(negative.body.response_status.messages[0]).toMatchObject({
			status_code: 4001,
			field: 'time_spent.hours',
		});
		expect(backwards.body.response_status.messages[0]).toMatchObject({
			status_code: 4016,
			field: 'end_time',
		});
		expect(sim.worklogs('101')).toEqual([]);
	});

	it('answers a value of the wrong type with 4021 (data type mismatch)', async () => {
		const post = (worklog: Record<string, unknown>) =>
			call('POST', requestPath('101', '/worklogs'), { input: { worklog } });
		const words = await post({
			owner: { id: demo.technicians['Ada Agent'] },
			time_spent: { hours: 'one', minutes: '5' },
		});
		const flag = await post({
			owner: { id: demo.technicians['Ada Agent'] },
			time_spent: { hours: '0', minutes: '5' },
			include_nonoperational_hours: 'yes',
		});

		expect([words.status, flag.status]).toEqual([400, 400]);
		expect(words.body.response_status.messages[0]).toMatchObject({
			status_code: 4021,
			field: 'time_spent.hours',
		});
		expect(flag.body.response_status.messages[0]).toMatchObject({
			status_code: 4021,
			field: 'include_nonoperational_hours',
		});
		expect(sim.worklogs('101')).toEqual([]);
	});
});

describe('technicians', () => {
	it('searches by email ignoring case, with several values or OR-ed criteria', async () => {
		const one = await call('GET', api('/technicians'), {
			input: {
				list_info: {
					row_count: 100,
					search_criteria: {
						field: 'email_id',
						condition: 'is',
						value: 'DANA.OPS@sandbox-support.example',
					},
				},
			},
		});
		const several = await call('GET', api('/technicians'), {
			input: {
				list_info: {
					search_criteria: {
						field: 'email_id',
						condition: 'is',
						values: [
							'ada.agent@sandbox-support.example',
							'emil.escalation@sandbox-support.example',
							'ben.backoffice@sandbox-support.example',
						],
					},
				},
			},
		});
		const ored = await call('GET', api('/technicians'), {
			input: {
				list_info: {
					search_criteria: [
						{ field: 'name', condition: 'is', value: 'Chloe Field' },
						{ field: 'name', condition: 'contains', value: 'frank', logical_operator: 'or' },
					],
				},
			},
		});

		expect(one.body.technicians.map((technician: { name: string }) => technician.name)).toEqual([
			'Dana Ops',
		]);
		expect(several.body.technicians.map((technician: { name: string }) => technician.name)).toEqual(
			['Ada Agent', 'Ben Backoffice'],
		);
		expect(ored.body.technicians.map((technician: { name: string }) => technician.name)).toEqual([
			'Chloe Field',
			'Frank Fieldtech',
		]);
		expect(several.body.technicians[0]).toEqual({
			id: demo.technicians['Ada Agent'],
			name: 'Ada Agent',
			email_id: 'ada.agent@sandbox-support.example',
			mobile: '+4915120000001',
			phone: null,
			status: 'ACTIVE',
		});
	});

	it('pages with row_count and start_index, and refuses unknown search fields', async () => {
		const first = await call('GET', api('/technicians'), {
			input: { list_info: { row_count: 4, start_index: 1 } },
		});
		const second = await call('GET', api('/technicians'), {
			input: { list_info: { row_count: 4, start_index: 5 } },
		});
		const bad = await call('GET', api('/technicians'), {
			input: { list_info: { search_criteria: { field: 'mobile', condition: 'is', value: 'x' } } },
		});

		expect(first.body.list_info).toEqual({ has_more_rows: true, row_count: 4, start_index: 1 });
		expect(second.body.list_info).toEqual({ has_more_rows: false, row_count: 2, start_index: 5 });
		expect(bad.status).toBe(400);
	});
});

describe('request list', () => {
	it('finds requests by an additional field, in id order, without their additional fields, and refuses unknown sort fields', async () => {
		sim.request('103')!.udf_fields[DEMO_SESSION_FIELD] = 'ended:s1@1';
		sim.request('101')!.udf_fields[DEMO_SESSION_FIELD] = 's2 ended:s3@2';
		sim.request('102')!.udf_fields[DEMO_SESSION_FIELD] = 's4';
		const criteria = {
			field: `udf_fields.${DEMO_SESSION_FIELD}`,
			condition: 'contains',
			value: 'ended:',
		};

		const found = await call('GET', api('/requests'), {
			input: { list_info: { row_count: 100, search_criteria: criteria } },
		});
		const newestFirst = await call('GET', api('/requests'), {
			input: { list_info: { search_criteria: criteria, sort_field: 'id', sort_order: 'desc' } },
		});
		const badSort = await call('GET', api('/requests'), {
			input: { list_info: { sort_field: 'priority' } },
		});
		const badField = await call('GET', api('/requests'), {
			input: {
				list_info: {
					search_criteria: { field: 'udf_fields.udf_sline_999', condition: 'is', value: 'x' },
				},
			},
		});
		const post = await call('POST', api('/requests'), { input: { request: { subject: 'x' } } });

		expect(found.status).toBe(200);
		expect(
			found.body.requests.map((request: { display_id: string }) => request.display_id),
		).toEqual(['101', '103']);
		expect(found.body.requests[0]).not.toHaveProperty('udf_fields');
		expect(found.body.requests[0]).toMatchObject({
			id: demo.requests['101'],
			subject: 'Outlook crashes on start',
		});
		expect(found.body.list_info).toEqual({ has_more_rows: false, row_count: 2, start_index: 1 });
		expect(
			newestFirst.body.requests.map((request: { display_id: string }) => request.display_id),
		).toEqual(['103', '101']);
		expect([badSort.status, badField.status, post.status]).toEqual([400, 400, 405]);
	});
});

describe('knobs', () => {
	it('unknownFields: refuses unknown keys in every write by default, and drops them with "ignore"', async () => {
		const writes = () =>
			Promise.all([
				call('PUT', requestPath('101'), {
					input: {
						request: { priority: { name: 'Low' }, udf_fields: { [DEMO_SESSION_FIELD]: 's1' } },
					},
				}),
				call('PUT', requestPath('102'), {
					input: { request: { udf_fields: { udf_sline_999: 'x', [DEMO_SESSION_FIELD]: 's2' } } },
				}),
				call('POST', requestPath('101', '/notes'), {
					input: { request_note: { description: 'x', is_public: true } },
				}),
				call('POST', requestPath('101', '/worklogs'), {
					input: {
						worklog: {
							owner: { id: demo.technicians['Ada Agent'] },
							time_spent: { hours: '0', minutes: '5' },
							worklog_type: { name: 'Remote' },
						},
					},
				}),
			]);

		expect(sim.knobs.unknownFields).toBe('reject');
		const refused = await writes();
		expect(refused.map((answer) => answer.status)).toEqual([400, 400, 400, 400]);
		expect(refused.map((answer) => answer.body.response_status.messages[0].field)).toEqual([
			'priority',
			'udf_fields.udf_sline_999',
			'is_public',
			'worklog_type',
		]);
		expect(refused[0].body.response_status.messages[0].status_code).toBe(4001);
		expect([
			sim.request('101')?.udf_fields[DEMO_SESSION_FIELD],
			sim.request('102')?.udf_fields[DEMO_SESSION_FIELD],
		]).toEqual([null, null]);
		expect([sim.notes('101'), sim.worklogs('101')]).toEqual([[], []]);

		sim.setKnobs({ unknownFields: 'ignore' });
		const taken = await writes();
		expect(taken.map((answer) => answer.status)).toEqual([200, 200, 201, 201]);
		expect(taken[0].body.request.priority).toEqual({ name: 'High' });
		expect(taken[1].body.request.udf_fields).toEqual({ [DEMO_SESSION_FIELD]: 's2' });
		expect(taken[2].body.request_note).not.toHaveProperty('is_public');
		expect(sim.notes('101')).toHaveLength(1);
		expect(sim.worklogs('101')).toHaveLength(1);
	});

	it('requestListFields: list entries leave out udf_fields and description by default, and carry them with "whole"', async () => {
		sim.request('101')!.udf_fields[DEMO_SESSION_FIELD] = 'ended:s1@1';
		const list = () =>
			call('GET', api('/requests'), {
				input: {
					list_info: {
						search_criteria: {
							field: `udf_fields.${DEMO_SESSION_FIELD}`,
							condition: 'contains',
							value: 'ended:',
						},
					},
				},
			});

		const summary = await list();
		sim.setKnobs({ requestListFields: 'whole' });
		const whole = await list();

		expect(summary.body.requests).toHaveLength(1);
		expect(summary.body.requests[0]).not.toHaveProperty('udf_fields');
		expect(summary.body.requests[0]).not.toHaveProperty('description');
		expect(whole.body.requests[0]).toEqual((await call('GET', requestPath('101'))).body.request);
		expect(whole.body.requests[0].udf_fields[DEMO_SESSION_FIELD]).toBe('ended:s1@1');
	});

	it('are set at start, survive reset, and are checked over PATCH /__knobs', async () => {
		const other = await startServiceDeskPlusSimulator({ knobs: { unknownFields: 'ignore' } });
		try {
			other.reset();
			expect(other.knobs).toEqual({ unknownFields: 'ignore', requestListFields: 'summary', refusedTokenStatus: 403 });
			const patch = (body: unknown) =>
				fetch(`${other.url}/__knobs`, { method: 'PATCH', body: JSON.stringify(body) });
			const changed = await patch({ requestListFields: 'whole' });
			expect([changed.status, await changed.json()]).toEqual([
				200,
				{ unknownFields: 'ignore', requestListFields: 'whole', refusedTokenStatus: 403 },
			]);
			const badName = await patch({ lenient: true });
			const badValue = await patch({ unknownFields: 'warn' });
			expect([badName.status, badValue.status]).toEqual([400, 400]);
			expect(((await badValue.json()) as { error: string }).error).toContain(
				"'reject' or 'ignore'",
			);
			expect(other.knobs.unknownFields).toBe('ignore');
		} finally {
			await other.close();
		}
	});
});

describe('control endpoints and faults', () => {
	it('resets, seeds the demo, issues tokens and injects faults over HTTP', async () => {
		expect((await fetch(`${sim.url}/__reset`, { method: 'POST' })).status).toBe(204);
		expect(sim.state.requests.size).toBe(0);
		const info = (await (await fetch(`${sim.url}/__demo`, { method: 'POST' })).json()) as DemoInfo;
		expect(Object.keys(info.requests)).toEqual(['101', '102', '103', '104', '105', '106', '107']);
		demo = info;
		const issued = (await (
			await fetch(`${sim.url}/__tokens`, { method: 'POST', body: '{}' })
		).json()) as { access_token: string };
		token = issued.access_token;
		await fetch(`${sim.url}/__faults`, {
			method: 'POST',
			body: JSON.stringify({ kind: 'status', status: 503, path: '/notes$' }),
		});

		const faulted = await call('POST', requestPath('101', '/notes'), {
			input: { request_note: { description: 'x' } },
		});
		const after = await call('POST', requestPath('101', '/notes'), {
			input: { request_note: { description: 'x' } },
		});

		expect([faulted.status, after.status]).toEqual([503, 201]);
		expect(sim.requests.map((request) => [request.method, request.status, request.fault])).toEqual([
			['POST', 503, 'status'],
			['POST', 201, undefined],
		]);
		const state = (await (await fetch(`${sim.url}/__state`)).json()) as { notes: unknown[] };
		expect(state.notes).toHaveLength(1);
	});

	it('routes the SDP domain and the Zoho Accounts host for the TLS proxy', () => {
		expect(sim.proxyRoute.host.test('sdpondemand.manageengine.com')).toBe(true);
		expect(sim.proxyRoute.host.test('accounts.zoho.com')).toBe(true);
		expect(sim.proxyRoute.host.test('accounts.zoho.eu')).toBe(false);
		expect(sim.apiBaseUrl).toBe('https://sdpondemand.manageengine.com/app/itdesk/api/v3');
		expect(sim.tokenUrl).toBe('https://accounts.zoho.com/oauth/v2/token');
	});
});

describe('attachments', () => {
	const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x0d, 0x0a]);
	const upload = (path: string, parts: Array<[string, Blob, string]>) => {
		const form = new FormData();
		for (const [name, blob, fileName] of parts) form.append(name, blob, fileName);
		return fetch(`${sim.url}${path}`, { method: 'PUT', headers: { Accept: SDP_ACCEPT, Authorization: `Zoho-oauthtoken ${token}` }, body: form });
	};

	it('stores the file of the input_file part, bytes intact, and lists it', async () => {
		const response = await upload(requestPath('102', '/upload'), [['input_file', new Blob([png], { type: 'image/png' }), 'screen.png']]);

		expect(response.status).toBe(200);
		const body = (await response.json()) as { attachment: Record<string, unknown>; response_status: unknown };
		expect(body.response_status).toEqual({ status_code: 2000, status: 'success' });
		expect(body.attachment).toMatchObject({ name: 'screen.png', content_type: 'image/png', size: { value: String(png.length) } });
		expect(sim.attachments('102').map((file) => [file.name, file.content])).toEqual([['screen.png', png]]);
		const listed = await call('GET', requestPath('102', '/attachments'));
		expect(listed.body.attachments.map((file: { name: string }) => file.name)).toEqual(['screen.png']);
	});

	it('refuses another part name, two files and a body that is not multipart, storing nothing', async () => {
		const file = new Blob([png], { type: 'image/png' });

		const answers = await Promise.all([
			upload(requestPath('102', '/upload'), [['file', file, 'a.png']]),
			upload(requestPath('102', '/upload'), [['input_file', file, 'a.png'], ['input_file', file, 'b.png']]),
			call('PUT', requestPath('102', '/upload'), { json: { input_file: 'a.png' } }).then((answer) => ({ status: answer.status })),
		]);

		expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400]);
		expect(sim.attachments('102')).toEqual([]);
	});
});
