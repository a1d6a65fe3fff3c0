/**
 * The BOSSDesk flows, as shipped, in a real n8n: the HTTP Request nodes reach the BOSSDesk simulator
 * through the TLS proxy (as if it were https://yourcompany.bossdesk.io), the TeamViewer nodes reach the
 * TeamViewer sandbox, Send Email reaches the SMTP capture, and BOSSDesk's `ticket.closed` automation
 * calls n8n's webhook back. The simulator shows tickets as BOSSDesk's API does (friendly_id, lookups as
 * `{ id, friendly_id, name }` records), its stricter default.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { simpleParser } from 'mailparser';

import type { BossDeskSimulator, DemoInfo } from '../simulators/bossdesk';
import { startBossDeskSimulator } from '../simulators/bossdesk';
import type { CapturedMail } from '../simulators/smtp';
import type { ConnectionReport, Session } from '../simulators/teamviewer';
import { diagnostics } from './diagnostics';
import { basicAuth, eventually, startItsmWorld, stopAll } from './itsm';
import type { ItsmWorld } from './itsm';
import { N8n } from './n8n';
import { ROOT } from './runtime';

const FLOWS = path.join(ROOT, 'workflows/bossdesk');
const WEBHOOK_USER = { user: 'bossdesk', password: 'e2e-Boss-Webhook-Pa55' };
const MINUTE = 60_000;
/** Config → bossDeskTenant and ledgerTicketId of the shipped flows. */
const TENANT = 'yourcompany';
const LEDGER_TICKET = 48208;
const SWEEP = 'bossHistorySweep01';

let boss: BossDeskSimulator;
let demo: DemoInfo;
let world: ItsmWorld;
let n8n: N8n;

interface Answer {
	status: number;
	body: Record<string, unknown>;
}

async function call(webhookPath: string, body: unknown, auth: string | null = basicAuth(WEBHOOK_USER)): Promise<Answer> {
	const response = await n8n.webhook(`bossdesk/teamviewer/${webhookPath}`, { body, headers: auth ? { Authorization: auth } : {} });
	return response as Answer;
}

/** One call, no retry: `n8n.webhook` retries a 404 (webhook not registered yet), but the Play flow answers 404 itself for an unknown ticket. */
async function callOnce(webhookPath: string, body: unknown): Promise<Answer> {
	const response = await fetch(`${n8n.url}/webhook/bossdesk/teamviewer/${webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', Authorization: basicAuth(WEBHOOK_USER) },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Tickets of the demo tenant plus the few this suite adds in beforeAll. */
const tickets: Record<string, { id: number; number: number }> = {};
const ticket = (title: string) => tickets[title];
const customIdOf = (ticketId: number, tenant = TENANT) => `boss:${tenant}:${ticketId}`;
const sessionsOf = (ticketId: number): Session[] => [...world.tv.state.sessions.values()].filter((session) => session.customId === customIdOf(ticketId));
const commentsOf = (ticketId: number) => boss.commentsOf(ticketId);
const bodiesOf = (ticketId: number) => commentsOf(ticketId).map((comment) => comment.body);
const mailsTo = (address: string) => world.smtp.messages.filter((mail) => mail.to.includes(address));
const tvUserId = (name: string) => [...world.tv.state.users.values()].find((user) => user.name === name)!.id;
const bossGroupId = () => ([...world.tv.state.groups.values()].find((candidate) => candidate.name === 'BOSS') ?? world.tv.state.groups.get(world.sandbox.groupsByName.Customers)!).id;
/** Whole seconds, as TeamViewer writes them. */
const isoAgo = (ms: number) => new Date(Math.floor((Date.now() - ms) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/** The flows' duration wording, written out independently: `1 h 2 min 5 s`, `12 min 34 s`. */
function duration(seconds: number): string {
	const hours = Math.floor(seconds / 3600);
	const rest = `${Math.floor((seconds % 3600) / 60)} min ${seconds % 60} s`;
	return hours ? `${hours} h ${rest}` : rest;
}

/** A connection line as the flows write it (with the report ID the history sweep looks for). */
const connectionLine = (report: ConnectionReport, label: string, seconds: number) =>
	`${label}: start ${utc(report.start_date)}, end ${utc(report.end_date)}, duration ${duration(seconds)} (technician ${report.username}, device ${report.devicename}, report ${report.id}).`;

/** A service case as another import of the flows (or an earlier run) left it in TeamViewer. */
function seedCase(code: string, customId: string, { closedAgoMs, createdAgoMs = (closedAgoMs ?? 0) + 30 * MINUTE }: { closedAgoMs?: number; createdAgoMs?: number }): Session {
	world.tv.seed({ sessions: [{ code, groupid: bossGroupId(), createdBy: tvUserId('Ada Agent'), created_at: isoAgo(createdAgoMs), customId, custom_api: customId, description: `seeded ${customId}` }] });
	const session = world.tv.state.sessions.get(code)!;
	if (closedAgoMs !== undefined) {
		session.state = 'Closed';
		session.closed_at = isoAgo(closedAgoMs);
		session.online = false;
	}
	return session;
}

function explain(): string {
	const calls = boss.requests.slice(-20).map((request) => `  ${request.method} ${request.path} → ${request.status}`).join('\n');
	return `${diagnostics(n8n, world?.tv)}--- BOSSDesk requests ---\n${calls}\n--- BOSSDesk automation deliveries ---\n${JSON.stringify(boss.deliveries, null, 2).slice(0, 3000)}`;
}

function ok(answer: Answer, what: string): Answer {
	if (answer.status !== 200) throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}${explain()}`);
	return answer;
}

type Run = Awaited<ReturnType<N8n['executions']>>[number];

/** Finished executions of `workflowId` that were not in `before`, once there are `count` of them. */
async function finishedRuns(workflowId: string, before: Set<string>, count: number): Promise<Run[]> {
	return await eventually(`${count} run(s) of ${workflowId}`, async () => {
		const mine = (await n8n.executions(workflowId)).filter((run) => !before.has(run.id));
		return mine.length >= count && mine.every((run) => !['running', 'new', 'waiting'].includes(run.status)) ? mine : undefined;
	}, 120_000);
}

async function runIds(workflowId: string): Promise<Set<string>> {
	return new Set((await n8n.executions(workflowId, { includeData: false })).map((run) => run.id));
}

