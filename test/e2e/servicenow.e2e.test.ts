/**
 * The ServiceNow flows, as shipped, in a real n8n: n8n's own ServiceNow, Twilio and Send Email nodes
 * reach the ServiceNow simulator, the SMS sink and the SMTP capture (the first two through the TLS
 * proxy, as if they were *.service-now.com and api.twilio.com). The simulator's custom tables come from
 * the update set an admin imports (workflows/servicenow/teamviewer-update-set.xml), and each task table
 * has only the fields a real instance gives it (no caller_id on a problem, a change or a requested item).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { ServiceNowSimulator, SnRecord } from '../simulators/servicenow';
import { startServiceNowSimulator } from '../simulators/servicenow';
import { ALL_PERMISSIONS } from '../simulators/teamviewer';
import type { InsightsSpec, Permission } from '../simulators/teamviewer';
import { diagnostics } from './diagnostics';
import { basicAuth, eventually, startItsmWorld, WEBHOOK_USER, stopAll, serviceNowCredentials } from './itsm';
import type { ItsmWorld } from './itsm';
import { N8n } from './n8n';
import { ROOT } from './runtime';

const FLOWS = path.join(ROOT, 'workflows/servicenow');

let sn: ServiceNowSimulator;
let world: ItsmWorld;
let n8n: N8n;

const SESSIONS = 'u_teamviewer_session';
const HISTORY = 'u_teamviewer_connection';
const DEVICES = 'u_teamviewer_device';
const SYNC_STATE = 'u_teamviewer_sync_state';

function task(shortDescription: string): { table: string; sys_id: string; number: string; record: SnRecord } {
	for (const table of ['incident', 'problem', 'change_request', 'sc_req_item', 'sc_task', 'task']) {
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
	world = await startItsmWorld(() => [sn.proxyRoute]);
	n8n = await N8n.start({
		credentials: [
			...world.credentials,
			...serviceNowCredentials(sn.instance),
		],
		workflows: readdirSync(FLOWS).filter((file) => file.endsWith('.json')).map((file) => path.join(FLOWS, file)),
		activate: ['snSettings000001', 'snInviteByEmail01', 'snPilotInviteSms1', 'snCloseAndLog0001', 'snReportSync00001', 'snUnattendedDev01', 'snVerifyToken0001', 'snCustomerOnline01'],
		env: world.env,
	});
}, 300_000);

afterAll(async () => {
	expect(await stopAll(n8n, world, sn)).toEqual([]);
});

/** The value at a dot-walked path (`request.requested_for.email`) of a record, as the flow reads it. */
const TARGET: Record<string, string> = { request: 'sc_request', request_item: 'sc_req_item' };
function walk(table: string, sysId: string, dotted: string): string {
	const parts = dotted.split('.');
	let record = sn.record(table, sysId);
	for (const part of parts.slice(0, -1)) record = record?.[part] ? sn.record(TARGET[part] ?? 'sys_user', String(record[part])) : undefined;
	return String(record?.[parts.at(-1)!] ?? '');
}

const RECIPIENT: Record<string, string> = { incident: 'caller_id', problem: 'opened_by', change_request: 'requested_by', sc_req_item: 'request.requested_for', sc_task: 'request_item.request.requested_for', task: 'opened_by' };
const casesOf = (customId: string) => [...world.tv.state.sessions.values()].filter((session) => session.customId === customId);
const openCasesOf = (customId: string) => casesOf(customId).filter((session) => session.state === 'Open');
const rowsOf = (taskSysId: string) => sn.find(SESSIONS, (row) => row.u_task === taskSysId);
const mailsTo = (address: string) => world.smtp.messages.filter((message) => message.to.includes(address));

