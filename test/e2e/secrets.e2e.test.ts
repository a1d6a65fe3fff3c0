/**
 * The secret scan in a real n8n (2.41, SQLite, debug log to a file): a distinctive script token,
 * OAuth2 client secret, access and refresh token, webhook secret and device password go through
 * succeeding and failing executions (one failing hard, one item failing with "continue"), through
 * the shipped ticket webhook (which saves no successful run) and through an OAuth2 refresh. Then every webhook answer, n8n's debug
 * log and the raw SQLite database (with its WAL) are searched: 0 hits.
 *
 * The device password reaches the node the way README → Secrets recommends for self-hosted n8n,
 * by expression from the process environment (`{{ $env.TV_DEVICE_PASSWORD }}`), so that the workflow
 * and its input hold no copy of it; what n8n then stores is what the node produced.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { SandboxInfo, TeamViewerSimulator } from '../simulators/teamviewer';
import { startTeamViewerSimulator } from '../simulators/teamviewer';
import { ensure } from './diagnostics';
import { N8n } from './n8n';
import { ROOT } from './runtime';

const DEVICE_PASSWORD = 'Dev1ce-Pa55-E2E-SCAN-5c7d1e';
const SCRIPT_TOKEN = '7654321-E2eScanScriptTokenZq8';
const CLIENT_SECRET = 'client-secret-E2E-SCAN-8e2f7a4b60';
/** The test workflow keeps every execution: n8n stores this header as sent (a documented n8n behaviour). */
const SCAN_WEBHOOK_SECRET = 'webhook-secret-E2E-SCAN-3a9c';
/** The shipped ticket webhook saves no successful run, so its secret must not reach the database. */
const TICKET_WEBHOOK_SECRET = 'ticket-secret-E2E-SCAN-6d1b';

let sim: TeamViewerSimulator;
let sandbox: SandboxInfo;
let n8n: N8n;
let scratch: string;
let oauth: { access_token: string; refresh_token: string };
const answers: string[] = [];

