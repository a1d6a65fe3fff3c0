/**
 * The Matrix42 flows, as shipped, in a real n8n: their HTTP Request nodes call
 * `https://matrix42.example.com/m42Services/api/…`, which the TLS proxy hands to the Matrix42 simulator;
 * the TeamViewer node talks to the TeamViewer sandbox and Send Email to the SMTP capture.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { DemoInfo, Matrix42Simulator } from '../simulators/matrix42';
import { SESSION_STATE_CONFIGURATION_ITEM, SESSION_STATE_DATA_DEFINITION, startMatrix42Simulator, TEAMVIEWER_ID_ATTRIBUTE } from '../simulators/matrix42';
import { diagnostics } from './diagnostics';
import { basicAuth, eventually, nextFiveMinuteFire, startItsmWorld, stopAll } from './itsm';
import type { ItsmWorld } from './itsm';
import { N8n } from './n8n';
import { ROOT } from './runtime';

const FLOWS = path.join(ROOT, 'workflows/matrix42');
const WEBHOOK_USER = { user: 'matrix42', password: 'e2e-M42-Webhook-Pa55' };
const FLOW_IDS = ['m42RemoteSession01', 'm42CollectOnClose1', 'm42CollectExpired1', 'm42AssetSync000001', 'm42ConnectAsset001'];
const COMPUTER = 'SPSComputerClassBase';
const STATE = SESSION_STATE_DATA_DEFINITION;
const NO_REPORT_YET = 'No connection report yet: TeamViewer logs a connection once it has ended, sometimes minutes later; each one is added here as it arrives (checked for 60 minutes).';

let m42: Matrix42Simulator;
let demo: DemoInfo;
let world: ItsmWorld;
let n8n: N8n;

interface Answer {
	status: number;
	body: Record<string, any>;
}

async function call(webhookPath: string, body: unknown, auth: string | null = basicAuth(WEBHOOK_USER)): Promise<Answer> {
	const response = await n8n.webhook(`matrix42/teamviewer/${webhookPath}`, { body, headers: auth ? { Authorization: auth } : {} });
	return response as Answer;
}

/** One POST without `n8n.webhook`'s retries on 404 (which would re-run a flow that answers 404 on purpose). */
async function callOnce(webhookPath: string, body: unknown): Promise<Answer> {
	const response = await fetch(`${n8n.url}/webhook/matrix42/teamviewer/${webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', Authorization: basicAuth(WEBHOOK_USER) },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Record<string, any> };
}

function explain(): string {
	const calls = m42.requests.slice(-20).map((r) => `  ${r.at} ${r.method} ${r.path} → ${r.status}`).join('\n');
	return `${diagnostics(n8n, world?.tv)}--- Matrix42 requests ---\n${calls}`;
}

async function expectOk(answer: Promise<Answer>): Promise<Answer> {
	const result = await answer;
	if (result.status !== 200) throw new Error(`answered ${result.status}: ${JSON.stringify(result.body)}${explain()}`);
	return result;
}

const journalTexts = (objectId: string) => m42.journalOf(objectId).map((entry) => entry.Comments);
const sessionsOf = (objectId: string) => [...world.tv.state.sessions.values()].filter((session) => session.customId === `m42:${objectId}`);
const stateRows = (objectId: string) =>
	m42.query(STATE, { where: `ActivityId = '${objectId}'`, columns: 'SessionCode,History,NotedReports' }).map((row) => [row.SessionCode, row.History, row.NotedReports ?? '']);
/** The flows' own record of each closed session: [session code, history, noted report IDs]. */
const recordsOf = (objectId: string) => stateRows(objectId).filter(([, history]) => history !== 'invited');
/** The remote-session flow's record that a session's invitation went out: the session codes. */
const invitationsOf = (objectId: string) => stateRows(objectId).filter(([, history]) => history === 'invited').map(([code]) => code);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const leases = () => m42.query(STATE, { where: "SessionCode = 'lease'", columns: 'LeaseOwner,LeaseUntil' });
/** What Matrix42 answered to the journal entries the flows tried for one object since request `since`. */
const journalStatuses = (objectId: string, since = 0) =>
	m42.requests.slice(since).filter((r) => r.method === 'POST' && /\/journal\/Add$/i.test(r.path) && (r.body as { ObjectId?: string } | undefined)?.ObjectId === objectId).map((r) => r.status);
/** The flows' lookups of one activity by object id (the fragments query they run after a refused journal entry). */
const activityLookups = (objectId: string, since = 0) =>
	m42.requests.slice(since).filter((r) => r.method === 'GET' && /\/data\/fragments\/SPSActivityClassBase$/i.test(r.path) && String(r.query.where ?? '').includes(objectId)).map((r) => r.status);

/** Until no run holds the lease: the activated flow's own 5-minute schedule may be running at any moment. */
async function quiet(): Promise<void> {
	for (let attempt = 0; attempt < 60 && leases().length > 0; attempt++) await sleep(500);
	if (leases().length > 0) throw new Error(`a lease stayed: ${JSON.stringify(leases())}${explain()}`);
}

/**
 * A scheduled run ("Every 5 minutes") between a test's set-up and its sweep would do the test's work (and answer
 * nobody): when one is due within `ms`, wait until it has fired and finished.
 */
async function clearOfSchedule(ms = 25_000): Promise<void> {
	const due = nextFiveMinuteFire(path.join(FLOWS, 'collect-expired-sessions.json'));
	if (due - Date.now() < ms) {
		await sleep(due + 5_000 - Date.now());
		await quiet();
	}
}

/** The sweep ("run now"); a scheduled run that holds the lease at that moment makes it answer 409: try again. */
async function sweep(): Promise<Answer> {
	await quiet();
	for (let attempt = 0; attempt < 20; attempt++) {
		const answer = await callOnce('collect-expired', {});
		if (answer.status !== 409) return answer;
		await sleep(1_000);
	}
	throw new Error(`the sweep kept answering 409${explain()}`);
}

/** A fresh open activity (In Progress, initiator Max, technician Tom), so a test does not depend on the others. */
function newActivity(number: string, subject: string): string {
	m42.seed({ objects: [{ ci: 'SPSActivityTypeIncident', fragments: { SPSActivityClassBase: { TicketNumber: number, Subject: subject, State: 201, Initiator: demo.people.max.userId, ResponsibleUser: demo.people.tom.userId, CreatedDate: new Date().toISOString() } } }] });
	return String(m42.query('SPSActivityClassBase', { where: `TicketNumber = '${number}'`, columns: '[Expression-ObjectID] AS ObjectID' })[0].ObjectID);
}

const mailsTo = (address: string) => world.smtp.messages.filter((message) => message.to.includes(address));

const teamViewerIdOf = (name: string) => m42.query(COMPUTER, { where: `Name = '${name}'`, columns: TEAMVIEWER_ID_ATTRIBUTE })[0][TEAMVIEWER_ID_ATTRIBUTE];

beforeAll(async () => {
	m42 = await startMatrix42Simulator();
	demo = m42.seedDemo();
	world = await startItsmWorld(() => [m42.proxyRoute]);
	n8n = await N8n.start({
		credentials: [
			...world.credentials,
			{ id: 'm42WebhookAuth01', name: 'Matrix42 to n8n webhook', type: 'httpBasicAuth', data: WEBHOOK_USER },
			{ id: 'm42ApiToken00001', name: 'Matrix42 API token', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${demo.apiToken}` } },
		],
		workflows: readdirSync(FLOWS).filter((file) => file.endsWith('.json')).map((file) => path.join(FLOWS, file)),
		activate: ['m42Settings00001', ...FLOW_IDS],
		env: world.env,
	});
	// What a Matrix42 workflow on "activity closed" does: POST the activity id to the n8n webhook.
	m42.onActivityClosed({ url: `${n8n.url}/webhook/matrix42/teamviewer/activity-closed`, headers: { Authorization: basicAuth(WEBHOOK_USER) } });
}, 300_000);

