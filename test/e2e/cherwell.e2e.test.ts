/**
 * The Cherwell flows, as shipped, in a real n8n: their HTTP Request nodes reach the Cherwell simulator
 * through the TLS proxy (as https://cherwell.example.com/CherwellAPI), the TeamViewer node the sandbox,
 * the Send Email node the SMTP capture.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import type { LoggedRequest } from '../simulators/common';
import type { CherwellSimulator, CwFields, DemoInfo } from '../simulators/cherwell';
import { BUSINESS_OBJECT_IDS, startCherwellSimulator } from '../simulators/cherwell';
import { diagnostics } from './diagnostics';
import { basicAuth, nextFiveMinuteFire, startItsmWorld, stopAll } from './itsm';
import type { ItsmWorld } from './itsm';
import { N8n } from './n8n';
import { ROOT } from './runtime';

const FLOWS = path.join(ROOT, 'workflows/cherwell');
const WEBHOOK_USER = { user: 'cherwell', password: 'e2e-Cherwell-Hook-Pa55' };

let cw: CherwellSimulator;
let demo: DemoInfo;
let world: ItsmWorld;
let n8n: N8n;

const recIdOf = (incidentId: string) => demo.incidents[incidentId];
const notesOf = (incidentId: string) => cw.journalNotes(recIdOf(incidentId)).map((note) => note.Details);
const sessionsOf = (incidentId: string) => [...world.tv.state.sessions.values()].filter((session) => session.customId === `cherwell:${recIdOf(incidentId)}`);
const mailsTo = (address: string) => world.smtp.messages.filter((message) => message.to.includes(address));
const lastSeq = () => cw.requests.at(-1)?.seq ?? 0;
const minutes = 60_000;
const recordsOf = (incidentId: string) => cw.teamViewerSessions(recIdOf(incidentId));
const leaseRecords = () => cw.records('TeamViewerLease');
/** Forgets every lease record, as on a system where the sweep never ran. */
const clearLeases = () => cw.state.records.get(BUSINESS_OBJECT_IDS.teamViewerLease)!.clear();
const route = (request: LoggedRequest) => `${request.method} ${request.path.replace(/\/(publicid|busobrecid)\/[^/]+$/, '/$1/…')}`;

/**
 * POSTs to a flow's production webhook. Unlike `n8n.webhook()` it retries only n8n's own "not registered"
 * 404, because the flows answer 404 themselves for an unknown incident (a retry would run them again).
 */