/** "Sweep now": the history sweep's webhook, then its execution once finished. */
async function sweep(): Promise<Run> {
	const before = await runIds(SWEEP);
	const answer = await call('history-sweep', {});
	expect(answer.status).toBe(200);
	const [run] = await finishedRuns(SWEEP, before, 1);
	return run;
}

function succeeded(run: Run, what: string): Run {
	if (run.status !== 'success') throw new Error(`${what} ended ${run.status}: ${JSON.stringify(run.data.resultData.error ?? {}).slice(0, 1500)}${explain()}`);
	return run;
}

beforeAll(async () => {
	boss = await startBossDeskSimulator();
	demo = boss.seedDemo();
	boss.seed({
		users: [
			{ name: 'Walk-in visitor', email: '' },
			{ name: 'Front desk', email: 'frontdesk' },
			{ name: 'Pat Example', email: 'pat.example@example.com' },
		],
		tickets: [
			{ title: 'Laptop fan is loud', requester: 'Erika Muster', technician: 'Ada Agent', category: 'PC' },
			{ title: 'Teams has no sound', requester: 'Li Wei', technician: 'Chloe Field', category: 'PC' },
			{ title: 'Scanner not found', requester: 'Maria Rossi', technician: 'Chloe Field', category: 'Printer' },
			{ title: 'Excel macro blocked', requester: 'Ahmed Khan', technician: 'Ben Backoffice', category: 'Support' },
			{ title: 'Kiosk password reset', requester: 'Walk-in visitor', technician: 'Ada Agent', category: 'Support' },
			{ title: 'Wi-Fi in room 4 is slow', requester: 'John Doe', technician: 'Ben Backoffice', category: 'Network' },
			{ title: 'Docking station flickers', requester: 'Erika Muster', technician: 'Ben Backoffice', category: 'PC' },
			{ title: 'Backup job failed', requester: 'Li Wei', technician: 'Ada Agent', category: 'Support' },
			{ title: 'Calendar sync stuck', requester: 'Ahmed Khan', technician: 'Chloe Field', category: 'Support' },
			{ title: 'Mouse double-clicks', requester: 'Maria Rossi', technician: 'Ada Agent', category: 'PC' },
			{ title: 'Badge printer jammed', requester: 'Front desk', technician: 'Ada Agent', category: 'Printer' },
			{ title: 'Headset crackles', requester: 'Pat Example', technician: 'Chloe Field', category: 'PC' },
		],
	});
	for (const stored of boss.state.tickets.values()) tickets[stored.title] = { id: stored.id, number: stored.number };
	world = await startItsmWorld(() => [boss.proxyRoute]);
	n8n = await N8n.start({
		credentials: [
			...world.credentials,
			{ id: 'bossDeskApiKey01', name: 'BOSSDesk API key', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Token token="${demo.apiKey}"` } },
			{ id: 'bossWebhookAuth01', name: 'BOSSDesk to n8n webhook', type: 'httpBasicAuth', data: WEBHOOK_USER },
		],
		workflows: readdirSync(FLOWS).filter((file) => file.endsWith('.json')).map((file) => path.join(FLOWS, file)),
		activate: ['bossSettings0001', 'bossPlaySession01', 'bossStopSession01', 'bossTicketClosed01', 'bossSessionsSummary', SWEEP],
		env: world.env,
	});
	// The BOSSDesk automation rule "when a ticket is closed, call the n8n webhook".
	boss.addAutomation({ event: 'ticket.closed', url: `${n8n.url}/webhook/bossdesk/teamviewer/ticket-closed`, username: WEBHOOK_USER.user, password: WEBHOOK_USER.password });
}, 300_000);

afterAll(async () => {
	expect(await stopAll(n8n, world, boss)).toEqual([]);
});

it('runs against the simulator\'s BOSSDesk shape: friendly_id and lookup records, no plain "number"', () => {
	const rendered = boss.renderedTicket(ticket('Outlook crashes on start').id)!;
	expect(rendered).toMatchObject({ friendly_id: 1042, status: { name: 'In Progress' }, category: { name: 'PC' } });
	expect(rendered).not.toHaveProperty('number');
	expect(boss.ticket(LEDGER_TICKET)?.title).toBe('TeamViewer Sessions Summary log');
});

describe('Play', () => {
	it('keeps one service case per ticket however often Play is pressed, and emails the filled template once', async () => {
		const outlook = ticket('Outlook crashes on start');
		const requestsBefore = boss.requests.length;

		const answers = [await call('play', { ticket_id: outlook.id }), await call('play', { ticket_id: outlook.id }), await call('play', { ticket_id: outlook.id })];

		answers.forEach((answer) => ok(answer, 'play'));
		expect(answers.map((answer) => [answer.body.created, answer.body.invited])).toEqual([[true, true], [false, false], [false, false]]);
		const sessions = sessionsOf(outlook.id);
		expect(sessions).toHaveLength(1);
		const [session] = sessions;
		expect(session.customId).toBe(`boss:${TENANT}:${outlook.id}`);
		expect(new Set(answers.map((answer) => answer.body.session_code))).toEqual(new Set([session.code]));
		expect(answers[0].body).toMatchObject({ ticket_id: outlook.id, ticket_number: 1042, supporter_link: session.supporter_link, valid_until: session.valid_until });
		expect(session).toMatchObject({ state: 'Open', description: 'BOSSDesk #1042: Outlook crashes on start', end_customer: { name: 'Erika Muster', email: 'erika.muster@example.com' } });
		expect(world.tv.state.groups.get(session.groupid)?.name).toBe('BOSS');
		// Beyond the vendor app: the case sits in the ticket technician's own TeamViewer queue.
		expect(session.assigned_userid).toBe(tvUserId('Ada Agent'));

		const mails = mailsTo('erika.muster@example.com');
		expect(mails).toHaveLength(1);
		const [mail] = mails;
		expect(mail.from).toBe('it-support@yourcompany.example');
		expect(mail.subject).toBe('Remote support for ticket #1042: Outlook crashes on start');
		expect(mail.text.trim()).toBe(
			[
				'Hello,',
				'',
				'Ada Agent from IT support would like to connect to your computer to help with ticket #1042 (Outlook crashes on start).',
				'',
				'Open this link to start the TeamViewer session:',
				session.end_customer_link,
				'',
				'The link stays valid for 24 hours or until your technician ends the session.',
				'',
				'Your IT support',
			].join('\n'),
		);
		expect(mail.text).not.toContain('{{');

		const comments = commentsOf(outlook.id);
		expect(comments).toHaveLength(1);
		expect(comments[0]).toMatchObject({ is_private: true, authorId: demo.integrationUser.id });
		expect(comments[0].body).toBe(
			[
				`TeamViewer session ${session.code} started and assigned to Ada Agent in TeamViewer.`,
				`Customer link emailed to erika.muster@example.com: ${session.end_customer_link}`,
				`Valid until ${utc(session.valid_until)}.`,
				`Supporter link: ${session.supporter_link}`,
			].join('\n'),
		);
		const calls = boss.requests.slice(requestsBefore);
		expect(calls.map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET /api/v1/tickets/${outlook.id}`,
			`POST /api/v1/tickets/${outlook.id}/comments`,
			`GET /api/v1/tickets/${outlook.id}`,
			`GET /api/v1/tickets/${outlook.id}/comments`,
			`GET /api/v1/tickets/${outlook.id}`,
			`GET /api/v1/tickets/${outlook.id}/comments`,
		]);
		expect(calls.every((request) => request.host === 'yourcompany.bossdesk.io' && request.headers.authorization === `Token token="${demo.apiKey}"`)).toBe(true);
	});

	it('answers 401 without the webhook credentials, and does nothing', async () => {
		const vpn = ticket('VPN drops every few minutes');
		const sessionsBefore = world.tv.state.sessions.size;
		const bossCallsBefore = boss.requests.length;
		const mailsBefore = world.smtp.messages.length;

		const anonymous = await call('play', { ticket_id: vpn.id }, null);
		const wrong = await call('play', { ticket_id: vpn.id }, basicAuth({ user: WEBHOOK_USER.user, password: 'guess' }));
		const closedHook = await call('ticket-closed', { event: 'ticket.closed', ticket: { id: vpn.id } }, null);
		const sweepHook = await call('history-sweep', {}, null);

		expect([anonymous.status, wrong.status, closedHook.status, sweepHook.status]).toEqual([401, 401, 401, 401]);
		expect(world.tv.state.sessions.size).toBe(sessionsBefore);
		expect(boss.requests.length).toBe(bossCallsBefore);
		expect(world.smtp.messages.length).toBe(mailsBefore);
		expect(commentsOf(vpn.id)).toEqual([]);
	});

	it('explains what it cannot do before creating anything: 400 bad id or another tenant, 404, 409 closed, 422 no requester email, 502 no API access', async () => {
		const closed = ticket('Shared drive mapped twice');
		const kiosk = ticket('Kiosk password reset');
		const sessionsBefore = world.tv.state.sessions.size;
		const mailsBefore = world.smtp.messages.length;

		const bad = await call('play', { ticket_id: '12; DROP' });
		const otherTenant = await call('play', { ticket_id: kiosk.id, tenant: 'othercompany' });
		const unknown = await callOnce('play', { ticket_id: 999999 });
		const refused = await call('play', { ticket_id: closed.id });
		const noEmail = await call('play', { ticket_id: kiosk.id });
		const badEmail = await call('play', { ticket_id: ticket('Badge printer jammed').id });
		boss.config.apiAccess = false;
		const noPlan = await call('play', { ticket_id: ticket('Monitor flickers').id }).finally(() => (boss.config.apiAccess = true));

		expect(bad).toEqual({ status: 400, body: { error: '"ticket_id" must be the numeric id of the BOSSDesk ticket; got "12; DROP".' } });
		expect(otherTenant).toEqual({ status: 400, body: { error: 'These flows serve the BOSSDesk tenant "yourcompany"; got "othercompany". Each tenant needs its own import of the flows (see the README).' } });
		expect(unknown).toEqual({ status: 404, body: { error: 'BOSSDesk has no ticket 999999.' } });
		expect(refused).toEqual({ status: 409, body: { error: 'Ticket #1048 is closed: reopen it before starting a TeamViewer session.' } });
		expect(noEmail).toEqual({ status: 422, body: { error: `Ticket #${kiosk.number} has no requester email address to send the customer link to: add one to the requester, then press Play again.` } });
		expect(badEmail).toEqual({ status: 422, body: { error: `Ticket #${ticket('Badge printer jammed').number}: the requester's email address "frontdesk" cannot receive the customer link: correct it, then press Play again.` } });
		expect(noPlan).toEqual({ status: 502, body: { error: 'BOSSDesk answered 402: your plan does not include API access.' } });
		expect(boss.requests.at(-1)).toMatchObject({ path: `/api/v1/tickets/${ticket('Monitor flickers').id}`, status: 402 });
		expect(world.tv.state.sessions.size).toBe(sessionsBefore);
		expect(world.smtp.messages.length).toBe(mailsBefore);
		expect(commentsOf(closed.id)).toEqual([]);
		expect(commentsOf(kiosk.id)).toEqual([]);
	});

	it('answers 502 when TeamViewer refuses the case, and has emailed and written nothing', async () => {
		const fan = ticket('Laptop fan is loud');
		const mailsBefore = world.smtp.messages.length;
		world.tv.injectFault({ kind: 'status', method: 'POST', path: '^/api/v1/sessions$', status: 400, body: { error: 'invalid_request', error_description: 'Maximum number of concurrent sessions reached (licence limitation).' } });
		try {
			const answer = await call('play', { ticket_id: fan.id });

			expect(answer.status).toBe(502);
			expect(String(answer.body.error)).toMatch(/^TeamViewer could not create or find the service case: /);
			expect(answer.body.done).toEqual({ session: null, emailed: false, commented: false });
		} finally {
			world.tv.clearFaults();
		}
		expect(sessionsOf(fan.id)).toEqual([]);
		expect(world.smtp.messages.length).toBe(mailsBefore);
		expect(commentsOf(fan.id)).toEqual([]);
	});

	it('answers 502 with what was done when the mail relay refuses the email, and a second press does not hide it', async () => {
		const headset = ticket('Headset crackles');
		world.smtp.refuseRecipient('pat.example@example.com');

		const first = await call('play', { ticket_id: headset.id });
		const [session] = sessionsOf(headset.id);
		const second = await call('play', { ticket_id: headset.id });

		expect(first.status).toBe(502);
		expect(String(first.body.error)).toMatch(new RegExp(`^The TeamViewer session ${session.code} is ready, but emailing the customer link to pat\\.example@example\\.com failed: .+\\. Press Play again to resend it\\.$`));
		expect(first.body).toMatchObject({ done: { session: session.code, created: true, emailed: false, commented: false }, supporter_link: session.supporter_link });
		expect(second.status).toBe(502);
		expect(second.body.done).toEqual({ session: session.code, created: false, emailed: false, commented: false });
		expect(sessionsOf(headset.id)).toHaveLength(1);
		expect(mailsTo('pat.example@example.com')).toEqual([]);
		expect(commentsOf(headset.id)).toEqual([]);
	});

	it('answers 502 with what was done when BOSSDesk refuses the comment, and the next press finishes the invitation instead of hiding it', async () => {
		const teams = ticket('Teams has no sound');
		boss.injectFault({ kind: 'status', method: 'POST', path: `/tickets/${teams.id}/comments$`, status: 503, body: { error: 'service_unavailable', message: 'Maintenance' } });
		let first: Answer;
		try {
			first = await call('play', { ticket_id: teams.id });
		} finally {
			boss.clearFaults();
		}
		const [session] = sessionsOf(teams.id);

		expect(first.status).toBe(502);
		expect(String(first.body.error)).toMatch(new RegExp(`^The customer link of TeamViewer session ${session.code} was emailed, but BOSSDesk refused the comment: `));
		expect(first.body.done).toEqual({ session: session.code, created: true, emailed: true, commented: false });
		expect(commentsOf(teams.id)).toEqual([]);

		const second = ok(await call('play', { ticket_id: teams.id }), 'play again');
		const third = ok(await call('play', { ticket_id: teams.id }), 'play a third time');

		expect([second.body.created, second.body.invited, third.body.invited]).toEqual([false, true, false]);
		expect(sessionsOf(teams.id)).toHaveLength(1);
		expect(mailsTo('li.wei@example.com').filter((mail) => mail.text.includes(session.end_customer_link))).toHaveLength(2);
		expect(bodiesOf(teams.id).map((body) => body.split('\n')[0])).toEqual([`TeamViewer session ${session.code} started and assigned to Chloe Field in TeamViewer.`]);
	});

	it('keeps two BOSSDesk tenants apart: the other tenant\'s case for the same ticket id is neither reused nor stopped', async () => {
		const monitor = ticket('Monitor flickers');
		const other = seedCase('s901-000-001', customIdOf(monitor.id, 'othercompany'), { createdAgoMs: 5 * MINUTE });

		const played = ok(await call('play', { ticket_id: monitor.id }), 'play');

		expect(played.body.created).toBe(true);
		expect(played.body.session_code).not.toBe(other.code);
		expect(sessionsOf(monitor.id).map((session) => session.code)).toEqual([played.body.session_code]);

		const stopped = ok(await call('stop', { ticket_id: monitor.id }), 'stop');

		expect(stopped.body).toMatchObject({ closed: 1, sessions: [played.body.session_code] });
		expect(world.tv.state.sessions.get(other.code)?.state).toBe('Open');
		expect(bodiesOf(monitor.id).join('\n')).not.toContain(other.code);
	});

	it('starts a new service case, and mails again, once the old one expired on TeamViewer\'s clock', async () => {
		const laptop = ticket('Set up the laptop of a new starter');
		const first = ok(await call('play', { ticket_id: laptop.id }), 'play');
		world.tv.clock.advance(25 * 60 * MINUTE);
		try {
			const second = ok(await call('play', { ticket_id: laptop.id }), 'play after expiry');
			const third = ok(await call('play', { ticket_id: laptop.id }), 'play again');

			expect([first.body.created, second.body.created, third.body.created]).toEqual([true, true, false]);
			expect(second.body.session_code).not.toBe(first.body.session_code);
			expect(third.body.session_code).toBe(second.body.session_code);
			expect(sessionsOf(laptop.id)).toHaveLength(2);
			const mails = mailsTo('ahmed.khan@example.com');
			expect(mails).toHaveLength(2);
			expect(mails[1].text).toContain(String(second.body.end_customer_link));
			expect(bodiesOf(laptop.id).map((body) => body.split('\n')[0])).toEqual([
				`TeamViewer session ${first.body.session_code} started and assigned to Ben Backoffice in TeamViewer.`,
				`TeamViewer session ${second.body.session_code} started and assigned to Ben Backoffice in TeamViewer.`,
			]);
		} finally {
			world.tv.clock.reset();
		}
	});
});

