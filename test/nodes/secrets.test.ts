/**
 * The engine-tier secret scan: a distinctive script token, OAuth2 client secret, access and refresh
 * token and device password go through succeeding and failing operations (with and without Continue
 * On Fail); none of them may appear in any output item, error (message, description, the node copy
 * it carries) or anything else of the run n8n would save. The e2e tier (secrets.e2e.test.ts) greps
 * n8n's debug log and SQLite database as well.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { connectOAuth2 } from '../harness/oauth';
import { packTransport } from '../harness/package';
import type { EngineResult } from '../harness/engine';
import { locator, useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

const DEVICE_PASSWORD = 'Dev1ce-Pa55-SCAN-7f3e9c';
const SCRIPT_TOKEN = '7654321-ScanMeScriptTokenQx9';
const CLIENT_SECRET = 'client-secret-SCAN-4b8d2a6e91';

function everything(result: EngineResult): string {
	return JSON.stringify({ run: result.run, error: result.error, json: result.json }, (_key, value: unknown) =>
		value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value,
	);
}

function hits(result: EngineResult, secrets: string[]): string[] {
	const text = everything(result);
	return secrets.filter((secret) => text.includes(secret));
}

describe('secret scan (engine tier)', () => {
	const scenarios: Array<[string, INodeParameters, IDataObject | undefined, boolean]> = [
		['device create succeeds', { resource: 'device', operation: 'create', teamViewerId: '321 654 987', groupId: locator('g2720001'), additionalFields: { password: DEVICE_PASSWORD } }, undefined, false],
		['device create refused (400)', { resource: 'device', operation: 'create', teamViewerId: '321 654 988', groupId: locator('g2720001'), additionalFields: { password: DEVICE_PASSWORD } }, { kind: 'status', status: 400, method: 'POST', path: 'devices$', body: { error: 'invalid_request', error_description: `bad password ${DEVICE_PASSWORD}`, error_code: 400 } }, false],
		['device create refused, Continue On Fail', { resource: 'device', operation: 'create', teamViewerId: '321 654 989', groupId: locator('g2720001'), additionalFields: { password: DEVICE_PASSWORD } }, { kind: 'status', status: 403, method: 'POST', path: 'devices$' }, true],
		['device assign with the password by expression, refused', { resource: 'device', operation: 'assign', teamViewerId: '123456789', devicePassword: '={{ $json.pw }}' }, { kind: 'status', status: 400, method: 'POST', path: 'assign' }, false],
		['device assign typed password, Continue On Fail', { resource: 'device', operation: 'assign', teamViewerId: '123456789', devicePassword: DEVICE_PASSWORD }, { kind: 'status', status: 500, method: 'POST', path: 'assign', times: 10 }, true],
		['device update, password typed, dropped connection then retried', { resource: 'device', operation: 'update', deviceId: locator('d9870001'), updateFields: { password: DEVICE_PASSWORD } }, { kind: 'reset', method: 'PUT', path: 'devices/' }, false],
		['user create with a password, bad type elsewhere', { resource: 'user', operation: 'create', email: 'scan@example.com', name: '={{ $json.obj }}', language: 'en', additionalFields: { password: DEVICE_PASSWORD } }, undefined, false],
		['user create with a password succeeds', { resource: 'user', operation: 'create', email: 'scan2@example.com', name: 'Scan Two', language: 'en', additionalFields: { password: DEVICE_PASSWORD } }, undefined, true],
	];

	it.each(scenarios)('%s: no device password or token anywhere in the run', async (_name, parameters, fault, continueOnFail) => {
		const token = tv.sim.addToken({ userId: tv.sandbox.accountUserId, token: SCRIPT_TOKEN });
		if (fault) tv.sim.injectFault(fault as never);

		const result = await tv.run(parameters, {
			credential: tv.tokenCredential(token),
			continueOnFail,
			input: [{ pw: DEVICE_PASSWORD, obj: { nested: true } }],
		});

		// The password did reach TeamViewer where the operation sends one (the scan is not vacuous).
		const sent = JSON.stringify(tv.calls().map((call) => call.body));
		if (/device|user/.test(String(parameters.resource)) && result.status === 'success' && !continueOnFail) {
			expect(sent).toContain(DEVICE_PASSWORD);
		}
		// The run's input item carries the password by design (it is the workflow's own data); the scan
		// covers everything the node added: outputs, errors and the node copy errors carry.
		const produced = { ...result, run: { ...result.run, data: { ...result.run.data, executionData: undefined } } } as EngineResult;
		const outputs = JSON.stringify(result.json);
		expect(outputs.includes(DEVICE_PASSWORD)).toBe(false);
		expect(hits(produced, [SCRIPT_TOKEN]).length).toBe(0);
		const errorText = JSON.stringify(result.error ?? {}) + JSON.stringify(result.run.data.resultData.error ?? {});
		expect(errorText.includes(DEVICE_PASSWORD)).toBe(false);
		const nodeRuns = JSON.stringify(result.run.data.resultData.runData);
		expect(nodeRuns.split(DEVICE_PASSWORD).length - 1).toBe(0);
	});

	it('a failed create masks the typed password in the node copy the error carries', async () => {
		tv.sim.injectFault({ kind: 'status', status: 400, method: 'POST', path: 'devices$' });

		const result = await tv.run({ resource: 'device', operation: 'create', teamViewerId: '321 654 987', groupId: locator('g2720001'), additionalFields: { password: DEVICE_PASSWORD } });

		expect(result.status).toBe('error');
		const node = (result.run.data.resultData.error as { node?: { parameters: IDataObject } }).node;
		expect(node?.parameters.additionalFields).toEqual({ password: '__hidden__' });
	});

	it('OAuth2: client secret, access and refresh tokens stay out of outputs and errors, also when the refresh fails', async () => {
		tv.sim.addOAuthClient({ clientId: 'scan-client', clientSecret: CLIENT_SECRET, userId: tv.sandbox.accountUserId, permissions: 'all' });
		const credential = tv.engine.addCredential('teamViewerOAuth2Api', { clientId: 'scan-client', clientSecret: CLIENT_SECRET, apiBaseUrl: tv.sim.apiUrl });
		await connectOAuth2(tv.engine, credential);
		const tokens = credential.data.oauthTokenData as { access_token: string; refresh_token: string };
		const secrets = [CLIENT_SECRET, tokens.access_token, tokens.refresh_token];

		tv.sim.expireToken(tokens.access_token);
		const refreshed = await tv.run({ resource: 'account', operation: 'get' }, { credential });
		const newTokens = credential.data.oauthTokenData as { access_token: string; refresh_token: string };
		tv.sim.expireToken(newTokens.access_token);
		tv.sim.state.oauth.refreshTokens.clear();
		const failed = await tv.run({ resource: 'account', operation: 'get' }, { credential, continueOnFail: true });
		const failedHard = await tv.run({ resource: 'session', operation: 'getAll', returnAll: true }, { credential });

		expect(refreshed.status).toBe('success');
		expect(failedHard.status).toBe('error');
		const all = [...secrets, newTokens.access_token, newTokens.refresh_token];
		for (const result of [refreshed, failed, failedHard]) expect(hits(result, all)).toEqual([]);
	});
});

describe('A password TeamViewer echoes, word for word', () => {
	it('a text answer that quotes a password with a quote in it: the password is hidden, the rest reads as sent', async () => {
		const password = 'pa"ss w0rd';
		tv.sim.injectFault({ kind: 'status', status: 400, method: 'PUT', path: 'devices/', body: `Password ${password} is too weak.` });

		const result = await tv.run({ resource: 'device', operation: 'update', deviceId: locator('d9870001'), updateFields: { password } });

		expect(result.error?.message).toBe('TeamViewer refused the request: Password __hidden__ is too weak');
	});

	it('an update with a password whose connection keeps dropping fails as "could not reach", after its retries', async () => {
		const { RETRY } = packTransport;
		const saved = RETRY.baseDelayMs;
		RETRY.baseDelayMs = 10;
		try {
			tv.sim.injectFault({ kind: 'reset', method: 'PUT', path: 'devices/', times: 10 });

			const result = await tv.run({ resource: 'device', operation: 'update', deviceId: locator('d9870001'), updateFields: { password: DEVICE_PASSWORD } });

			expect(result.error?.message).toMatch(/^Could not reach TeamViewer at 127\.0\.0\.1:\d+ \(connection dropped\) after 5 attempts$/);
			// No HTTP status: n8n shows none (not "undefined").
			expect((result.error as { httpCode?: unknown }).httpCode).toBeNull();
			expect((result.error as { errorResponse?: IDataObject }).errorResponse).toEqual({
				message: result.error?.message,
				httpCode: null,
				request: 'PUT /devices/d9870001',
				networkCode: 'ECONNRESET',
			});
		} finally {
			RETRY.baseDelayMs = saved;
		}
	});

	it('the details saved with the error: status, request, TeamViewer\'s code and text, and no password', async () => {
		tv.sim.injectFault({ kind: 'status', status: 400, method: 'PUT', path: 'devices/', body: { error: 'invalid_request', error_description: `Password ${DEVICE_PASSWORD} is too weak.` } });

		const result = await tv.run({ resource: 'device', operation: 'update', deviceId: locator('d9870001'), updateFields: { password: DEVICE_PASSWORD } });

		expect((result.error as { errorResponse?: IDataObject }).errorResponse).toEqual({
			message: 'TeamViewer refused the request: Password __hidden__ is too weak',
			httpCode: '400',
			request: 'PUT /devices/d9870001',
			error: 'invalid_request',
			error_description: 'Password __hidden__ is too weak.',
		});
	});
});
