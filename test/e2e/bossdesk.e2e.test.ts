/**
 * The BOSSDesk flows, as shipped, in a real n8n: the HTTP Request nodes reach the BOSSDesk simulator
 * through the TLS proxy (as if it were https://yourcompany.bossdesk.io), the TeamViewer nodes reach the
 * TeamViewer sandbox, Send Email reaches the SMTP capture, and BOSSDesk's `ticket.closed` automation
 * calls n8n's webhook back.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { simpleParser } from 'mailparser';

import type { BossDeskSimulator, DemoInfo } from '../simulators/bossdesk';
import { startBossDeskSimulator } from '../simulators/bossdesk';
import type { CapturedMail } from '../simulators/smtp';
import type { ConnectionReport, Session } from '../simulators/teamviewer';
import { diagnostics } from './diagnostics';
import { basicAuth, startItsmWorld, stopAll } from './itsm';
import type { ItsmWorld } from './itsm';
import { N8n } from './n8n';
import { ROOT } from './runtime';

const FLOWS = path.join(ROOT, 'workflows/bossdesk');
const WEBHOOK_USER = { user: 'bossdesk', password: 'e2e-Boss-Webhook-Pa55' };
const MINUTE = 60_000;

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

const ticket = (title: string) => demo.tickets[title];
const customIdOf = (ticketId: number) => `boss:${ticketId}`;
const sessionsOf = (ticketId: number): Session[] => [...world.tv.state.sessions.values()].filter((session) => session.customId === customIdOf(ticketId));
const commentsOf = (ticketId: number) => boss.commentsOf(ticketId);
const mailsTo = (address: string) => world.smtp.messages.filter((mail) => mail.to.includes(address));
const tvUserId = (name: string) => [...world.tv.state.users.values()].find((user) => user.name === name)!.id;
/** Whole seconds, as TeamViewer writes them. */
const isoAgo = (ms: number) => new Date(Math.floor((Date.now() - ms) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/** The flows' duration wording, written out independently: `1 h 2 min 5 s`, `12 min 34 s`. */
function duration(seconds: number): string {
	const hours = Math.floor(seconds / 3600);
	const rest = `${Math.floor((seconds % 3600) / 60)} min ${seconds % 60} s`;
	return hours ? `${hours} h ${rest}` : rest;
}

function explain(): string {
	const calls = boss.requests.slice(-20).map((request) => `  ${request.method} ${request.path} → ${request.status}`).join('\n');
	return `${diagnostics(n8n, world?.tv)}--- BOSSDesk requests ---\n${calls}\n--- BOSSDesk automation deliveries ---\n${JSON.stringify(boss.deliveries, null, 2).slice(0, 3000)}`;
}

function ok(answer: Answer, what: string): Answer {
	if (answer.status !== 200) throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}${explain()}`);
	return answer;
}

beforeAll(async () => {
	boss = await startBossDeskSimulator();
	demo = boss.seedDemo();
	world = await startItsmWorld(() => [boss.proxyRoute]);
	n8n = await N8n.start({
		credentials: [
			...world.credentials,
			{ id: 'bossDeskApiKey01', name: 'BOSSDesk API key', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Token token="${demo.apiKey}"` } },
			{ id: 'bossWebhookAuth01', name: 'BOSSDesk to n8n webhook', type: 'httpBasicAuth', data: WEBHOOK_USER },
		],
		workflows: readdirSync(FLOWS).filter((file) => file.endsWith('.json')).map((file) => path.join(FLOWS, file)),
		activate: ['bossPlaySession01', 'bossStopSession01', 'bossTicketClosed01', 'bossSessionsSummary'],
		env: world.env,
	});
	// The BOSSDesk automation rule "when a ticket is closed, call the n8n webhook".
	boss.addAutomation({ event: 'ticket.closed', url: `${n8n.url}/webhook/bossdesk/teamviewer/ticket-closed`, username: WEBHOOK_USER.user, password: WEBHOOK_USER.password });
}, 300_000);

afterAll(async () => {
	expect(await stopAll(n8n, world, boss)).toEqual([]);
});

