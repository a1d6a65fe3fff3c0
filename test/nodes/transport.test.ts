import { n8nLogDuring } from '../harness/engine';
import { packTransport } from '../harness/package';
import { useTeamViewer, locator } from '../harness/teamviewer';

const tv = useTeamViewer();

/** Runs `test` with retries backing off from 10 ms instead of 400 ms: for tests that count attempts, not the wait. */
async function withShortBackoff(test: () => Promise<void>): Promise<void> {
	const { RETRY } = packTransport;
	const saved = RETRY.baseDelayMs;
	RETRY.baseDelayMs = 10;
	try {
		await test();
	} finally {
		RETRY.baseDelayMs = saved;
	}
}

const getAccount = { resource: 'account', operation: 'get' };
const createCase = () => ({
	resource: 'session',
	operation: 'create',
	groupId: locator(tv.sandbox.groupsByName.Customers),
});

describe('Transport: retries', () => {
	it('waits as long as Retry-After says on 429, then succeeds', async () => {
		tv.sim.injectFault({ kind: 'status', status: 429, path: 'account$', headers: { 'Retry-After': '1' } });

		const result = await tv.run(getAccount);

		expect(result.status).toBe('success');
		const calls = tv.calls('GET', /account$/);
		expect(calls.map((call) => call.status)).toEqual([429, 200]);
		expect(calls[1].realAt - calls[0].realAt).toBeGreaterThanOrEqual(950);
	});

	it('a 429 is waited out up to RETRY.maxRetryAfterMs, the limit itself included; a longer Retry-After ends the call at once', async () => {
		const { RETRY } = packTransport;
		const saved = RETRY.maxRetryAfterMs;
		RETRY.maxRetryAfterMs = 1000;
		try {
			tv.sim.injectFault({ kind: 'status', status: 429, path: 'account$', headers: { 'Retry-After': '1' } });
			const waited = await tv.run(getAccount);
			tv.sim.injectFault({ kind: 'status', status: 429, path: 'account$', headers: { 'Retry-After': '2' } });
			const refused = await tv.run(getAccount);

			expect(waited.status).toBe('success');
			expect(refused.error?.message).toBe('TeamViewer is rate-limiting requests (HTTP 429)');
			expect(tv.calls('GET', /account$/).map((call) => call.status)).toEqual([429, 200, 429]);
		} finally {
			RETRY.maxRetryAfterMs = saved;
		}
	});

	it("says in n8n's log (debug level) why a call waits: each 429 with the pace it keeps, each retry with its status, attempt and delay", async () => {
		tv.sim.injectFault({ kind: 'status', status: 429, path: 'account$', headers: { 'Retry-After': '0' } });
		tv.sim.injectFault({ kind: 'status', status: 503, path: 'account$' });

		const log = await n8nLogDuring('debug', async () => await withShortBackoff(async () => expect((await tv.run(getAccount)).status).toBe('success')));

		const ours = log.filter(([message]) => message.startsWith('TeamViewer'));
		expect(ours).toEqual([
			['TeamViewer answered 429: waiting and slowing down', { method: 'GET', path: '/account', retryAfterMs: 0, pacedPerSecond: 2 }],
			['TeamViewer call will be retried', { method: 'GET', path: '/account', status: 503, code: undefined, attempt: 1, delayMs: expect.any(Number) }],
		]);
		expect((ours[1][1] as { delayMs: number }).delayMs).toBeGreaterThanOrEqual(5);
	});

	it("refusals (429) use up none of a call's retries: after four of them a 503 is still retried", async () => {
		tv.sim.injectFault({ kind: 'status', status: 429, path: 'account$', headers: { 'Retry-After': '0' }, times: 4 });
		tv.sim.injectFault({ kind: 'status', status: 503, path: 'account$' });

		let status: string | undefined;
		await withShortBackoff(async () => {
			status = (await tv.run(getAccount)).status;
		});

		expect(status).toBe('success');
		expect(tv.calls('GET', /account$/).map((call) => call.status)).toEqual([429, 429, 429, 429, 503, 200]);
	});

	it('a 429 with a blank Retry-After waits a second, as one without it', async () => {
		tv.sim.injectFault({ kind: 'status', status: 429, path: 'account$', headers: { 'Retry-After': ' ' } });

		const result = await tv.run(getAccount);

		expect(result.status).toBe('success');
		const calls = tv.calls('GET', /account$/);
		expect(calls.map((call) => call.status)).toEqual([429, 200]);
		expect(calls[1].realAt - calls[0].realAt).toBeGreaterThanOrEqual(950);
	});

	it('retries a read on 502/503/504 with backoff', async () => {
		tv.sim.injectFault({ kind: 'status', status: 503, path: 'account$' });
		tv.sim.injectFault({ kind: 'status', status: 504, path: 'account$' });

		const result = await tv.run(getAccount);

		expect(result.status).toBe('success');
		expect(tv.calls('GET', /account$/).map((call) => call.status)).toEqual([503, 504, 200]);
	});

	it.each([
		[502, {}],
		[503, {}],
		[429, { 'Retry-After': '1' }],
	])('sends a create again after a %s: TeamViewer did not process it', async (status, headers) => {
		const before = tv.sim.state.sessions.size;
		tv.sim.injectFault({ kind: 'status', status, method: 'POST', path: 'sessions$', headers });

		const result = await tv.run(createCase());

		expect(result.status).toBe('success');
		const posts = tv.calls('POST');
		expect(posts.map((call) => call.status)).toEqual([status, 200]);
		if (status === 429) expect(posts[1].realAt - posts[0].realAt).toBeGreaterThanOrEqual(950);
		expect(tv.sim.state.sessions.size).toBe(before + 1);
	});

	it('retries a read-only POST (the event log) on 429', async () => {
		tv.sim.injectFault({ kind: 'status', status: 429, method: 'POST', path: 'eventlogging$', headers: { 'Retry-After': '0' } });

		const result = await tv.run({
			resource: 'eventLog',
			operation: 'getAll',
			startDate: '2020-01-01T00:00:00Z',
			endDate: new Date().toISOString(),
			limit: 1,
		});

		expect(result.status).toBe('success');
		expect(tv.calls('POST').map((call) => call.status)).toEqual([429, 200]);
	});

	it('retries a read whose connection dropped; a create without a key says it may have been made', async () => {
		tv.sim.injectFault({ kind: 'reset', method: 'GET', path: 'account$' });
		const read = await tv.run(getAccount);
		expect(read.status).toBe('success');
		expect(tv.calls('GET', /account$/)).toHaveLength(2);

		tv.sim.injectFault({ kind: 'reset', method: 'POST', path: 'sessions$' });
		const create = await tv.run(createCase());
		expect(create.status).toBe('error');
		expect(create.error?.message).toBe('TeamViewer may have created the service case, but did not confirm it');
		const description = (create.error as { description?: string }).description ?? '';
		expect(description).toMatch(/^Could not reach TeamViewer at 127\.0\.0\.1:\d+ \(connection dropped\)\. /);
		expect(description).toContain('Idempotency Key');
		expect(tv.calls('POST')).toHaveLength(1);
	});

	it('sends a create again when the connection was refused: it provably never arrived', async () => {
		const before = tv.sim.state.sessions.size;
		const refusing = tv.sim.refuseConnectionsFor(150);

		const result = await tv.run(createCase());
		await refusing;

		expect(result.status).toBe('success');
		expect(tv.calls('POST')).toHaveLength(1);
		expect(tv.sim.state.sessions.size).toBe(before + 1);
	});
});

