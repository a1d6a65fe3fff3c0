/**
 * n8n's queue mode, as teams run it when one process is not enough: PostgreSQL, Redis, one main and
 * two workers (real n8n 2.41.1, each process with its own user folder and its own copy of the pack).
 * Shipped flows only: the ticket webhook under bursts of simultaneous calls (one service case per
 * ticket), the service-case activity log (TeamViewer Trigger: created, customer online, closed) across
 * a restart of main, and the ServiceNow invite by email then close and log history.
 */
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { ServiceNowSimulator } from '../simulators/servicenow';
import { startServiceNowSimulator } from '../simulators/servicenow';
import type { SandboxInfo, TeamViewerSimulator } from '../simulators/teamviewer';
import { ensure } from './diagnostics';
import type { ItsmWorld } from './itsm';
import { basicAuth, eventually, startItsmWorld, stopAll, WEBHOOK_USER, serviceNowCredentials } from './itsm';
import { N8n } from './n8n';
import { ROOT } from './runtime';

const WEBHOOK_SECRET = 'e2e-queue-webhook-secret';
const TICKETS = 50;
const CALLS_PER_TICKET = 4;
/** Tickets whose calls are in flight at once (each ticket's 4 calls are always simultaneous). */
const TICKETS_AT_ONCE = 5;

let sim: TeamViewerSimulator;
let sandbox: SandboxInfo;
let sn: ServiceNowSimulator;
let world: ItsmWorld;
let n8n: N8n;
/** Cases that existed before n8n started: the trigger starts from "now" and does not report them. */
let seeded: Set<string>;

beforeAll(async () => {
	sn = await startServiceNowSimulator({ seed: 'demo' });
	world = await startItsmWorld(() => [sn.proxyRoute]);
	sim = world.tv;
	sandbox = world.sandbox;
	seeded = new Set(sim.state.sessions.keys());
	n8n = await N8n.start({
		credentials: [
			...world.credentials,
			{ id: 'tvWebhookSecret1', name: 'Ticket webhook secret', type: 'httpHeaderAuth', data: { name: 'X-Webhook-Secret', value: WEBHOOK_SECRET } },
			...serviceNowCredentials(sn.instance),
		],
		workflows: [
			path.join(ROOT, 'workflows/getting-started/ticket-session-webhook.json'),
			path.join(ROOT, 'workflows/getting-started/service-case-activity.json'),
			path.join(ROOT, 'workflows/servicenow/settings.json'),
			path.join(ROOT, 'workflows/servicenow/invite-by-email.json'),
			path.join(ROOT, 'workflows/servicenow/close-and-log-history.json'),
		],
		activate: ['tvTicketWebhook01', 'tvCaseActivity01', 'snSettings000001', 'snInviteByEmail01', 'snCloseAndLog0001'],
		env: world.env,
		queue: { workers: 2, concurrency: 10 },
	});
}, 300_000);

afterAll(async () => {
	expect(await stopAll(n8n, world, sn)).toEqual([]);
});

describe('ServiceNow on queue mode: invite by email, then close and log history', () => {
	const snCall = async (webhookPath: string, body: unknown) =>
		(await n8n.webhook(`servicenow/teamviewer/${webhookPath}`, { body, headers: { Authorization: basicAuth(WEBHOOK_USER) } })) as {
			status: number;
			body: Record<string, unknown>;
		};

	it('emails the customer link, notes it, then closes and notes the connection with its duration', async () => {
		const [incident] = sn.find('incident', (record) => record.short_description === 'Outlook crashes on start');
		const request = { table: 'incident', sys_id: String(incident.sys_id) };

		const invite = await snCall('invite', { ...request, action: 'remote' });
		ensure(invite.status === 200, `invite answered ${invite.status}: ${JSON.stringify(invite.body)}`, n8n, sim);
		const session = sim.state.sessions.get(String(invite.body.session_code))!;
		const mail = await world.smtp.waitFor((message) => message.to.includes('abel.tuter@example.com'));
		expect(mail.text).toContain(session.end_customer_link);
		const report = sim.connectSession(session.code, { startedAt: new Date(Date.now() - 30 * 60_000).toISOString(), durationSeconds: 754 });

		const close = await snCall('close', request);

		ensure(close.status === 200, `close answered ${close.status}: ${JSON.stringify(close.body)}`, n8n, sim);
		expect(close.body).toMatchObject({ closed: 1, connections: 1 });
		expect(sim.state.sessions.get(session.code)?.state).toBe('Closed');
		const notes = sn.journal.filter((entry) => entry.sys_id === incident.sys_id && entry.element === 'work_notes').map((entry) => entry.value);
		expect(notes[0]).toContain(`TeamViewer remote control session ${session.code}: customer link emailed to abel.tuter@example.com`);
		expect(notes.at(-1)).toContain(`- ${report.start_date} to ${report.end_date} (12 min 34 s)`);
		await eventually('the case marked closed', () => sn.find('u_teamviewer_session', (row) => row.u_session_code === session.code && row.u_state === 'closed' && row.u_noted_reports === report.id)[0]);
	}, 120_000);
});

interface Answer {
	ticket: string;
	status: number;
	body: { session_code?: string; created?: boolean; end_customer_link?: string };
}