async function call(flow: string, body: unknown, auth: string | null = basicAuth(WEBHOOK_USER)) {
	for (let attempt = 0; ; attempt++) {
		const response = await fetch(`${n8n.url}/webhook/cherwell/teamviewer/${flow}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...(auth ? { Authorization: auth } : {}) },
			body: JSON.stringify(body),
		});
		const text = await response.text();
		if (response.status === 404 && /is not registered/.test(text) && attempt < 50) {
			await new Promise((resolve) => setTimeout(resolve, 200));
			continue;
		}
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// not JSON: keep the text
		}
		return { status: response.status, body: parsed as Record<string, unknown> };
	}
}

function explain(): string {
	const calls = cw.requests.slice(-25).map((r) => `  ${r.seq} ${r.method} ${r.path} → ${r.status}`).join('\n');
	return diagnostics(n8n, world?.tv) + `\n--- Cherwell requests ---\n${calls}`;
}

/** Calls a flow and insists on the status, printing n8n's log and the simulators' calls otherwise. */
async function expectCall(flow: string, body: unknown, status = 200) {
	const response = await call(flow, body);
	if (response.status !== status) throw new Error(`${flow} answered ${response.status} (wanted ${status}): ${JSON.stringify(response.body)}${explain()}`);
	return response;
}

/** The Cherwell requests of one run: exactly one token request first, every later call with that token. */
function expectOneTokenPerRun(requests: LoggedRequest[]): string {
	const tokenCalls = requests.filter((request) => request.path === '/CherwellAPI/token');
	expect(tokenCalls).toHaveLength(1);
	expect(requests[0]).toBe(tokenCalls[0]);
	const [login] = tokenCalls;
	expect(login.method).toBe('POST');
	expect(login.query).toEqual({ auth_mode: 'Internal' });
	expect(login.headers.contentType).toBe('application/x-www-form-urlencoded');
	expect(login.body).toEqual({ grant_type: 'password', client_id: demo.apiClient.clientId, username: demo.apiUser.username, password: demo.apiUser.password });
	expect(login.status).toBe(200);
	const token = [...cw.state.accessTokens.keys()].find((candidate) => requests.slice(1).every((request) => request.headers.authorization === `Bearer ${candidate}`));
	expect(token).toBeDefined();
	expect(requests.length).toBeGreaterThan(1);
	return token!;
}

beforeAll(async () => {
	cw = await startCherwellSimulator();
	demo = cw.seedDemo();
	world = await startItsmWorld(() => [cw.proxyRoute]);
	n8n = await N8n.start({
		credentials: [
			...world.credentials,
			{
				id: 'cwApiLogin000001',
				name: 'Cherwell API login',
				type: 'httpCustomAuth',
				data: { json: JSON.stringify({ body: { client_id: demo.apiClient.clientId, username: demo.apiUser.username, password: demo.apiUser.password } }) },
			},
			{ id: 'cwWebhookAuth001', name: 'Cherwell to n8n webhook', type: 'httpBasicAuth', data: WEBHOOK_USER },
		],
		workflows: readdirSync(FLOWS).filter((file) => file.endsWith('.json')).map((file) => path.join(FLOWS, file)),
		activate: ['cwSettings000001', 'cwCreateSession01', 'cwShareSession001', 'cwCloseSession001', 'cwCleanupExpired1'],
		env: world.env,
	});
}, 300_000);

afterAll(async () => {
	expect(await stopAll(n8n, world, cw)).toEqual([]);
});

const sweep = () => expectCall('cleanup', {});

/**
 * The cleanup flow is published, so n8n also runs it every 5 minutes: a scheduled run between a test's set-up and its
 * sweep would do the test's work or hold the lease (a run at 17:40 UTC once made the manual sweep leave, "skipped").
 * Each test starts clear of it: when a run is due within 45 s, wait until it has fired and let go of the lease.
 */
beforeEach(async () => {
	const due = nextFiveMinuteFire(path.join(FLOWS, 'cleanup-expired-sessions.json'));
	if (due - Date.now() > 45_000) return;
	await new Promise((resolve) => setTimeout(resolve, Math.max(0, due + 5_000 - Date.now())));
	for (let attempt = 0; attempt < 60 && leaseRecords().some((lease) => lease.LeaseOwner !== ''); attempt++) {
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}, 120_000);

describe('create a session from an incident (One-Step)', () => {
	it('gives an incident one session however often the button is pressed, emails the link once, journals it and relates a TeamViewer Session record', async () => {
		const before = lastSeq();
		const first = await expectCall('create', { incidentId: '101001' });
		const firstRun = cw.log.since(before);
		const answers = [first, await expectCall('create', { incidentId: '101001' }), await expectCall('create', { incidentId: '101001' })];

		expect(answers.map((answer) => [answer.body.created, answer.body.emailed])).toEqual([[true, true], [false, false], [false, false]]);
		expect(new Set(answers.map((answer) => answer.body.session_code)).size).toBe(1);
		const sessions = sessionsOf('101001');
		expect(sessions).toHaveLength(1);
		const [session] = sessions;
		expect(session.end_customer).toEqual({ name: 'Abel Tuter', email: 'abel.tuter@example.com' });
		expect(session.description).toBe('Incident 101001: Outlook crashes on start');
		expect(answers[0].body).toEqual({
			incidentId: '101001',
			session_code: session.code,
			created: true,
			emailed: true,
			supporter_link: session.supporter_link,
			end_customer_link: session.end_customer_link,
			valid_until: session.valid_until,
		});

		const mails = mailsTo('abel.tuter@example.com');
		expect(mails).toHaveLength(1);
		expect(mails[0].from).toBe('it-support@example.com');
		expect(mails[0].subject).toBe('Remote support for incident 101001');
		expect(mails[0].text).toContain('Hello Abel Tuter,');
		expect(mails[0].text).toContain('Beth Anglin would like to help you with incident 101001 (Outlook crashes on start) using TeamViewer.');
		expect(mails[0].text).toContain(`Open this link to start the session: ${session.end_customer_link}`);
		expect(mails[0].text).toContain(`The link is valid until ${new Date(session.valid_until).toUTCString()}.`);

		expect(notesOf('101001')).toEqual([
			`TeamViewer remote control session ${session.code} created. Customer link emailed to abel.tuter@example.com, valid until ${session.valid_until}.\nJoin as supporter: ${session.supporter_link}`,
		]);
		expect(cw.journalNotes(recIdOf('101001'))[0]).toMatchObject({ ParentTypeID: BUSINESS_OBJECT_IDS.incident, CreatedBy: demo.apiUser.username, JournalTypeName: 'Journal - Note' });
		const records = recordsOf('101001');
		expect(records).toHaveLength(1);
		expect(records[0]).toMatchObject({
			SessionCode: session.code,
			IncidentID: '101001',
			Status: 'Open',
			CustomerName: 'Abel Tuter',
			CustomerEmail: 'abel.tuter@example.com',
			CustomerLink: session.end_customer_link,
			SupporterLink: session.supporter_link,
			ValidUntil: session.valid_until,
			HistoryState: '',
		} satisfies Partial<CwFields>);
		expect(records[0].InviteSentDateTime).toMatch(/^\d{4}-\d\d-\d\dT/);

		expectOneTokenPerRun(firstRun);
		expect(firstRun.map(route)).toEqual([
			'POST /CherwellAPI/token',
			`GET /CherwellAPI/api/V1/getbusinessobject/busobid/${BUSINESS_OBJECT_IDS.incident}/publicid/…`,
			`GET /CherwellAPI/api/V1/getbusinessobject/busobid/${BUSINESS_OBJECT_IDS.customer}/busobrecid/…`,
			`GET /CherwellAPI/api/V1/getbusinessobject/busobid/${BUSINESS_OBJECT_IDS.customerExternal}/busobrecid/…`,
			'POST /CherwellAPI/api/V1/getbusinessobjecttemplate',
			'POST /CherwellAPI/api/V1/getbusinessobjecttemplate',
			'POST /CherwellAPI/api/V1/getsearchresults',
			'POST /CherwellAPI/api/V1/saverelatedbusinessobject',
			'POST /CherwellAPI/api/V1/savebusinessobject',
			'POST /CherwellAPI/api/V1/saverelatedbusinessobject',
		]);
	});

	it('invites an external customer (Customer - External) by the email of that record', async () => {
		const answer = await expectCall('create', { incidentId: '101008' });

		expect(answer.body).toMatchObject({ incidentId: '101008', created: true, emailed: true });
		expect(mailsTo('hana.ito@contoso.example')).toHaveLength(1);
		expect(mailsTo('hana.ito@contoso.example')[0].text).toContain('Hello Hana Ito,');
		expect(sessionsOf('101008')[0].end_customer).toEqual({ name: 'Hana Ito', email: 'hana.ito@contoso.example' });
		expect(recordsOf('101008')).toEqual([expect.objectContaining({ CustomerName: 'Hana Ito', CustomerEmail: 'hana.ito@contoso.example', Status: 'Open' })]);
	});
});

describe('webhook checks', () => {
	it('rejects every flow without the webhook credentials with 401, and does nothing', async () => {
		const sessionsBefore = world.tv.state.sessions.size;
		const before = lastSeq();
		const mailsBefore = world.smtp.messages.length;

		const answers = [];
		for (const flow of ['create', 'share', 'close', 'cleanup']) answers.push((await call(flow, { incidentId: '101002' }, null)).status);
		const wrong = await call('create', { incidentId: '101002' }, basicAuth({ user: 'cherwell', password: 'guess' }));

		expect(answers).toEqual([401, 401, 401, 401]);
		expect(wrong.status).toBe(401);
		expect(world.tv.state.sessions.size).toBe(sessionsBefore);
		expect(cw.log.since(before)).toEqual([]);
		expect(world.smtp.messages.length).toBe(mailsBefore);
	});

	it('answers 400, 404, 409 and 422 with the reason for each kind of customer, and creates nothing', async () => {
		const sessionsBefore = world.tv.state.sessions.size;
		const recordsBefore = cw.records('TeamViewerSession').length;

		const empty = await expectCall('create', { incidentId: '' }, 400);
		const tokensBefore = cw.tokenRequests.length;
		const unknown = await expectCall('create', { incidentId: '999999' }, 404);
		expect(cw.tokenRequests.length).toBe(tokensBefore + 1);
		const closed = await expectCall('create', { incidentId: '101004' }, 409);
		const noEmail = await expectCall('create', { incidentId: '101003' }, 422);
		const externalNoEmail = await expectCall('create', { incidentId: '101009' }, 422);
		const shareExternal = await expectCall('share', { incidentId: '101009' }, 422);

		expect(empty.body).toEqual({ error: '"incidentId" must be the incident\'s public ID (Incident ID, e.g. 101001); got "".' });
		expect(unknown.body).toEqual({ error: 'Incident 999999 was not found in Cherwell.' });
		expect(closed.body).toEqual({ error: 'Incident 101004 is Closed; reopen it to start a remote session.' });
		expect(noEmail.body).toEqual({ error: 'Customer David Loo of incident 101003 has no email address; add one in Cherwell and try again.' });
		const external = 'External customer Ivan Petrov (Fabrikam Inc) of incident 101009 has no email address in their Customer - External record (field Email); add one in Cherwell and try again.';
		expect(externalNoEmail.body).toEqual({ error: external });
		expect(shareExternal.body).toEqual({ error: external });
		expect(world.tv.state.sessions.size).toBe(sessionsBefore);
		expect([...notesOf('101003'), ...notesOf('101004'), ...notesOf('101009')]).toEqual([]);
		expect(cw.records('TeamViewerSession')).toHaveLength(recordsBefore);
	});
});

describe('share the session and the Cherwell token', () => {
	it('logs in afresh every run, so a token that expired since the last run (Cherwell clock +21 min) does not matter', async () => {
		const earlierTokens = [...cw.state.accessTokens.keys()];
		expect(earlierTokens.length).toBeGreaterThan(0);
		cw.clock.advance(21 * minutes);
		const probe = await fetch(`${cw.url}/CherwellAPI/api/V1/getbusinessobject/busobid/${BUSINESS_OBJECT_IDS.incident}/publicid/101001`, {
			headers: { Authorization: `Bearer ${earlierTokens.at(-1)}` },
		});
		expect(probe.status).toBe(401);
		const [session] = sessionsOf('101001');
		const before = lastSeq();

		const shared = await expectCall('share', { incidentId: '101001' });

		const token = expectOneTokenPerRun(cw.log.since(before));
		expect(earlierTokens).not.toContain(token);
		expect(shared.body).toEqual({
			incidentId: '101001',
			session_code: session.code,
			resent_to: 'abel.tuter@example.com',
			supporter_link: session.supporter_link,
			end_customer_link: session.end_customer_link,
			valid_until: session.valid_until,
		});
		const mails = mailsTo('abel.tuter@example.com');
		expect(mails).toHaveLength(2);
		expect(mails[1].subject).toBe('Remote support for incident 101001');
		expect(mails[1].text).toContain(`Open this link to start the session: ${session.end_customer_link}`);
		expect(notesOf('101001')).toHaveLength(2);
		expect(notesOf('101001')[1]).toBe(`TeamViewer session ${session.code} shared: customer link emailed again to abel.tuter@example.com, valid until ${session.valid_until}.`);
		expect(sessionsOf('101001')).toHaveLength(1);
	});

	it('answers 409 for an incident without a session, and sends nothing', async () => {
		const response = await expectCall('share', { incidentId: '101002' }, 409);

		expect(response.body).toEqual({ error: 'Incident 101002 has no open TeamViewer session with a valid link. Run "Create TeamViewer session" first.' });
		expect(mailsTo('carol.coughlin@example.com')).toEqual([]);
		expect(notesOf('101002')).toEqual([]);
	});
});

describe('close the session and journal its history', () => {
	it('closes the session and journals every connection with start, end, duration, technician and device, and the total', async () => {
		const [session] = sessionsOf('101001');
		const first = world.tv.connectSession(session.code, { startedAt: new Date(Date.now() - 40 * minutes).toISOString(), durationSeconds: 754, deviceName: 'LAPTOP-ABEL-01' });
		const second = world.tv.connectSession(session.code, { startedAt: new Date(Date.now() - 15 * minutes).toISOString(), durationSeconds: 300, deviceName: 'LAPTOP-ABEL-01' });
		const before = lastSeq();

		const response = await expectCall('close', { incidentId: '101001' });

		const closed = world.tv.state.sessions.get(session.code)!;
		expect(closed.state).toBe('Closed');
		expect(response.body).toEqual({
			incidentId: '101001',
			closed: 1,
			connections: 2,
			sessions: [{ code: session.code, closedAt: closed.closed_at, connections: 2, totalSeconds: 1054 }],
		});
		expect(notesOf('101001')).toHaveLength(3);
		expect(notesOf('101001')[2]).toBe(
			[
				`TeamViewer session ${session.code} closed. Connection history:`,
				`- ${first.start_date} to ${first.end_date} (12 min 34 s), technician ${first.username}, device LAPTOP-ABEL-01`,
				`- ${second.start_date} to ${second.end_date} (5 min 0 s), technician ${second.username}, device LAPTOP-ABEL-01`,
				'Total: 2 connections, 17 min 34 s.',
			].join('\n'),
		);
		expect(recordsOf('101001')).toEqual([
			expect.objectContaining({ SessionCode: session.code, Status: 'Closed', ClosedDateTime: closed.closed_at, ConnectionCount: '2', TotalDurationSeconds: '1054', CloseReason: 'Closed from Cherwell', HistoryState: 'pending', NotedReports: `${first.id},${second.id}` }),
		]);
		expectOneTokenPerRun(cw.log.since(before));
	});

	it('never says "no connection" at close: it notes that no report exists yet and leaves the history pending', async () => {
		const created = await expectCall('create', { incidentId: '101002' });
		expect(mailsTo('carol.coughlin@example.com')).toHaveLength(1);

		const response = await expectCall('close', { incidentId: '101002' });

		expect(response.body).toMatchObject({ closed: 1, connections: 0 });
		expect(notesOf('101002')).toEqual([
			expect.stringContaining(`TeamViewer remote control session ${created.body.session_code} created.`),
			`TeamViewer session ${created.body.session_code} closed. No connection report yet. TeamViewer logs a connection once it has ended, sometimes minutes later: each one is added here as it arrives (checked for 60 minutes).`,
		]);
		expect(recordsOf('101002')).toEqual([expect.objectContaining({ Status: 'Closed', ConnectionCount: '0', TotalDurationSeconds: '0', HistoryState: 'pending', NotedReports: '' })]);
	});

	it('writes nothing when the incident has no open session', async () => {
		const notesBefore = notesOf('101002').length;

		const response = await expectCall('close', { incidentId: '101002' });

		expect(response.body).toEqual({ incidentId: '101002', closed: 0, connections: 0, message: 'Incident 101002 has no open TeamViewer session.' });
		expect(notesOf('101002')).toHaveLength(notesBefore);
	});
});

describe('late connection reports (history sweep)', () => {
	it('adds a report TeamViewer logged 75 s after the close to the incident, once', async () => {
		const [session] = sessionsOf('101008');
		world.tv.config.reportLagMs = 75_000;
		try {
			const report = world.tv.connectSession(session.code, { startedAt: new Date(Date.now() - 12_000).toISOString(), durationSeconds: 12, deviceName: 'HANA-PC' });

			const closed = await expectCall('close', { incidentId: '101008' });

			expect(closed.body).toMatchObject({ closed: 1, connections: 0 });
			expect(notesOf('101008').at(-1)).toBe(`TeamViewer session ${session.code} closed. No connection report yet. TeamViewer logs a connection once it has ended, sometimes minutes later: each one is added here as it arrives (checked for 60 minutes).`);
			const early = await sweep();
			expect(early.body).toMatchObject({ closed: 0, history: { notes: 0 } });
			expect(notesOf('101008').filter((note) => /no connection/i.test(note) && !note.includes('No connection report yet'))).toEqual([]);

			world.tv.clock.advance(76_000);
			const late = await sweep();

			expect(late.body).toMatchObject({ history: { notes: 1 } });
			expect(notesOf('101008').at(-1)).toBe(`TeamViewer session ${session.code}: connection reported after closing:\n- ${report.start_date} to ${report.end_date} (0 min 12 s), technician ${report.username}, device HANA-PC`);
			expect(recordsOf('101008').map((record) => [record.HistoryState, record.NotedReports, record.ConnectionCount, record.TotalDurationSeconds])).toEqual([['pending', report.id, '1', '12']]);
			const notesAfter = notesOf('101008').length;
			await sweep();
			expect(notesOf('101008')).toHaveLength(notesAfter);
			expect(notesOf('101008').filter((note) => note.includes('connection reported after closing'))).toHaveLength(1);
		} finally {
			world.tv.config.reportLagMs = 0;
			world.tv.clock.reset();
		}
	});

	it('says "no connection took place" only for a case closed longer ago than the history window, and only once', async () => {
		const old = new Date(Date.now() - 2 * 3600_000).toISOString();
		const recent = new Date(Date.now() - 60_000).toISOString();
		cw.seed({
			records: [
				{ busOb: 'TeamViewerSession', fields: { SessionCode: 's900-000-001', IncidentRecID: recIdOf('101003'), IncidentID: '101003', Status: 'Closed', ClosedDateTime: old, HistoryState: 'pending' } },
				{ busOb: 'TeamViewerSession', fields: { SessionCode: 's900-000-002', IncidentRecID: recIdOf('101003'), IncidentID: '101003', Status: 'Closed', ClosedDateTime: recent, HistoryState: 'pending' } },
			],
		});

		await sweep();
		await sweep();

		expect(notesOf('101003')).toEqual(['TeamViewer session s900-000-001: no connection took place (TeamViewer reported none within 60 minutes of closing).']);
		expect(Object.fromEntries(recordsOf('101003').map((record) => [record.SessionCode, record.HistoryState]))).toEqual({ 's900-000-001': 'none', 's900-000-002': 'pending' });
	});
});

describe('overlapping sweeps (schedule + "Run the cleanup now")', () => {
	it('lets only one of two runs started together work: each note once, the lease released', async () => {
		clearLeases();
		const old = new Date(Date.now() - 3 * 3600_000).toISOString();
		const codes = ['s901-000-001', 's901-000-002', 's901-000-003'];
		cw.seed({ records: codes.map((code) => ({ busOb: 'TeamViewerSession', fields: { SessionCode: code, IncidentRecID: recIdOf('101003'), IncidentID: '101003', Status: 'Closed', ClosedDateTime: old, HistoryState: 'pending' } })) });
		cw.injectFault({ kind: 'latency', method: 'POST', path: 'saverelatedbusinessobject', delayMs: 300, times: 10 });
		try {
			const answers = await Promise.all([call('cleanup', {}), call('cleanup', {})]);

			expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
			expect(answers.filter((answer) => answer.body.skipped === true)).toHaveLength(1);
			expect(answers.filter((answer) => (answer.body.history as { notes?: number } | undefined)?.notes === 3)).toHaveLength(1);
		} finally {
			cw.clearFaults();
		}
		for (const code of codes) expect(notesOf('101003').filter((note) => note.startsWith(`TeamViewer session ${code}:`))).toHaveLength(1);
		const held = leaseRecords().filter((lease) => lease.LeaseOwner !== '');
		expect(held).toEqual([]);
	}, 120_000);

	it('takes over a lease a dead run left behind, and leaves while a live run holds it', async () => {
		clearLeases();
		cw.seed({ records: [{ busOb: 'TeamViewerLease', fields: { LeaseName: 'teamviewer-sweep', LeaseOwner: 'dead-run', LeaseUntil: new Date(Date.now() - 60_000).toISOString() } }] });
		const taken = await sweep();
		expect(taken.body.skipped).toBeUndefined();
		expect(leaseRecords()).toEqual([expect.objectContaining({ LeaseOwner: '', LeaseUntil: '' })]);

		clearLeases();
		cw.seed({ records: [{ busOb: 'TeamViewerLease', fields: { LeaseName: 'teamviewer-sweep', LeaseOwner: 'live-run', LeaseUntil: new Date(Date.now() + 10 * minutes).toISOString() } }] });
		const before = lastSeq();
		const left = await sweep();
		expect(left.body).toEqual({ skipped: true, reason: 'Another run of the cleanup and history sweep holds the lease; this run left without changing anything.' });
		expect(cw.log.since(before).filter((request) => request.method === 'POST' && /save/i.test(request.path))).toEqual([]);
		expect(leaseRecords()).toEqual([expect.objectContaining({ LeaseOwner: 'live-run' })]);
		clearLeases();
	});
});

describe('a sweep whose write fails', () => {
	it('answers 502 naming the failed note, keeps the case pending and releases the lease; the next run writes the note once', async () => {
		cw.seed({ records: [{ busOb: 'TeamViewerSession', fields: { SessionCode: 's902-000-001', IncidentRecID: recIdOf('101003'), IncidentID: '101003', Status: 'Closed', ClosedDateTime: new Date(Date.now() - 2 * 3600_000).toISOString(), HistoryState: 'pending' } }] });
		cw.injectFault({ kind: 'status', method: 'POST', path: 'saverelatedbusinessobject', status: 500, body: { errorCode: 'GENERALFAILURE', errorMessage: 'Timeout expired while writing to the database.', hasError: true } });
		let failed;
		try {
			failed = await expectCall('cleanup', {}, 502);
		} finally {
			cw.clearFaults();
		}
		const noted = () => notesOf('101003').filter((note) => note.startsWith('TeamViewer session s902-000-001:'));
		expect(String(failed.body.error)).toMatch(/^Cherwell did not store the journal note for session s902-000-001: .*Timeout expired while writing to the database\./s);
		expect(noted()).toEqual([]);
		expect(recordsOf('101003').find((record) => record.SessionCode === 's902-000-001')).toMatchObject({ HistoryState: 'pending' });
		expect(leaseRecords().filter((lease) => lease.LeaseOwner !== '')).toEqual([]);

		await sweep();
		await sweep();

		expect(noted()).toEqual(['TeamViewer session s902-000-001: no connection took place (TeamViewer reported none within 60 minutes of closing).']);
		expect(recordsOf('101003').find((record) => record.SessionCode === 's902-000-001')).toMatchObject({ HistoryState: 'none' });
	});
});

describe('automated cleanup of expired sessions', () => {
	it('closes exactly the sessions whose link expired on TeamViewer\'s clock, journals each with its connections, and the sweep keeps their history', async () => {
		const erin = await expectCall('create', { incidentId: '101005' });
		const frank = await expectCall('create', { incidentId: '101006' });
		const erinReport = world.tv.connectSession(String(erin.body.session_code), { startedAt: new Date(Date.now() - 5 * minutes).toISOString(), durationSeconds: 120, deviceName: 'ERIN-LAPTOP' });
		const nothingYet = await sweep();
		expect(nothingYet.body).toMatchObject({ closed: 0, sessions: [] });

		world.tv.clock.advance(25 * 60 * minutes);
		const gina = await expectCall('create', { incidentId: '101007' });
		expect(gina.body.created).toBe(true);
		const otherOpen = [...world.tv.state.sessions.values()].filter((session) => session.state === 'Open' && !String(session.customId ?? '').startsWith('cherwell:'));
		expect(otherOpen.length).toBeGreaterThan(0);
		const before = lastSeq();

		const cleanup = await sweep();

		const expired = [erin, frank].map((answer) => String(answer.body.session_code));
		expect(cleanup.body.closed).toBe(2);
		expect((cleanup.body.sessions as Array<{ session_code: string }>).map((session) => session.session_code).sort()).toEqual([...expired].sort());
		for (const code of expired) expect(world.tv.state.sessions.get(code)?.state).toBe('Closed');
		expect(world.tv.state.sessions.get(String(gina.body.session_code))?.state).toBe('Open');
		for (const session of otherOpen) expect(world.tv.state.sessions.get(session.code)?.state).toBe('Open');
		const expiry = (answer: typeof erin) => `TeamViewer session ${answer.body.session_code}: link expired, session closed. The customer link was valid until ${answer.body.valid_until} (checked on TeamViewer's clock); the automated cleanup closed the session.`;
		expect(notesOf('101005')[1]).toBe(
			[expiry(erin), 'Connection history:', `- ${erinReport.start_date} to ${erinReport.end_date} (2 min 0 s), technician ${erinReport.username}, device ERIN-LAPTOP`, 'Total: 1 connection, 2 min 0 s.'].join('\n'),
		);
		expect(notesOf('101006')[1]).toBe(`${expiry(frank)}\nNo connection report yet: each one is added here as it arrives (checked for 60 minutes).`);
		for (const [incidentId, answer, count] of [['101005', erin, '1'], ['101006', frank, '0']] as const) {
			expect(notesOf(incidentId)).toHaveLength(2);
			expect(recordsOf(incidentId)).toEqual([
				expect.objectContaining({ Status: 'Closed', CloseReason: 'Link expired (automated cleanup)', ClosedDateTime: world.tv.state.sessions.get(String(answer.body.session_code))?.closed_at, HistoryState: 'pending', ConnectionCount: count }),
			]);
		}
		expect(notesOf('101007')).toHaveLength(1);
		expect(recordsOf('101007')).toEqual([expect.objectContaining({ Status: 'Open' })]);
		expectOneTokenPerRun(cw.log.since(before));

		const second = await sweep();
		expect(second.body).toMatchObject({ closed: 0, sessions: [] });
		expect(notesOf('101005')).toHaveLength(2);
		expect(notesOf('101006')).toHaveLength(2);
	});
});