afterAll(async () => {
	expect(await stopAll(n8n, world, m42)).toEqual([]);
});

/**
 * The sweep (collect expired sessions) is published, so n8n also runs it every 5 minutes, at a second of its
 * own choosing in the minute after each 5-minute mark (the asset sync at midnight, a mark too). Its Matrix42
 * calls would land among those a test counts (a CI run once saw a fourth token exchange): each test starts
 * well before a mark, or after the scheduled sweep of that mark has finished.
 */
async function clearOfTheScheduledSweep(): Promise<void> {
	const period = 5 * 60_000;
	for (;;) {
		const now = Date.now();
		const mark = Math.floor(now / period) * period;
		if (now - mark >= 75_000 && mark + period - now >= 20_000) return;
		if (now - mark < 75_000) {
			const runs = await n8n.executions('m42CollectExpired1', { includeData: false, limit: 20 });
			if (runs.some((run) => run.mode === 'trigger' && Date.parse(run.startedAt) >= mark && !['new', 'running'].includes(run.status))) return;
		}
		await new Promise((resolve) => setTimeout(resolve, 2000));
	}
}

beforeEach(clearOfTheScheduledSweep, 120_000);

describe('remote session for an activity', () => {
	it('gives an activity one session however often it is triggered, emails the initiator once and writes one journal entry', async () => {
		const outlook = demo.activities.TCK00001;
		const requestsBefore = m42.requests.length;

		const answers = [];
		for (let i = 0; i < 3; i++) answers.push(await expectOk(call('remote-session', { activityId: outlook.objectId })));

		expect(answers.map((answer) => answer.body.created)).toEqual([true, false, false]);
		expect(new Set(answers.map((answer) => answer.body.session_code)).size).toBe(1);
		const sessions = sessionsOf(outlook.objectId);
		expect(sessions).toHaveLength(1);
		const [session] = sessions;
		expect(answers[0].body).toEqual({
			activityId: outlook.objectId,
			session_code: session.code,
			created: true,
			supporter_link: session.supporter_link,
			end_customer_link: session.end_customer_link,
			valid_until: session.valid_until,
		});
		expect(session.end_customer).toEqual({ name: 'Max Mustermann', email: 'max.mustermann@example.com' });
		expect(session.description).toBe('TCK00001: Outlook crashes on start');
		expect(world.tv.state.groups.get(session.groupid)?.name).toBe('Matrix42');

		const mail = await world.smtp.waitFor((message) => message.to.includes('max.mustermann@example.com'), 15_000);
		expect(world.smtp.messages.filter((message) => message.to.includes('max.mustermann@example.com'))).toHaveLength(1);
		expect(mail.subject).toBe('Remote support for TCK00001');
		expect(mail.text).toContain('Hello Max Mustermann,');
		expect(mail.text).toContain('your technician Tom Techniker would like to help you with TCK00001 (Outlook crashes on start)');
		expect(mail.text).toContain(`Open this link to start the session: ${session.end_customer_link}`);

		const journal = m42.journalOf(outlook.objectId);
		expect(journal).toHaveLength(1);
		expect(invitationsOf(outlook.objectId)).toEqual([session.code]);
		expect(journal[0]).toMatchObject({
			Comments: `TeamViewer remote session ${session.code} created: customer link sent to max.mustermann@example.com, valid until ${session.valid_until}.\nSupporter link: ${session.supporter_link}`,
			VisibleInPortal: false,
			EntryType: 0,
			Creator: demo.integrationUser.userId,
		});

		// The API token was exchanged on every run, and only the RawTokens it gave reached the data endpoints.
		const calls = m42.requests.slice(requestsBefore);
		const exchanges = calls.filter((request) => /GenerateAccessTokenFromApiToken/.test(request.path));
		expect(exchanges.map((request) => [request.method, request.host, request.headers.authorization, request.status])).toEqual(
			Array(3).fill(['POST', 'matrix42.example.com', `Bearer ${demo.apiToken}`, 200]),
		);
		const dataCalls = calls.filter((request) => !exchanges.includes(request));
		// Presses 2 and 3 find the record of the invitation and send nothing.
		expect(dataCalls.map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /m42Services/api/data/fragments/SPSActivityClassBase',
			'POST /m42Services/api/journal/Add',
			`POST /m42Services/api/data/objects/${SESSION_STATE_CONFIGURATION_ITEM}`,
			'GET /m42Services/api/data/fragments/SPSActivityClassBase',
			`GET /m42Services/api/data/fragments/${STATE}`,
			'GET /m42Services/api/data/fragments/SPSActivityClassBase',
			`GET /m42Services/api/data/fragments/${STATE}`,
		]);
		for (const request of dataCalls) {
			expect(m42.accessTokens.map((token) => `Bearer ${token}`)).toContain(request.headers.authorization);
			expect(request.status).toBe(200);
		}
	});

	it('rejects a call without the webhook credentials with 401, and does nothing', async () => {
		const vpn = demo.activities.TCK00002;
		const requestsBefore = m42.requests.length;
		const sessionsBefore = world.tv.state.sessions.size;

		const answer = await call('remote-session', { activityId: vpn.objectId }, null);

		expect(answer.status).toBe(401);
		expect(m42.requests.length).toBe(requestsBefore);
		expect(world.tv.state.sessions.size).toBe(sessionsBefore);
		expect(journalTexts(vpn.objectId)).toEqual([]);
	});

	it('answers bad, unknown, closed and unreachable activities with the reason, and creates nothing', async () => {
		const sessionsBefore = world.tv.state.sessions.size;

		const answers = await Promise.all([
			call('remote-session', { activityId: 'TCK00002' }),
			callOnce('remote-session', { activityId: '00000000-0000-4000-a000-000000000000' }),
			call('remote-session', { activityId: demo.activities.TCK00005.objectId }),
			call('remote-session', { activityId: demo.activities.TCK00006.objectId }),
		]);

		expect(answers.map((answer) => [answer.status, answer.body.error])).toEqual([
			[400, '"activityId" must be the object id (GUID) of the activity; got "TCK00002".'],
			[404, 'There is no activity with the object id 00000000-0000-4000-a000-000000000000.'],
			[409, 'TCK00005 is closed; no remote session is created for a closed activity.'],
			[422, 'The initiator of TCK00006 has no email address, so the customer link cannot be sent.'],
		]);
		expect(world.tv.state.sessions.size).toBe(sessionsBefore);
		expect(journalTexts(demo.activities.TCK00005.objectId)).toEqual([]);
		expect(journalTexts(demo.activities.TCK00006.objectId)).toEqual([]);
	});
});

