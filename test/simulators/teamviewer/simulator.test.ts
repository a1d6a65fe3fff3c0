import { LICENCE_LIMIT_TEXT, startTeamViewerSimulator, type TeamViewerSimulator } from './index';

interface CallOptions {
	token?: string;
	json?: unknown;
	form?: Record<string, string>;
}

interface Answer {
	status: number;
	headers: Headers;
	text: string;
	body: any;
}

let sim: TeamViewerSimulator;

async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
	const headers: Record<string, string> = {};
	if (options.token) headers.Authorization = `Bearer ${options.token}`;
	let body: string | undefined;
	if (options.json !== undefined) {
		headers['Content-Type'] = 'application/json; charset=utf-8';
		body = JSON.stringify(options.json);
	} else if (options.form) {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(options.form).toString();
	}
	const base = path.startsWith('/__') ? sim.url : sim.apiUrl;
	const response = await fetch(`${base}${path}`, { method, headers, body, redirect: 'manual' });
	const text = await response.text();
	const isJson = response.headers.get('content-type')?.includes('json') ?? false;
	return {
		status: response.status,
		headers: response.headers,
		text,
		body: isJson ? JSON.parse(text) : undefined,
	};
}

beforeAll(async () => {
	sim = await startTeamViewerSimulator();
});

afterAll(async () => {
	await sim.close();
});

beforeEach(() => {
	sim.reset();
});

function seedCompany(): { token: string; groupid: string } {
	sim.seed({
		users: [{ id: 'u1000001', name: 'Ada Agent', email: 'ada@example.com' }],
		groups: [{ id: 'g1', name: 'Customers', ownerId: 'u1000001' }],
	});
	return { token: sim.addToken({ userId: 'u1000001' }), groupid: 'g1' };
}

