/**
 * n8n's queue mode, as teams run it when one process is not enough: PostgreSQL, Redis, one main and
 * two workers (real n8n 2.41.1, each process with its own user folder and its own copy of the pack).
 * The shipped ticket webhook flow under bursts of simultaneous calls: one service case per ticket.
 */
import path from 'node:path';

import type { SandboxInfo, TeamViewerSimulator } from '../simulators/teamviewer';
import { startTeamViewerSimulator } from '../simulators/teamviewer';
import { ensure } from './diagnostics';
import { N8n } from './n8n';
import { ROOT } from './runtime';

const WEBHOOK_SECRET = 'e2e-queue-webhook-secret';
const TICKETS = 50;
const CALLS_PER_TICKET = 4;
/** Tickets whose calls are in flight at once (each ticket's 4 calls are always simultaneous). */
const TICKETS_AT_ONCE = 5;

let sim: TeamViewerSimulator;
let sandbox: SandboxInfo;
let n8n: N8n;

beforeAll(async () => {
	sim = await startTeamViewerSimulator({ seed: 'empty' });
	sandbox = sim.seedSandbox();
	n8n = await N8n.start({
		credentials: [
			{ id: 'tvSandboxToken01', name: 'TeamViewer Sandbox', type: 'teamViewerApi', data: { accessToken: sandbox.tokens.admin, apiBaseUrl: sim.apiUrl } },
			{ id: 'tvWebhookSecret1', name: 'Ticket webhook secret', type: 'httpHeaderAuth', data: { name: 'X-Webhook-Secret', value: WEBHOOK_SECRET } },
		],
		workflows: [path.join(ROOT, 'workflows/getting-started/ticket-session-webhook.json')],
		activate: ['tvTicketWebhook01'],
		queue: { workers: 2, concurrency: 10 },
	});
}, 300_000);

afterAll(async () => {
	const violations = n8n?.networkViolations() ?? [];
	await n8n?.stop();
	await sim?.close();
	expect(violations).toEqual([]);
});

interface Answer {
	ticket: string;
	status: number;
	body: { session_code?: string; created?: boolean; end_customer_link?: string };
}

it('50 tickets × 4 simultaneous calls over 2 workers: one open case per ticket, every caller gets it', async () => {
	const tickets = Array.from({ length: TICKETS }, (_, index) => `INC00${String(20000 + index)}`);
	const answers: Answer[] = [];
	for (let start = 0; start < tickets.length; start += TICKETS_AT_ONCE) {
		const burst = tickets.slice(start, start + TICKETS_AT_ONCE).flatMap((ticket) =>
			Array.from({ length: CALLS_PER_TICKET }, async () => {
				const response = await n8n.webhook('teamviewer/ticket-session', {
					body: { ticket, subject: 'VPN down', requester: { name: 'Erika Muster', email: 'erika@example.com' } },
					headers: { 'X-Webhook-Secret': WEBHOOK_SECRET },
				});
				answers.push({ ticket, status: response.status, body: response.body as Answer['body'] });
			}),
		);
		await Promise.all(burst);
	}

	const failed = answers.filter((answer) => answer.status !== 200);
	ensure(failed.length === 0, `${failed.length} calls failed, e.g. ${JSON.stringify(failed[0])}`, n8n, sim);
	const sessions = [...sim.state.sessions.values()];
	for (const ticket of tickets) {
		const open = sessions.filter((session) => session.customId === ticket && session.state === 'Open');
		expect({ ticket, open: open.length }).toEqual({ ticket, open: 1 });
		const mine = answers.filter((answer) => answer.ticket === ticket);
		expect(mine.map((answer) => answer.body.session_code)).toEqual(Array(CALLS_PER_TICKET).fill(open[0].code));
		expect(mine.map((answer) => answer.body.end_customer_link)).toEqual(Array(CALLS_PER_TICKET).fill(open[0].end_customer_link));
		expect(mine.filter((answer) => answer.body.created === true).length).toBeLessThanOrEqual(1);
	}

	// How we know both workers ran executions: each worker logs "Worker started execution <id>".
	const perWorker = n8n.executionsPerWorker();
	const executions = await n8n.executions('tvTicketWebhook01', { limit: 250, includeData: false });
	expect(executions).toHaveLength(TICKETS * CALLS_PER_TICKET);
	expect(executions.every((execution) => execution.status === 'success')).toBe(true);
	expect(perWorker.map((ids) => ids.length > 0)).toEqual([true, true]);
	expect(perWorker.flat().sort((a, b) => a - b)).toEqual(executions.map((execution) => Number(execution.id)).sort((a, b) => a - b));

	const posts = sim.requests.filter((call) => call.method === 'POST' && call.path === '/api/v1/sessions').length;
	const closes = sim.requests.filter((call) => call.method === 'PUT' && /\/sessions\/s[\d-]+$/.test(call.path)).length;
	console.log(
		`queue mode: ${TICKETS} tickets × ${CALLS_PER_TICKET} calls → ${TICKETS} open cases; ${posts} creates, ${closes} duplicates closed; ` +
			`executions per worker ${perWorker.map((ids) => ids.length).join(' / ')}`,
	);
	expect(posts - closes).toBe(TICKETS);
}, 600_000);