describe('Play', () => {
	it('keeps one service case per ticket however often Play is pressed, and emails the filled template once', async () => {
		const outlook = ticket('Outlook crashes on start');
		const requestsBefore = boss.requests.length;

		const answers = [await call('play', { ticket_id: outlook.id }), await call('play', { ticket_id: outlook.id }), await call('play', { ticket_id: outlook.id })];

		answers.forEach((answer) => ok(answer, 'play'));
		expect(answers.map((answer) => answer.body.created)).toEqual([true, false, false]);
		const sessions = sessionsOf(outlook.id);
		expect(sessions).toHaveLength(1);
		const [session] = sessions;
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
			`GET /api/v1/tickets/${outlook.id}`,
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

		expect([anonymous.status, wrong.status, closedHook.status]).toEqual([401, 401, 401]);
		expect(world.tv.state.sessions.size).toBe(sessionsBefore);
		expect(boss.requests.length).toBe(bossCallsBefore);
		expect(world.smtp.messages.length).toBe(mailsBefore);
		expect(commentsOf(vpn.id)).toEqual([]);
	});

	it('explains what it cannot do: a bad id (400), an unknown ticket (404), a closed ticket (409), a plan without API access (502)', async () => {
		const closed = ticket('Shared drive mapped twice');
		const sessionsBefore = world.tv.state.sessions.size;

		const bad = await call('play', { ticket_id: '12; DROP' });
		const unknown = await callOnce('play', { ticket_id: 999999 });
		const refused = await call('play', { ticket_id: closed.id });
		boss.config.apiAccess = false;
		const noPlan = await call('play', { ticket_id: ticket('Monitor flickers').id }).finally(() => (boss.config.apiAccess = true));

		expect(bad).toEqual({ status: 400, body: { error: '"ticket_id" must be the numeric id of the BOSSDesk ticket; got "12; DROP".' } });
		expect(unknown).toEqual({ status: 404, body: { error: 'BOSSDesk has no ticket 999999.' } });
		expect(refused).toEqual({ status: 409, body: { error: 'Ticket #1048 is closed: reopen it before starting a TeamViewer session.' } });
		expect(noPlan).toEqual({ status: 502, body: { error: 'BOSSDesk answered 402: your plan does not include API access.' } });
		expect(boss.requests.at(-1)).toMatchObject({ path: `/api/v1/tickets/${ticket('Monitor flickers').id}`, status: 402 });
		expect(world.tv.state.sessions.size).toBe(sessionsBefore);
		expect(commentsOf(closed.id)).toEqual([]);
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
			expect(commentsOf(laptop.id).map((comment) => comment.body.split('\n')[0])).toEqual([
				`TeamViewer session ${first.body.session_code} started and assigned to Ben Backoffice in TeamViewer.`,
				`TeamViewer session ${second.body.session_code} started and assigned to Ben Backoffice in TeamViewer.`,
			]);
		} finally {
			world.tv.clock.reset();
		}
	});
});