describe('remote session upstream failures', () => {
	it('answers 502 with TeamViewer\'s reason when the session cannot be created, and sends and writes nothing', async () => {
		const flaky = m42.query('SPSActivityClassBase', { where: "TicketNumber = 'INC00003'", columns: '[Expression-ObjectID] AS ObjectID' })[0].ObjectID as string;
		const mailsBefore = world.smtp.messages.length;
		world.tv.injectFault({ kind: 'status', method: 'POST', path: '^/api/v1/sessions$', status: 400, body: { error: 'invalid_request', error_description: 'Maximum number of concurrent sessions reached (licence limitation).' }, times: 1 });
		let answer: Answer;
		try {
			answer = await callOnce('remote-session', { activityId: flaky });
		} finally {
			world.tv.clearFaults();
		}

		expect(answer.status).toBe(502);
		expect(answer.body.error).toMatch(/^TeamViewer did not create the session \(.+\); nothing was sent and nothing was written\.$/);
		expect(sessionsOf(flaky)).toEqual([]);
		expect(world.smtp.messages.length).toBe(mailsBefore);
		expect(journalTexts(flaky)).toEqual([]);
	});

	it('answers 502 with the reason when Matrix42 cannot read the activity, and creates nothing', async () => {
		const flaky = m42.query('SPSActivityClassBase', { where: "TicketNumber = 'INC00003'", columns: '[Expression-ObjectID] AS ObjectID' })[0].ObjectID as string;
		const sessionsBefore = world.tv.state.sessions.size;
		m42.injectFault({ kind: 'status', method: 'GET', path: '/api/data/fragments/SPSActivityClassBase$', status: 500, body: { Message: 'An error has occurred.' }, times: 1 });
		let answer: Answer;
		try {
			answer = await callOnce('remote-session', { activityId: flaky });
		} finally {
			m42.clearFaults();
		}

		expect(answer.status).toBe(502);
		expect(answer.body.error).toMatch(new RegExp(`^Matrix42 could not read the activity ${flaky} \\(.+\\); nothing was created\\.$`));
		expect(world.tv.state.sessions.size).toBe(sessionsBefore);
	});
});