describe('connection reports', () => {
	it('pages 10 000 records with offset_id, newest first, without repeating or losing one', async () => {
		const { token } = seedCompany();
		sim.addConnectionReports(10_000, { spacingSeconds: 60 });

		const seen: string[] = [];
		const endDates: string[] = [];
		let offsetId: string | undefined;
		let pages = 0;
		for (;;) {
			const query = offsetId === undefined ? '' : `?offset_id=${offsetId}`;
			const { status, body } = await call('GET', `/reports/connections${query}`, { token });
			expect(status).toBe(200);
			pages++;
			seen.push(...body.records.map((record: { id: string }) => record.id));
			endDates.push(...body.records.map((record: { end_date: string }) => record.end_date));
			expect(body.records_remaining).toBe(10_000 - seen.length);
			if (body.records_remaining === 0) {
				expect(body).not.toHaveProperty('next_offset');
				break;
			}
			expect(body.next_offset).toBe(seen.at(-1));
			offsetId = body.next_offset;
		}
		expect(pages).toBe(10);
		expect(new Set(seen).size).toBe(10_000);
		expect(endDates).toEqual([...endDates].sort().reverse());
	});

	it('refuses an offset_id that is not in the result', async () => {
		const { token } = seedCompany();
		sim.addConnectionReports(3);
		const { status, body } = await call(
			'GET',
			'/reports/connections?offset_id=00000000-0000-4000-8000-000000000000',
			{ token },
		);
		expect(status).toBe(400);
		expect(body).toMatchObject({ error: 'invalid_request', error_code: 400 });
	});

	it('lets a customer open an expired case by default; knob expiredSessionsConnectable false refuses it', async () => {
		const { token, groupid } = seedCompany();
		sim.clock.set('2025-03-03T09:00:00Z');
		const created = await call('POST', '/sessions', { token, json: { groupid } });
		sim.clock.advance(25 * 60 * 60_000);

		sim.setSessionOnline(created.body.code, true);
		expect((await call('GET', `/sessions/${created.body.code}`, { token })).body.online).toBe(true);
		sim.setSessionOnline(created.body.code, false);
		sim.config.expiredSessionsConnectable = false;
		expect(() => sim.setSessionOnline(created.body.code, true)).toThrow('expired at 2025-03-04T09:00:00Z; knob expiredSessionsConnectable is false');
		expect(() => sim.connectSession(created.body.code)).toThrow('knob expiredSessionsConnectable is false');
	});

	it('keeps valid_until as created: a PUT cannot extend it (not in SessionsPutParameters)', async () => {
		const { token, groupid } = seedCompany();
		sim.clock.set('2025-03-03T09:00:00Z');
		const created = await call('POST', '/sessions', { token, json: { groupid, valid_until: '2025-03-03T10:00:00Z' } });

		const put = await call('PUT', `/sessions/${created.body.code}`, { token, json: { valid_until: '2025-03-05T09:00:00Z', description: 'moved' } });

		expect(put.status).toBe(204);
		expect((await call('GET', `/sessions/${created.body.code}`, { token })).body).toMatchObject({ valid_until: '2025-03-03T10:00:00Z', description: 'moved' });
	});

	it('closing a closed case: 400 by default; knob closingClosedSession accept answers 204 and changes nothing', async () => {
		const { token, groupid } = seedCompany();
		sim.clock.set('2025-03-03T09:00:00Z');
		const created = await call('POST', '/sessions', { token, json: { groupid } });
		await call('PUT', `/sessions/${created.body.code}`, { token, json: { state: 'closed' } });
		sim.clock.advance(60_000);

		const refused = await call('PUT', `/sessions/${created.body.code}`, { token, json: { state: 'closed' } });
		sim.config.closingClosedSession = 'accept';
		const again = await call('PUT', `/sessions/${created.body.code}`, { token, json: { state: 'closed' } });

		expect(again.status).toBe(204);
		expect((await call('GET', `/sessions/${created.body.code}`, { token })).body.closed_at).toBe('2025-03-03T09:00:00Z');
		expect(refused.status).toBe(400);
		expect(refused.body).toMatchObject({ error: 'invalid_request', error_description: `Session ${created.body.code} is already closed.` });
	});

	it('shows the report of a connected session only after end_date + reportLagMs', async () => {
		const { token, groupid } = seedCompany();
		sim.clock.set('2025-03-03T09:00:00Z');
		sim.config.reportLagMs = 5 * 60_000;
		const created = await call('POST', '/sessions', { token, json: { groupid, customId: 'INC1' } });
		const report = sim.connectSession(created.body.code, { durationSeconds: 600 });

		expect((await call('GET', `/sessions/${created.body.code}`, { token })).body.online).toBe(true);
		sim.clock.advance(600_000);
		expect((await call('GET', `/sessions/${created.body.code}`, { token })).body.online).toBe(
			false,
		);
		expect((await call('GET', '/reports/connections', { token })).body.records).toEqual([]);
		sim.clock.advance(5 * 60_000);
		const { body } = await call(
			'GET',
			`/reports/connections?session_code=${created.body.code.replace(/-/g, '')}`,
			{ token },
		);
		expect(body.records).toEqual([report]);
		expect(report).toMatchObject({
			session_code: created.body.code,
			support_session_type: 2,
			end_date: '2025-03-03T09:10:00Z',
		});
	});

	it('spells report session codes undashed when configured, in the list and in a single report, and still finds them by the dashed code', async () => {
		const { token, groupid } = seedCompany();
		sim.clock.set('2025-03-03T09:00:00Z');
		sim.config.reportSessionCodes = 'undashed';
		const created = await call('POST', '/sessions', { token, json: { groupid, customId: 'INC2' } });
		const report = sim.connectSession(created.body.code, { durationSeconds: 60 });
		sim.clock.advance(60_000);
		const undashed = created.body.code.replace(/-/g, '');

		const listed = await call('GET', `/reports/connections?session_code=${created.body.code}`, { token });
		const single = await call('GET', `/reports/connections/${report.id}`, { token });

		expect(listed.body.records.map((record: { session_code: string }) => record.session_code)).toEqual([undashed]);
		expect(single.body).toMatchObject({ id: report.id, session_code: undashed });
		expect(sim.state.reports.get(report.id)?.session_code).toBe(created.body.code);
	});
});