describe('Transport: error mapping', () => {
	it('401: the token is invalid or expired', async () => {
		tv.sim.expireToken(tv.sandbox.tokens.admin);

		const result = await tv.run(getAccount);

		expect(result.error?.message).toBe('TeamViewer rejected the token: it is invalid or has expired');
		expect((result.error as { description?: string }).description).toMatch(/create a new one/);
	});

	it('403: names the TeamViewer permission the operation needs', async () => {
		const limited = tv.tokenCredential(tv.sandbox.tokens.limited);

		const result = await tv.run(createCase(), { credential: limited });

		expect(result.error?.message).toBe(
			'The TeamViewer token lacks the permission "Session management → Create sessions"',
		);
		expect((result.error as { description?: string }).description).toMatch(/Management Console/);
	});

	it('404 with an unconfirmed status: a 400 "not found" still shows TeamViewer naming the ID', async () => {
		tv.sim.config.notFoundStatus = 400;

		const result = await tv.run({ resource: 'session', operation: 'get', sessionCode: locator('s999-999-999') });

		expect(result.error?.message).toBe('TeamViewer refused the request: Session s999-999-999 was not found');
		expect((result.error as { description?: string }).description).toMatch(/\(HTTP 400, not_found\)$/);
	});

	it.each([
		[{ error: 'invalid_request' }, 'TeamViewer refused the request (HTTP 400, invalid_request)', 'Check the fields of this operation. (HTTP 400, invalid_request)'],
		[{}, 'TeamViewer refused the request (HTTP 400)', 'Check the fields of this operation. (HTTP 400)'],
	])('a 400 without a description (%j): the status and TeamViewer\'s error code, and what to check', async (body, message, description) => {
		tv.sim.injectFault({ kind: 'status', status: 400, path: 'account$', body });

		const result = await tv.run(getAccount);

		expect(result.error?.message).toBe(message);
		expect((result.error as { description?: string }).description).toBe(description);
	});

	it('a text answer (a gateway page, a plain-text refusal) is quoted trimmed and at most 500 characters; a blank one not at all', async () => {
		tv.sim.injectFault({ kind: 'status', status: 400, path: 'account$', body: '  Group name is missing.\n' });
		const refused = await tv.run(getAccount);
		expect(refused.error?.message).toBe('TeamViewer refused the request: Group name is missing');
		expect((refused.error as { description?: string }).description).toBe('Check the fields of this operation. (HTTP 400)');

		tv.sim.injectFault({ kind: 'status', status: 500, path: 'account$', body: `upstream ${'x'.repeat(1000)}` });
		const unavailable = await tv.run(getAccount);
		expect(unavailable.error?.message).toBe('TeamViewer is unavailable (HTTP 500)');
		expect((unavailable.error as { description?: string }).description).toBe(
			`TeamViewer's service answered with a server error. Try again in a few minutes. TeamViewer said: "upstream ${'x'.repeat(491)}"`,
		);

		tv.sim.injectFault({ kind: 'status', status: 400, path: 'account$', body: ' \n ' });
		const blank = await tv.run(getAccount);
		expect(blank.error?.message).toBe('TeamViewer refused the request (HTTP 400)');
	});

	it.each([
		[{ Message: 'The request is invalid.', error: 17 }, 'TeamViewer refused the request: The request is invalid', 'Check the fields of this operation. (HTTP 400)'],
		[{ message: 'Device not found' }, 'TeamViewer refused the request: Device not found', 'Check the fields of this operation. (HTTP 400)'],
		[{ error: 'invalid_request', error_description: 42 }, 'TeamViewer refused the request (HTTP 400, invalid_request)', 'Check the fields of this operation. (HTTP 400, invalid_request)'],
	])('error bodies of the other APIs (%j): their message is read, a field that is not text is left out', async (body, message, description) => {
		tv.sim.injectFault({ kind: 'status', status: 400, path: 'account$', body });

		const result = await tv.run(getAccount);

		expect(result.error?.message).toBe(message);
		expect((result.error as { description?: string }).description).toBe(description);
	});

	it('a 404 or 500 without a body quotes nothing from TeamViewer', async () => {
		const code = tv.sandbox.openSessionCodes[0];
		tv.sim.injectFault({ kind: 'status', status: 404, path: 'sessions/', body: {} });
		tv.sim.injectFault({ kind: 'status', status: 500, path: 'account$', body: {} });

		const missing = await tv.run({ resource: 'session', operation: 'get', sessionCode: locator(code) });
		const unavailable = await tv.run(getAccount);

		expect((missing.error as { description?: string }).description).toBe("Check the ID: it may be mistyped, deleted, or not visible to this token's account.");
		expect((unavailable.error as { description?: string }).description).toBe("TeamViewer's service answered with a server error. Try again in a few minutes.");
	});

	it('403 on an object: the permission, and that the account may not own it, word for word', async () => {
		const groupId = tv.sandbox.groupsByName.Customers;
		tv.sim.injectFault({ kind: 'status', status: 403, path: `groups/${groupId}$`, body: {} });

		const result = await tv.run({ resource: 'group', operation: 'get', groupId: locator(groupId, 'list') });

		expect(result.error?.message).toBe('The TeamViewer token lacks the permission "Group management → View groups"');
		expect((result.error as { description?: string }).description).toBe(
			`Edit the script token or OAuth app in the TeamViewer Management Console (Edit profile → Apps), grant "Group management → View groups" and try again. If it already has it, the token's account may not own Group "${groupId}" or may have read-only access to it.`,
		);
	});

	it('403 on a call no rule knows (a Custom API Call): asks for "the missing permission", word for word', async () => {
		tv.sim.injectFault({ kind: 'status', status: 403, path: 'somethingnew$', body: {} });

		const result = await tv.run({ resource: 'customApiCall', operation: 'makeRequest', method: 'GET', path: '/somethingnew' });

		expect(result.error?.message).toBe('The TeamViewer token lacks the permission this operation needs');
		expect((result.error as { description?: string }).description).toBe(
			'Edit the script token or OAuth app in the TeamViewer Management Console (Edit profile → Apps), grant the missing permission and try again.',
		);
	});

	it('a read TeamViewer keeps answering 503 fails after its retries, saying how many attempts were made', async () =>
		await withShortBackoff(async () => {
			tv.sim.injectFault({ kind: 'status', status: 503, path: 'account$', times: 10 });

			const result = await tv.run(getAccount);

			expect(result.error?.message).toBe('TeamViewer is unavailable (HTTP 503) after 5 attempts');
			expect(tv.calls('GET', /account$/)).toHaveLength(5);
		}));

	it("TeamViewer's sentence loses only its final full stop", async () => {
		tv.sim.injectFault({ kind: 'status', status: 400, path: 'account$', body: { error: 'invalid_request', error_description: 'The field e.mail is invalid.' } });

		const result = await tv.run(getAccount);

		expect(result.error?.message).toBe('TeamViewer refused the request: The field e.mail is invalid');
	});

	it('an empty password field masks nothing: the error is read as TeamViewer wrote it', async () => {
		tv.sim.injectFault({ kind: 'status', status: 400, method: 'POST', path: 'users$', body: { error: 'invalid_request', error_description: 'Password too short.' } });

		const result = await tv.run({ resource: 'customApiCall', operation: 'makeRequest', method: 'POST', path: '/users', body: '{"name": "Nina", "password": ""}' });

		expect(result.error?.message).toBe('TeamViewer refused the request: Password too short');
	});

	it("a 400 on an operation with a hint: the hint says what to check", async () => {
		tv.sim.injectFault({ kind: 'status', status: 400, method: 'PUT', path: 'account$', body: { error: 'invalid_request' } });

		const result = await tv.run({ resource: 'account', operation: 'update', updateFields: { name: 'Help Desk' } });

		expect(result.error?.message).toBe('TeamViewer refused the request (HTTP 400, invalid_request)');
		expect((result.error as { description?: string }).description).toMatch(/^Check the fields under "Update Fields": .* \(HTTP 400, invalid_request\)$/);
	});

	it('an https API Base URL on a plain-http server: "could not reach", after the read was retried', async () =>
		await withShortBackoff(async () => {
			const https = tv.engine.addCredential('teamViewerApi', {
				accessToken: tv.sandbox.tokens.admin,
				apiBaseUrl: tv.sim.apiUrl.replace(/^http:/, 'https:'),
			});

			const result = await tv.run(getAccount, { credential: https });

			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/^Could not reach TeamViewer at 127\.0\.0\.1:\d+ \(connection failed\) after 5 attempts$/);
			expect((result.error as { description?: string }).description).toMatch(/^Check the API Base URL in the credential/);
		}));

	it('never puts a token or secret in outputs or errors', async () => {
		const token = tv.sandbox.tokens.admin;
		tv.sim.injectFault({ kind: 'status', status: 500, path: 'account$', times: 10 });

		const failed = await tv.run(getAccount);
		const continued = await tv.run(getAccount, { continueOnFail: true });
		tv.sim.expireToken(token);
		const expired = await tv.run(getAccount, { continueOnFail: true });

		for (const result of [failed, continued, expired]) {
			const everything = JSON.stringify(result.run.data) + JSON.stringify(result.error ?? {});
			expect(everything).not.toContain(token);
			expect(everything).not.toMatch(/Bearer/i);
		}
		expect(continued.json[0].error).toBe('TeamViewer is unavailable (HTTP 500)');
	});
});