describe('remote support from a task record', () => {
	it('gives a task one session however often the button is pressed, emails the link once and notes it', async () => {
		const outlook = task('Outlook crashes on start');
		const request = { table: outlook.table, sys_id: outlook.sys_id, action: 'remote' };

		const answers = [await call('invite', request), await call('invite', request), await call('invite', request)];

		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
		const codes = new Set(answers.map((answer) => answer.body.session_code));
		expect(codes.size).toBe(1);
		expect(answers.map((answer) => [answer.body.created, answer.body.invited])).toEqual([[true, true], [false, false], [false, false]]);
		const sessions = casesOf(`${outlook.table}:${outlook.sys_id}`);
		expect(sessions).toHaveLength(1);
		const [session] = sessions;
		expect(session.end_customer).toEqual({ name: 'Abel Tuter', email: 'abel.tuter@example.com' });
		expect(session.description).toBe(`${outlook.number}: Outlook crashes on start`);
		expect(answers[0].body.supporter_link).toBe(session.supporter_link);

		const mail = await world.smtp.waitFor((message) => message.to.includes('abel.tuter@example.com'));
		expect(mailsTo('abel.tuter@example.com')).toHaveLength(1);
		expect(mail.subject).toBe(`Remote support for ${outlook.number}`);
		expect(mail.text).toContain('Hello Abel Tuter,');
		expect(mail.text).toContain(session.end_customer_link);
		expect(mail.text).toContain('your technician Beth Anglin');
		expect(mail.text).toContain(`${outlook.number} (Outlook crashes on start)`);
		const notes = notesOf(outlook.sys_id);
		expect(notes).toHaveLength(1);
		expect(notes[0]).toContain(`TeamViewer remote control session ${session.code}: customer link emailed to abel.tuter@example.com, valid until ${session.valid_until}.`);
		expect(notes[0]).toContain(`Supporter link: ${session.supporter_link}`);
		expect(rowsOf(outlook.sys_id).map((row) => [row.u_session_code, row.u_type, row.u_state, row.u_invited_via])).toEqual([[session.code, 'remote', 'open', 'email']]);
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

	it('answers 400 with the reason for a request it cannot serve, and 404 for a task that does not exist', async () => {
		const vpn = task('VPN drops every few minutes');
		const answers = await Promise.all([
			call('invite', { table: 'sys_user', sys_id: '0'.repeat(32), action: 'remote' }),
			call('invite', { table: 'incident', sys_id: 'INC0010002', action: 'remote' }),
			call('invite', { table: vpn.table, sys_id: vpn.sys_id, action: 'teleport' }),
			call('invite', { table: 'incident', sys_id: 'f'.repeat(32), action: 'remote' }),
		]);

		expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 404]);
		expect(String(answers[0].body.error)).toContain('"table" must be one of incident, problem, change_request, sc_req_item, sc_task, task');
		expect(String(answers[1].body.error)).toContain('"sys_id" must be the 32-character sys_id of the record; got "INC0010002"');
		expect(String(answers[2].body.error)).toContain('"action" must be one of remote, pilot; got "teleport"');
		expect(String(answers[3].body.error)).toContain(`ServiceNow has no incident record ${'f'.repeat(32)}`);
	});

	it.each([
		['problem', 'Mail server restarts every night'],
		['change_request', 'Upgrade Outlook on LAPTOP-ABEL-01'],
		['sc_req_item', 'Replacement laptop for David Loo'],
		['sc_task', 'Install the docking station'],
		['task', 'Check the backup job'],
	])('invites the customer of a %s from the field that table keeps it in', async (table, shortDescription) => {
		const record = task(shortDescription);
		expect(record.table).toBe(table);
		expect(record.record.caller_id).toBeUndefined();
		const email = walk(table, record.sys_id, `${RECIPIENT[table]}.email`);
		expect(email).toMatch(/@example\.com$/);

		const response = await call('invite', { table, sys_id: record.sys_id, action: 'remote' });

		if (response.status !== 200) throw new Error(`invite answered ${response.status}: ${JSON.stringify(response.body)}${explain()}`);
		expect(response.body).toMatchObject({ created: true, invited: true, email_to: email });
		expect(openCasesOf(`${table}:${record.sys_id}`)).toHaveLength(1);
		const mail = await world.smtp.waitFor((message) => message.to.includes(email) && message.subject === `Remote support for ${record.number}`);
		expect(mail.text).toContain(String(response.body.end_customer_link));
		expect(notesOf(record.sys_id).at(-1)).toContain(`customer link emailed to ${email}`);
	});

	it.each([
		['change_request', 'Replace the conference room display', 'change_request.requested_by is empty'],
		['sc_req_item', 'New laptop for Erin', 'sc_req_item.request.requested_for is empty'],
	])('answers 422 for a %s without a customer, creates nothing and says why on the task, every time', async (table, shortDescription, why) => {
		const record = task(shortDescription);
		const posts = () => world.tv.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/sessions')).length;
		const postsBefore = posts();

		const answers = [await call('invite', { table, sys_id: record.sys_id, action: 'remote' }), await call('invite', { table, sys_id: record.sys_id, action: 'remote' })];

		expect(answers.map((answer) => answer.status)).toEqual([422, 422]);
		expect(String(answers[0].body.error)).toBe(`${record.number} has no customer: ${why}. Fill it in and press the button again. Nothing was created or sent.`);
		expect(posts()).toBe(postsBefore);
		expect(casesOf(`${table}:${record.sys_id}`)).toEqual([]);
		expect(rowsOf(record.sys_id)).toEqual([]);
		expect(notesOf(record.sys_id)).toEqual([`TeamViewer invite NOT sent: ${answers[0].body.error}`, `TeamViewer invite NOT sent: ${answers[0].body.error}`]);
	});

	it('creates a Pilot case next to the remote-control case of the same task, and emails its link', async () => {
		const outlook = task('Outlook crashes on start');
		const remote = openCasesOf(`${outlook.table}:${outlook.sys_id}`)[0];

		const response = await call('invite', { table: outlook.table, sys_id: outlook.sys_id, action: 'pilot' });

		if (response.status !== 200) throw new Error(`pilot invite answered ${response.status}: ${JSON.stringify(response.body)}${explain()}`);
		expect(response.body).toMatchObject({ created: true, invited: true });
		expect(response.body.session_code).not.toBe(remote.code);
		const [pilot] = openCasesOf(`${outlook.table}:${outlook.sys_id}:pilot`);
		expect(pilot.support_session_type).toBe('Pilot');
		expect(pilot.code).toBe(response.body.session_code);
		expect(openCasesOf(`${outlook.table}:${outlook.sys_id}`).map((session) => session.code)).toEqual([remote.code]);
		await world.smtp.waitFor((message) => message.to.includes('abel.tuter@example.com') && message.text.includes(pilot.end_customer_link));
		expect(rowsOf(outlook.sys_id).map((row) => row.u_type).sort()).toEqual(['pilot', 'remote']);
	});

	it('sends one email and keeps one case when the button is pressed four times at once', async () => {
		const vpn = task('VPN drops every few minutes');

		const answers = await Promise.all([1, 2, 3, 4].map(() => call('invite', { table: vpn.table, sys_id: vpn.sys_id, action: 'remote' })));

		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
		expect(new Set(answers.map((answer) => answer.body.session_code)).size).toBe(1);
		expect(openCasesOf(`${vpn.table}:${vpn.sys_id}`)).toHaveLength(1);
		expect(answers.filter((answer) => answer.body.invited)).toHaveLength(1);
		expect(answers.filter((answer) => answer.body.created)).toHaveLength(1);
		await world.smtp.waitFor((message) => message.to.includes('carol.coughlin@example.com') && message.subject === `Remote support for ${vpn.number}`);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(mailsTo('carol.coughlin@example.com').filter((message) => message.subject === `Remote support for ${vpn.number}`)).toHaveLength(1);
		expect(rowsOf(vpn.sys_id)).toHaveLength(1);
	});
});