describe('Stop', () => {
	it('closes the session and comments each connection TeamViewer has reported, with its report ID', async () => {
		const vpn = ticket('VPN drops every few minutes');
		const code = String(ok(await call('play', { ticket_id: vpn.id }), 'play').body.session_code);
		const second = world.tv.connectSession(code, { startedAt: isoAgo(80 * MINUTE), durationSeconds: 3725, deviceName: 'LAPTOP-JOHN-01' });
		const first = world.tv.connectSession(code, { startedAt: isoAgo(100 * MINUTE), durationSeconds: 754, deviceName: 'LAPTOP-JOHN-01' });

		const answer = ok(await call('stop', { ticket_id: vpn.id }), 'stop');

		expect(answer.body).toEqual({ ticket_id: vpn.id, closed: 1, sessions: [code], connections: 2, history: 'connections TeamViewer reports later are added to the ticket' });
		expect(world.tv.state.sessions.get(code)?.state).toBe('Closed');
		expect(first.username).toBe('Ben Backoffice');
		const comments = commentsOf(vpn.id);
		expect(comments).toHaveLength(2);
		expect(comments[1].body).toBe(
			[
				`TeamViewer session ${code} stopped (closed in TeamViewer).`,
				connectionLine(first, 'Connection 1', 754),
				connectionLine(second, 'Connection 2', 3725),
				'Total connected time so far: 1 h 14 min 39 s, from TeamViewer\'s connection report. A connection TeamViewer reports later is added here.',
			].join('\n'),
		);

		const again = ok(await call('stop', { ticket_id: vpn.id }), 'stop again');
		expect(again.body).toEqual({ ticket_id: vpn.id, closed: 0, message: 'This ticket has no open TeamViewer session.' });
		// The history sweep finds both reports named on the ticket already: nothing to add.
		succeeded(await sweep(), 'sweep');
		expect(commentsOf(vpn.id)).toHaveLength(2);
	});

	it('never writes "no connection" when TeamViewer has no report yet: it says the history follows', async () => {
		const outlook = ticket('Outlook crashes on start');
		const [session] = sessionsOf(outlook.id);

		const answer = ok(await call('stop', { ticket_id: outlook.id }), 'stop');

		expect(answer.body).toMatchObject({ closed: 1, connections: 0 });
		expect(bodiesOf(outlook.id).at(-1)).toBe(
			`TeamViewer session ${session.code} stopped (closed in TeamViewer).\nNo connection report yet. TeamViewer logs a connection once it has ended, sometimes minutes later: each one is added here as it arrives (checked for 60 minutes).`,
		);
		succeeded(await sweep(), 'sweep right after closing');
		expect(bodiesOf(outlook.id).filter((body) => /no connection took place|Nobody connected/i.test(body))).toEqual([]);
	});

	it('adds a connection TeamViewer reports 75 s after closing exactly once, through the history sweep', async () => {
		const scanner = ticket('Scanner not found');
		const code = String(ok(await call('play', { ticket_id: scanner.id }), 'play').body.session_code);
		world.tv.config.reportLagMs = 75_000;
		try {
			const report = world.tv.connectSession(code, { startedAt: new Date(Date.now() - 12_000).toISOString(), durationSeconds: 12, deviceName: 'PC-SCAN-02' });

			const answer = ok(await call('stop', { ticket_id: scanner.id }), 'stop');

			expect(answer.body).toMatchObject({ closed: 1, connections: 0 });
			expect(bodiesOf(scanner.id).at(-1)).toMatch(/\nNo connection report yet\. .* \(checked for 60 minutes\)\.$/);
			succeeded(await sweep(), 'early sweep');
			expect(bodiesOf(scanner.id)).toHaveLength(2);

			world.tv.clock.advance(76_000);
			succeeded(await sweep(), 'sweep once the report exists');

			expect(bodiesOf(scanner.id).at(-1)).toBe(`TeamViewer session ${code}: connection reported after closing:\n${connectionLine(report, 'Connection', 12)}`);
			succeeded(await sweep(), 'sweep again');
			expect(bodiesOf(scanner.id).filter((body) => body.includes(`report ${report.id}`))).toHaveLength(1);
			expect(bodiesOf(scanner.id)).toHaveLength(3);
		} finally {
			world.tv.config.reportLagMs = 0;
			world.tv.clock.reset();
		}
	});

	it('says so, and answers 502, when TeamViewer does not close the case; Stop again closes it', async () => {
		const macro = ticket('Excel macro blocked');
		const played = ok(await call('play', { ticket_id: macro.id }), 'play');
		const code = String(played.body.session_code);
		world.tv.injectFault({ kind: 'status', method: 'PUT', path: `^/api/v1/sessions/${code}$`, status: 500, body: { error: 'internal_error', error_description: 'Temporary failure' } });
		let failed: Answer;
		try {
			failed = await call('stop', { ticket_id: macro.id });
		} finally {
			world.tv.clearFaults();
		}

		expect(failed.status).toBe(502);
		expect(failed.body).toMatchObject({ ticket_id: macro.id, closed: [], failed: [{ code }], commented: true });
		expect(String(failed.body.error)).toMatch(new RegExp(`^TeamViewer could not close ${code} \\(`));
		expect(world.tv.state.sessions.get(code)?.state).toBe('Open');
		const note = bodiesOf(macro.id).at(-1)!;
		expect(note).toMatch(new RegExp(`^TeamViewer session ${code} could NOT be closed in TeamViewer \\(.+\\)\\. It stays open until it is closed or expires \\(valid until .+\\); press Stop again to retry\\.$`));
		expect(note).not.toContain('stopped');

		const retried = ok(await call('stop', { ticket_id: macro.id }), 'stop again');

		expect(retried.body).toMatchObject({ closed: 1, sessions: [code] });
		expect(world.tv.state.sessions.get(code)?.state).toBe('Closed');
		expect(bodiesOf(macro.id).at(-1)).toMatch(new RegExp(`^TeamViewer session ${code} stopped \\(closed in TeamViewer\\)\\.\\n`));
	});

	it('answers 502 with what was done when BOSSDesk refuses the comment, and the history sweep adds the connection later, once', async () => {
		const wifi = ticket('Wi-Fi in room 4 is slow');
		const code = String(ok(await call('play', { ticket_id: wifi.id }), 'play').body.session_code);
		const report = world.tv.connectSession(code, { startedAt: isoAgo(30 * MINUTE), durationSeconds: 300, deviceName: 'LAPTOP-JOHN-02' });
		boss.injectFault({ kind: 'status', method: 'POST', path: `/tickets/${wifi.id}/comments$`, status: 503, body: { error: 'service_unavailable', message: 'Maintenance' } });
		let failed: Answer;
		try {
			failed = await call('stop', { ticket_id: wifi.id });
		} finally {
			boss.clearFaults();
		}

		expect(failed.status).toBe(502);
		expect(failed.body).toMatchObject({ ticket_id: wifi.id, closed: [code], failed: [], commented: false });
		expect(String(failed.body.error)).toMatch(/^BOSSDesk refused the comment: .*The connection history follows through the history sweep\.$/);
		expect(world.tv.state.sessions.get(code)?.state).toBe('Closed');
		expect(bodiesOf(wifi.id)).toHaveLength(1);

		succeeded(await sweep(), 'sweep');
		succeeded(await sweep(), 'sweep again');

		expect(bodiesOf(wifi.id).slice(1)).toEqual([`TeamViewer session ${code}: connection reported after closing:\n${connectionLine(report, 'Connection', 300)}`]);
	});

	it('answers 502 and closes nothing when TeamViewer cannot list the cases', async () => {
		const dock = ticket('Docking station flickers');
		const code = String(ok(await call('play', { ticket_id: dock.id }), 'play').body.session_code);
		world.tv.injectFault({ kind: 'status', method: 'GET', path: '^/api/v1/sessions$', status: 500, body: { error: 'internal_error' }, times: 5 });
		let failed: Answer;
		try {
			failed = await call('stop', { ticket_id: dock.id });
		} finally {
			world.tv.clearFaults();
		}

		expect(failed.status).toBe(502);
		expect(String(failed.body.error)).toMatch(/^TeamViewer could not list the open service cases: .*Nothing was closed or written\.$/);
		expect(world.tv.state.sessions.get(code)?.state).toBe('Open');
		expect(bodiesOf(dock.id)).toHaveLength(1);
	});
});