async function oauthTokens(clientId: string): Promise<{ access_token: string; refresh_token: string; expires_in: number; token_type: string }> {
	const redirect = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';
	const authorize = await fetch(`${sim.apiUrl}/oauth2/authorize?response_type=code&client_id=${clientId}&redirect_uri=${encodeURIComponent(redirect)}&state=scan`, { redirect: 'manual' });
	const code = new URL(authorize.headers.get('location')!).searchParams.get('code')!;
	const token = await fetch(`${sim.apiUrl}/oauth2/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: clientId, client_secret: CLIENT_SECRET }),
	});
	return (await token.json()) as { access_token: string; refresh_token: string; expires_in: number; token_type: string };
}

/** A test workflow (not a shipped one): webhook → register, assign, who am I (OAuth2), change password. */
function scanWorkflow(): string {
	const tv = (name: string, x: number, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
		id: `5ca70000-0000-4000-8000-00000000000${x}`,
		name,
		type: 'n8n-nodes-teamviewer.teamViewer',
		typeVersion: 1,
		position: [x * 220, 0],
		parameters,
		credentials: parameters.authentication === 'oAuth2'
			? { teamViewerOAuth2Api: { id: 'scanOAuth2000001', name: 'Scan OAuth2' } }
			: { teamViewerApi: { id: 'scanToken0000001', name: 'Scan token' } },
		...extra,
	});
	const groupId = { __rl: true, mode: 'id', value: sandbox.groupsByName.Customers };
	const workflow = {
		id: 'scanSecrets00001',
		name: 'Secret scan (test)',
		active: false,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
		nodes: [
			{ id: '5ca70000-0000-4000-8000-000000000000', name: 'Scan webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: '5ca7e7e7-0000-4000-8000-000000000001', parameters: { httpMethod: 'POST', path: 'scan/secrets', authentication: 'headerAuth', responseMode: 'lastNode', options: {} }, credentials: { httpHeaderAuth: { id: 'scanWebhook00001', name: 'Scan webhook secret' } } },
			tv('Register device', 1, { authentication: 'accessToken', resource: 'device', operation: 'create', teamViewerId: '={{ $json.body.teamviewer_id }}', groupId, additionalFields: { password: '={{ $env.TV_DEVICE_PASSWORD }}' } }),
			tv('Assign device', 2, { authentication: 'accessToken', resource: 'device', operation: 'assign', teamViewerId: "={{ $('Scan webhook').item.json.body.teamviewer_id }}", devicePassword: '={{ $env.TV_DEVICE_PASSWORD }}' }, { onError: 'continueRegularOutput' }),
			tv('Who am I', 3, { authentication: 'oAuth2', resource: 'account', operation: 'get' }),
			tv('Change device password', 4, { authentication: 'accessToken', resource: 'device', operation: 'update', deviceId: { __rl: true, mode: 'id', value: "={{ $('Register device').item.json.device_id }}" }, updateFields: { password: '={{ $env.TV_DEVICE_PASSWORD }}' } }),
		],
		connections: {
			'Scan webhook': { main: [[{ node: 'Register device', type: 'main', index: 0 }]] },
			'Register device': { main: [[{ node: 'Assign device', type: 'main', index: 0 }]] },
			'Assign device': { main: [[{ node: 'Who am I', type: 'main', index: 0 }]] },
			'Who am I': { main: [[{ node: 'Change device password', type: 'main', index: 0 }]] },
		},
		pinData: {},
	};
	const file = path.join(scratch, 'secret-scan.json');
	writeFileSync(file, JSON.stringify(workflow));
	return file;
}

beforeAll(async () => {
	scratch = mkdtempSync(path.join(tmpdir(), 'n8n-secret-scan-'));
	sim = await startTeamViewerSimulator({ seed: 'empty' });
	sandbox = sim.seedSandbox();
	sim.addToken({ userId: sandbox.accountUserId, token: SCRIPT_TOKEN });
	sim.addOAuthClient({ clientId: 'scan-client-e2e', clientSecret: CLIENT_SECRET, userId: sandbox.accountUserId, permissions: 'all' });
	oauth = await oauthTokens('scan-client-e2e');
	n8n = await N8n.start({
		credentials: [
			{ id: 'scanToken0000001', name: 'Scan token', type: 'teamViewerApi', data: { accessToken: SCRIPT_TOKEN, apiBaseUrl: sim.apiUrl } },
			{ id: 'tvSandboxToken01', name: 'TeamViewer', type: 'teamViewerApi', data: { accessToken: SCRIPT_TOKEN, apiBaseUrl: sim.apiUrl } },
			{ id: 'scanOAuth2000001', name: 'Scan OAuth2', type: 'teamViewerOAuth2Api', data: { clientId: 'scan-client-e2e', clientSecret: CLIENT_SECRET, apiBaseUrl: sim.apiUrl, oauthTokenData: oauth } },
			{ id: 'scanWebhook00001', name: 'Scan webhook secret', type: 'httpHeaderAuth', data: { name: 'X-Scan-Secret', value: SCAN_WEBHOOK_SECRET } },
			{ id: 'tvWebhookSecret1', name: 'Ticket webhook secret', type: 'httpHeaderAuth', data: { name: 'X-Webhook-Secret', value: TICKET_WEBHOOK_SECRET } },
		],
		workflows: [scanWorkflow(), path.join(ROOT, 'workflows/getting-started/ticket-session-webhook.json')],
		activate: ['scanSecrets00001', 'tvTicketWebhook01'],
		env: {
			TV_DEVICE_PASSWORD: DEVICE_PASSWORD,
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
			N8N_LOG_LEVEL: 'debug',
			N8N_LOG_OUTPUT: 'console,file',
			N8N_LOG_FILE_LOCATION: path.join(scratch, 'n8n.log'),
		},
	});
}, 240_000);

afterAll(async () => {
	const violations = n8n?.networkViolations() ?? [];
	await n8n?.stop();
	await sim?.close();
	rmSync(scratch, { recursive: true, force: true });
	expect(violations).toEqual([]);
});

describe('secret scan in a real n8n', () => {
	it('runs succeeding and failing executions, then finds no secret in answers, the debug log or the database', async () => {
		const scan = (teamviewerId: string) => n8n.webhook('scan/secrets', { body: { teamviewer_id: teamviewerId }, headers: { 'X-Scan-Secret': SCAN_WEBHOOK_SECRET } });

		// 1. Everything succeeds except the assign (continues with an error item); the access token has expired.
		sim.expireToken(oauth.access_token);
		sim.injectFault({ kind: 'status', status: 400, method: 'POST', path: 'devices/assign', body: { error: 'invalid_request', error_description: `Wrong password ${DEVICE_PASSWORD}`, error_code: 400 } });
		const first = await scan('111 222 333');
		// 2. The password change fails hard: the execution ends in error.
		sim.injectFault({ kind: 'status', status: 400, method: 'PUT', path: 'devices/', body: { error: 'invalid_request', error_description: `Password ${DEVICE_PASSWORD} too weak`, error_code: 400 } });
		const second = await scan('111 222 444');
		// 3. The shipped ticket webhook: a good call and a bad one.
		const ticket = await n8n.webhook('teamviewer/ticket-session', { body: { ticket: 'INC-SCAN-1' }, headers: { 'X-Webhook-Secret': TICKET_WEBHOOK_SECRET } });
		const badTicket = await n8n.webhook('teamviewer/ticket-session', { body: { ticket: { id: 1 } }, headers: { 'X-Webhook-Secret': TICKET_WEBHOOK_SECRET } });
		answers.push(...[first, second, ticket, badTicket].map((answer) => JSON.stringify(answer)));

		ensure(first.status === 200, `scan 1 answered ${first.status}: ${JSON.stringify(first.body)}`, n8n, sim);
		expect(second.status).toBe(500);
		expect(ticket.status).toBe(200);
		expect(badTicket.status).toBe(400);
		// The password did travel to TeamViewer (the scan is not vacuous) …
		const sentBodies = JSON.stringify(sim.requests.map((request) => request.body));
		expect(sentBodies).toContain(DEVICE_PASSWORD);
		expect(sim.requests.some((request) => /oauth2\/token$/.test(request.path))).toBe(true);
		// … and the executions were saved with their data.
		const saved = await n8n.executions('scanSecrets00001');
		expect(saved.map((execution) => execution.status).sort()).toEqual(['error', 'success']);
		const failedItem = saved.find((execution) => execution.status === 'success')!.data.resultData.runData['Assign device'][0].data!.main[0]![0].json;
		expect(failedItem.error).toBe(`TeamViewer refused the request: Wrong password __hidden__`);
		// What n8n itself stores (README → Secrets): the webhook's request headers, its secret included.
		const webhookOutput = saved[0].data.resultData.runData['Scan webhook'][0].data!.main[0]![0].json as { headers: Record<string, string> };
		expect(webhookOutput.headers['x-scan-secret']).toBe(SCAN_WEBHOOK_SECRET);
		expect(await n8n.executions('tvTicketWebhook01')).toEqual([]);

		// Let n8n flush its log and the SQLite WAL.
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const sources: Record<string, string> = {
			answers: answers.join('\n'),
			'debug log': readFileSync(path.join(scratch, 'n8n.log'), 'utf8') + n8n.logTail(100_000),
		};
		for (const file of ['database.sqlite', 'database.sqlite-wal']) {
			const full = path.join(n8n.userFolder, '.n8n', file);
			if (existsSync(full)) sources[file] = readFileSync(full).toString('latin1') + readFileSync(full).toString('utf8');
		}
		expect(sources['debug log']).toMatch(/debug/i);
		expect(sources['database.sqlite'].length).toBeGreaterThan(10_000);
		// The ticket secret is not in a kept execution (checked above), but n8n writes a webhook execution's
		// data when it starts and deletes it when the run is not kept: those bytes may linger in SQLite's
		// WAL and free pages until a VACUUM (README → Secrets), so it is not searched in the raw file.
		const secrets = { DEVICE_PASSWORD, SCRIPT_TOKEN, CLIENT_SECRET, access_token: oauth.access_token, refresh_token: oauth.refresh_token };
		const hits = Object.entries(sources).flatMap(([source, text]) =>
			Object.entries(secrets).filter(([, secret]) => text.includes(secret)).map(([name]) => `${name} in ${source}`),
		);
		expect(hits).toEqual([]);
	});
});