describe('Pilot invite by SMS', () => {
	it('texts the link of the task\'s Pilot case to the customer\'s mobile number, retries after a failed SMS, then sends no more', async () => {
		const outlook = task('Outlook crashes on start');
		const [pilot] = openCasesOf(`${outlook.table}:${outlook.sys_id}:pilot`);
		world.sms.injectFault({ kind: 'status', method: 'POST', path: 'Messages', status: 500, body: { code: 20500, message: 'Internal Server Error', status: 500 } });

		const failed = await call('pilot-sms', { table: outlook.table, sys_id: outlook.sys_id });
		expect(failed.status).toBe(502);
		expect(String(failed.body.error)).toMatch(/^The SMS to \+4915112345678 was not sent: .+ The session exists; press the button again to retry\.$/);
		expect(sn.find(SESSIONS, (row) => row.u_session_code === pilot.code).map((row) => row.u_invited_via)).toEqual(['email,failed:sms']);
		const first = await call('pilot-sms', { table: outlook.table, sys_id: outlook.sys_id });
		const again = await call('pilot-sms', { table: outlook.table, sys_id: outlook.sys_id });

		if (first.status !== 200) throw new Error(`pilot-sms answered ${first.status}: ${JSON.stringify(first.body)}${explain()}`);
		expect(first.body).toMatchObject({ session_code: pilot.code, created: false, invited: true, sms_to: '+4915112345678' });
		expect(again.body).toMatchObject({ session_code: pilot.code, invited: false });
		const sms = await world.sms.waitFor((message) => message.to === '+4915112345678');
		expect(sms.body).toContain(pilot.end_customer_link);
		expect(sms.body).toContain(outlook.number);
		expect(world.sms.messages.filter((message) => message.to === '+4915112345678')).toHaveLength(1);
		expect(notesOf(outlook.sys_id).at(-1)).toContain(`customer link sent by SMS to +4915112345678`);
		expect(sn.find(SESSIONS, (row) => row.u_session_code === pilot.code).map((row) => row.u_invited_via)).toEqual(['email,sms']);
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
		expect(notesOf(vpn.sys_id).at(-1)).toContain('TeamViewer Pilot SMS invite NOT sent: The customer\'s mobile number "0151 2345678" is not in international format');
	});
});

type Run = { status: string; data: { resultData: { runData: Record<string, unknown> } } };
async function syncAndWait(): Promise<Run> {
	const before = new Set((await n8n.executions('snReportSync00001', { includeData: false })).map((run) => run.id));
	const response = await call('sync', {});
	expect(response.status).toBe(200);
	return await eventually('the sync run', async () => {
		const runs = await n8n.executions('snReportSync00001');
		const mine = runs.filter((run) => !before.has(run.id));
		return mine.length > 0 && !['running', 'new', 'waiting'].includes(mine[0].status) ? (mine[0] as unknown as Run) : undefined;
	}, 90_000);
}

