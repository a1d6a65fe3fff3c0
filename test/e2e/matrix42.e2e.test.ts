/**
 * The Matrix42 flows, as shipped, in a real n8n: their HTTP Request nodes call
 * `https://matrix42.example.com/m42Services/api/…`, which the TLS proxy hands to the Matrix42 simulator;
 * the TeamViewer node talks to the TeamViewer sandbox and Send Email to the SMTP capture.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import type { DemoInfo, Matrix42Simulator } from '../simulators/matrix42';
import { startMatrix42Simulator, TEAMVIEWER_ID_ATTRIBUTE } from '../simulators/matrix42';
import { diagnostics } from './diagnostics';
import { basicAuth, startItsmWorld, stopAll } from './itsm';
import type { ItsmWorld } from './itsm';
import { N8n } from './n8n';
import { ROOT } from './runtime';

const FLOWS = path.join(ROOT, 'workflows/matrix42');
const WEBHOOK_USER = { user: 'matrix42', password: 'e2e-M42-Webhook-Pa55' };
const FLOW_IDS = ['m42RemoteSession01', 'm42CollectOnClose1', 'm42CollectExpired1', 'm42AssetSync000001', 'm42ConnectAsset001'];
const COMPUTER = 'SPSComputerClassBase';

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
	const calls = m42.requests.slice(-20).map((r) => `  ${r.method} ${r.path} → ${r.status}`).join('\n');
	return `${diagnostics(n8n, world?.tv)}--- Matrix42 requests ---\n${calls}`;
}

async function expectOk(answer: Promise<Answer>): Promise<Answer> {
	const result = await answer;
	if (result.status !== 200) throw new Error(`answered ${result.status}: ${JSON.stringify(result.body)}${explain()}`);
	return result;
}

const journalTexts = (objectId: string) => m42.journalOf(objectId).map((entry) => entry.Comments);
const sessionsOf = (objectId: string) => [...world.tv.state.sessions.values()].filter((session) => session.customId === `m42:${objectId}`);
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
		activate: FLOW_IDS,
		env: world.env,
	});
	// What a Matrix42 workflow on "activity closed" does: POST the activity id to the n8n webhook.
	m42.onActivityClosed({ url: `${n8n.url}/webhook/matrix42/teamviewer/activity-closed`, headers: { Authorization: basicAuth(WEBHOOK_USER) } });
}, 300_000);

afterAll(async () => {
	expect(await stopAll(n8n, world, m42)).toEqual([]);
});

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
		expect(dataCalls.map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /m42Services/api/data/fragments/SPSActivityClassBase',
			'POST /m42Services/api/journal/Add',
			'GET /m42Services/api/data/fragments/SPSActivityClassBase',
			'GET /m42Services/api/data/fragments/SPSActivityClassBase',
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

describe('collection when the activity closes', () => {
	it('closes the session and journals each connection with duration and technician', async () => {
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
		expect(delivery.response).toEqual({ closed: 1, connections: 1, seconds: 754 });
		expect(world.tv.state.sessions.get(session.code)?.state).toBe('Closed');
		expect(report.username).toBe('Ben Backoffice');
		expect(journalTexts(outlook.objectId)).toHaveLength(3);
		expect(journalTexts(outlook.objectId).slice(1)).toEqual([
			'Outlook profile rebuilt.',
			[
				`TeamViewer session ${session.code} closed with the activity. Connections:`,
				`- ${report.start_date} to ${report.end_date}: 12 min 34 s, technician Ben Backoffice, device LAPTOP-MAX-01`,
				'Total: 12 min 34 s in 1 connection.',
			].join('\n'),
		]);
	});

	it('says that no session took place when nobody connected', async () => {
		const vpn = demo.activities.TCK00002;
		const invite = await expectOk(call('remote-session', { activityId: vpn.objectId }));

		const delivery = await m42.closeActivity(vpn.objectId);

		expect(delivery?.response).toEqual({ closed: 1, connections: 0, seconds: 0 });
		expect(journalTexts(vpn.objectId)).toEqual([
			expect.stringContaining(`TeamViewer remote session ${invite.body.session_code} created`),
			`TeamViewer session ${invite.body.session_code} closed with the activity. No session took place: nobody connected.`,
		]);
		expect(world.tv.state.sessions.get(String(invite.body.session_code))?.state).toBe('Closed');
	});

	it('leaves the journal alone for an activity that never had a session', async () => {
		const keyboard = demo.activities.TCK00006;

		const delivery = await m42.closeActivity(keyboard.objectId);

		expect(delivery).toMatchObject({ status: 200, response: { closed: 0, connections: 0 } });
		expect(journalTexts(keyboard.objectId)).toEqual([]);
	});
});

describe('nightly asset sync', () => {
	it('writes the TeamViewer ID of each device into the computer of the same name, and only where it changed', async () => {
		const devices = [...world.tv.state.devices.values()];
		const idOf = (alias: string) => String(devices.find((device) => device.alias === alias)!.teamviewer_id);
		const laptop = [...world.tv.state.managedDevices.values()].find((device) => device.name === 'LAPTOP-HR-01')!;
		m42.fragment(demo.assets['KIOSK-LOBBY'], COMPUTER)![TEAMVIEWER_ID_ATTRIBUTE] = idOf('KIOSK-LOBBY');
		const requestsBefore = m42.requests.length;

		const answer = await expectOk(call('sync-assets', {}));

		const expected = [
			{ name: 'LAPTOP-HR-01', from: null, to: String(laptop.teamviewerId), source: 'managed device' },
			{ name: 'PC-ACCOUNTING-01', from: null, to: idOf('PC-ACCOUNTING-01'), source: 'Computers & Contacts' },
			{ name: 'pc-reception', from: null, to: idOf('PC-RECEPTION'), source: 'Computers & Contacts' },
			{ name: 'SRV-DB-01', from: '111111111', to: idOf('SRV-DB-01'), source: 'Computers & Contacts' },
		];
		const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
		expect([...answer.body.updated].sort(byName)).toEqual([...expected].sort(byName));
		expect(answer.body.unchanged).toEqual(['KIOSK-LOBBY']);
		expect(answer.body.withoutDevice).toEqual(['PRINTER-2F-01', 'WS-OLD-99']);
		expect(answer.body.devicesWithoutComputer).toContain('PC-ACCOUNTING-02');
		expect(answer.body.devicesWithoutComputer).not.toContain('PC-ACCOUNTING-01');
		expect(answer.body.computers).toBe(7);
		for (const { name, to } of expected) expect(teamViewerIdOf(name)).toBe(to);
		expect(teamViewerIdOf('KIOSK-LOBBY')).toBe(idOf('KIOSK-LOBBY'));
		expect(teamViewerIdOf('WS-OLD-99')).toBe('222222222');
		expect(teamViewerIdOf('PRINTER-2F-01')).toBeNull();
		const writes = m42.requests.slice(requestsBefore).filter((request) => request.method === 'PUT');
		expect(writes.map((request) => [request.path, request.status])).toEqual(Array(4).fill(['/m42Services/api/data/objects/SPSComputerType', 200]));

		const again = await expectOk(call('sync-assets', {}));
		expect(again.body.updated).toEqual([]);
		expect(again.body.unchanged).toHaveLength(5);
		expect(m42.requests.slice(requestsBefore).filter((request) => request.method === 'PUT')).toHaveLength(4);
	});
});

describe('connect to asset', () => {
	it('answers the start.teamviewer.com link of a synced computer, and why not for the others', async () => {
		const accounting = String([...world.tv.state.devices.values()].find((device) => device.alias === 'PC-ACCOUNTING-01')!.teamviewer_id);

		const link = await expectOk(call('connect-asset', { assetId: demo.assets['PC-ACCOUNTING-01'] }));
		const printer = await callOnce('connect-asset', { assetId: demo.assets['PRINTER-2F-01'] });
		const unknown = await callOnce('connect-asset', { assetId: demo.activities.TCK00001.objectId });

		expect(link.body).toEqual({ asset: 'PC-ACCOUNTING-01', teamviewer_id: accounting, connect_link: `https://start.teamviewer.com/${accounting}` });
		expect([printer.status, printer.body.error]).toEqual([404, 'PRINTER-2F-01 has no TeamViewer ID; run the asset sync or fill in TeamViewerID.']);
		expect([unknown.status, unknown.body.error]).toEqual([404, `There is no SPSComputerType with the object id ${demo.activities.TCK00001.objectId}.`]);
	});
});

describe('collection of expired sessions', () => {
	it('journals and closes the sessions whose link expired on TeamViewer\'s clock, without waiting for the activity to close', async () => {
		const printer = demo.activities.INC00003;
		const camera = demo.activities.SRQ00004;
		const printerInvite = await expectOk(call('remote-session', { activityId: printer.objectId }));
		const cameraInvite = await expectOk(call('remote-session', { activityId: camera.objectId }));
		const printerCode = String(printerInvite.body.session_code);
		const cameraCode = String(cameraInvite.body.session_code);
		const report = world.tv.connectSession(printerCode, {
			userId: world.sandbox.userIds[2],
			startedAt: new Date(world.tv.clock.nowMs() - 20 * 60_000).toISOString(),
			durationSeconds: 305,
			deviceName: 'PC-PRINTROOM',
		});
		const strangerExpired = [...world.tv.state.sessions.values()].find((session) => session.state === 'Open' && !session.customId && Date.parse(session.valid_until) < world.tv.clock.nowMs())!;

		const early = await expectOk(call('collect-expired', {}));
		expect(early.body).toEqual({ collected: 0, sessions: [] });

		world.tv.clock.advance(25 * 3_600_000);
		const late = await expectOk(call('collect-expired', {}));

		expect([...late.body.sessions].sort((a, b) => a.session_code.localeCompare(b.session_code))).toEqual(
			[
				{ activityId: printer.objectId, session_code: printerCode, connections: 1, seconds: 305 },
				{ activityId: camera.objectId, session_code: cameraCode, connections: 0, seconds: 0 },
			].sort((a, b) => a.session_code.localeCompare(b.session_code)),
		);
		expect(journalTexts(printer.objectId).at(-1)).toBe(
			[
				`TeamViewer session ${printerCode} expired (link valid until ${printerInvite.body.valid_until}) and was closed. Connections:`,
				`- ${report.start_date} to ${report.end_date}: 5 min 05 s, technician Chloe Field, device PC-PRINTROOM`,
				'Total: 5 min 05 s in 1 connection.',
			].join('\n'),
		);
		expect(journalTexts(camera.objectId).at(-1)).toBe(
			`TeamViewer session ${cameraCode} expired (link valid until ${cameraInvite.body.valid_until}) and was closed. No session took place: nobody connected before the link expired.`,
		);
		expect(world.tv.state.sessions.get(printerCode)?.state).toBe('Closed');
		expect(world.tv.state.sessions.get(cameraCode)?.state).toBe('Closed');
		expect(world.tv.state.sessions.get(strangerExpired.code)?.state).toBe('Open');
		expect(m42.fragment(printer.objectId, 'SPSActivityClassBase')?.State).toBe(201);

		const again = await expectOk(call('collect-expired', {}));
		expect(again.body).toEqual({ collected: 0, sessions: [] });
		expect(journalTexts(printer.objectId)).toHaveLength(2);
		expect(journalTexts(camera.objectId)).toHaveLength(2);
	});
});

describe('Matrix42 authentication', () => {
	it('fails with a clear message when Matrix42 refuses to exchange the API token', async () => {
		const record = m42.state.apiTokens.get(demo.apiToken)!;
		const requestsBefore = m42.requests.length;
		record.disabled = true;
		try {
			const answer = await callOnce('connect-asset', { assetId: demo.assets['PC-ACCOUNTING-01'] });
			expect(answer.status).toBe(500);
		} finally {
			record.disabled = false;
		}

		expect(m42.requests.slice(requestsBefore).map((request) => [request.path, request.status, request.body])).toEqual([
			['/m42Services/api/ApiToken/GenerateAccessTokenFromApiToken/', 200, undefined],
		]);
		const [run] = await n8n.executions('m42ConnectAsset001');
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
