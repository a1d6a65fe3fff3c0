import { createServer, type IncomingMessage, type Server } from 'http';

import { closeHttpServer, listenOnLoopback, readBody } from '../common';
import {
	DEMO_API_KEY,
	DEMO_INTEGRATION_USER,
	startBossDeskSimulator,
	type BossDeskSimulator,
	type DemoInfo,
} from '.';

let sim: BossDeskSimulator;
let demo: DemoInfo;

const TOKEN = `Token token="${DEMO_API_KEY}"`;

async function call(
	method: string,
	path: string,
	options: { body?: unknown; auth?: string | null; raw?: string } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
	const headers: Record<string, string> = { 'Content-Type': 'application/json' };
	const auth = options.auth === undefined ? TOKEN : options.auth;
	if (auth !== null) headers.Authorization = auth;
	const response = await fetch(`${sim.url}${path}`, {
		method,
		headers,
		body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
	});
	const text = await response.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// text
	}
	return { status: response.status, body, headers: response.headers };
}

const outlook = () => demo.tickets['Outlook crashes on start'];

beforeAll(async () => {
	sim = await startBossDeskSimulator();
});

beforeEach(() => {
	sim.reset();
	demo = sim.seedDemo();
});

afterAll(() => sim.close());

describe('authentication', () => {
	it.each([
		['no header', null],
		['a bearer token', `Bearer ${DEMO_API_KEY}`],
		['the key without quotes', `Token token=${DEMO_API_KEY}`],
		['an unknown key', 'Token token="not-a-key"'],
		[
			'Basic auth',
			`Basic ${Buffer.from(`${DEMO_INTEGRATION_USER.email}:${DEMO_INTEGRATION_USER.password}`).toString('base64')}`,
		],
	])('answers 401 with a Token challenge for %s', async (_what, auth) => {
		const response = await call('GET', `/api/v1/tickets/${outlook().id}`, { auth });

		expect(response.status).toBe(401);
		expect(response.body).toBe('HTTP Token: Access denied.\n');
		expect(response.headers.get('www-authenticate')).toBe('Token realm="Application"');
	});

	it('checks the key before the path', async () => {
		expect((await call('GET', '/api/v1/nowhere', { auth: null })).status).toBe(401);
		expect((await call('GET', '/api/v1/nowhere')).status).toBe(404);
	});

	it('answers 402 when the plan has no API access', async () => {
		sim.config.apiAccess = false;

		const response = await call('GET', `/api/v1/tickets/${outlook().id}`);

		expect(response.status).toBe(402);
		expect(response.body).toEqual({
			error: 'payment_required',
			message: expect.stringContaining('does not include API access'),
		});
	});

	it("hands out the API key for a technician's email and password", async () => {
		const basic = (password: string) =>
			`Basic ${Buffer.from(`${DEMO_INTEGRATION_USER.email}:${password}`).toString('base64')}`;

		const ok = await call('POST', '/api/v1/sessions', {
			auth: basic(DEMO_INTEGRATION_USER.password),
		});
		const wrong = await call('POST', '/api/v1/sessions', { auth: basic('nope') });

		expect(ok.status).toBe(201);
		expect(ok.body).toEqual({
			api_key: DEMO_API_KEY,
			user: {
				id: demo.integrationUser.id,
				name: 'n8n Integration',
				email: DEMO_INTEGRATION_USER.email,
			},
		});
		expect(wrong.status).toBe(401);
	});
});