describe('close and log history', () => {
	it('closes every case of the task and notes each connection TeamViewer has reported so far', async () => {
		const outlook = task('Outlook crashes on start');
		const [remote] = openCasesOf(`${outlook.table}:${outlook.sys_id}`);
		const [pilot] = openCasesOf(`${outlook.table}:${outlook.sys_id}:pilot`);
		const report = world.tv.connectSession(remote.code, { startedAt: new Date(Date.now() - 30 * 60_000).toISOString(), durationSeconds: 754, deviceName: 'LAPTOP-ABEL-01' });

		const response = await call('close', { table: outlook.table, sys_id: outlook.sys_id });

		if (response.status !== 200) throw new Error(`close answered ${response.status}: ${JSON.stringify(response.body)}${explain()}`);
		expect(response.body).toMatchObject({ closed: 2, connections: 1 });
		expect(world.tv.state.sessions.get(remote.code)?.state).toBe('Closed');
		expect(world.tv.state.sessions.get(pilot.code)?.state).toBe('Closed');
		const note = notesOf(outlook.sys_id).at(-1)!;
		expect(note).toContain(`TeamViewer session ${remote.code} closed.\nConnection history:\n- ${report.start_date} to ${report.end_date} (12 min 34 s), technician ${report.username}, device LAPTOP-ABEL-01`);
		expect(note).toContain(`TeamViewer session ${pilot.code} closed.\nNo connection report yet.`);
		expect(note).not.toContain('No connection took place');
		const rows = Object.fromEntries(rowsOf(outlook.sys_id).map((row) => [row.u_session_code, [row.u_state, row.u_history, row.u_noted_reports]]));
		expect(rows).toEqual({ [remote.code]: ['closed', 'pending', report.id], [pilot.code]: ['closed', 'pending', ''] });
	});

	it('does not call a session unused while its report can still arrive: a report logged 75 s after closing lands on the task', async () => {
		const change = task('Upgrade Outlook on LAPTOP-ABEL-01');
		const [session] = openCasesOf(`${change.table}:${change.sys_id}`);
		world.tv.config.reportLagMs = 75_000;
		try {
			const report = world.tv.connectSession(session.code, { startedAt: new Date(Date.now() - 12_000).toISOString(), durationSeconds: 12, deviceName: 'LAPTOP-ABEL-01' });

			const response = await call('close', { table: change.table, sys_id: change.sys_id });

			expect(response.body).toMatchObject({ closed: 1, connections: 0 });
			expect(notesOf(change.sys_id).at(-1)).toMatch(new RegExp(`^TeamViewer session ${session.code} closed.\\nNo connection report yet. TeamViewer logs a connection once it has ended, sometimes minutes later: each one is added here as it arrives \\(checked for 60 minutes\\).$`));
			const early = await syncAndWait();
			expect(early.status).toBe('success');
			expect(notesOf(change.sys_id).filter((note) => /No connection took place|no connection took place/.test(note))).toEqual([]);
			expect(sn.find(HISTORY, (row) => row.u_report_id === report.id)).toEqual([]);

			world.tv.clock.advance(76_000);
			const late = await syncAndWait();

			expect(late.status).toBe('success');
			expect(notesOf(change.sys_id).at(-1)).toBe(`TeamViewer session ${session.code}: connection reported after closing:\n- ${report.start_date} to ${report.end_date} (0 min 12 s), technician ${report.username}, device LAPTOP-ABEL-01`);
			expect(sn.find(HISTORY, (row) => row.u_report_id === report.id).map((row) => [row.u_task, row.u_duration_seconds, row.u_kind])).toEqual([[change.sys_id, '12', 'attended']]);
			expect(rowsOf(change.sys_id).map((row) => [row.u_history, row.u_noted_reports])).toEqual([['pending', report.id]]);
			const again = await syncAndWait();
			expect(again.status).toBe('success');
			expect(notesOf(change.sys_id).filter((note) => note.includes('connection reported after closing'))).toHaveLength(1);
		} finally {
			world.tv.config.reportLagMs = 0;
			world.tv.clock.reset();
		}
	});

	it('notes "no connection" only for a case closed longer ago than the history window', async () => {
		const backup = task('Check the backup job');
		const old = new Date(Date.now() - 2 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
		const recent = new Date(Date.now() - 60_000).toISOString().replace('T', ' ').slice(0, 19);
		sn.seed({ tables: { [SESSIONS]: [
			{ u_task: backup.sys_id, u_session_code: 's900-000-001', u_type: 'remote', u_state: 'closed', u_closed_at: old, u_history: 'pending', u_noted_reports: '' },
			{ u_task: backup.sys_id, u_session_code: 's900-000-002', u_type: 'pilot', u_state: 'closed', u_closed_at: recent, u_history: 'pending', u_noted_reports: '' },
		] } });
		const notesBefore = notesOf(backup.sys_id).length;

		const run = await syncAndWait();

		expect(run.status).toBe('success');
		expect(notesOf(backup.sys_id).slice(notesBefore)).toEqual(['TeamViewer session s900-000-001: no connection took place (TeamViewer reported none within 60 minutes of closing).']);
		expect(Object.fromEntries(rowsOf(backup.sys_id).filter((row) => row.u_session_code.startsWith('s900')).map((row) => [row.u_session_code, row.u_history]))).toEqual({ 's900-000-001': 'none', 's900-000-002': 'pending' });
	});
});

describe('close and log history: Session Insights', () => {
	/** A fresh case for the task through the invite flow, and one connection to it with the given insights. */
	async function connected(name: string, insights: InsightsSpec) {
		const target = task(name);
		const invite = await call('invite', { table: target.table, sys_id: target.sys_id, action: 'remote' });
		if (invite.status !== 200) throw new Error(`invite answered ${invite.status}: ${JSON.stringify(invite.body)}${explain()}`);
		const code = String(invite.body.session_code);
		const report = world.tv.connectSession(code, { startedAt: new Date(Date.now() - 20 * 60_000).toISOString(), durationSeconds: 600, deviceName: 'SRV-MAIL-01', insights });
		return { target, code, report };
	}

	/** The close run for this task, once n8n has finished it (the screenshots are attached after the answer). */
	async function finishedCloseRun(before: Set<string>) {
		return await eventually('the close run to finish', async () => {
			const runs = (await n8n.executions('snCloseAndLog0001', { includeData: false })).filter((run) => !before.has(run.id));
			return runs.length > 0 && !['running', 'new', 'waiting'].includes(runs[0].status) ? runs[0] : undefined;
		}, 60_000);
	}

	it('puts the AI summary under its connection in the work note and attaches the screenshots to the task', async () => {
		const { target, report } = await connected('Mail server restarts every night', 'sample');
		const insights = world.tv.state.insights.get(report.id)!;
		const before = new Set((await n8n.executions('snCloseAndLog0001', { includeData: false })).map((run) => run.id));

		const response = await call('close', { table: target.table, sys_id: target.sys_id });

		if (response.status !== 200) throw new Error(`close answered ${response.status}: ${JSON.stringify(response.body)}${explain()}`);
		expect(response.body).toMatchObject({ closed: 1, connections: 1, summaries: 1 });
		const summary = insights.aiSummary!;
		expect(notesOf(target.sys_id).at(-1)).toContain(
			[
				`- ${report.start_date} to ${report.end_date} (10 min 0 s), technician ${report.username}, device SRV-MAIL-01`,
				'  AI summary (TeamViewer Session Insights):',
				`  ${summary.Name}`,
				`  ${summary.Summary}`,
				'  Issue types: Email, Authentication',
				'  Applications: Microsoft Outlook, Control Panel',
				'  Steps:',
				'  1. Control Panel: Removed the stored Outlook credentials (control keymgr.dll)',
				'  2. Microsoft Outlook: Created a new mail profile',
			].join('\n'),
		);
		expect((await finishedCloseRun(before)).status).toBe('success');
		const files = sn.attachments.filter((attachment) => attachment.table_sys_id === target.sys_id);
		expect(files.map((file) => [file.table_name, file.file_name, file.content_type, file.content.toString('base64')])).toEqual(
			insights.screenshots!.map((shot) => [target.table, `teamviewer-${report.id.slice(0, 8)}-${shot.fileName}`, 'image/png', shot.content]),
		);
		expect(sn.requests.filter((request) => request.path === '/api/now/attachment/file').map((request) => request.query.table_sys_id)).toEqual([target.sys_id, target.sys_id]);
	});

	it('still notes the history when TeamViewer has no insights, says why, and attaches nothing', async () => {
		world.tv.config.insightsUnavailable = 'specific';
		try {
			const { target, code, report } = await connected('Install the docking station', 'notConsented');
			const before = new Set((await n8n.executions('snCloseAndLog0001', { includeData: false })).map((run) => run.id));

			const response = await call('close', { table: target.table, sys_id: target.sys_id });

			expect(response.status).toBe(200);
			expect(response.body).toMatchObject({ closed: 1, connections: 1, summaries: 0 });
			expect(notesOf(target.sys_id).at(-1)).toBe(
				[
					`TeamViewer session ${code} closed.`,
					'Connection history:',
					`- ${report.start_date} to ${report.end_date} (10 min 0 s), technician ${report.username}, device SRV-MAIL-01`,
					`  No AI summary: The remote side did not consent to Session Insights in the session of connection report "${report.id}".`,
				].join('\n'),
			);
			expect((await finishedCloseRun(before)).status).toBe('success');
			expect(world.tv.state.sessions.get(code)?.state).toBe('Closed');
			expect(rowsOf(target.sys_id).map((row) => [row.u_state, row.u_noted_reports])).toEqual([['closed', report.id]]);
			expect(sn.attachments.filter((attachment) => attachment.table_sys_id === target.sys_id)).toEqual([]);
		} finally {
			world.tv.config.insightsUnavailable = 'generic';
		}
	});
});

describe('report sync', () => {
	it('upserts every report once, matched to tasks and CIs, and writes nothing when nothing changed', async () => {
		const reports = [...world.tv.state.reports.values()];
		const run = await syncAndWait();

		if (run.status !== 'success') throw new Error(`sync ended ${run.status}${explain()}`);
		const rows = sn.find(HISTORY);
		expect(new Set(rows.map((row) => row.u_report_id)).size).toBe(rows.length);
		expect(rows.map((row) => row.u_report_id).sort()).toEqual(reports.map((report) => report.id).sort());
		const outlook = task('Outlook crashes on start');
		expect(rows.filter((row) => row.u_task === outlook.sys_id)).toHaveLength(1);
		expect(rows.filter((row) => row.u_kind === 'unattended').length).toBe(reports.filter((report) => !report.session_code).length);
		expect(sn.find(SYNC_STATE).map((row) => row.u_name)).toEqual(['connection_reports']);

		const seen = sn.requests.length;
		const again = await syncAndWait();
		expect(again.status).toBe('success');
		expect(sn.find(HISTORY)).toHaveLength(rows.length);
		expect(sn.requests.slice(seen).filter((request) => request.path.includes(HISTORY) && request.method !== 'GET')).toEqual([]);
	});

	it('lets only one of two overlapping runs work: every report once, one watermark, no lease left', async () => {
		world.tv.addConnectionReports(120, { spacingSeconds: 300 });
		sn.injectFault({ kind: 'latency', method: 'POST', path: HISTORY, delayMs: 25, times: 1000 });
		const before = new Set((await n8n.executions('snReportSync00001', { includeData: false })).map((run) => run.id));
		try {
			const answers = await Promise.all([call('sync', {}), call('sync', {})]);
			expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
			const runs = await eventually('both sync runs', async () => {
				const mine = (await n8n.executions('snReportSync00001')).filter((run) => !before.has(run.id));
				return mine.length >= 2 && mine.every((run) => !['running', 'new', 'waiting'].includes(run.status)) ? mine : undefined;
			}, 120_000);

			expect(runs.map((run) => run.status)).toEqual(['success', 'success']);
			const left = runs.filter((run) => 'Leave: another sync is running' in run.data.resultData.runData);
			expect(left).toHaveLength(1);
		} finally {
			sn.clearFaults();
		}
		const rows = sn.find(HISTORY);
		expect(new Set(rows.map((row) => row.u_report_id)).size).toBe(rows.length);
		expect(rows.length).toBe(world.tv.state.reports.size);
		expect(sn.find(SYNC_STATE).map((row) => row.u_name)).toEqual(['connection_reports']);
	}, 240_000);

	it('stops with the failed writes named, keeps the watermark and releases the lease, and the next run writes the rest once', async () => {
		const [report] = world.tv.addConnectionReports(1, { spacingSeconds: 60 });
		const watermark = sn.find(SYNC_STATE, (row) => row.u_name === 'connection_reports')[0].u_last_success;
		sn.injectFault({ kind: 'status', method: 'POST', path: HISTORY, status: 500, body: { error: { message: 'Transaction cancelled: maximum execution time exceeded', detail: '' }, status: 'failure' } });

		const failed = await syncAndWait();

		expect(failed.status).toBe('error');
		expect('Stop: some writes failed' in failed.data.resultData.runData).toBe(true);
		expect(sn.find(HISTORY, (row) => row.u_report_id === report.id)).toEqual([]);
		expect(sn.find(SYNC_STATE).map((row) => [row.u_name, row.u_last_success])).toEqual([['connection_reports', watermark]]);

		const retried = await syncAndWait();

		expect(retried.status).toBe('success');
		expect(sn.find(HISTORY, (row) => row.u_report_id === report.id)).toHaveLength(1);
		expect(sn.find(SYNC_STATE, (row) => row.u_name === 'connection_reports')[0].u_last_success > watermark).toBe(true);
	});

	it('takes over the lease a dead run left behind, and leaves while a live run holds it', async () => {
		const past = new Date(Date.now() - 60_000).toISOString().replace('T', ' ').slice(0, 19);
		const future = new Date(Date.now() + 10 * 60_000).toISOString().replace('T', ' ').slice(0, 19);
		sn.seed({ tables: { [SYNC_STATE]: [{ u_name: 'connection_reports.lease', u_lease_owner: 'dead-run', u_lease_until: past }] } });
		const taken = await syncAndWait();
		expect(taken.status).toBe('success');
		expect('Read the watermark' in taken.data.resultData.runData).toBe(true);
		expect(sn.find(SYNC_STATE).map((row) => row.u_name)).toEqual(['connection_reports']);

		sn.seed({ tables: { [SYNC_STATE]: [{ u_name: 'connection_reports.lease', u_lease_owner: 'live-run', u_lease_until: future }] } });
		const watermark = sn.find(SYNC_STATE, (row) => row.u_name === 'connection_reports')[0].u_last_success;
		const left = await syncAndWait();
		expect(left.status).toBe('success');
		expect('Leave: another sync is running' in left.data.resultData.runData).toBe(true);
		expect(sn.find(SYNC_STATE, (row) => row.u_name === 'connection_reports')[0].u_last_success).toBe(watermark);
		const lease = sn.find(SYNC_STATE, (row) => row.u_name === 'connection_reports.lease')[0];
		sn.state.tables.get(SYNC_STATE)!.delete(String(lease.sys_id));
	});

	it('gives rows written before their device was registered the device\'s CI', async () => {
		const laptop = String(sn.find('cmdb_ci_computer', (ci) => ci.name === 'LAPTOP-ABEL-01')[0].sys_id);
		const unattended = sn.find(HISTORY, (row) => row.u_kind === 'unattended' && !row.u_ci && Boolean(row.u_teamviewer_id))[0];
		sn.seed({ tables: { [DEVICES]: [{ u_name: 'BACKFILL-PC', u_ci: laptop, u_teamviewer_id: unattended.u_teamviewer_id, u_status: 'Registered', u_device_id: 'd999999999' }] } });

		const run = await syncAndWait();

		expect(run.status).toBe('success');
		expect(sn.record(HISTORY, String(unattended.sys_id))?.u_ci).toBe(laptop);
		const device = sn.find(DEVICES, (row) => row.u_name === 'BACKFILL-PC')[0];
		sn.state.tables.get(DEVICES)!.delete(String(device.sys_id));
	});
});

describe('unattended devices', () => {
	it('registers devices into the group named exactly like the config, never one whose name only contains it', async () => {
		world.tv.seed({ groups: [{ name: 'Retired ServiceNow devices', ownerId: world.sandbox.accountUserId }] });
		const laptop = String(sn.find('cmdb_ci_computer', (ci) => ci.name === 'LAPTOP-ABEL-01')[0].sys_id);
		sn.seed({
			tables: {
				[DEVICES]: [
					{ u_name: 'LAPTOP-ABEL-01', u_ci: laptop, u_teamviewer_id: '123 456 789', u_password: 'Laptop-Pass-1', u_status: 'To register' },
					{ u_name: 'SRV-MAIL-01', u_teamviewer_id: 'r987654321', u_password: 'Server-Pass-1', u_status: 'To register' },
					{ u_name: 'TYPO', u_teamviewer_id: '12345', u_status: 'To register' },
				],
			},
		});
		const devices = sn.find(DEVICES, (row) => row.u_status === 'To register').map((row) => ({ device_sys_id: row.sys_id }));

		const response = await call('device', { action: 'register_pending', devices });

		if (response.status !== 200) throw new Error(`device answered ${response.status}: ${JSON.stringify(response.body)}${explain()}`);
		const statuses = Object.fromEntries(sn.find(DEVICES).map((row) => [row.u_name, row.u_status]));
		expect(statuses).toEqual({ 'LAPTOP-ABEL-01': 'Registered', 'SRV-MAIL-01': 'Registered', TYPO: 'Invalid registration' });
		expect(String(sn.find(DEVICES, (row) => row.u_name === 'TYPO')[0].u_status_detail)).toContain('The TeamViewer ID "12345" is not valid');
		const groups = [...world.tv.state.groups.values()].filter((candidate) => candidate.name.includes('ServiceNow devices'));
		expect(groups.map((group) => group.name).sort()).toEqual(['Retired ServiceNow devices', 'ServiceNow devices']);
		const group = groups.find((candidate) => candidate.name === 'ServiceNow devices')!;
		const registered = [...world.tv.state.devices.values()].filter((device) => device.groupid === group.id);
		expect(registered.map((device) => device.remotecontrol_id).sort()).toEqual(['r123456789', 'r987654321']);
		expect(registered.find((device) => device.remotecontrol_id === 'r123456789')?.password).toBe('Laptop-Pass-1');
		expect((response.body.results as unknown[]).length).toBe(3);
		// The passwords came from the Scripted REST API, not the request, and the flow keeps no execution:
		// n8n holds no copy of them, not even in SQLite's free pages.
		expect(sn.requests.filter((request) => request.path.endsWith('/password')).map((request) => request.status)).toEqual([200, 200, 200]);
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

	it('takes a device already in the TeamViewer contact list into the group instead of adding it twice', async () => {
		const known = [...world.tv.state.devices.values()].find((device) => device.remotecontrol_id && !/ServiceNow/.test(world.tv.state.groups.get(device.groupid)?.name ?? ''))!;
		sn.seed({ tables: { [DEVICES]: [{ u_name: 'KNOWN-PC', u_teamviewer_id: known.remotecontrol_id, u_password: 'Known-Pass-1', u_status: 'To register' }] } });
		const record = sn.find(DEVICES, (row) => row.u_name === 'KNOWN-PC')[0];

		const response = await call('device', { action: 'register', device_sys_id: record.sys_id });

		expect(response.status).toBe(200);
		const after = sn.record(DEVICES, String(record.sys_id))!;
		expect([after.u_status, after.u_device_id]).toEqual(['Registered', known.device_id]);
		expect(after.u_status_detail).toContain('Already in the TeamViewer contact list');
		const copies = [...world.tv.state.devices.values()].filter((device) => device.remotecontrol_id === known.remotecontrol_id);
		expect(copies).toHaveLength(1);
		expect(world.tv.state.groups.get(copies[0].groupid)?.name).toBe('ServiceNow devices');
		expect(copies[0].password).toBe('Known-Pass-1');
	});

	it('answers the connect link of the device registered for a task\'s CI, and unregisters', async () => {
		const outlook = task('Outlook crashes on start');
		const connect = await call('device', { action: 'connect', table: outlook.table, sys_id: outlook.sys_id });
		expect(connect.body).toEqual({ device: 'LAPTOP-ABEL-01', connect_link: 'https://start.teamviewer.com/123456789' });

		const laptop = sn.find(DEVICES, (row) => row.u_name === 'LAPTOP-ABEL-01')[0];
		const unregister = await call('device', { action: 'unregister', device_sys_id: laptop.sys_id });

		expect(unregister).toEqual({ status: 200, body: { sys_id: laptop.sys_id, status: 'Unregistered' } });
		expect(world.tv.state.devices.has(String(laptop.u_device_id))).toBe(false);
		expect(sn.record(DEVICES, String(laptop.sys_id))?.u_status).toBe('Unregistered');
	});

	it('refuses to unregister a device that was never registered, and changes nothing', async () => {
		const typo = sn.find(DEVICES, (row) => row.u_name === 'TYPO')[0];
		const devicesBefore = world.tv.state.devices.size;

		const response = await call('device', { action: 'unregister', device_sys_id: typo.sys_id });

		expect(response.status).toBe(409);
		expect(String(response.body.error)).toBe('TYPO is not registered for unattended access (status "Invalid registration"); nothing was changed.');
		expect(sn.record(DEVICES, String(typo.sys_id))?.u_status).toBe('Invalid registration');
		expect(world.tv.state.devices.size).toBe(devicesBefore);
	});

	it('answers every invalid request with 4xx and the reason', async () => {
		const printer = task('Printer on the 3rd floor is offline');
		const backup = task('Check the backup job');
		const answers = await Promise.all([
			call('device', { action: 'teleport' }),
			call('device', { action: 'register', device_sys_id: 'LAPTOP' }),
			call('device', { action: 'register_pending', devices: [] }),
			call('device', { action: 'register_pending', devices: [{ device_sys_id: 'LAPTOP' }] }),
			call('device', { action: 'register', device_sys_id: 'a'.repeat(32), password: 'Secret-1' }),
			call('device', { action: 'connect', table: 'sys_user', sys_id: '0'.repeat(32) }),
			call('device', { action: 'unregister', device_sys_id: 'e'.repeat(32) }),
			call('device', { action: 'connect', table: backup.table, sys_id: backup.sys_id }),
			call('device', { action: 'connect', table: printer.table, sys_id: printer.sys_id }),
		]);

		expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400, 400, 400, 404, 404, 404]);
		expect(answers.map((answer) => String(answer.body.error))).toEqual([
			'"action" must be one of register, register_pending, unregister, connect; got "teleport".',
			'"device_sys_id" must be the 32-character sys_id of the u_teamviewer_device record; got "LAPTOP".',
			'"devices" must list 1 to 500 devices as {"device_sys_id"}.',
			'Each device needs "device_sys_id", the 32-character sys_id of its record.',
			'Do not send passwords: n8n would store them with the request. The flow reads each password from ServiceNow (Scripted REST API "TeamViewer for n8n").',
			'"table" (one of incident, problem, change_request, sc_req_item, sc_task, task) and "sys_id" of the task are needed to connect to its configuration item.',
			`No u_teamviewer_device record ${'e'.repeat(32)} that the integration user may read.`,
			`${backup.number} has no configuration item (cmdb_ci) to connect to.`,
			`The configuration item of ${printer.number} has no device registered for unattended access.`,
		]);
	});
});

describe('verify the token and licence', () => {
	type Check = { area: string; ok: boolean | null; missing?: string; detail?: unknown };
	const AREAS = ['Token', 'Account', 'Licence', 'Service cases', 'Connection reports', 'Computers & Contacts'];
	async function verifyWith(permissions: Permission[]) {
		const token = world.tv.state.tokens.get(world.sandbox.tokens.admin)!;
		token.permissions = permissions;
		try {
			return (await call('verify', {})).body as { ok: boolean; message: string; checks: Check[]; missing: string[] };
		} finally {
			token.permissions = [...ALL_PERMISSIONS];
		}
	}

	it('confirms a ready token: every check passes and "missing" is empty, in the list and in every check', async () => {
		const ready = await verifyWith([...ALL_PERMISSIONS]);

		expect(ready).toMatchObject({ ok: true, message: 'The TeamViewer token and licence are ready for the integration.', missing: [] });
		expect(ready.checks.map((check) => [check.area, check.ok])).toEqual(AREAS.map((area) => [area, true]));
		expect(ready.checks.filter((check) => 'missing' in check)).toEqual([]);
	});

	it('names exactly what a token without connection reports lacks', async () => {
		const weak = await verifyWith(ALL_PERMISSIONS.filter((permission) => permission !== 'reports.read'));

		const lacks = 'Connection reports: The TeamViewer token lacks the permission "Connection reports → View connection reports"';
		expect(weak.ok).toBe(false);
		expect(weak.missing).toEqual([lacks]);
		expect(weak.message).toBe(`Missing: ${lacks}`);
		expect(weak.checks.filter((check) => check.ok !== true).map((check) => check.area)).toEqual(['Connection reports']);
		expect(weak.checks.filter((check) => 'missing' in check).map((check) => check.area)).toEqual(['Connection reports']);
	});

	it('names exactly the failing checks of a token without account, reports and devices, and leaves the licence unchecked, not missing', async () => {
		const weak = await verifyWith(ALL_PERMISSIONS.filter((permission) => !['account.read', 'reports.read', 'devices.read'].includes(permission)));

		expect(weak.ok).toBe(false);
		expect(weak.missing).toEqual([
			'Account: Account management → View account data',
			'Connection reports: The TeamViewer token lacks the permission "Connection reports → View connection reports"',
			'Computers & Contacts: The TeamViewer token lacks the permission "Computers & Contacts → View entries"',
		]);
		expect(weak.checks.map((check) => [check.area, check.ok])).toEqual([
			['Token', true],
			['Account', false],
			['Licence', null],
			['Service cases', true],
			['Connection reports', false],
			['Computers & Contacts', false],
		]);
		expect(weak.checks.find((check) => check.area === 'Licence')).toEqual({ area: 'Licence', ok: null, detail: 'not checked: the account could not be read' });
		expect(weak.checks.filter((check) => 'missing' in check).map((check) => check.area)).toEqual(['Account', 'Connection reports', 'Computers & Contacts']);
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