describe('failures answer 502 with the reason and what was done', () => {
	it('answers 502 when Cherwell refuses the login, and creates nothing', async () => {
		const sessionsBefore = world.tv.state.sessions.size;
		cw.injectFault({ kind: 'status', method: 'POST', path: '/token', status: 400, times: 2, body: { error: 'invalid_grant', error_description: 'The user name or password is incorrect.' } });
		try {
			const create = await expectCall('create', { incidentId: '101001' }, 502);
			const cleanup = await expectCall('cleanup', {}, 502);

			const reason = 'Cherwell refused the login of the integration user: The user name or password is incorrect. Check the n8n credential "Cherwell API login" (client ID, user, password) and authMode in Config. Nothing was changed.';
			expect(create.body).toEqual({ error: reason });
			expect(cleanup.body).toEqual({ error: reason });
		} finally {
			cw.clearFaults();
		}
		expect(world.tv.state.sessions.size).toBe(sessionsBefore);
		expect(JSON.stringify(world.smtp.messages)).not.toContain(demo.apiUser.password);
	});

	it('answers 502 when TeamViewer refuses the session (licence limit) or the token, and writes nothing', async () => {
		const notesBefore = notesOf('101001').length;
		const recordsBefore = recordsOf('101001').length;
		const open = [...world.tv.state.sessions.values()].filter((session) => session.state === 'Open' && Date.parse(session.valid_until) > world.tv.clock.nowMs()).length;
		world.tv.config.licenceLimit = open;
		try {
			const refused = await expectCall('create', { incidentId: '101001' }, 502);
			expect(String(refused.body.error)).toMatch(/^TeamViewer did not create the session: .*licen[cs]e.* Nothing was created in Cherwell and nothing was sent\.$/is);
		} finally {
			world.tv.config.licenceLimit = null;
		}
		// n8n retries a refused call once; a token that stays invalid is refused every time.
		world.tv.injectFault({ kind: 'status', status: 401, method: 'GET', path: 'sessions$', times: 5, body: { error: 'invalid_token', error_description: 'The access token is invalid.', error_code: 401 } });
		let closeRefused;
		let sweepRefused;
		try {
			closeRefused = await expectCall('close', { incidentId: '101007' }, 502);
			sweepRefused = await expectCall('cleanup', {}, 502);
		} finally {
			world.tv.clearFaults();
		}
		expect(String(sweepRefused.body.error)).toMatch(/^TeamViewer refused "Expired TeamViewer sessions": .+ Nothing was closed or written; the next run tries again\.$/s);
		expect(leaseRecords().filter((lease) => lease.LeaseOwner !== '')).toEqual([]);
		expect(String(closeRefused.body.error)).toMatch(/^TeamViewer did not list the open sessions: .+ Nothing was closed\.$/s);
		expect(world.tv.state.sessions.get(sessionsOf('101007')[0].code)?.state).toBe('Open');
		expect(notesOf('101001')).toHaveLength(notesBefore);
		expect(recordsOf('101001')).toHaveLength(recordsBefore);
	});

	it('repairs a create whose Cherwell write failed: 502 saying what was done, and the next press writes the record and emails once', async () => {
		const mailsBefore = mailsTo('carol.coughlin@example.com').length;
		const notesBefore = notesOf('101002').length;
		cw.injectFault({ kind: 'status', method: 'POST', path: 'saverelatedbusinessobject', status: 500, body: { errorCode: 'GENERALFAILURE', errorMessage: 'Timeout expired while writing to the database.', hasError: true } });
		let code: string;
		try {
			const failed = await expectCall('create', { incidentId: '101002' }, 502);
			code = String(failed.body.session_code);
			expect(failed.body.error).toMatch(new RegExp(`^Cherwell refused "Save the session record" for incident 101002: .*Timeout expired while writing to the database\\..* TeamViewer session ${code} exists, but its TeamViewer Session record was not written and nothing was emailed\\. Press Create again`, 's'));
		} finally {
			cw.clearFaults();
		}
		const open = sessionsOf('101002').filter((session) => session.state === 'Open');
		expect(open.map((session) => session.code)).toEqual([code]);
		expect(mailsTo('carol.coughlin@example.com')).toHaveLength(mailsBefore);
		expect(recordsOf('101002').filter((record) => record.SessionCode === code)).toEqual([]);

		const repaired = await expectCall('create', { incidentId: '101002' });
		const again = await expectCall('create', { incidentId: '101002' });

		expect(repaired.body).toMatchObject({ session_code: code, created: false, emailed: true });
		expect(again.body).toMatchObject({ session_code: code, created: false, emailed: false });
		expect(mailsTo('carol.coughlin@example.com')).toHaveLength(mailsBefore + 1);
		expect(recordsOf('101002').filter((record) => record.SessionCode === code)).toEqual([expect.objectContaining({ Status: 'Open', InviteSentDateTime: expect.stringMatching(/^\d{4}-/) })]);
		expect(notesOf('101002').slice(notesBefore)).toEqual([expect.stringMatching(new RegExp(`^TeamViewer remote control session ${code}: customer link emailed to carol.coughlin@example.com, valid until .* \\(an earlier press created the session but could not finish; this press wrote it to Cherwell\\)\\.`))]);
	});

	it('answers 502 when the email fails, and the next press sends it', async () => {
		world.smtp.refuseRecipient('abel.tuter@example.com');
		const mailsBefore = mailsTo('abel.tuter@example.com').length;
		let code: string;
		try {
			const failed = await expectCall('create', { incidentId: '101001' }, 502);
			code = String(failed.body.session_code);
			expect(failed.body.error).toMatch(new RegExp(`^The email to abel.tuter@example.com was not sent: .+\\. TeamViewer session ${code} exists and its record is on the incident; press Create again to send the link\\.$`, 's'));
		} finally {
			world.smtp.acceptAllRecipients();
		}
		expect(recordsOf('101001').find((record) => record.SessionCode === code)).toMatchObject({ InviteStartedDateTime: '', InviteSentDateTime: '' });

		const retried = await expectCall('create', { incidentId: '101001' });

		expect(retried.body).toMatchObject({ session_code: code, created: false, emailed: true });
		expect(mailsTo('abel.tuter@example.com')).toHaveLength(mailsBefore + 1);
		expect(recordsOf('101001').filter((record) => record.SessionCode === code)).toHaveLength(1);
	});
});
