/**
 * The sandbox console's API, with a recording HTTP server standing in for n8n's webhooks: each ITSM's
 * buttons reach the path and credentials its flow expects, the simulator-side buttons fire the ITSM's
 * own automation, the TeamViewer buttons change the case, and bad requests get a plain reason.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { startSandboxConsole, type SandboxConsole } from './console';
import { basicAuth, startSandboxWorld, WEBHOOK_USERS, type SandboxWorld } from './world';

interface Received {
	method: string;
	path: string;
	authorization?: string;
	secret?: string;
	body: unknown;
}

let n8n: Server;
let received: Received[] = [];
let world: SandboxWorld;
let sandboxConsole: SandboxConsole;

async function readBody(request: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	return text ? JSON.parse(text) : undefined;
}

beforeAll(async () => {
	n8n = createServer((request, response) => {
		void readBody(request).then((body) => {
			received.push({
				method: request.method!,
				path: request.url!,
				authorization: request.headers.authorization,
				secret: request.headers['x-webhook-secret'] as string | undefined,
				body,
			});
			const unknownTest = request.url!.startsWith('/webhook-test/');
			response.writeHead(unknownTest ? 404 : 200, { 'content-type': 'application/json' });
			response.end(JSON.stringify(unknownTest ? { code: 404, message: 'The requested webhook is not registered.', stacktrace: 'ResponseError: at …' } : { ok: true }));
		});
	});
	await new Promise<void>((resolve) => n8n.listen(0, '127.0.0.1', resolve));
	world = await startSandboxWorld({ n8nUrl: `http://127.0.0.1:${(n8n.address() as AddressInfo).port}/` });
	sandboxConsole = await startSandboxConsole(world);
});

afterAll(async () => {
	await sandboxConsole.close();
	await world.close();
	await new Promise((resolve) => n8n.close(resolve));
});

beforeEach(() => {
	received = [];
});

async function post(path: string, body: unknown = {}): Promise<{ status: number; body: Record<string, unknown> }> {
	const response = await fetch(`${sandboxConsole.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface View {
	key: string;
	tickets: Array<{ id: string; number: string; title: string; person: string }>;
	ticketActions: Array<{ key: string }>;
	actions: Array<{ key: string }>;
}

/** The secret values of a credential's data (passwords, tokens, secrets, header values), JSON fields included. */
function secretsIn(data: Record<string, unknown>): string[] {
	return Object.entries(data).flatMap(([key, value]) => {
		if (key === 'json' && typeof value === 'string') return Object.values(JSON.parse(value) as Record<string, Record<string, unknown>>).flatMap(secretsIn);
		return typeof value === 'string' && value && /password|secret|token|^value$/i.test(key) ? [value] : [];
	});
}

async function views(): Promise<View[]> {
	return ((await (await fetch(`${sandboxConsole.url}/api/state`)).json()) as { itsms: View[] }).itsms;
}

it('serves the page and a state with every ITSM\'s demo tickets, and no credential in it', async () => {
	const page = await fetch(sandboxConsole.url);
	expect(page.headers.get('content-type')).toContain('text/html');
	expect(await page.text()).toContain('Sandbox console');

	const text = await (await fetch(`${sandboxConsole.url}/api/state`)).text();
	const itsms = (JSON.parse(text) as { itsms: View[] }).itsms;
	expect(itsms.map((itsm) => itsm.key)).toEqual(['servicenow', 'servicedeskplus', 'cherwell', 'matrix42', 'bossdesk']);
	for (const itsm of itsms) expect(itsm.tickets.length).toBeGreaterThanOrEqual(5);
	expect(itsms[0].tickets[0]).toMatchObject({ number: 'INC0010001', title: 'Outlook crashes on start', person: 'Abel Tuter' });
	const secrets = world.credentials().flatMap((credential) => secretsIn(credential.data));
	expect(secrets.length).toBeGreaterThanOrEqual(14);
	for (const secret of secrets) expect(text).not.toContain(secret);
});

it.each([
	['servicenow', 'invite', 'servicenow/teamviewer/invite', (id: string) => ({ table: id.split(':')[0], sys_id: id.split(':')[1], action: 'remote' })],
	['servicenow', 'close', 'servicenow/teamviewer/close', (id: string) => ({ table: id.split(':')[0], sys_id: id.split(':')[1] })],
	['servicedeskplus', 'end', 'servicedeskplus/teamviewer/end', (id: string) => ({ request_id: id })],
	['cherwell', 'create', 'cherwell/teamviewer/create', (id: string) => ({ incidentId: id })],
	['matrix42', 'remote-session', 'matrix42/teamviewer/remote-session', (id: string) => ({ activityId: id })],
	['bossdesk', 'play', 'bossdesk/teamviewer/play', (id: string) => ({ ticket_id: Number(id) })],
] as const)('%s "%s" posts to /webhook/%s with that ITSM\'s webhook user', async (itsm, action, path, expected) => {
	const ticket = (await views()).find((view) => view.key === itsm)!.tickets[0];

	const answer = await post(`/api/itsm/${itsm}/${action}`, { ticket: ticket.id });

	expect(answer).toEqual({ status: 200, body: { what: `POST /webhook/${path} ${JSON.stringify(expected(ticket.id))}`, status: 200, body: { ok: true } } });
	expect(received).toEqual([{ method: 'POST', path: `/webhook/${path}`, authorization: basicAuth(WEBHOOK_USERS[itsm]), body: expected(ticket.id) }]);
});

