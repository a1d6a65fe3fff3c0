import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { packTransport } from '../harness/package';
import { useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();
const { RETRY } = packTransport;

const saved = { baseDelayMs: RETRY.baseDelayMs };
beforeAll(() => {
	RETRY.baseDelayMs = 10;
});
afterAll(() => {
	RETRY.baseDelayMs = saved.baseDelayMs;
});

function call(parameters: INodeParameters): INodeParameters {
	return { resource: 'customApiCall', operation: 'makeRequest', ...parameters };
}

/** Everything a run leaves behind that a user or a log could see. */
function visible(result: { json: IDataObject[]; error?: unknown; run: { data: { resultData: unknown } } }) {
	return JSON.stringify({ json: result.json, error: result.error, run: result.run.data.resultData });
}

describe('Custom API Call: Make a Request', () => {
	it('sends a GET below the API base URL with the credential\'s token and returns TeamViewer\'s answer', async () => {
		const result = await tv.run(call({ method: 'GET', path: '/ping' }));

		expect(result.status).toBe('success');
		const calls = tv.calls();
		expect(calls.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual(['GET /api/v1/ping 200']);
		expect(calls[0].token).toBe(tv.sandbox.tokens.admin);
		expect(result.items).toEqual([{ json: { token_valid: true }, pairedItem: { item: 0 } }]);
		expect(visible(result)).not.toContain(tv.sandbox.tokens.admin);
	});

	it('sends query parameters, a name given twice as a repeated parameter, and drops a pasted /api/v1', async () => {
		const groupId = tv.sandbox.groupsByName.Customers;

		const result = await tv.run(
			call({
				method: 'GET',
				path: ' /api/v1/devices ',
				queryParameters: { parameter: [{ name: 'groupid', value: groupId }, { name: 'online_state', value: 'online' }] },
			}),
		);

		expect(tv.calls().map((entry) => [entry.path, entry.query])).toEqual([
			['/api/v1/devices', { groupid: groupId, online_state: 'online' }],
		]);
		const expected = [...tv.sim.state.devices.values()].filter((device) => device.groupid === groupId && device.online_state === 'Online');
		expect(result.json).toHaveLength(1);
		expect((result.json[0].devices as IDataObject[]).map((device) => device.device_id)).toEqual(expected.map((device) => device.device_id));

		await tv.run(call({ method: 'GET', path: '/users', queryParameters: { parameter: [{ name: 'email', value: 'a@x.example' }, { name: 'email', value: 'b@x.example' }] } }));
		expect(tv.calls()[1].query).toEqual({ email: ['a@x.example', 'b@x.example'] });
	});

	it('takes a pasted /api/v1 alone as the API\'s root, /api/v1/; only a leading /api/v1 is dropped, and a colon inside the path is no scheme', async () => {
		await tv.run(call({ method: 'GET', path: '/api/v1' }));
		await tv.run(call({ method: 'GET', path: '/devices/api/v1' }));
		await tv.run(call({ method: 'GET', path: '/reports/connections/features/session:1' }));

		expect(tv.calls().map((entry) => entry.path)).toEqual(['/api/v1/', '/api/v1/devices/api/v1', '/api/v1/reports/connections/features/session:1']);
	});

	it('sends a JSON body with POST and returns what TeamViewer created', async () => {
		const result = await tv.run(
			call({ method: 'POST', path: '/teamviewerpolicies', body: '{"name": "Raw Policy", "settings": [], "default": false}' }),
		);

		expect(result.status).toBe('success');
		expect(tv.calls().map((entry) => [entry.method, entry.path, entry.body, entry.status])).toEqual([
			['POST', '/api/v1/teamviewerpolicies', { name: 'Raw Policy', settings: [], default: false }, 200],
		]);
		const [policy] = [...tv.sim.state.policies.values()];
		expect(result.json).toEqual([{ policy_id: policy.policy_id, name: 'Raw Policy', settings: [] }]);
	});

	it('answers { success: true } for a 204 without a body', async () => {
		const deviceId = tv.sandbox.deviceIds[0];

		const result = await tv.run(call({ method: 'PUT', path: `/devices/${deviceId}`, body: { alias: 'Renamed by raw call' } }));

		expect(tv.calls().map((entry) => [entry.method, entry.body, entry.status])).toEqual([['PUT', { alias: 'Renamed by raw call' }, 204]]);
		expect(result.json).toEqual([{ success: true }]);
		expect(tv.sim.state.devices.get(deviceId)!.alias).toBe('Renamed by raw call');
	});

	it('gives one item per entry of a list answer, or one item with the list when asked', async () => {
		const list = [{ teamviewer_id: 1 }, 'text'];
		tv.sim.injectFault({ kind: 'status', status: 200, path: '/anything$', body: list, times: 2 });

		const split = await tv.run(call({ method: 'GET', path: '/anything' }));
		const whole = await tv.run(call({ method: 'GET', path: '/anything', options: { splitLists: false } }));

		expect(split.json).toEqual([{ teamviewer_id: 1 }, { value: 'text' }]);
		expect(whole.json).toEqual([{ data: list }]);
	});

	it.each([
		['https://evil.example/api/v1/ping', 'it names a scheme or host'],
		['//evil.example/ping', 'it names a scheme or host'],
		['ping', 'it does not start with "/"'],
		['/devices/../../oauth2/token', 'it contains a "." or ".." segment'],
		['/devices/%2E%2E/x', 'it contains a "." or ".." segment'],
		['/devices?groupid=g1', 'it contains "?" or "#"'],
		['/devices\\x', 'it contains a space, a backslash or a control character'],
		['   ', 'it is empty'],
		['/devices/./x', 'it contains a "." or ".." segment'],
		['/devices/%E0%A4%A', 'it contains a broken percent-encoding'],
	])('refuses the path %s without calling TeamViewer', async (path, problem) => {
		const result = await tv.run(call({ method: 'GET', path }));

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`The Path "${path.trim()}" is not valid`);
		expect((result.error as { description?: string }).description).toContain(problem);
		expect(tv.calls()).toHaveLength(0);
	});

	it('refuses a body that is not JSON, naming the field', async () => {
		const result = await tv.run(call({ method: 'POST', path: '/teamviewerpolicies', body: '{name: Raw' }));

		expect(result.error?.message).toBe('The Body (JSON) "{name: Raw" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});

	it('maps TeamViewer\'s errors like every operation: an unknown route, without the token', async () => {
		const result = await tv.run(call({ method: 'GET', path: '/no/such/route' }));

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('TeamViewer could not find what was asked for');
		expect(tv.calls().map((entry) => entry.status)).toEqual([404]);
		expect(visible(result)).not.toContain(tv.sandbox.tokens.admin);
	});

	it('names the missing permission of a known call', async () => {
		const result = await tv.run(
			call({ method: 'POST', path: '/EventLogging', body: { StartDate: '2020-01-01T00:00:00Z', EndDate: '2020-01-02T00:00:00Z' } }),
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.error?.message).toBe('The TeamViewer token lacks the permission "Event logging → Read event logs"');
	});

	it.each([
		['an object', 'Nested-Secret-9', { email: 'x@example.com', name: 'X Y', language: 'en', settings: { password: 'Nested-Secret-9' } }],
		['a list', 'Nested-Secret-9', [{ email: 'a@example.com', name: 'A B', language: 'en' }, { email: 'x@example.com', name: 'X Y', language: 'en', settings: { password: 'Nested-Secret-9' } }]],
		['a number', '73914682', { email: 'x@example.com', name: 'X Y', language: 'en', settings: { password: 73914682 } }],
	])('cuts a password nested in the body (%s) out of an error that echoes it, and only the password', async (_shape, password, body) => {
		tv.sim.injectFault({
			method: 'POST',
			path: '/users$',
			kind: 'status',
			status: 400,
			body: { error: 'invalid_request', error_description: `Password ${password} of x@example.com is too weak.`, error_code: 400 },
		});

		const result = await tv.run(
			call({ method: 'POST', path: '/users', body: JSON.stringify(body) }),
		);

		expect(tv.calls('POST', /users$/)[0].body).toEqual(body);
		expect(result.error?.message).toBe('TeamViewer refused the request: Password __hidden__ of x@example.com is too weak');
		// What the transport builds from TeamViewer's answer; the Body parameter itself is workflow content.
		const error = result.error as unknown as { description?: string; errorResponse?: unknown; messages?: unknown };
		expect(JSON.stringify([error.description, error.errorResponse, error.messages])).not.toContain(password);
		expect(JSON.stringify(error.errorResponse)).toContain('__hidden__');
	});

	it('waits through a 429 and sends the call again, as every operation does', async () => {
		tv.sim.injectFault({ kind: 'status', status: 429, headers: { 'Retry-After': '0' }, path: '/ping$' });

		const result = await tv.run(call({ method: 'GET', path: '/ping' }));

		expect(tv.calls().map((entry) => entry.status)).toEqual([429, 200]);
		expect(result.json).toEqual([{ token_valid: true }]);
	});

	it('resends a POST after a gateway timeout only when it is marked Safe to Retry', async () => {
		const window = { StartDate: '2020-01-01T00:00:00Z', EndDate: '2020-01-02T00:00:00Z' };
		tv.sim.injectFault({ kind: 'status', status: 504, method: 'POST', path: '/eventlogging$', times: 2 });

		const once = await tv.run(call({ method: 'POST', path: '/EventLogging', body: window }));
		const retried = await tv.run(call({ method: 'POST', path: '/EventLogging', body: window, options: { idempotent: true } }));

		expect(once.error?.message).toBe('TeamViewer is unavailable (HTTP 504)');
		expect(retried.status).toBe('success');
		expect(retried.json).toEqual([{ ContinuationToken: null, AuditEvents: [], ParsingError: null }]);
		expect(tv.calls().map((entry) => entry.status)).toEqual([504, 504, 200]);
	});
});