describe('routing and errors', () => {
	it('matches paths case-insensitively and answers unknown routes the ASP.NET way', async () => {
		const { token } = seedCompany();
		expect((await call('GET', '/PING', { token })).body).toEqual({ token_valid: true });
		const search = { StartDate: '2025-01-01T00:00:00Z', EndDate: '2025-02-01T00:00:00Z' };
		expect((await call('POST', '/eventlogging', { token, json: search })).status).toBe(200);
		expect((await call('POST', '/EventLogging', { token, json: search })).status).toBe(200);

		const unknown = await call('GET', '/nothing?x=1', { token });
		expect(unknown.status).toBe(404);
		expect(unknown.body).toEqual({
			Message: `No HTTP resource was found that matches the request URI '${sim.apiUrl}/nothing?x=1'.`,
		});
	});

	it('answers 401 without a valid token and 403 without the permission', async () => {
		const { groupid } = seedCompany();
		const limited = sim.addToken({
			userId: 'u1000001',
			permissions: ['sessions.viewOwn', 'reports.edit'],
		});

		const anonymous = await call('GET', '/sessions');
		expect(anonymous.status).toBe(401);
		expect(anonymous.body).toEqual({
			error: 'invalid_token',
			error_description: 'The access token is invalid or has expired.',
			error_code: 401,
		});
		const denied = await call('POST', '/sessions', { token: limited, json: { groupid } });
		expect(denied.status).toBe(403);
		expect(denied.body).toEqual({
			error: 'insufficient_permissions',
			error_description: 'The token does not have the permission required for this operation.',
			error_code: 403,
		});
		expect((await call('GET', '/reports/connections', { token: limited })).status).toBe(403);
		expect((await call('GET', '/sessions', { token: limited })).status).toBe(200);
	});

	it('lists only code, group and state without full_list=true (knob sessionsWithoutFullList full: every field)', async () => {
		const { token, groupid } = seedCompany();
		await call('POST', '/sessions', { token, json: { groupid } });

		const bare = (await call('GET', '/sessions', { token })).body.sessions[0];
		const full = (await call('GET', '/sessions?full_list=true', { token })).body.sessions[0];
		sim.config.sessionsWithoutFullList = 'full';
		const knob = (await call('GET', '/sessions', { token })).body.sessions[0];

		expect(Object.keys(bare).sort()).toEqual(['code', 'groupid', 'state']);
		expect(full).toMatchObject({ code: bare.code, created_at: expect.any(String), valid_until: expect.any(String) });
		expect(knob).toEqual(full);
	});

	it('limits a token without sessions.viewAll to its own sessions', async () => {
		const { token, groupid } = seedCompany();
		sim.seed({ users: [{ id: 'u1000002', name: 'Ben Backoffice', email: 'ben@example.com' }] });
		sim.seed({ groups: [{ id: 'g2', name: 'Ben', ownerId: 'u1000002' }] });
		const ben = sim.addToken({
			userId: 'u1000002',
			permissions: ['sessions.viewOwn', 'sessions.create'],
		});
		await call('POST', '/sessions', { token, json: { groupid } });
		await call('POST', '/sessions', { token: ben, json: { groupid: 'g2' } });

		expect((await call('GET', '/sessions', { token })).body.sessions).toHaveLength(2);
		const own = await call('GET', '/sessions', { token: ben });
		expect(own.body.sessions.map((s: { groupid: string }) => s.groupid)).toEqual(['g2']);
	});
});

describe('devices', () => {
	it('sends last_seen on Computers & Contacts devices as stored (null too), and none with knob deviceLastSeen omitted', async () => {
		const { token, groupid } = seedCompany();
		sim.seed({
			devices: [
				{ device_id: 'd1', teamviewer_id: 123456789, alias: 'SEEN', groupid, last_seen: '2025-03-01T09:00:00Z' },
				{ device_id: 'd2', teamviewer_id: 987654321, alias: 'NEVER', groupid, last_seen: null },
			],
		});

		const sent = await call('GET', '/devices?online_state=offline', { token });
		expect(sent.body.devices.map((device: Record<string, unknown>) => device.last_seen)).toEqual(['2025-03-01T09:00:00Z', null]);

		sim.config.deviceLastSeen = 'omitted';
		const omitted = await call('GET', '/devices', { token });
		expect(omitted.body.devices.map((device: Record<string, unknown>) => 'last_seen' in device)).toEqual([false, false]);
		expect((await call('GET', '/devices/d1', { token })).body.devices[0]).not.toHaveProperty('last_seen');
	});

	it('sends teamviewer_id beside remotecontrol_id, and remotecontrol_id alone with knob deviceTeamViewerId omitted', async () => {
		const { token, groupid } = seedCompany();
		sim.seed({ devices: [{ device_id: 'd1', teamviewer_id: 123456789, alias: 'PC', groupid }] });

		const sent = (await call('GET', '/devices', { token })).body.devices[0];
		expect(sent).toMatchObject({ teamviewer_id: 123456789, remotecontrol_id: 'r123456789' });

		sim.config.deviceTeamViewerId = 'omitted';
		const omitted = (await call('GET', '/devices/d1', { token })).body.devices[0];
		expect(omitted).not.toHaveProperty('teamviewer_id');
		expect(omitted.remotecontrol_id).toBe('r123456789');
	});
});