describe('collection when the activity closes', () => {
	it('closes the session first, journals the connections reported so far, and records the session as pending', async () => {
		const outlook = demo.activities.TCK00001;
		const [session] = sessionsOf(outlook.objectId);
		const report = world.tv.connectSession(session.code, {
			userId: world.sandbox.userIds[1],
			startedAt: new Date(world.tv.clock.nowMs() - 15 * 60_000).toISOString(),
			durationSeconds: 754,
			deviceName: 'LAPTOP-MAX-01',
		});

		const delivery = await m42.closeActivity(outlook.objectId, 'Outlook profile rebuilt.');

		if (delivery?.status !== 200) throw new Error(`close hook: ${JSON.stringify(delivery)}${explain()}`);
		expect(delivery.response).toMatchObject({ closed: 1, connections: 1, seconds: 754 });
		expect(world.tv.state.sessions.get(session.code)?.state).toBe('Closed');
		expect(report.username).toBe('Ben Backoffice');
		expect(journalTexts(outlook.objectId)).toHaveLength(3);
		expect(journalTexts(outlook.objectId).slice(1)).toEqual([
			'Outlook profile rebuilt.',
			[
				`TeamViewer session ${session.code} closed with the activity. Connections reported so far:`,
				`- ${report.start_date} to ${report.end_date}: 12 min 34 s, technician Ben Backoffice, device LAPTOP-MAX-01`,
				'Total so far: 12 min 34 s in 1 connection. A connection TeamViewer reports later is added here (checked for 60 minutes).',
			].join('\n'),
		]);
		expect(recordsOf(outlook.objectId)).toEqual([[session.code, 'pending', report.id]]);
		// No fixed wait for report lag is left in the flow.
		const flow = JSON.parse(readFileSync(path.join(FLOWS, 'collect-on-close.json'), 'utf8')) as { nodes: Array<{ type: string }> };
		expect(flow.nodes.filter((node) => node.type === 'n8n-nodes-base.wait')).toEqual([]);
	});

	it('never writes "no connection" at closing: a report logged 75 s after closing is added once by the sweep', async () => {
		const vpn = demo.activities.TCK00002;
		const invite = await expectOk(call('remote-session', { activityId: vpn.objectId }));
		const code = String(invite.body.session_code);
		world.tv.config.reportLagMs = 75_000;
		try {
			const report = world.tv.connectSession(code, { startedAt: new Date(world.tv.clock.nowMs() - 12_000).toISOString(), durationSeconds: 12, deviceName: 'LAPTOP-ERIKA-01' });

			const delivery = await m42.closeActivity(vpn.objectId);

			expect(delivery).toMatchObject({ status: 200, response: { closed: 1, connections: 0, seconds: 0 } });
			expect(world.tv.state.sessions.get(code)?.state).toBe('Closed');
			expect(journalTexts(vpn.objectId)).toEqual([
				expect.stringContaining(`TeamViewer remote session ${code} created`),
				`TeamViewer session ${code} closed with the activity. ${NO_REPORT_YET}`,
			]);
			expect(recordsOf(vpn.objectId)).toEqual([[code, 'pending', '']]);

			const early = await sweep();
			expect(early.status).toBe(200);
			expect(journalTexts(vpn.objectId)).toHaveLength(2);

			world.tv.clock.advance(76_000);
			const late = await sweep();

			expect(late.status).toBe(200);
			expect(journalTexts(vpn.objectId)).toHaveLength(3);
			expect(journalTexts(vpn.objectId)[2]).toBe(`TeamViewer session ${code}: connection reported after closing:\n- ${report.start_date} to ${report.end_date}: 0 min 12 s, technician ${report.username}, device LAPTOP-ERIKA-01`);
			expect(recordsOf(vpn.objectId)).toEqual([[code, 'pending', report.id]]);
			const again = await sweep();
			expect(again.status).toBe(200);
			expect(journalTexts(vpn.objectId)).toHaveLength(3);
			expect(journalTexts(vpn.objectId).filter((text) => /no connection took place|no session took place/i.test(text))).toEqual([]);
		} finally {
			world.tv.config.reportLagMs = 0;
			world.tv.clock.reset();
		}
	});

	it('leaves the journal alone for an activity that never had a session', async () => {
		const keyboard = demo.activities.TCK00006;

		const delivery = await m42.closeActivity(keyboard.objectId);

		expect(delivery).toMatchObject({ status: 200, response: { closed: 0, connections: 0 } });
		expect(journalTexts(keyboard.objectId)).toEqual([]);
	});

	it('notes "no connection took place" only for a session closed longer ago than historyWindowMinutes', async () => {
		const keyboard = demo.activities.TCK00006;
		const record = (code: string, closedMinutesAgo: number) => ({
			ci: SESSION_STATE_CONFIGURATION_ITEM,
			fragments: { [STATE]: { SessionCode: code, ActivityId: keyboard.objectId, History: 'pending', NotedReports: '', ClosedDate: new Date(Date.now() - closedMinutesAgo * 60_000).toISOString() } },
		});
		m42.seed({ objects: [record('s900-000-001', 120), record('s900-000-002', 1)] });

		const run = await sweep();

		expect(run.status).toBe(200);
		expect(journalTexts(keyboard.objectId)).toEqual(['TeamViewer session s900-000-001: no connection took place (TeamViewer reported none within 60 minutes of closing).']);
		expect(recordsOf(keyboard.objectId)).toEqual([['s900-000-001', 'none', ''], ['s900-000-002', 'pending', '']]);
		await sweep();
		expect(journalTexts(keyboard.objectId)).toHaveLength(1);
	});

	it('answers 502 naming what failed when Matrix42 refuses the journal entry, after closing the session', async () => {
		const camera = demo.activities.SRQ00004;
		const invite = await expectOk(call('remote-session', { activityId: camera.objectId }));
		m42.injectFault({ kind: 'status', method: 'POST', path: '/m42Services/api/journal/Add', status: 500, body: { Message: 'An error has occurred.' }, times: 1 });
		try {
			const answer = await callOnce('activity-closed', { activityId: camera.objectId });

			expect(answer.status).toBe(502);
			expect(answer.body).toMatchObject({ closed: 1, connections: 0 });
			expect(answer.body.error).toBe(`Matrix42 refused the journal entry for session ${invite.body.session_code} (HTTP 500: An error has occurred.).`);
		} finally {
			m42.clearFaults();
		}
		expect(world.tv.state.sessions.get(String(invite.body.session_code))?.state).toBe('Closed');
		// The record keeps nothing noted, so the sweep adds every report it later finds.
		expect(recordsOf(camera.objectId)).toEqual([[invite.body.session_code, 'pending', '']]);
	});
});