it('sends to the editor\'s test URL when asked, and shows n8n\'s reason without its stack trace', async () => {
	const answer = await post('/api/itsm/cherwell/cleanup', { target: 'test' });

	expect(received.map((call) => call.path)).toEqual(['/webhook-test/cherwell/teamviewer/cleanup']);
	expect(answer.body).toEqual({ what: 'POST /webhook-test/cherwell/teamviewer/cleanup {}', status: 404, body: { code: 404, message: 'The requested webhook is not registered.' } });
});

it('the getting-started ticket webhook carries its secret header', async () => {
	await post('/api/ticket-webhook');

	expect(received).toEqual([
		{ method: 'POST', path: '/webhook/teamviewer/ticket-session', secret: 'sandbox-webhook-secret', body: { ticket: 'INC0010042', requester: { name: 'Erika Muster', email: 'erika@example.com' } } },
	]);
});

it('closing a BOSSDesk ticket or a Matrix42 activity fires that ITSM\'s own automation at n8n', async () => {
	const [boss, m42] = ['bossdesk', 'matrix42'].map(async (key) => (await views()).find((view) => view.key === key)!.tickets[0]);

	expect((await post('/api/itsm/bossdesk/close-ticket', { ticket: (await boss).id })).body.what).toBe('done in the simulator');
	expect((await post('/api/itsm/matrix42/close-activity', { ticket: (await m42).id })).body.what).toBe('done in the simulator');

	expect(received.map((call) => [call.path, call.authorization])).toEqual([
		['/webhook/bossdesk/teamviewer/ticket-closed', basicAuth(WEBHOOK_USERS.bossdesk)],
		['/webhook/matrix42/teamviewer/activity-closed', basicAuth(WEBHOOK_USERS.matrix42)],
	]);
});

it('the customer comes online and a supporter connects for N minutes: the case is online, its report is N minutes long and ends now', async () => {
	const session = [...world.tv.state.sessions.values()].find((candidate) => candidate.state === 'Open')!;
	session.online = false;

	expect((await post(`/api/teamviewer/sessions/${session.code}/online`)).status).toBe(200);
	expect(session.online).toBe(true);
	const before = Date.now();
	const connected = await post(`/api/teamviewer/sessions/${session.code}/connect`, { minutes: 25 });

	expect(connected.status).toBe(200);
	const [report] = [...world.tv.state.reports.values()].filter((candidate) => candidate.session_code === session.code);
	expect(Date.parse(report.end_date) - Date.parse(report.start_date)).toBe(25 * 60_000);
	expect(Date.parse(report.end_date)).toBeGreaterThanOrEqual(before - 1000);
	expect(Date.parse(report.end_date)).toBeLessThanOrEqual(Date.now() + 1000);
});

it.each([
	['/api/itsm/jira/create', { ticket: '1' }, 404, 'No ITSM "jira" in the sandbox (known: servicenow, servicedeskplus, cherwell, matrix42, bossdesk).'],
	['/api/itsm/cherwell/launch', { ticket: '101001' }, 404, 'Cherwell CSM has no ticket button "launch".'],
	['/api/itsm/cherwell/create', { ticket: '999999' }, 404, 'Cherwell CSM has no ticket 999999.'],
	['/api/itsm/cherwell/cleanup', { target: 'prod' }, 400, 'target must be "published" or "test", not "prod".'],
	['/api/teamviewer/sessions/s000-000-000/online', {}, 404, 'There is no service case s000-000-000 in the TeamViewer sandbox.'],
] as const)('POST %s %j answers %i: %s', async (path, body, status, error) => {
	expect(await post(path, body)).toEqual({ status, body: { error } });
	expect(received).toEqual([]);
});

it('refuses a length that is not 1 to 480 whole minutes, and a closed case', async () => {
	const open = [...world.tv.state.sessions.values()].find((candidate) => candidate.state === 'Open')!;
	const closed = [...world.tv.state.sessions.values()].find((candidate) => candidate.state === 'Closed')!;

	expect(await post(`/api/teamviewer/sessions/${open.code}/connect`, { minutes: 0 })).toEqual({ status: 400, body: { error: 'minutes must be a whole number from 1 to 480, not 0.' } });
	expect(await post(`/api/teamviewer/sessions/${open.code}/connect`, { minutes: '5; drop' })).toEqual({ status: 400, body: { error: 'minutes must be a whole number from 1 to 480, not "5; drop".' } });
	expect(await post(`/api/teamviewer/sessions/${closed.code}/online`)).toEqual({ status: 409, body: { error: `Service case ${closed.code} is closed: only an open case can be joined.` } });
	const response = await fetch(`${sandboxConsole.url}/api/itsm/cherwell/cleanup`, { method: 'POST', body: '[1, 2' });
	expect(response.status).toBe(400);
	expect(await response.json()).toEqual({ error: 'The request body must be a JSON object.' });
});