describe('sessions', () => {
	it('lists cases newest first, and oldest first with knob sessionListOrder', async () => {
		const { token, groupid } = seedCompany();
		sim.seed({
			sessions: [
				{ code: 's100-000-001', groupid, createdBy: 'u1000001', created_at: '2025-03-01T09:00:00Z' },
				{ code: 's100-000-002', groupid, createdBy: 'u1000001', created_at: '2025-03-01T10:00:00Z' },
			],
		});
		const codes = async () => (await call('GET', '/sessions?full_list=true', { token })).body.sessions.map((session: { code: string }) => session.code);

		expect(await codes()).toEqual(['s100-000-002', 's100-000-001']);
		sim.config.sessionListOrder = 'oldestFirst';
		expect(await codes()).toEqual(['s100-000-001', 's100-000-002']);
	});

	it('refuses a session over the licence limit with a text body, and counts only open, valid ones', async () => {
		const { token, groupid } = seedCompany();
		sim.config.licenceLimit = 1;
		const first = await call('POST', '/sessions', { token, json: { groupid } });
		expect(first.status).toBe(200);

		const refused = await call('POST', '/sessions', { token, json: { groupid } });
		expect(refused.status).toBe(400);
		expect(refused.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(refused.text).toBe(LICENCE_LIMIT_TEXT);

		expect(
			(await call('PUT', `/sessions/${first.body.code}`, { token, json: { state: 'closed' } }))
				.status,
		).toBe(204);
		expect((await call('POST', '/sessions', { token, json: { groupid } })).status).toBe(200);
		expect(sim.state.sessions.get(first.body.code)).toMatchObject({
			state: 'Closed',
			online: false,
		});
	});

	it('keeps an expired session Open and stops counting it against the licence', async () => {
		const { token, groupid } = seedCompany();
		sim.clock.set('2025-03-01T09:00:00Z');
		sim.config.licenceLimit = 1;
		const { body: session } = await call('POST', '/sessions', {
			token,
			json: { groupname: 'ServiceNow' },
		});
		expect(session).toMatchObject({
			state: 'Open',
			created_at: '2025-03-01T09:00:00Z',
			valid_until: '2025-03-02T09:00:00Z',
		});

		sim.clock.advance(24 * 3600_000);
		expect((await call('GET', `/sessions/${session.code}`, { token })).body.state).toBe('Open');
		expect((await call('POST', '/sessions', { token, json: { groupid } })).status).toBe(200);
	});
});

describe('faults', () => {
	it('consumes queued faults in order and logs them', async () => {
		const { token } = seedCompany();
		sim.injectFault({
			kind: 'status',
			status: 429,
			path: '/SESSIONS$',
			times: 2,
			headers: { 'Retry-After': '1' },
		});
		sim.injectFault({ kind: 'status', status: 503, method: 'GET' });

		const throttled = await call('GET', '/sessions', { token });
		expect(throttled.status).toBe(429);
		expect(throttled.headers.get('retry-after')).toBe('1');
		expect(throttled.body).toMatchObject({ error_code: 429 });
		expect((await call('GET', '/sessions', { token })).status).toBe(429);
		expect((await call('GET', '/sessions', { token })).status).toBe(503);
		expect((await call('GET', '/sessions', { token })).status).toBe(200);
		expect(sim.requests.map((r) => [r.status, r.fault])).toEqual([
			[429, 'status'],
			[429, 'status'],
			[503, 'status'],
			[200, undefined],
		]);
	});

	it('drops the connection after the request arrived, and refuses connections for a while', async () => {
		const { token, groupid } = seedCompany();
		sim.injectFault({ kind: 'reset', method: 'POST', path: 'sessions' });
		await expect(call('POST', '/sessions', { token, json: { groupid } })).rejects.toThrow();
		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0]).toMatchObject({
			method: 'POST',
			status: 0,
			fault: 'reset',
			body: { groupid },
		});

		const back = sim.refuseConnectionsFor(300);
		await expect(call('GET', '/ping', { token })).rejects.toThrow();
		await back;
		expect((await call('GET', '/ping', { token })).body).toEqual({ token_valid: true });
	});
});