describe('nightly asset sync', () => {
	it('reads every page, links by TeamViewer ID (name only for the first link), clears IDs of devices TeamViewer no longer lists, and writes only changes', async () => {
		const devices = [...world.tv.state.devices.values()];
		const idOf = (alias: string) => String(devices.find((device) => device.alias === alias)!.teamviewer_id);
		const laptop = [...world.tv.state.managedDevices.values()].find((device) => device.name === 'LAPTOP-HR-01')!;
		m42.fragment(demo.assets['KIOSK-LOBBY'], COMPUTER)![TEAMVIEWER_ID_ATTRIBUTE] = idOf('KIOSK-LOBBY');
		// More computers than one page holds (the simulator answers at most maxPageSize = 100 rows a page).
		const bulk = Array.from({ length: 150 }, (_, index) => `BULK-${String(index + 1).padStart(3, '0')}`);
		m42.seed({ objects: bulk.map((name) => ({ ci: 'SPSComputerType', fragments: { [COMPUTER]: { Name: name } } })) });
		const requestsBefore = m42.requests.length;

		const answer = await expectOk(call('sync-assets', {}));

		const expected = [
			{ name: 'LAPTOP-HR-01', from: null, to: String(laptop.teamviewerId), source: 'managed device' },
			{ name: 'PC-ACCOUNTING-01', from: null, to: idOf('PC-ACCOUNTING-01'), source: 'Computers & Contacts' },
			{ name: 'pc-reception', from: null, to: idOf('PC-RECEPTION'), source: 'Computers & Contacts' },
			{ name: 'SRV-DB-01', from: '111111111', to: idOf('SRV-DB-01'), source: 'Computers & Contacts' },
		];
		expect(answer.body.updated).toEqual(expected);
		expect(answer.body.cleared).toEqual([{ name: 'WS-OLD-99', from: '222222222' }]);
		expect(answer.body.unchanged).toEqual(['KIOSK-LOBBY']);
		expect(answer.body.withoutDevice).toEqual(['PRINTER-2F-01', ...bulk].sort());
		expect(answer.body.ambiguous).toEqual([]);
		expect(answer.body.devicesWithoutComputer).toContain('PC-ACCOUNTING-02');
		expect(answer.body.devicesWithoutComputer).not.toContain('PC-ACCOUNTING-01');
		expect(answer.body.computers).toBe(157);
		for (const { name, to } of expected) expect(teamViewerIdOf(name)).toBe(to);
		expect(teamViewerIdOf('WS-OLD-99')).toBeNull();
		expect(teamViewerIdOf('PRINTER-2F-01')).toBeNull();
		const calls = m42.requests.slice(requestsBefore);
		const pages = calls.filter((request) => request.method === 'GET' && request.path.endsWith(`/data/fragments/${COMPUTER}`));
		expect(pages.map((request) => request.query.pagenumber)).toEqual(['0', '1', '2']);
		const writes = calls.filter((request) => request.method === 'PUT');
		expect(writes.map((request) => [request.path, request.status])).toEqual(Array(5).fill(['/m42Services/api/data/objects/SPSComputerType', 200]));

		const again = await expectOk(call('sync-assets', {}));
		expect(again.body.updated).toEqual([]);
		expect(again.body.cleared).toEqual([]);
		expect(again.body.unchanged).toHaveLength(5);
		expect(m42.requests.slice(requestsBefore).filter((request) => request.method === 'PUT')).toHaveLength(5);

		// A renamed computer keeps its link (the TeamViewer ID is the key); a device removed from TeamViewer loses it.
		m42.fragment(demo.assets['pc-reception'], COMPUTER)!.Name = 'FRONT-DESK-01';
		const kiosk = [...world.tv.state.devices.entries()].find(([, device]) => device.alias === 'KIOSK-LOBBY')!;
		world.tv.state.devices.delete(kiosk[0]);
		try {
			const third = await expectOk(call('sync-assets', {}));
			expect(third.body.updated).toEqual([]);
			expect(third.body.cleared).toEqual([{ name: 'KIOSK-LOBBY', from: idOf('KIOSK-LOBBY') }]);
			expect(third.body.unchanged).toContain('FRONT-DESK-01');
			expect(teamViewerIdOf('FRONT-DESK-01')).toBe(idOf('PC-RECEPTION'));
			expect(teamViewerIdOf('KIOSK-LOBBY')).toBeNull();
		} finally {
			world.tv.state.devices.set(kiosk[0], kiosk[1]);
			m42.fragment(demo.assets['pc-reception'], COMPUTER)!.Name = 'pc-reception';
			m42.fragment(demo.assets['KIOSK-LOBBY'], COMPUTER)![TEAMVIEWER_ID_ATTRIBUTE] = idOf('KIOSK-LOBBY');
		}
	});
});

describe('connect to asset', () => {
	it('answers the start.teamviewer.com link of a synced computer, and why not for the others', async () => {
		const accounting = String([...world.tv.state.devices.values()].find((device) => device.alias === 'PC-ACCOUNTING-01')!.teamviewer_id);

		const link = await expectOk(call('connect-asset', { assetId: demo.assets['PC-ACCOUNTING-01'] }));
		const printer = await callOnce('connect-asset', { assetId: demo.assets['PRINTER-2F-01'] });

		expect(link.body).toEqual({ asset: 'PC-ACCOUNTING-01', teamviewer_id: accounting, connect_link: `https://start.teamviewer.com/${accounting}` });
		expect([printer.status, printer.body.error]).toEqual([404, 'PRINTER-2F-01 has no TeamViewer ID; run the asset sync or fill in TeamViewerID.']);
	});

	it('answers 404 "There is no …" for an object id Matrix42 answers with null (the default) or with 404', async () => {
		const nobody = '00000000-0000-4000-a000-0000000000c0';
		const activity = demo.activities.TCK00001.objectId; // an object, but no computer
		const requestsBefore = m42.requests.length;

		expect(m42.missingObject).toBe('null');
		const answers = [await callOnce('connect-asset', { assetId: nobody }), await callOnce('connect-asset', { assetId: activity })];
		m42.missingObject = '404';
		try {
			answers.push(await callOnce('connect-asset', { assetId: nobody }));
		} finally {
			m42.missingObject = 'null';
		}

		expect(answers.map((answer) => [answer.status, answer.body.error])).toEqual([
			[404, `There is no SPSComputerType with the object id ${nobody}.`],
			[404, `There is no SPSComputerType with the object id ${activity}.`],
			[404, `There is no SPSComputerType with the object id ${nobody}.`],
		]);
		const reads = m42.requests.slice(requestsBefore).filter((request) => request.method === 'GET' && request.path.includes('/data/objects/'));
		expect(reads.map((request) => [request.path.split('/').pop(), request.status])).toEqual([[nobody, 200], [activity, 200], [nobody, 404]]);
	});

	it('answers 502 naming the computer when Matrix42 fails to read it, instead of n8n\'s bare 500', async () => {
		const accounting = demo.assets['PC-ACCOUNTING-01'];
		m42.injectFault({ kind: 'status', method: 'GET', path: '/m42Services/api/data/objects/', status: 500, body: { Message: 'An error has occurred.' }, times: 1 });
		let answer: Answer;
		try {
			answer = await callOnce('connect-asset', { assetId: accounting });
		} finally {
			m42.clearFaults();
		}

		expect([answer.status, answer.body.error]).toEqual([502, `Matrix42 did not return the computer ${accounting} (HTTP 500: An error has occurred.).`]);
	});
});

