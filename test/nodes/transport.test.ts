import { useTeamViewer, locator } from '../harness/teamviewer';

const tv = useTeamViewer();

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

	it('gives up on a 429 storm after a bounded number of attempts, with a clear message', async () => {
		tv.sim.injectFault({ kind: 'status', status: 429, path: 'account$', times: 50, headers: { 'Retry-After': '0' } });

		const result = await tv.run(getAccount);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('TeamViewer is rate-limiting requests (HTTP 429) after 5 attempts');
		expect(tv.calls('GET', /account$/)).toHaveLength(5);
	});

	it('retries a read on 502/503/504 with backoff', async () => {
		tv.sim.injectFault({ kind: 'status', status: 503, path: 'account$' });
		tv.sim.injectFault({ kind: 'status', status: 504, path: 'account$' });

		const result = await tv.run(getAccount);

		expect(result.status).toBe('success');
		expect(tv.calls('GET', /account$/).map((call) => call.status)).toEqual([503, 504, 200]);
	});

	it('does not send a create again after a 502: TeamViewer may have made the case', async () => {
		tv.sim.injectFault({ kind: 'status', status: 502, method: 'POST', path: 'sessions$' });

		const result = await tv.run(createCase());

		expect(result.error?.message).toBe('TeamViewer is unavailable (HTTP 502)');
		expect(tv.calls('POST')).toHaveLength(1);
	});

	it('sends a create again after a 429, and makes exactly one case', async () => {
		const before = tv.sim.state.sessions.size;
		tv.sim.injectFault({ kind: 'status', status: 429, method: 'POST', path: 'sessions$', headers: { 'Retry-After': '0' } });

		const result = await tv.run(createCase());

		expect(result.status).toBe('success');
		expect(tv.calls('POST').map((call) => call.status)).toEqual([429, 200]);
		expect(tv.sim.state.sessions.size).toBe(before + 1);
	});

	it('retries a read whose connection dropped, but not a create', async () => {
		tv.sim.injectFault({ kind: 'reset', method: 'GET', path: 'account$' });
		const read = await tv.run(getAccount);
		expect(read.status).toBe('success');
		expect(tv.calls('GET', /account$/)).toHaveLength(2);

		tv.sim.injectFault({ kind: 'reset', method: 'POST', path: 'sessions$' });
		const create = await tv.run(createCase());
		expect(create.status).toBe('error');
		expect(create.error?.message).toMatch(/^Could not reach TeamViewer at 127\.0\.0\.1:\d+ \(connection dropped\)$/);
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

	it('404 with an unconfirmed status: a 400 "not found" still names the ID when configured so', async () => {
		tv.sim.config.notFoundStatus = 400;

		const result = await tv.run({ resource: 'session', operation: 'get', sessionCode: locator('s999-999-999') });

		expect(result.error?.message).toMatch(/^TeamViewer refused the request \(HTTP 400, not_found\)$/);
		expect((result.error as { description?: string }).description).toMatch(/s999-999-999/);
	});

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