describe('closing a ticket with a session still open', () => {
	it('closes the session in TeamViewer and comments that the ticket\'s close did it', async () => {
		const printer = ticket('Printer on the 3rd floor is offline');
		const code = String(ok(await call('play', { ticket_id: printer.id }), 'play').body.session_code);
		const report = world.tv.connectSession(code, { startedAt: isoAgo(20 * MINUTE), durationSeconds: 610, deviceName: 'PC-FLOOR3' });

		const deliveries = await boss.closeTicket(printer.id);

		if (deliveries[0]?.status !== 200) throw new Error(`the automation call failed${explain()}`);
		expect(deliveries).toHaveLength(1);
		expect(deliveries[0].payload).toMatchObject({ ticket: { friendly_id: 1044, status: { name: 'Closed' } } });
		expect(deliveries[0].response).toEqual({ ticket_id: printer.id, closed: 1, sessions: [code], connections: 1, history: 'connections TeamViewer reports later are added to the ticket' });
		expect(world.tv.state.sessions.get(code)).toMatchObject({ state: 'Closed', closed_at: expect.any(String) });
		expect(boss.ticket(printer.id)?.status).toBe('Closed');
		expect(report.username).toBe('Chloe Field');
		expect(bodiesOf(printer.id).at(-1)).toBe(
			[
				`TeamViewer session ${code} was closed automatically because ticket #1044 was closed while the session was still open.`,
				connectionLine(report, 'Connection 1', 610),
				'Total connected time so far: 10 min 10 s, from TeamViewer\'s connection report. A connection TeamViewer reports later is added here.',
			].join('\n'),
		);
	});

	it('leaves a ticket without an open session alone', async () => {
		const visio = ticket('Install Visio for the design team');
		const closedBefore = [...world.tv.state.sessions.values()].filter((session) => session.state === 'Closed').length;

		const deliveries = await boss.closeTicket(visio.id);

		expect(deliveries.map((delivery) => [delivery.status, delivery.response])).toEqual([[200, { ticket_id: visio.id, closed: 0, message: 'The ticket had no open TeamViewer session.' }]]);
		expect([...world.tv.state.sessions.values()].filter((session) => session.state === 'Closed').length).toBe(closedBefore);
		expect(commentsOf(visio.id)).toEqual([]);
	});

	it('refuses another event with the reason', async () => {
		const answer = await call('ticket-closed', { event: 'ticket.created', ticket: { id: ticket('Monitor flickers').id } });

		expect(answer).toEqual({ status: 400, body: { error: 'This webhook handles the "ticket.closed" event only; got "ticket.created".' } });
	});
});

