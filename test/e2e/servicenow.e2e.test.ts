/**
 * The ServiceNow flows, as shipped, in a real n8n: n8n's own ServiceNow, Twilio and Send Email nodes
 * reach the ServiceNow simulator, the SMS sink and the SMTP capture (the first two through the TLS
 * proxy, as if they were *.service-now.com and api.twilio.com).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { ServiceNowSimulator, SnRecord } from '../simulators/servicenow';
import { DEMO_INTEGRATION_USER, startServiceNowSimulator } from '../simulators/servicenow';
import { ALL_PERMISSIONS } from '../simulators/teamviewer';
import { diagnostics } from './diagnostics';
import { basicAuth, eventually, startItsmWorld, WEBHOOK_USER, stopAll } from './itsm';
import type { ItsmWorld } from './itsm';
import { N8n } from './n8n';
import { ROOT } from './runtime';

const FLOWS = path.join(ROOT, 'workflows/servicenow');

let sn: ServiceNowSimulator;
let world: ItsmWorld;
let n8n: N8n;

function task(shortDescription: string): { table: string; sys_id: string; number: string; record: SnRecord } {
	for (const table of ['incident', 'problem', 'change_request', 'sc_req_item']) {
		const [record] = sn.find(table, (candidate) => candidate.short_description === shortDescription);
		if (record) return { table, sys_id: String(record.sys_id), number: String(record.number), record };
	}
	throw new Error(`no task "${shortDescription}"`);
}

const notesOf = (sysId: string) => sn.journal.filter((entry) => entry.sys_id === sysId && entry.element === 'work_notes').map((entry) => entry.value);

async function call(webhookPath: string, body: unknown, auth: string | null = basicAuth(WEBHOOK_USER)) {
	const response = await n8n.webhook(`servicenow/teamviewer/${webhookPath}`, { body, headers: auth ? { Authorization: auth } : {} });
	return response as { status: number; body: Record<string, unknown> };
}

function explain(): string {
	return diagnostics(n8n, world?.tv) + `\n--- ServiceNow requests ---\n${sn.requests.slice(-20).map((r) => `  ${r.method} ${r.path} → ${r.status}`).join('\n')}`;
}

beforeAll(async () => {
	sn = await startServiceNowSimulator({ seed: 'demo' });
	sn.seed({ tables: { x_tv_sync_state: [] } });
	world = await startItsmWorld(() => [sn.proxyRoute]);
	n8n = await N8n.start({
		credentials: [
			...world.credentials,
			{ id: 'snInstance000001', name: 'ServiceNow instance', type: 'serviceNowBasicApi', data: { user: DEMO_INTEGRATION_USER.user_name, password: DEMO_INTEGRATION_USER.password, subdomain: sn.instance } },
			{ id: 'snWebhookAuth001', name: 'ServiceNow to n8n webhook', type: 'httpBasicAuth', data: WEBHOOK_USER },
		],
		workflows: readdirSync(FLOWS).filter((file) => file.endsWith('.json')).map((file) => path.join(FLOWS, file)),
		activate: ['snInviteByEmail01', 'snPilotInviteSms1', 'snCloseAndLog0001', 'snReportSync00001', 'snUnattendedDev01', 'snVerifyToken0001', 'snCustomerOnline01'],
		env: world.env,
	});
}, 300_000);

afterAll(async () => {
	expect(await stopAll(n8n, world, sn)).toEqual([]);
});

describe('remote support from a task record', () => {
	it('gives a task one session however often the button is pressed, emails the link once and notes it', async () => {
		const outlook = task('Outlook crashes on start');
		const request = { table: outlook.table, sys_id: outlook.sys_id, action: 'remote' };

		const answers = [await call('invite', request), await call('invite', request), await call('invite', request)];

		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
		const codes = new Set(answers.map((answer) => answer.body.session_code));
		expect(codes.size).toBe(1);
		expect(answers.map((answer) => answer.body.created)).toEqual([true, false, false]);
		const sessions = [...world.tv.state.sessions.values()].filter((session) => session.customId === `${outlook.table}:${outlook.sys_id}`);
		expect(sessions).toHaveLength(1);
		const [session] = sessions;
		expect(session.end_customer).toEqual({ name: 'Abel Tuter', email: 'abel.tuter@example.com' });
		expect(session.description).toBe(`${outlook.number}: Outlook crashes on start`);
		expect(answers[0].body.supporter_link).toBe(session.supporter_link);

		const mail = await world.smtp.waitFor((message) => message.to.includes('abel.tuter@example.com'));
		expect(world.smtp.messages.filter((message) => message.to.includes('abel.tuter@example.com'))).toHaveLength(1);
		expect(mail.subject).toBe(`Remote support for ${outlook.number}`);
		expect(mail.text).toContain('Hello Abel Tuter,');
		expect(mail.text).toContain(session.end_customer_link);
		expect(mail.text).toContain('your technician Beth Anglin');
		expect(mail.text).toContain(`${outlook.number} (Outlook crashes on start)`);
		const notes = notesOf(outlook.sys_id);
		expect(notes).toHaveLength(1);
		expect(notes[0]).toContain(`TeamViewer remote control session ${session.code}: customer link emailed to abel.tuter@example.com, valid until ${session.valid_until}.`);
		expect(notes[0]).toContain(`Supporter link: ${session.supporter_link}`);
		expect(sn.find('x_tv_session', (row) => row.u_task_sys_id === outlook.sys_id).map((row) => [row.u_session_code, row.u_state])).toEqual([[session.code, 'open']]);
	});

	it('rejects a call without the webhook credentials with 401, and does nothing', async () => {
		const vpn = task('VPN drops every few minutes');
		const sessionsBefore = world.tv.state.sessions.size;
		const snRequestsBefore = sn.requests.length;

		const response = await call('invite', { table: vpn.table, sys_id: vpn.sys_id, action: 'remote' }, null);

		expect(response.status).toBe(401);
		expect(world.tv.state.sessions.size).toBe(sessionsBefore);
		expect(sn.requests.length).toBe(snRequestsBefore);
		expect(notesOf(vpn.sys_id)).toEqual([]);
	});

	it('answers 400 with the reason for a table it does not serve', async () => {
		const response = await call('invite', { table: 'sys_user', sys_id: '0'.repeat(32), action: 'remote' });

		expect(response.status).toBe(400);
		expect(String(response.body.error)).toContain('"table" must be one of incident, problem, change_request, sc_req_item');
	});
});

describe('Pilot invite by SMS', () => {
	it('texts the customer link to the caller\'s international mobile number', async () => {
		const mail = task('Mail server restarts every night');

		const response = await call('pilot-sms', { table: mail.table, sys_id: mail.sys_id });

		if (response.status !== 200) throw new Error(`pilot-sms answered ${response.status}: ${JSON.stringify(response.body)}${explain()}`);
		const session = [...world.tv.state.sessions.values()].find((candidate) => candidate.customId === `${mail.table}:${mail.sys_id}:pilot`)!;
		expect(session.support_session_type).toBe('Pilot');
		const sms = await world.sms.waitFor((message) => message.to === '+4915112345678');
		expect(sms.body).toContain(session.end_customer_link);
		expect(sms.body).toContain(mail.number);
		expect(notesOf(mail.sys_id).at(-1)).toContain(`customer link sent by SMS to +4915112345678`);
	});

	it('sends nothing for a mobile number that is not international, and notes why', async () => {
		const vpn = task('VPN drops every few minutes');
		const smsBefore = world.sms.messages.length;
		const postsBefore = world.tv.requests.filter((request) => request.method === 'POST').length;

		const response = await call('pilot-sms', { table: vpn.table, sys_id: vpn.sys_id });

		expect(response.status).toBe(422);
		expect(String(response.body.error)).toContain('"0151 2345678" is not in international format');
		expect(world.sms.messages.length).toBe(smsBefore);
		expect(world.tv.requests.filter((request) => request.method === 'POST').length).toBe(postsBefore);
		expect(notesOf(vpn.sys_id).at(-1)).toContain('TeamViewer Pilot invite NOT sent: the caller\'s mobile number "0151 2345678" is not in international format');
	});
});

describe('close and log history', () => {
	it('closes the session and notes each connection with start, end, duration, technician and device', async () => {
		const outlook = task('Outlook crashes on start');
		const [row] = sn.find('x_tv_session', (candidate) => candidate.u_task_sys_id === outlook.sys_id && candidate.u_state === 'open');
		const code = String(row.u_session_code);
		const report = world.tv.connectSession(code, { startedAt: new Date(Date.now() - 30 * 60_000).toISOString(), durationSeconds: 754, deviceName: 'LAPTOP-ABEL-01' });

		const response = await call('close', { table: outlook.table, sys_id: outlook.sys_id });

		if (response.status !== 200) throw new Error(`close answered ${response.status}: ${JSON.stringify(response.body)}${explain()}`);
		expect(response.body).toEqual({ closed: 1, connections: 1 });
		expect(world.tv.state.sessions.get(code)?.state).toBe('Closed');
		const note = notesOf(outlook.sys_id).at(-1)!;
		expect(note).toContain(`TeamViewer session ${code} closed. Connection history:`);
		expect(note).toContain(`- ${report.start_date} to ${report.end_date} (12 min 34 s), technician ${report.username}, device LAPTOP-ABEL-01`);
		const history = await eventually('the history row', () => sn.find('x_tv_connection_report', (candidate) => candidate.u_report_id === report.id)[0]);
		expect(history).toMatchObject({ u_session_code: code, u_task_sys_id: outlook.sys_id, u_duration_seconds: '754', u_technician: report.username, u_kind: 'attended' });
		await eventually('the session row closed', () => sn.record('x_tv_session', String(row.sys_id))?.u_state === 'closed');
	});

	it('says so when nobody ever connected', async () => {
		const change = task('Upgrade Outlook on LAPTOP-ABEL-01');
		const invite = await call('invite', { table: change.table, sys_id: change.sys_id, action: 'remote' });

		const response = await call('close', { table: change.table, sys_id: change.sys_id });

		expect(response.body).toEqual({ closed: 1, connections: 0 });
		expect(notesOf(change.sys_id).at(-1)).toBe(`TeamViewer session ${invite.body.session_code} closed. No connection took place: nobody connected before it was closed.`);
	});
});

describe('scheduled report sync', () => {
	async function syncAndWait(runsBefore: number) {
		const response = await call('sync', {});
		expect(response.status).toBe(200);
		return await eventually('the sync run', async () => {
			const runs = await n8n.executions('snReportSync00001');
			return runs.length > runsBefore && runs[0].status !== 'running' && runs[0].status !== 'new' ? runs[0] : undefined;
		}, 60_000);
	}

	it('upserts every report since the watermark, matched to tasks, and never twice', async () => {
		const reports = [...world.tv.state.reports.values()];
		const run = await syncAndWait(0);

		if (run.status !== 'success') throw new Error(`sync ended ${run.status}${explain()}`);
		const rows = sn.find('x_tv_connection_report');
		expect(new Set(rows.map((row) => row.u_report_id)).size).toBe(rows.length);
		expect(rows.map((row) => row.u_report_id).sort()).toEqual(reports.map((report) => report.id).sort());
		const outlook = task('Outlook crashes on start');
		expect(rows.filter((row) => row.u_task_sys_id === outlook.sys_id)).toHaveLength(1);
		expect(rows.filter((row) => row.u_kind === 'unattended').length).toBe(reports.filter((report) => !report.session_code).length);
		const [state] = sn.find('x_tv_sync_state');
		expect(state.u_rows).toBe(String(reports.length));

		const again = await syncAndWait(1);
		expect(again.status).toBe('success');
		expect(sn.find('x_tv_connection_report')).toHaveLength(rows.length);
		expect(sn.find('x_tv_sync_state')).toHaveLength(1);
		expect(String(sn.find('x_tv_sync_state')[0].u_last_success) >= String(state.u_last_success)).toBe(true);
	});
});

describe('unattended devices', () => {
	it('registers the waiting devices in batches and writes each outcome back', async () => {
		const laptop = String(sn.find('cmdb_ci_computer', (ci) => ci.name === 'LAPTOP-ABEL-01')[0].sys_id);
		sn.seed({
			tables: {
				x_tv_device: [
					{ u_name: 'LAPTOP-ABEL-01', u_ci: laptop, u_teamviewer_id: '123 456 789', u_password: 'Laptop-Pass-1', u_status: 'To register' },
					{ u_name: 'SRV-MAIL-01', u_teamviewer_id: 'r987654321', u_password: 'Server-Pass-1', u_status: 'To register' },
					{ u_name: 'TYPO', u_teamviewer_id: '12345', u_status: 'To register' },
				],
			},
		});

		const response = await call('device', { action: 'register_pending' });

		if (response.status !== 200) throw new Error(`device answered ${response.status}: ${JSON.stringify(response.body)}${explain()}`);
		const statuses = Object.fromEntries(sn.find('x_tv_device').map((row) => [row.u_name, row.u_status]));
		expect(statuses).toEqual({ 'LAPTOP-ABEL-01': 'Registered', 'SRV-MAIL-01': 'Registered', TYPO: 'Invalid registration' });
		expect(String(sn.find('x_tv_device', (row) => row.u_name === 'TYPO')[0].u_status_detail)).toContain('The TeamViewer ID "12345" is not valid');
		const group = [...world.tv.state.groups.values()].find((candidate) => candidate.name === 'ServiceNow devices')!;
		const registered = [...world.tv.state.devices.values()].filter((device) => device.groupid === group.id).map((device) => device.remotecontrol_id).sort();
		expect(registered).toEqual(['r123456789', 'r987654321']);
		expect((response.body.results as unknown[]).length).toBe(3);
		// The flow keeps no execution (its settings), so n8n holds no copy of the passwords it read.
		expect(await n8n.executions('snUnattendedDev01')).toEqual([]);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const database = ['database.sqlite', 'database.sqlite-wal']
			.map((file) => path.join(n8n.userFolder, '.n8n', file))
			.filter((file) => existsSync(file))
			.map((file) => readFileSync(file).toString('utf8'))
			.join('');
		expect(database.length).toBeGreaterThan(10_000);
		expect(['Laptop-Pass-1', 'Server-Pass-1'].filter((password) => database.includes(password))).toEqual([]);
	});

	it('answers the connect link of the device registered for a task\'s CI, and unregisters', async () => {
		const outlook = task('Outlook crashes on start');
		const connect = await call('device', { action: 'connect', table: outlook.table, sys_id: outlook.sys_id });
		expect(connect.body).toEqual({ device: 'LAPTOP-ABEL-01', connect_link: 'https://start.teamviewer.com/123456789' });

		const laptop = sn.find('x_tv_device', (row) => row.u_name === 'LAPTOP-ABEL-01')[0];
		const unregister = await call('device', { action: 'unregister', device_sys_id: laptop.sys_id });

		expect(unregister.body).toMatchObject({ status: 'Unregistered' });
		expect(world.tv.state.devices.has(String(laptop.u_device_id))).toBe(false);
		expect(sn.record('x_tv_device', String(laptop.sys_id))?.u_status).toBe('Unregistered');
	});
});

describe('verify the token and licence', () => {
	it('confirms a ready token, and names what a weaker one lacks', async () => {
		const ready = await call('verify', {});
		expect(ready.body).toMatchObject({ ok: true, message: 'The TeamViewer token and licence are ready for the integration.' });

		const token = world.tv.state.tokens.get(world.sandbox.tokens.admin)!;
		token.permissions = ALL_PERMISSIONS.filter((permission) => permission !== 'reports.read');
		const weak = await call('verify', {});
		token.permissions = [...ALL_PERMISSIONS];

		expect(weak.body.ok).toBe(false);
		expect(String(weak.body.message)).toContain('Connection reports: The TeamViewer token lacks the permission "Connection reports → View connection reports"');
	});
});

describe('online service cases', () => {
	it('notes on the task and emails the technician when the customer comes online', async () => {
		const printer = task('Printer on the 3rd floor is offline');
		const invite = await call('invite', { table: printer.table, sys_id: printer.sys_id, action: 'remote' });
		const code = String(invite.body.session_code);
		// The trigger records the open cases at every poll; the case must be seen offline once first.
		const seen = world.tv.requests.length;
		await eventually('a trigger poll after the invite', () => world.tv.requests.slice(seen).some((request) => request.path === '/api/v1/sessions'), 90_000);

		world.tv.setSessionOnline(code, true);

		const note = await eventually('the work note', () => notesOf(printer.sys_id).find((value) => value.startsWith('The customer is online')), 90_000);
		expect(note).toContain(`TeamViewer session ${code}`);
		const mail = await world.smtp.waitFor((message) => message.subject === `Customer waiting in TeamViewer: ${printer.number}`, 30_000);
		expect(mail.to).toEqual(['beth.anglin@example.com']);
		expect(mail.text).toContain(String(invite.body.supporter_link));
	}, 240_000);
});