describe('OAuth and the clock', () => {
	it('expires access tokens on the simulator clock and rotates refresh tokens', async () => {
		seedCompany();
		sim.addOAuthClient({ clientId: 'client-1', clientSecret: 'secret-1', userId: 'u1000001' });
		const redirect = 'http://localhost:5678/callback';
		const authorize = await call(
			'GET',
			`/OAuth2/authorize?response_type=code&client_id=client-1&redirect_uri=${redirect}&state=abc`,
		);
		expect(authorize.status).toBe(302);
		const location = new URL(authorize.headers.get('location') ?? '');
		expect(location.searchParams.get('state')).toBe('abc');

		const client = { client_id: 'client-1', client_secret: 'secret-1' };
		const code = location.searchParams.get('code') ?? '';
		const granted = await call('POST', '/oauth2/token', {
			form: { grant_type: 'authorization_code', code, ...client },
		});
		expect(granted.body).toMatchObject({ token_type: 'bearer', expires_in: 86400 });
		const { access_token: accessToken, refresh_token: refreshToken } = granted.body;
		expect((await call('GET', '/account', { token: accessToken })).status).toBe(200);

		sim.clock.advance(86400_000);
		expect((await call('GET', '/account', { token: accessToken })).status).toBe(401);
		expect((await call('GET', '/ping', { token: accessToken })).body).toEqual({
			token_valid: false,
		});

		const refreshed = await call('POST', '/oauth2/token', {
			json: { grant_type: 1, refresh_token: refreshToken, ...client },
		});
		expect(refreshed.status).toBe(200);
		expect(refreshed.body.refresh_token).not.toBe(refreshToken);
		expect((await call('GET', '/account', { token: refreshed.body.access_token })).status).toBe(
			200,
		);
		const reused = await call('POST', '/oauth2/token', {
			form: { grant_type: 'refresh_token', refresh_token: refreshToken, ...client },
		});
		expect(reused.body).toMatchObject({ error: 'invalid_grant', error_code: 400 });
		expect(sim.state.oauth.counters).toEqual({
			authorizationCodeGrants: 1,
			refreshGrants: 1,
			revocations: 0,
		});
	});
});

describe('control endpoints', () => {
	it('seeds the same sandbox for the same seed and drives the clock and config over HTTP', async () => {
		const first = (await call('POST', '/__sandbox', { json: { seed: 7, reportDays: 5 } })).body;
		await call('POST', '/__reset');
		const second = (await call('POST', '/__sandbox', { json: { seed: 7, reportDays: 5 } })).body;
		expect(second.tokens).toEqual(first.tokens);
		expect(second.userIds[0]).toBe('u1000001');

		expect(
			(await call('POST', '/__clock', { json: { set: '2025-06-01T12:00:00Z', advanceMs: 1000 } }))
				.body.now,
		).toBe('2025-06-01T12:00:01Z');
		expect(
			(await call('PATCH', '/__config', { json: { sessionsPageSize: 2 } })).body.sessionsPageSize,
		).toBe(2);
		const page = await call('GET', '/sessions', { token: first.tokens.admin });
		expect(page.body).toMatchObject({ sessions_remaining: 3, next_offset: '2' });
		expect((await call('GET', '/__log')).body.at(-1)).toMatchObject({
			path: '/api/v1/sessions',
			at: '2025-06-01T12:00:01Z',
		});
	});
});