describe('tickets', () => {
	it('reads a ticket with requester, technician, category, type, priority, source and status', async () => {
		const response = await call('GET', `/api/v1/tickets/${outlook().id}`);

		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({
			id: outlook().id,
			friendly_id: 1042,
			title: 'Outlook crashes on start',
			status: { id: expect.any(Number), friendly_id: expect.any(Number), name: 'In Progress' },
			category: { name: 'PC' },
			type: { name: 'Incident' },
			priority: { name: 'Medium' },
			source: { name: 'Email' },
			requester: { name: 'Erika Muster', email: 'erika.muster@example.com' },
			technician: { name: 'Ada Agent', email: 'ada.agent@sandbox-support.example' },
			closed_at: null,
			lock_version: 0,
		});
		expect(outlook().id).not.toBe(1042);
		expect(response.body).not.toHaveProperty('number');
	});

	it('shows the older plain shape (number, plain names) only with representation: plain', async () => {
		sim.config.representation = 'plain';
		const response = await call('GET', `/api/v1/tickets/${outlook().id}`);

		expect(response.body).toMatchObject({ number: 1042, status: 'In Progress', category: 'PC', priority: 'Medium' });
		expect(response.body).not.toHaveProperty('friendly_id');
	});

	it('answers 404 for an unknown ticket, also under .json', async () => {
		expect((await call('GET', '/api/v1/tickets/1')).status).toBe(404);
		expect((await call('GET', `/api/v1/tickets/${outlook().id}.json`)).body.friendly_id).toBe(1042);
	});

	it('lists tickets newest first, filtered by date and status, paged', async () => {
		sim.seed({
			tickets: [
				{ title: 'Old one', requester: 'Li Wei', created_at: '2025-01-10T08:00:00.000Z' },
				{
					title: 'Older one',
					requester: 'Li Wei',
					created_at: '2025-01-05T08:00:00.000Z',
					status: 'Closed',
				},
			],
		});

		const january = await call(
			'GET',
			'/api/v1/tickets?created_after=2025-01-01&created_before=2025-02-01',
		);
		const closed = await call('GET', '/api/v1/tickets?status=closed');
		const page = await call('GET', '/api/v1/tickets?per_page=3&page=2');

		expect(january.body.map((ticket: { title: string }) => ticket.title)).toEqual([
			'Old one',
			'Older one',
		]);
		expect(january.headers.get('x-total-count')).toBe('2');
		expect(closed.body.map((ticket: { title: string }) => ticket.title).sort()).toEqual([
			'Older one',
			'Shared drive mapped twice',
		]);
		expect(page.body).toHaveLength(3);
		expect(page.headers.get('x-total-count')).toBe('10');
		expect(page.headers.get('link')).toContain('rel="next"');
		expect(page.headers.get('link')).toContain('rel="prev"');
	});

	it('answers 422 naming a bad filter', async () => {
		const response = await call('GET', '/api/v1/tickets?updated_after=last-week&per_page=500');

		expect(response.status).toBe(422);
		expect(response.body.errors.updated_after[0]).toContain('"last-week"');
		expect(response.body.errors.per_page[0]).toContain('from 1 to 100');
	});

	it('updates with optimistic locking: 409 for a stale lock_version, 422 for a bad status', async () => {
		const path = `/api/v1/tickets/${outlook().id}`;

		const ok = await call('PUT', path, { body: { ticket: { priority: 'High', lock_version: 0 } } });
		const stale = await call('PUT', path, {
			body: { ticket: { priority: 'Low', lock_version: 0 } },
		});
		const bad = await call('PUT', path, { body: { ticket: { status: 'Done' } } });
		const broken = await call('PUT', path, { raw: '{"ticket":' });

		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({ priority: { name: 'High' }, lock_version: 1 });
		expect(stale.status).toBe(409);
		expect(stale.body.message).toContain('lock_version is 1');
		expect(bad.status).toBe(422);
		expect(bad.body.errors.status[0]).toContain('is not included in the list');
		expect(broken.status).toBe(400);
		expect(sim.ticket(outlook().id)?.priority).toBe('High');
	});
});

describe('comments', () => {
	it('adds a private comment by the API user and lists it', async () => {
		const path = `/api/v1/tickets/${outlook().id}/comments`;

		const created = await call('POST', path, {
			body: { comment: { body: 'Session started', is_private: true } },
		});
		const listed = await call('GET', path);

		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			ticket_id: outlook().id,
			body: 'Session started',
			is_private: true,
			author: { name: 'n8n Integration' },
		});
		expect(listed.body).toEqual([created.body]);
		expect(sim.commentsOf(outlook().id).map((comment) => comment.body)).toEqual([
			'Session started',
		]);
	});

	it('answers 422 for a blank body or a non-boolean is_private, 404 for an unknown ticket', async () => {
		const path = `/api/v1/tickets/${outlook().id}/comments`;

		const blank = await call('POST', path, { body: { comment: { body: '  ' } } });
		const flag = await call('POST', path, { body: { comment: { body: 'x', is_private: 'yes' } } });
		const missing = await call('POST', '/api/v1/tickets/1/comments', {
			body: { comment: { body: 'x' } },
		});

		expect(blank.status).toBe(422);
		expect(blank.body).toMatchObject({
			error: 'unprocessable_entity',
			errors: { body: ["can't be blank"] },
		});
		expect(flag.body.errors.is_private).toEqual(['must be true or false']);
		expect(missing.status).toBe(404);
		expect(sim.commentsOf(outlook().id)).toEqual([]);
	});

	it('takes comments on closed tickets', async () => {
		const closed = demo.tickets['Shared drive mapped twice'];

		const response = await call('POST', `/api/v1/tickets/${closed.id}/comments`, {
			body: { body: 'Late note' },
		});

		expect(response.status).toBe(201);
		expect(response.body.is_private).toBe(false);
	});
});