describe('Stop', () => {
	it('closes the session and comments each connection\'s start, end and duration from TeamViewer\'s report', async () => {
		const vpn = ticket('VPN drops every few minutes');
		const code = String(ok(await call('play', { ticket_id: vpn.id }), 'play').body.session_code);
		const second = world.tv.connectSession(code, { startedAt: isoAgo(80 * MINUTE), durationSeconds: 3725, deviceName: 'LAPTOP-JOHN-01' });
		const first = world.tv.connectSession(code, { startedAt: isoAgo(100 * MINUTE), durationSeconds: 754, deviceName: 'LAPTOP-JOHN-01' });

		const answer = ok(await call('stop', { ticket_id: vpn.id }), 'stop');

		expect(answer.body).toEqual({ ticket_id: vpn.id, closed: 1, sessions: [code], connections: 2 });
		expect(world.tv.state.sessions.get(code)?.state).toBe('Closed');
		expect(first.username).toBe('Ben Backoffice');
		const comments = commentsOf(vpn.id);
		expect(comments).toHaveLength(2);
		expect(comments[1].body).toBe(
			[
				`TeamViewer session ${code} stopped.`,
				`Connection 1: start ${utc(first.start_date)}, end ${utc(first.end_date)}, duration 12 min 34 s (technician Ben Backoffice, device LAPTOP-JOHN-01).`,
				`Connection 2: start ${utc(second.start_date)}, end ${utc(second.end_date)}, duration 1 h 2 min 5 s (technician Ben Backoffice, device LAPTOP-JOHN-01).`,
				'Total connected time: 1 h 14 min 39 s, from TeamViewer\'s connection report.',
			].join('\n'),
		);

		const again = ok(await call('stop', { ticket_id: vpn.id }), 'stop again');
		expect(again.body).toEqual({ ticket_id: vpn.id, closed: 0, message: 'This ticket has no open TeamViewer session.' });
		expect(commentsOf(vpn.id)).toHaveLength(2);
	});

	it('says so when nobody connected', async () => {
		const outlook = ticket('Outlook crashes on start');
		const [session] = sessionsOf(outlook.id);

		const answer = ok(await call('stop', { ticket_id: outlook.id }), 'stop');

		expect(answer.body).toMatchObject({ closed: 1, connections: 0 });
		expect(commentsOf(outlook.id).at(-1)?.body).toBe(`TeamViewer session ${session.code} stopped.\nNobody connected: TeamViewer has no connection report for this session.`);
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
		expect(deliveries[0].response).toEqual({ ticket_id: printer.id, closed: 1, sessions: [code], connections: 1 });
		expect(world.tv.state.sessions.get(code)).toMatchObject({ state: 'Closed', closed_at: expect.any(String) });
		expect(boss.ticket(printer.id)?.status).toBe('Closed');
		expect(report.username).toBe('Chloe Field');
		expect(commentsOf(printer.id).at(-1)?.body).toBe(
			[
				`TeamViewer session ${code} was closed automatically because ticket #1044 was closed while the session was still open.`,
				`Connection 1: start ${utc(report.start_date)}, end ${utc(report.end_date)}, duration 10 min 10 s (technician Chloe Field, device PC-FLOOR3).`,
				'Total connected time: 10 min 10 s, from TeamViewer\'s connection report.',
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
		const group = [...world.tv.state.groups.values()].find((candidate) => candidate.name === 'BOSS') ?? world.tv.state.groups.get(world.sandbox.groupsByName.Customers)!;
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
				sessions: [{ code: serviceCase.code, groupid: group.id, createdBy: ada, created_at: createdAt, customId, custom_api: serviceCase.customApi ? customId : null, description: `BOSSDesk ticket ${serviceCase.ticketId}` }],
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
		const ticketOf = (value: string | null | undefined) => (value && /^boss:\d+$/.test(value) ? Number(value.slice(5)) : null);
		const inPeriod = [...world.tv.state.reports.values()].filter(
			(report: ConnectionReport) => report.session_code !== null && Date.parse(report.start_date) >= Date.parse(from) && Date.parse(report.end_date) < Date.parse(to),
		);
		const connections = inPeriod
			.map((report) => {
				const session = world.tv.state.sessions.get(report.session_code!);
				const ticketId = ticketOf(report.custom_api) ?? ticketOf(session?.customId) ?? ticketOf(session?.custom_api);
				const stored = ticketId === null ? undefined : boss.renderedTicket(ticketId);
				const field = (name: string) => String(stored?.[name] ?? 'Unknown');
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

		const reads = boss.requests.slice(ticketReadsBefore).map((request) => `${request.method} ${request.path}`).sort();
		expect(reads).toEqual([...new Set(reads)]);
		expect(reads).toHaveLength(expected.tickets);
	});

	it('runs without the webhook too (schedule, or by hand): the last seven days, to the configured recipients', async () => {
		const before = world.smtp.messages.length;

		const run = await n8n.execute('bossSessionsSummary');

		if (run.status !== 'success') throw new Error(`the run by hand ended ${run.status}${explain()}`);
		expect(Object.keys(run.data.resultData.runData)).not.toContain('Run now (webhook)');
		expect(run.output('Answer: the report is on its way')).toEqual([]);
		const period = run.output('Work out the period')[0];
		expect(period).toMatchObject({ ok: true, viaWebhook: false, technician: '', recipients: 'it-managers@yourcompany.example' });
		expect(Date.parse(String(period.to)) - Date.parse(String(period.from))).toBe(7 * 1440 * MINUTE);
		const mail = await world.smtp.waitFor((candidate) => candidate.subject.startsWith('TeamViewer Sessions Summary') && world.smtp.messages.indexOf(candidate) >= before, 60_000);
		const expected = expectedRows(String(period.from), String(period.to));
		expect(mail.text).toContain(`Sessions: ${expected.rows[0].sessions} on ${expected.tickets} tickets`);
		expect(mail.text).toContain(`Total duration: ${expected.rows[0].total_duration}`);
	});

	it('answers 400 with the reason for a period it cannot read', async () => {
		const answer = await call('sessions-summary', { from: 'last week' });

		expect(answer).toEqual({ status: 400, body: { error: '"from" must be a date (2025-03-01) or an ISO 8601 date-time; got "last week".' } });
	});
});
