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
import { basicAuth, startItsmWorld, stopAll } from './itsm';
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
		activate: ['cwCreateSession01', 'cwShareSession001', 'cwCloseSession001', 'cwCleanupExpired1'],
		env: world.env,
	});
}, 300_000);

afterAll(async () => {
	expect(await stopAll(n8n, world, cw)).toEqual([]);
});

describe('create a session from an incident (One-Step)', () => {
	it('gives an incident one session however often the button is pressed, emails the link once, journals it and relates a TeamViewer Session record', async () => {
		const before = lastSeq();
		const first = await expectCall('create', { incidentId: '101001' });
		const firstRun = cw.log.since(before);
		const answers = [first, await expectCall('create', { incidentId: '101001' }), await expectCall('create', { incidentId: '101001' })];

		expect(answers.map((answer) => answer.body.created)).toEqual([true, false, false]);
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
		const records = cw.teamViewerSessions(recIdOf('101001'));
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
		} satisfies Partial<CwFields>);

		expectOneTokenPerRun(firstRun);
		expect(firstRun.map((request) => `${request.method} ${request.path.replace(/\/(publicid|busobrecid)\/[^/]+$/, '/$1/…')}`)).toEqual([
			'POST /CherwellAPI/token',
			`GET /CherwellAPI/api/V1/getbusinessobject/busobid/${BUSINESS_OBJECT_IDS.incident}/publicid/…`,
			`GET /CherwellAPI/api/V1/getbusinessobject/busobid/${BUSINESS_OBJECT_IDS.customer}/busobrecid/…`,
			'POST /CherwellAPI/api/V1/getbusinessobjecttemplate',
			'POST /CherwellAPI/api/V1/getbusinessobjecttemplate',
			'POST /CherwellAPI/api/V1/saverelatedbusinessobject',
			'POST /CherwellAPI/api/V1/saverelatedbusinessobject',
		]);
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

	it('answers 400, 404, 409 and 422 with the reason, and creates nothing', async () => {
		const sessionsBefore = world.tv.state.sessions.size;

		const empty = await expectCall('create', { incidentId: '' }, 400);
		const tokensBefore = cw.tokenRequests.length;
		const unknown = await expectCall('create', { incidentId: '999999' }, 404);
		expect(cw.tokenRequests.length).toBe(tokensBefore + 1);
		const closed = await expectCall('create', { incidentId: '101004' }, 409);
		const noEmail = await expectCall('create', { incidentId: '101003' }, 422);

		expect(empty.body).toEqual({ error: '"incidentId" must be the incident\'s public ID (Incident ID, e.g. 101001); got "".' });
		expect(unknown.body).toEqual({ error: 'Incident 999999 was not found in Cherwell.' });
		expect(closed.body).toEqual({ error: 'Incident 101004 is Closed; reopen it to start a remote session.' });
		expect(noEmail.body).toEqual({ error: 'Customer David Loo of incident 101003 has no email address; add one in Cherwell and try again.' });
		expect(world.tv.state.sessions.size).toBe(sessionsBefore);
		expect([...notesOf('101003'), ...notesOf('101004')]).toEqual([]);
		expect(cw.records('TeamViewerSession')).toHaveLength(1);
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
		expect(cw.teamViewerSessions(recIdOf('101001'))).toEqual([
			expect.objectContaining({ SessionCode: session.code, Status: 'Closed', ClosedDateTime: closed.closed_at, ConnectionCount: '2', TotalDurationSeconds: '1054', CloseReason: 'Closed from Cherwell' }),
		]);
		expectOneTokenPerRun(cw.log.since(before));
	});

	it('says "no session took place" when nobody connected', async () => {
		const created = await expectCall('create', { incidentId: '101002' });
		expect(mailsTo('carol.coughlin@example.com')).toHaveLength(1);

		const response = await expectCall('close', { incidentId: '101002' });

		expect(response.body).toMatchObject({ closed: 1, connections: 0 });
		expect(notesOf('101002')).toEqual([
			expect.stringContaining(`TeamViewer remote control session ${created.body.session_code} created.`),
			`TeamViewer session ${created.body.session_code} closed. No session took place: nobody connected before it was closed.`,
		]);
		expect(cw.teamViewerSessions(recIdOf('101002'))).toEqual([expect.objectContaining({ Status: 'Closed', ConnectionCount: '0', TotalDurationSeconds: '0' })]);
	});

	it('writes nothing when the incident has no open session', async () => {
		const notesBefore = notesOf('101002').length;

		const response = await expectCall('close', { incidentId: '101002' });

		expect(response.body).toEqual({ incidentId: '101002', closed: 0, connections: 0, message: 'Incident 101002 has no open TeamViewer session.' });
		expect(notesOf('101002')).toHaveLength(notesBefore);
	});
});

describe('automated cleanup of expired sessions', () => {
	it('closes exactly the sessions whose link expired on TeamViewer\'s clock, and journals each on its incident', async () => {
		const erin = await expectCall('create', { incidentId: '101005' });
		const frank = await expectCall('create', { incidentId: '101006' });
		const nothingYet = await expectCall('cleanup', {});
		expect(nothingYet.body).toEqual({ closed: 0, sessions: [] });

		world.tv.clock.advance(25 * 60 * minutes);
		const gina = await expectCall('create', { incidentId: '101007' });
		expect(gina.body.created).toBe(true);
		const otherOpen = [...world.tv.state.sessions.values()].filter((session) => session.state === 'Open' && !String(session.customId ?? '').startsWith('cherwell:'));
		expect(otherOpen.length).toBeGreaterThan(0);
		const before = lastSeq();

		const cleanup = await expectCall('cleanup', {});

		const expired = [erin, frank].map((answer) => String(answer.body.session_code));
		expect(cleanup.body.closed).toBe(2);
		expect((cleanup.body.sessions as Array<{ session_code: string }>).map((session) => session.session_code).sort()).toEqual([...expired].sort());
		for (const code of expired) expect(world.tv.state.sessions.get(code)?.state).toBe('Closed');
		expect(world.tv.state.sessions.get(String(gina.body.session_code))?.state).toBe('Open');
		for (const session of otherOpen) expect(world.tv.state.sessions.get(session.code)?.state).toBe('Open');
		for (const [incidentId, answer] of [['101005', erin], ['101006', frank]] as const) {
			const notes = notesOf(incidentId);
			expect(notes).toHaveLength(2);
			expect(notes[1]).toBe(
				`TeamViewer session ${answer.body.session_code}: link expired, session closed. The customer link was valid until ${answer.body.valid_until} (checked on TeamViewer's clock); the automated cleanup closed the session.`,
			);
			expect(cw.teamViewerSessions(recIdOf(incidentId))).toEqual([
				expect.objectContaining({ Status: 'Closed', CloseReason: 'Link expired (automated cleanup)', ClosedDateTime: world.tv.state.sessions.get(String(answer.body.session_code))?.closed_at }),
			]);
		}
		expect(notesOf('101007')).toHaveLength(1);
		expect(cw.teamViewerSessions(recIdOf('101007'))).toEqual([expect.objectContaining({ Status: 'Open' })]);
		expectOneTokenPerRun(cw.log.since(before));

		const again = lastSeq();
		const second = await expectCall('cleanup', {});
		expect(second.body).toEqual({ closed: 0, sessions: [] });
		expect(cw.log.since(again)).toEqual([]);
		expect(notesOf('101005')).toHaveLength(2);
	});
});