describe('history sweep', () => {
	it('writes "no connection took place" only for a case closed longer ago than historyWindowMinutes, and only once', async () => {
		const backup = ticket('Backup job failed');
		seedCase('s902-000-001', customIdOf(backup.id), { closedAgoMs: 2 * 60 * MINUTE });
		seedCase('s902-000-002', customIdOf(backup.id), { closedAgoMs: 1 * MINUTE });
		// Another tenant's case for the same ticket id is not this import's business.
		seedCase('s902-000-003', customIdOf(backup.id, 'othercompany'), { closedAgoMs: 2 * 60 * MINUTE });

		succeeded(await sweep(), 'sweep');
		succeeded(await sweep(), 'sweep again');

		const closedAt = world.tv.state.sessions.get('s902-000-001')!.closed_at!;
		expect(bodiesOf(backup.id)).toEqual([`TeamViewer session s902-000-001: no connection took place (TeamViewer reported none within 60 minutes of closing it at ${utc(closedAt)}).`]);
	});

	it('lets only one of two overlapping sweeps write: every note once', async () => {
		const targets = [ticket('Calendar sync stuck'), ticket('Mouse double-clicks'), ticket('Laptop fan is loud')];
		targets.forEach((target, index) => seedCase(`s903-000-00${index + 1}`, customIdOf(target.id), { closedAgoMs: 3 * 60 * MINUTE }));
		boss.injectFault({ kind: 'latency', method: 'GET', path: '/comments$', delayMs: 400, times: 40 });
		const before = await runIds(SWEEP);
		try {
			const answers = await Promise.all([call('history-sweep', {}), call('history-sweep', {})]);
			expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
			const runs = await finishedRuns(SWEEP, before, 2);
			runs.forEach((run) => succeeded(run, 'an overlapping sweep'));
		} finally {
			boss.clearFaults();
		}

		for (const [index, target] of targets.entries()) {
			expect(bodiesOf(target.id).filter((body) => body.startsWith(`TeamViewer session s903-000-00${index + 1}: no connection took place`))).toHaveLength(1);
		}
		const claims = bodiesOf(LEDGER_TICKET).filter((body) => body.startsWith(`n8n lease «history sweep ${TENANT}»: claimed`));
		expect(claims.length).toBeGreaterThanOrEqual(1);
	});
});