describe('What each call asks for', () => {
	it('asks TeamViewer for JSON (a screenshot download does not: connectionReportInsights.test.ts)', async () => {
		expect((await tv.run(getAccount)).status).toBe('success');
		expect(tv.calls()[0].headers.accept).toBe('application/json');
	});
});

describe('Network guard', () => {
	it('fails any call to a non-loopback address', async () => {
		const outside = tv.engine.addCredential('teamViewerApi', {
			accessToken: 'irrelevant',
			apiBaseUrl: 'http://198.51.100.7/api/v1',
		});
		const violations = (globalThis as { __networkViolations?: string[] }).__networkViolations!;

		const result = await tv.run({ resource: 'account', operation: 'verifyToken' }, { credential: outside });

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Network guard: connection to non-loopback address "198\.51\.100\.7"/);
		expect(violations).toContain('198.51.100.7');
		violations.splice(0, violations.length);
	});
});

describe('Dates in the workflow time zone', () => {
	it('reads a picked date without offset in the workflow time zone and sends UTC', async () => {
		const result = await tv.run(
			{
				resource: 'connectionReport',
				operation: 'getAll',
				limit: 1,
				filters: { fromDate: '2025-03-01T10:00:00', toDate: '2025-07-01T10:00:00+02:00' },
			},
			{ timezone: 'Europe/Berlin' },
		);

		expect(result.status).toBe('success');
		expect(tv.calls('GET', /reports\/connections$/)[0].query).toMatchObject({
			from_date: '2025-03-01T09:00:00Z',
			to_date: '2025-07-01T08:00:00Z',
		});
	});
});

describe('Secrets stay out of outputs and errors', () => {
	it('a failing device update does not echo the device password', async () => {
		const password = 'Very-Secret-Device-Pass-42';
		tv.sim.injectFault({ kind: 'status', status: 400, method: 'PUT', path: 'devices/', body: { error: 'invalid_request', error_description: 'Policy unknown', error_code: 400 } });

		const result = await tv.run(
			{
				resource: 'device',
				operation: 'update',
				deviceId: locator(tv.sandbox.deviceIds[0]),
				updateFields: { password, policyId: 'none' },
			},
			{ continueOnFail: true },
		);

		expect(result.json[0].error).toBe('TeamViewer refused the request: Policy unknown');
		expect(tv.calls('PUT')[0].body).toMatchObject({ password });
		expect(JSON.stringify(result.run.data)).not.toContain(password);
	});
});