describe('collection of expired sessions', () => {
	beforeEach(() => clearOfSchedule());

	it('lets only one of two runs started together work; journals and closes each expired session once; a deleted activity does not block the others', async () => {
		const printer = demo.activities.INC00003.objectId;
		const scanner = newActivity('INC00091', 'Scanner jams');
		const gone = newActivity('INC00092', 'Deleted before its link expired');
		const invites = new Map<string, Answer>();
		for (const id of [printer, scanner, gone]) invites.set(id, await expectOk(call('remote-session', { activityId: id })));
		const codeOf = (id: string) => String(invites.get(id)!.body.session_code);
		const report = world.tv.connectSession(codeOf(printer), {
			userId: world.sandbox.userIds[2],
			startedAt: new Date(world.tv.clock.nowMs() - 20 * 60_000).toISOString(),
			durationSeconds: 305,
			deviceName: 'PC-PRINTROOM',
		});
		const strangerExpired = [...world.tv.state.sessions.values()].find((session) => session.state === 'Open' && !session.customId && Date.parse(session.valid_until) < world.tv.clock.nowMs())!;

		const early = await sweep();
		expect(early.status).toBe(200);
		expect(early.body).toMatchObject({ collected: 0, sessions: [], failures: [] });

		m42.state.objects.delete(gone);
		world.tv.clock.advance(25 * 3_600_000);
		try {
			await quiet();
			const requestsBefore = m42.requests.length;
			const answers = await Promise.all([callOnce('collect-expired', {}), callOnce('collect-expired', {})]);

			let worked: Answer;
			if (answers.every((answer) => answer.status === 200)) {
				// On a loaded machine n8n may start the second run only after the first released the lease: then they did
				// not overlap, and the later run must find nothing left to do (the journal checks below catch any double write).
				const idle = answers.filter((answer) => answer.body.sessions?.length === 0 && answer.body.skipped?.length === 0);
				if (idle.length !== 1) throw new Error(`two runs both worked: ${JSON.stringify(answers.map((answer) => answer.body))}${explain()}`);
				worked = answers.find((answer) => !idle.includes(answer))!;
			} else {
				expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
				worked = answers.find((answer) => answer.status === 200)!;
				expect(answers.find((answer) => answer.status === 409)!.body.error).toMatch(/^Another collection run holds the lease: n8n execution \d+ \(until .+\)\. This run left without writing anything\.$/);
			}
			if (worked.body.sessions.length === 0) throw new Error(`the run collected nothing: ${JSON.stringify(worked.body)}${explain()}`);
			const byCode = (a: { session_code: string }, b: { session_code: string }) => a.session_code.localeCompare(b.session_code);
			expect([...worked.body.sessions].sort(byCode)).toEqual(
				[
					{ activityId: printer, session_code: codeOf(printer), connections: 1, seconds: 305 },
					{ activityId: scanner, session_code: codeOf(scanner), connections: 0, seconds: 0 },
				].sort(byCode),
			);
			expect(worked.body.skipped).toEqual([`Session ${codeOf(gone)} was closed, but activity ${gone} no longer exists in Matrix42: nothing was written.`]);
			expect(worked.body.failures).toEqual([]);
			// Matrix42 (the simulator's default) refused the entry for the deleted activity with its generic 500; the flow
			// looked the activity up and found nothing, and only then called it gone.
			expect(journalStatuses(gone, requestsBefore)).toEqual([500]);
			expect(activityLookups(gone, requestsBefore)).toEqual([200]);
			expect(activityLookups(printer, requestsBefore)).toEqual([]);
			expect(journalTexts(printer).at(-1)).toBe(
				[
					`TeamViewer session ${codeOf(printer)} expired (link valid until ${invites.get(printer)!.body.valid_until}) and was closed. Connections reported so far:`,
					`- ${report.start_date} to ${report.end_date}: 5 min 05 s, technician Chloe Field, device PC-PRINTROOM`,
					'Total so far: 5 min 05 s in 1 connection. A connection TeamViewer reports later is added here (checked for 60 minutes).',
				].join('\n'),
			);
			expect(journalTexts(scanner)).toEqual([
				expect.stringContaining(`TeamViewer remote session ${codeOf(scanner)} created`),
				`TeamViewer session ${codeOf(scanner)} expired (link valid until ${invites.get(scanner)!.body.valid_until}) and was closed. ${NO_REPORT_YET}`,
			]);
			expect(journalTexts(printer)).toHaveLength(2);
			for (const id of [printer, scanner, gone]) expect(world.tv.state.sessions.get(codeOf(id))?.state).toBe('Closed');
			expect(world.tv.state.sessions.get(strangerExpired.code)?.state).toBe('Open');
			expect(m42.fragment(printer, 'SPSActivityClassBase')?.State).toBe(201);
			expect(recordsOf(printer)).toEqual([[codeOf(printer), 'pending', report.id]]);
			expect(recordsOf(scanner)).toEqual([[codeOf(scanner), 'pending', '']]);
			expect(recordsOf(gone)).toEqual([[codeOf(gone), 'orphaned', '']]);
			// Both runs released their claims (a scheduled run may be finishing: wait for it).
			await quiet();
			expect(leases()).toEqual([]);

			const again = await sweep();
			expect(again.status).toBe(200);
			expect(again.body).toMatchObject({ collected: 0, sessions: [], failures: [] });
			expect(journalTexts(printer)).toHaveLength(2);
			expect(journalTexts(scanner)).toHaveLength(2);
		} finally {
			world.tv.clock.reset();
		}
	});

	it.each([
		['500', 'INC00093', 'INC00094', 's901-000-001', 's901-000-002'],
		['404', 'INC00096', 'INC00097', 's901-000-003', 's901-000-004'],
	] as const)('goes on with the other sessions when the activity of a late entry was deleted (journal/Add answers %s), and reports it under skipped', async (answer, fineNumber, deletedNumber, deletedCode, fineCode) => {
		const fine = newActivity(fineNumber, 'Laptop fan loud');
		const deleted = newActivity(deletedNumber, 'Deleted after closing');
		const record = (activityId: string, code: string) => ({
			ci: SESSION_STATE_CONFIGURATION_ITEM,
			fragments: { [STATE]: { SessionCode: code, ActivityId: activityId, History: 'pending', NotedReports: '', ClosedDate: new Date(Date.now() - 90 * 60_000).toISOString() } },
		});
		m42.seed({ objects: [record(deleted, deletedCode), record(fine, fineCode)] });
		m42.state.objects.delete(deleted);
		const requestsBefore = m42.requests.length;
		m42.journalMissingObject = answer;
		let run: Answer;
		try {
			run = await sweep();
		} finally {
			m42.journalMissingObject = '500';
		}

		expect(run.status).toBe(200);
		expect(run.body.skipped).toEqual([`Activity ${deleted} of session ${deletedCode} no longer exists in Matrix42: its late history was not written.`]);
		expect(run.body.failures).toEqual([]);
		expect(run.body.late).toEqual(expect.arrayContaining([{ activityId: fine, session_code: fineCode, connections: 0, seconds: 0, history: 'none' }]));
		expect(journalStatuses(deleted, requestsBefore)).toEqual([Number(answer)]);
		expect(activityLookups(deleted, requestsBefore)).toEqual([200]);
		expect(journalTexts(fine)).toEqual([`TeamViewer session ${fineCode}: no connection took place (TeamViewer reported none within 60 minutes of closing).`]);
		expect(recordsOf(deleted)).toEqual([[deletedCode, 'orphaned', '']]);
		expect(recordsOf(fine)).toEqual([[fineCode, 'none', '']]);

		// An orphaned record is not tried again.
		const again = await sweep();
		expect(again.body.skipped).toEqual([]);
		expect(journalStatuses(deleted, requestsBefore)).toEqual([Number(answer)]);
	});

	it('answers 502 with the failures when Matrix42 refuses an entry with its generic 500 while the activity exists, keeps that session pending, and writes it once on the next run', async () => {
		const flaky = newActivity('INC00095', 'Journal refused once');
		m42.seed({ objects: [{ ci: SESSION_STATE_CONFIGURATION_ITEM, fragments: { [STATE]: { SessionCode: 's902-000-001', ActivityId: flaky, History: 'pending', NotedReports: '', ClosedDate: new Date(Date.now() - 90 * 60_000).toISOString() } } }] });
		await quiet(); // a scheduled sweep would take the injected fault
		const requestsBefore = m42.requests.length;
		m42.injectFault({ kind: 'status', method: 'POST', path: '/m42Services/api/journal/Add', status: 500, body: { Message: 'An error has occurred.' }, times: 1 });
		let failed: Answer;
		try {
			failed = await sweep();
		} finally {
			m42.clearFaults();
		}

		expect(failed.status).toBe(502);
		// The same answer Matrix42 gives for a deleted activity: the lookup finds this one, so it is a failure, not skipped.
		expect(failed.body.failures).toEqual(['Matrix42 refused the late-connection entry for session s902-000-001 (HTTP 500: An error has occurred.); the next run tries again.']);
		expect(failed.body.skipped).toEqual([]);
		expect(failed.body.error).toBe(failed.body.failures[0]);
		expect(journalStatuses(flaky, requestsBefore)).toEqual([500]);
		expect(activityLookups(flaky, requestsBefore)).toEqual([200]);
		expect(recordsOf(flaky)).toEqual([['s902-000-001', 'pending', '']]);
		await quiet();
		expect(leases()).toEqual([]);

		const retried = await sweep();
		expect(retried.status).toBe(200);
		expect(journalTexts(flaky)).toEqual(['TeamViewer session s902-000-001: no connection took place (TeamViewer reported none within 60 minutes of closing).']);
		expect(recordsOf(flaky)).toEqual([['s902-000-001', 'none', '']]);
	});
});