describe('one service case per ticket on queue mode', () => {
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

	// The flow saves failed runs only (its settings): none may be saved, and the workers ran every call.
	expect(await n8n.executions('tvTicketWebhook01', { limit: 250, includeData: false })).toEqual([]);
	expect(perWorker.map((ids) => ids.length > 0)).toEqual([true, true]);
	expect(perWorker.flat().length).toBeGreaterThanOrEqual(TICKETS * CALLS_PER_TICKET);

	const posts = sim.requests.filter((call) => call.method === 'POST' && call.path === '/api/v1/sessions').length;
	// A losing case may be closed by more than one caller: count the cases, not the calls.
	const closes = new Set(sim.requests.filter((call) => call.method === 'PUT' && /\/sessions\/s[\d-]+$/.test(call.path)).map((call) => call.path)).size;
	console.log(
		`queue mode: ${TICKETS} tickets × ${CALLS_PER_TICKET} calls → ${TICKETS} open cases; ${posts} creates, ${closes} duplicates closed; ` +
			`executions per worker ${perWorker.map((ids) => ids.length).join(' / ')}`,
	);
	expect(posts - closes).toBe(TICKETS);
}, 600_000);
});

describe('TeamViewer Trigger on queue mode: each event once, across a restart of main', () => {
	interface Entry {
		id: number;
		startedAt: number;
		event: string;
		code: string;
		note: string;
	}

	/** Every activity entry so far, one per trigger execution (read from n8n's saved executions). */
	async function entries(): Promise<Entry[]> {
		const executions = await n8n.executions('tvCaseActivity01', { limit: 250 });
		return executions.flatMap((execution) =>
			(execution.data.resultData.runData['Activity entry']?.[0]?.data?.main[0] ?? []).map(({ json }) => ({
				id: Number(execution.id),
				startedAt: Date.parse(execution.startedAt),
				event: String(json.event),
				code: String(json.session_code),
				note: String(json.note ?? ''),
			})),
		);
	}
	const sessionPolls = () => sim.requests.filter((call) => call.path === '/api/v1/sessions' && call.query.state === 'open').length;

	/** Waits until every trigger has polled again: a minute has passed and open-case lists were made since. */
	async function nextPollRound(): Promise<void> {
		const since = Date.now();
		const before = sessionPolls();
		await eventually('a poll round', () => (Date.now() - since > 62_000 && sessionPolls() >= before + 2 ? true : undefined), 150_000);
	}

	it('created, online, offline, online again, a case created and closed, restart: nothing lost, nothing twice', async () => {
		const code = sandbox.openSessionCodes[0];
		sim.setSessionOnline(code, true);
		await eventually('the online event', async () => ((await entries()).some((entry) => entry.event === 'serviceCaseOnline' && entry.code === code) ? true : undefined), 150_000);
		sim.setSessionOnline(code, false);
		await nextPollRound();

		// Right after a poll, so the next scheduled one is most of a minute away: these changes are
		// seen first by the activation poll of the restarted main.
		sim.setSessionOnline(code, true);
		const brief = await n8n.webhook('teamviewer/ticket-session', { body: { ticket: 'INC-RESTART-1' }, headers: { 'X-Webhook-Secret': WEBHOOK_SECRET } });
		const briefCode = String((brief.body as IDataObject).session_code);
		await fetch(`${sim.apiUrl}/sessions/${briefCode}`, {
			method: 'PUT',
			headers: { Authorization: `Bearer ${sandbox.tokens.admin}`, 'content-type': 'application/json' },
			body: JSON.stringify({ state: 'closed' }),
		});
		const restartedAt = Date.now();
		await n8n.restart();

		const afterRestart = await eventually(
			'the events after the restart',
			async () => {
				const found = (await entries()).filter((entry) => entry.startedAt >= restartedAt);
				return found.length >= 3 ? found : undefined;
			},
			150_000,
		);
		expect(afterRestart.map((entry) => [entry.event, entry.code]).sort()).toEqual(
			[
				['serviceCaseClosed', briefCode],
				['serviceCaseCreated', briefCode],
				['serviceCaseOnline', code],
			].sort(),
		);
		expect(afterRestart.find((entry) => entry.event === 'serviceCaseOnline')?.note).toContain('may repeat an earlier entry');
		await nextPollRound();

		// Exactly once per (event, case) over the whole run, including the 50-ticket burst above.
		const all = await entries();
		const count = (event: string, of: string) => all.filter((entry) => entry.event === event && entry.code === of).length;
		const created = [...sim.state.sessions.values()].filter((session) => !seeded.has(session.code));
		for (const session of created) {
			expect({ code: session.code, created: count('serviceCaseCreated', session.code) }).toEqual({ code: session.code, created: 1 });
			const closed = session.state === 'Closed' ? 1 : 0;
			expect({ code: session.code, closed: count('serviceCaseClosed', session.code) }).toEqual({ code: session.code, closed });
		}
		expect(count('serviceCaseOnline', code)).toBe(2);
		console.log(
			`activity log: ${all.length} entries — created ${all.filter((e) => e.event === 'serviceCaseCreated').length}, ` +
				`closed ${all.filter((e) => e.event === 'serviceCaseClosed').length}, online ${all.filter((e) => e.event === 'serviceCaseOnline').length}; ` +
				`${created.length} cases made in the run`,
		);
	}, 600_000);
});