describe('ticket.closed automations', () => {
	let receiver: Server;
	let received: Array<{ authorization?: string; body: any }>;
	let port: number;

	beforeAll(async () => {
		receiver = createServer(async (req: IncomingMessage, res) => {
			received.push({
				authorization: req.headers.authorization,
				body: JSON.parse(await readBody(req)),
			});
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ closed: 0 }));
		});
		port = await listenOnLoopback(receiver);
	});

	beforeEach(() => {
		received = [];
		sim.addAutomation({
			event: 'ticket.closed',
			url: `http://127.0.0.1:${port}/hook`,
			username: 'boss',
			password: 'secret',
		});
	});

	afterAll(() => closeHttpServer(receiver));

	it('posts the closed ticket when an agent closes it in the UI', async () => {
		const deliveries = await sim.closeTicket(outlook().id);

		expect(deliveries).toHaveLength(1);
		expect(deliveries[0]).toMatchObject({
			status: 200,
			response: { closed: 0 },
			event: 'ticket.closed',
		});
		expect(received).toHaveLength(1);
		expect(received[0].authorization).toBe(
			`Basic ${Buffer.from('boss:secret').toString('base64')}`,
		);
		expect(received[0].body).toMatchObject({
			event: 'ticket.closed',
			ticket: { id: outlook().id, friendly_id: 1042, status: { name: 'Closed' } },
			actor: { name: 'Ada Agent' },
		});
	});

	it('posts when the API closes a ticket, but not when it was closed already', async () => {
		const path = `/api/v1/tickets/${outlook().id}`;

		await call('PUT', path, { body: { ticket: { status: 'Closed' } } });
		await call('PUT', path, { body: { ticket: { status: 'Closed' } } });
		await sim.settled();

		expect(received).toHaveLength(1);
		expect(received[0].body.actor.name).toBe('n8n Integration');
		expect(sim.ticket(outlook().id)?.closed_at).not.toBeNull();
	});

	it('is driven through the control endpoint too', async () => {
		const response = await fetch(`${sim.url}/__tickets/${outlook().id}/close`, {
			method: 'POST',
			body: '{}',
		});
		const body = (await response.json()) as { ticket: { status: { name: string } }; deliveries: unknown[] };
		await sim.settled();

		expect(body.ticket.status.name).toBe('Closed');
		expect(body.deliveries).toHaveLength(1);
		expect(received).toHaveLength(1);
	});
});

describe('an automation whose receiver is down', () => {
	it('records the failed delivery instead of throwing', async () => {
		const down = createServer();
		const port = await listenOnLoopback(down);
		await closeHttpServer(down);
		sim.addAutomation({ event: 'ticket.closed', url: `http://127.0.0.1:${port}/hook` });

		const [delivery] = await sim.closeTicket(outlook().id);

		expect(delivery).toMatchObject({ status: 0, error: expect.any(String) });
		expect(sim.ticket(outlook().id)?.status).toBe('Closed');
	});
});

describe('test machinery', () => {
	it('logs API calls (not control calls), injects faults and routes its host name', async () => {
		sim.injectFault({ kind: 'status', status: 503, path: '/comments$', method: 'POST' });

		const failed = await call('POST', `/api/v1/tickets/${outlook().id}/comments`, {
			body: { body: 'x' },
		});
		await fetch(`${sim.url}/__state`);

		expect(failed.status).toBe(503);
		expect(
			sim.requests.map((request) => [request.method, request.path, request.status, request.fault]),
		).toEqual([['POST', `/api/v1/tickets/${outlook().id}/comments`, 503, 'status']]);
		expect(sim.requests[0].headers.authorization).toBe(TOKEN);
		expect(sim.proxyRoute.host.test('yourcompany.bossdesk.io')).toBe(true);
		expect(sim.proxyRoute.host.test('other.bossdesk.io')).toBe(false);
		expect(sim.apiUrl).toBe('https://yourcompany.bossdesk.io/api/v1');
	});

	it('seeds the demo with fixed ids and numbers after every reset', () => {
		const first = demo;
		sim.reset();
		expect(sim.seedDemo()).toEqual(first);
		expect(Object.values(first.tickets).map((ticket) => ticket.number)).toEqual([
			1042, 1043, 1044, 1045, 1046, 1047, 1048, 1049,
		]);
	});
});