describe('presses at the same moment, and an invitation that failed half way', () => {
	it('invites once when the action is triggered twice at the same moment: one session, one email, one journal entry', async () => {
		await quiet(); // no scheduled sweep mid-test
		const monitor = newActivity('INC00081', 'Second monitor stays black');

		const answers = await Promise.all([callOnce('remote-session', { activityId: monitor }), callOnce('remote-session', { activityId: monitor })]);

		expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
		expect(answers.map((answer) => answer.body.created).sort()).toEqual([false, true]);
		const sessions = sessionsOf(monitor).filter((session) => session.state === 'Open');
		expect(sessions).toHaveLength(1);
		expect(answers.map((answer) => answer.body.session_code)).toEqual([sessions[0].code, sessions[0].code]);
		await sleep(1_000); // an email sent twice would have arrived by now
		expect(mailsTo('max.mustermann@example.com').filter((mail) => mail.text.includes(sessions[0].end_customer_link))).toHaveLength(1);
		expect(journalTexts(monitor)).toHaveLength(1);
		expect(invitationsOf(monitor)).toEqual([sessions[0].code]);
	});

	it('answers 502 when the mail relay refuses the initiator, writes nothing, and the next trigger sends the email', async () => {
		const headset = newActivity('INC00082', 'Headset not recognised');
		world.smtp.refuseRecipient('max.mustermann@example.com');
		let failed: Answer;
		try {
			failed = await callOnce('remote-session', { activityId: headset });
		} finally {
			world.smtp.acceptAllRecipients();
		}
		const [session] = sessionsOf(headset);

		expect(failed.status).toBe(502);
		expect(failed.body.error).toMatch(new RegExp(`^TeamViewer session ${session.code} was created, but the email to max\\.mustermann@example\\.com failed \\(.+\\)\\. Nothing was written to the journal; trigger the action again to send it\\.$`));
		expect(journalTexts(headset)).toEqual([]);
		expect(invitationsOf(headset)).toEqual([]);

		const again = await expectOk(call('remote-session', { activityId: headset }));

		expect([again.body.session_code, again.body.created]).toEqual([session.code, false]);
		await world.smtp.waitFor((mail) => mail.text.includes(session.end_customer_link), 15_000);
		expect(mailsTo('max.mustermann@example.com').filter((mail) => mail.text.includes(session.end_customer_link))).toHaveLength(1);
		expect(journalTexts(headset)).toHaveLength(1);
		expect(invitationsOf(headset)).toEqual([session.code]);

		await expectOk(call('remote-session', { activityId: headset }));
		expect(mailsTo('max.mustermann@example.com').filter((mail) => mail.text.includes(session.end_customer_link))).toHaveLength(1);
	});

	it('answers 502 when Matrix42 refuses the journal entry, and the next trigger writes it (emailing the link again)', async () => {
		const dock = newActivity('INC00083', 'Docking station loses the network');
		m42.injectFault({ kind: 'status', method: 'POST', path: '/m42Services/api/journal/Add', status: 500, body: { Message: 'An error has occurred.' }, times: 1 });
		let failed: Answer;
		try {
			failed = await callOnce('remote-session', { activityId: dock });
		} finally {
			m42.clearFaults();
		}
		const [session] = sessionsOf(dock);

		expect(failed.status).toBe(502);
		expect(failed.body.error).toMatch(new RegExp(`^TeamViewer session ${session.code} was created and the customer link emailed, but Matrix42 refused the journal entry \\(.+\\); trigger the action again to write it \\(the link is emailed again with it\\)\\.$`));
		expect(invitationsOf(dock)).toEqual([]);

		await expectOk(call('remote-session', { activityId: dock }));

		expect(journalTexts(dock)).toHaveLength(1);
		expect(invitationsOf(dock)).toEqual([session.code]);
		await world.smtp.waitFor((mail) => mail.text.includes(session.end_customer_link) && mailsTo('max.mustermann@example.com').filter((m) => m.text.includes(session.end_customer_link)).length === 2, 15_000);
	});

	it('answers 502 when Matrix42 refuses the session record, and says the next trigger emails again', async () => {
		await quiet(); // a scheduled sweep's lease claim would take the injected fault
		const mouse = newActivity('INC00084', 'Mouse pointer jumps');
		m42.injectFault({ kind: 'status', method: 'POST', path: `/m42Services/api/data/objects/${SESSION_STATE_CONFIGURATION_ITEM}`, status: 500, body: { Message: 'An error has occurred.' }, times: 1 });
		let failed: Answer;
		try {
			failed = await callOnce('remote-session', { activityId: mouse });
		} finally {
			m42.clearFaults();
		}
		const [session] = sessionsOf(mouse);

		expect(failed.status).toBe(502);
		expect(failed.body.error).toBe(`TeamViewer session ${session.code} was created, the customer link emailed and the journal written, but Matrix42 refused the session record (HTTP 500: An error has occurred.): the next press will email the link again.`);
		expect(journalTexts(mouse)).toHaveLength(1);
		expect(invitationsOf(mouse)).toEqual([]);
	});
});