describe('TeamViewer Sessions Summary', () => {
	interface Row {
		dimension: string;
		group: string;
		sessions: number;
		total_seconds: number;
		average_seconds: number;
		total_duration: string;
		average_duration: string;
	}

	/** Past connections of BOSSDesk tickets, seeded on closed service cases (some outside the period). */
	function seedHistory(): void {
				const ada = tvUserId('Ada Agent');
		const cases: Array<{ code: string; ticketId: number; customApi: boolean; connections: Array<[user: string, agoMinutes: number, seconds: number]> }> = [
			{ code: 's900-000-001', ticketId: ticket('Install Visio for the design team').id, customApi: true, connections: [['Ada Agent', 2 * 1440, 2700], ['Chloe Field', 1440, 300]] },
			// Only the service case carries the ticket (no custom_api on the report): matched by session code.
			{ code: 's900-000-002', ticketId: ticket('Set up the laptop of a new starter').id, customApi: false, connections: [['Ben Backoffice', 3 * 1440, 1230]] },
			{ code: 's900-000-003', ticketId: ticket('Monitor flickers').id, customApi: true, connections: [['Ada Agent', 4 * 1440, 480]] },
			// A ticket BOSSDesk no longer has: counted as Unknown.
			{ code: 's900-000-004', ticketId: 999_999, customApi: true, connections: [['Chloe Field', 5 * 1440, 180]] },
			// Before the period: left out.
			{ code: 's900-000-005', ticketId: ticket('Install Visio for the design team').id, customApi: true, connections: [['Ada Agent', 10 * 1440, 999]] },
		];
		for (const serviceCase of cases) {
			const customId = customIdOf(serviceCase.ticketId);
			const createdAt = isoAgo((serviceCase.connections[0][1] + 30) * MINUTE);
			world.tv.seed({
				sessions: [{ code: serviceCase.code, groupid: bossGroupId(), createdBy: ada, created_at: createdAt, customId, custom_api: serviceCase.customApi ? customId : null, description: `BOSSDesk ticket ${serviceCase.ticketId}` }],
			});
			for (const [user, agoMinutes, seconds] of serviceCase.connections) {
				world.tv.connectSession(serviceCase.code, { userId: tvUserId(user), startedAt: isoAgo(agoMinutes * MINUTE), durationSeconds: seconds });
			}
			const session = world.tv.state.sessions.get(serviceCase.code)!;
			session.state = 'Closed';
			session.closed_at = isoAgo(serviceCase.connections[0][1] * MINUTE - 3_600_000);
			session.online = false;
		}
	}

	/** What the summary must say, worked out here from the TeamViewer sandbox and the BOSSDesk tickets. */
	function expectedRows(from: string, to: string): { rows: Row[]; tickets: number; considered: number } {
		const prefix = `boss:${TENANT}:`;
		const ticketOf = (value: string | null | undefined) => (value && value.startsWith(prefix) && /^\d+$/.test(value.slice(prefix.length)) ? Number(value.slice(prefix.length)) : null);
		const inPeriod = [...world.tv.state.reports.values()].filter(
			(report: ConnectionReport) => report.session_code !== null && Date.parse(report.start_date) >= Date.parse(from) && Date.parse(report.end_date) < Date.parse(to),
		);
		const connections = inPeriod
			.map((report) => {
				const session = world.tv.state.sessions.get(report.session_code!);
				const ticketId = ticketOf(report.custom_api) ?? ticketOf(session?.customId) ?? ticketOf(session?.custom_api);
				const stored = ticketId === null ? undefined : boss.renderedTicket(ticketId);
				const field = (name: string) => String((stored?.[name] as { name?: string } | undefined)?.name ?? 'Unknown');
				const seconds = (Date.parse(report.end_date) - Date.parse(report.start_date)) / 1000;
				return { ticketId, seconds, technician: report.username, category: field('category'), type: field('type'), priority: field('priority'), source: field('source') };
			})
			.filter((connection) => connection.ticketId !== null);
		type Connection = (typeof connections)[number];
		const row = (dimension: string, group: string, list: Connection[]): Row => {
			const total = list.reduce((sum, connection) => sum + connection.seconds, 0);
			const average = Math.round(total / list.length);
			return { dimension, group, sessions: list.length, total_seconds: total, average_seconds: average, total_duration: duration(total), average_duration: duration(average) };
		};
		const rows = [row('all', 'All sessions', connections)];
		for (const dimension of ['technician', 'category', 'type', 'priority', 'source'] as const) {
			const groups = [...new Set(connections.map((connection) => connection[dimension]))].sort((a, b) => a.localeCompare(b));
			for (const group of groups) rows.push(row(dimension, group, connections.filter((connection) => connection[dimension] === group)));
		}
		return { rows, tickets: new Set(connections.map((connection) => connection.ticketId)).size, considered: inPeriod.length };
	}

	function parseCsv(text: string): string[][] {
		const rows: string[][] = [];
		for (const line of text.trim().split(/\r?\n/)) {
			const cells: string[] = [];
			let cell = '';
			let quoted = false;
			for (let i = 0; i < line.length; i++) {
				const char = line[i];
				if (quoted && char === '"' && line[i + 1] === '"') (cell += '"'), i++;
				else if (char === '"') quoted = !quoted;
				else if (char === ',' && !quoted) cells.push(cell), (cell = '');
				else cell += char;
			}
			cells.push(cell);
			rows.push(cells);
		}
		return rows;
	}

	it('emails totals, total and average duration, and the groups, in the body and as CSV, matching TeamViewer\'s reports', async () => {
		seedHistory();
		const from = new Date(Date.now() - 7 * 1440 * MINUTE).toISOString();
		const to = new Date(Date.now() + MINUTE).toISOString();
		const ticketReadsBefore = boss.requests.length;

		const answer = await call('sessions-summary', { from, to });

		if (answer.status !== 202) throw new Error(`summary answered ${answer.status}: ${JSON.stringify(answer.body)}${explain()}`);
		expect(answer.body).toMatchObject({ from, to, recipients: 'it-managers@yourcompany.example' });
		let mail: CapturedMail;
		try {
			mail = await world.smtp.waitFor((candidate) => candidate.subject.startsWith('TeamViewer Sessions Summary'), 120_000);
		} catch (error) {
			throw new Error(`${(error as Error).message}${explain()}`);
		}
		const expected = expectedRows(from, to);
		const all = expected.rows[0];
		// The sandbox's own service-case history (not from BOSSDesk) is in the period too, and must be left out.
		expect(expected.considered).toBeGreaterThan(all.sessions);
		// At least the five seeded connections in the period (more from the Stop and ticket-closed tests).
		expect(all.sessions).toBeGreaterThanOrEqual(5);
		expect(mail.to).toEqual(['it-managers@yourcompany.example']);
		expect(mail.subject).toBe(`TeamViewer Sessions Summary ${from.slice(0, 10)} to ${to.slice(0, 10)}: ${all.sessions} sessions`);

		const parsed = await simpleParser(mail.raw);
		expect(parsed.attachments.map((attachment) => attachment.filename)).toEqual(['teamviewer-sessions-summary.csv']);
		const [header, ...cells] = parseCsv(parsed.attachments[0].content.toString('utf8'));
		expect(header).toEqual(['dimension', 'group', 'sessions', 'total_seconds', 'average_seconds', 'total_duration', 'average_duration']);
		expect(cells).toEqual(expected.rows.map((row) => header.map((column) => String(row[column as keyof Row]))));
		expect(expected.rows.filter((row) => row.dimension === 'technician').map((row) => row.group)).toEqual(['Ada Agent', 'Ben Backoffice', 'Chloe Field']);
		expect(expected.rows.find((row) => row.dimension === 'category' && row.group === 'Unknown')?.sessions).toBe(1);

		const text = mail.text;
		expect(text).toContain(`Period: ${utc(from)} to ${utc(to)}`);
		expect(text).toContain(`Sessions: ${all.sessions} on ${expected.tickets} tickets`);
		expect(text).toContain(`Total duration: ${all.total_duration}`);
		expect(text).toContain(`Average duration: ${all.average_duration}`);
		for (const [title, dimension] of [['By technician', 'technician'], ['By ticket category', 'category'], ['By ticket type', 'type'], ['By ticket priority', 'priority'], ['By ticket source', 'source']]) {
			const lines = expected.rows.filter((row) => row.dimension === dimension).map((row) => `- ${row.group}: ${row.sessions} ${row.sessions === 1 ? 'session' : 'sessions'}, total ${row.total_duration}, average ${row.average_duration}`);
			expect(text).toContain([title, ...lines].join('\n'));
		}

		const reads = boss.requests.slice(ticketReadsBefore).filter((request) => !request.path.startsWith(`/api/v1/tickets/${LEDGER_TICKET}/`)).map((request) => `${request.method} ${request.path}`).sort();
		expect(reads).toEqual([...new Set(reads)]);
		expect(reads).toHaveLength(expected.tickets);
	});

	it('runs without the webhook too (schedule, or by hand): the seven full days before today, to the configured recipients — and only once', async () => {
		const before = world.smtp.messages.length;

		const run = await n8n.execute('bossSessionsSummary');

		if (run.status !== 'success') throw new Error(`the run by hand ended ${run.status}${explain()}`);
		expect(Object.keys(run.data.resultData.runData)).not.toContain('Run now (webhook)');
		expect(run.output('Answer: the report is on its way')).toEqual([]);
		const period = run.output('Work out the period')[0];
		expect(period).toMatchObject({ ok: true, viaWebhook: false, technician: '', recipients: 'it-managers@yourcompany.example' });
		expect(String(period.to)).toBe(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
		expect(Date.parse(String(period.to)) - Date.parse(String(period.from))).toBe(7 * 1440 * MINUTE);
		const mail = await world.smtp.waitFor((candidate) => candidate.subject.startsWith('TeamViewer Sessions Summary') && world.smtp.messages.indexOf(candidate) >= before, 60_000);
		const expected = expectedRows(String(period.from), String(period.to));
		expect(mail.text).toContain(`Sessions: ${expected.rows[0].sessions} on ${expected.tickets} tickets`);
		expect(mail.text).toContain(`Total duration: ${expected.rows[0].total_duration}`);
		expect(bodiesOf(LEDGER_TICKET).filter((body) => body.startsWith(`n8n lease «${String(period.lease)}»: sent by run `))).toHaveLength(1);

		// "Run now" for the same period (the webhook without dates) after the scheduled run: not sent again.
		const runNow = await call('sessions-summary', {});

		expect(runNow.status).toBe(409);
		expect(String(runNow.body.error)).toMatch(/^Already done: n8n lease «summary yourcompany .*»: sent by run /);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(world.smtp.messages.slice(before).filter((candidate) => candidate.subject.startsWith('TeamViewer Sessions Summary'))).toHaveLength(1);
	});

	it('sends a period once when two runs start together, and not again when it is run once more', async () => {
		const recipients = 'service-owner@yourcompany.example';
		const body = { recipients };

		const answers = await Promise.all([call('sessions-summary', body), call('sessions-summary', body)]);

		expect(answers.map((answer) => answer.status).sort()).toEqual([202, 409]);
		const refused = answers.find((answer) => answer.status === 409)!;
		expect(String(refused.body.error)).toMatch(/^(Another run \(\S+\) holds the lease until \S+\.|Already done: .*)$/);
		await world.smtp.waitFor((candidate) => candidate.to.includes(recipients), 120_000);

		const rerun = await call('sessions-summary', body);

		expect(rerun.status).toBe(409);
		expect(String(rerun.body.error)).toMatch(/^Already done: n8n lease «summary yourcompany .* for service-owner@yourcompany\.example»: sent by run /);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(mailsTo(recipients)).toHaveLength(1);
		const sent = bodiesOf(LEDGER_TICKET).filter((entry) => entry.includes('for service-owner@yourcompany.example»: sent by run'));
		expect(sent).toHaveLength(1);
	});

	it('answers 502 and sends nothing when BOSSDesk refuses the lease comment on the ledger ticket', async () => {
		const recipients = 'audit@yourcompany.example';
		boss.injectFault({ kind: 'status', method: 'POST', path: `/tickets/${LEDGER_TICKET}/comments$`, status: 403, body: { error: 'forbidden', message: 'You may not comment on this ticket.' } });
		let answer: Answer;
		try {
			answer = await call('sessions-summary', { recipients });
		} finally {
			boss.clearFaults();
		}

		expect(answer.status).toBe(502);
		expect(answer.body).toEqual({ sent: false, error: `BOSSDesk answered 403 to the lease comment on ledger ticket ${LEDGER_TICKET}: check Config ledgerTicketId and that the API key's user may comment on it.` });
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(mailsTo(recipients)).toEqual([]);
	});

	it('answers 400 with the reason for a period it cannot read', async () => {
		const answer = await call('sessions-summary', { from: 'last week' });

		expect(answer).toEqual({ status: 400, body: { error: '"from" must be a date (2025-03-01) or an ISO 8601 date-time; got "last week".' } });
	});
});