describe('Matrix42 authentication', () => {
	it('fails with a clear message when Matrix42 refuses to exchange the API token', async () => {
		const record = m42.state.apiTokens.get(demo.apiToken)!;
		const requestsBefore = m42.requests.length;
		const runsBefore = new Set((await n8n.executions('m42ConnectAsset001', { includeData: false })).map((execution) => execution.id));
		record.disabled = true;
		try {
			const answer = await callOnce('connect-asset', { assetId: demo.assets['PC-ACCOUNTING-01'] });
			expect(answer.status).toBe(502);
			expect(answer.body.error).toMatch(/^Matrix42 did not exchange the API token \(it answered null\): the token is unknown, disabled or expired\./);
			expect(JSON.stringify(answer.body)).not.toContain(demo.apiToken);
		} finally {
			record.disabled = false;
		}

		expect(m42.requests.slice(requestsBefore).map((request) => [request.path, request.status, request.body])).toEqual([
			['/m42Services/api/ApiToken/GenerateAccessTokenFromApiToken/', 200, undefined],
		]);
		// n8n answers at the Respond node and ends the run at the Stop node right after: wait for it to be saved.
		const run = await eventually('the refused run to end', async () => {
			const latest = (await n8n.executions('m42ConnectAsset001')).find((execution) => !runsBefore.has(execution.id));
			return latest && !['running', 'new', 'waiting'].includes(latest.status) ? latest : undefined;
		}, 15_000);
		expect(run.status).toBe('error');
		expect(run.data.resultData.error?.message).toContain('Matrix42 did not exchange the API token (it answered null)');
	});

	it('sent the API token only to the exchange, and only exchanged RawTokens anywhere else', () => {
		const rawTokens = new Set(m42.accessTokens.map((token) => `Bearer ${token}`));
		const exchanges = m42.requests.filter((request) => /GenerateAccessTokenFromApiToken/.test(request.path));
		const others = m42.requests.filter((request) => !exchanges.includes(request));

		expect(exchanges.filter((request) => request.headers.authorization !== `Bearer ${demo.apiToken}`)).toEqual([]);
		// One fresh RawToken per successful exchange (the refused one above issued none).
		expect(exchanges.filter((request) => request.status === 200).length).toBe(rawTokens.size + 1);
		expect(others.length).toBeGreaterThan(20);
		expect(others.filter((request) => !rawTokens.has(request.headers.authorization ?? ''))).toEqual([]);
	});
});
