/**
 * The weekly device-hygiene flow (workflows/getting-started/device-hygiene-weekly.json), as shipped, in a
 * real n8n against the TeamViewer simulator and the SMTP capture: the report arrives as n8n's "Send and Wait
 * for Response" email, the test presses its buttons (the signed resume links in the email, as a browser
 * would), and checks what TeamViewer was asked to remove.
 */
import path from 'node:path';

import type { SandboxInfo, TeamViewerSimulator } from '../simulators/teamviewer';
import { startTeamViewerSimulator } from '../simulators/teamviewer';
import type { CapturedMail, SmtpCapture } from '../simulators/smtp';
import { startSmtpCapture } from '../simulators/smtp';
import { ensure } from './diagnostics';
import { eventually, stopAll, teamViewerAndSmtpCredentials } from './itsm';
import { N8n } from './n8n';
import { ROOT } from './runtime';

const FLOW = 'tvDeviceHygiene1';
const DAY = 86_400_000;

let sim: TeamViewerSimulator;
let sandbox: SandboxInfo;
let smtp: SmtpCapture;
let n8n: N8n;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const daysAgo = (days: number) => iso(Date.now() - days * DAY);

const SALES_NEW = '5a1e5000-0000-4000-8000-000000000001';
const SALES_OLD = '5a1e5000-0000-4000-8000-000000000002';
const HUB_A = '0b0b0000-0000-4000-8000-00000000000a';
const HUB_B = '0b0b0000-0000-4000-8000-00000000000b';

/** A company with one of each: a TeamViewer ID listed twice, a reinstalled laptop, stale devices, a case for a person. */
function seedCompany(): void {
	sim.state.devices.clear();
	sim.state.managedDevices.clear();
	const customers = sandbox.groupsByName.Customers;
	const servers = sandbox.groupsByName.Servers;
	sim.seed({
		devices: [
			{ device_id: 'd900001', teamviewer_id: 555000111, alias: 'FRONTDESK-PC', groupid: customers, online_state: 'Online', last_seen: daysAgo(0) },
			{ device_id: 'd900002', teamviewer_id: 555000111, alias: 'FRONTDESK-PC', groupid: servers, online_state: 'Online', last_seen: daysAgo(1) },
			{ device_id: 'd900010', teamviewer_id: 555000222, alias: 'OLD-KIOSK', groupid: customers, online_state: 'Offline', last_seen: daysAgo(90) },
			{ device_id: 'd900020', teamviewer_id: 555000333, alias: 'SPARE-PC', groupid: customers, online_state: 'Offline', last_seen: null },
			{ device_id: 'd900030', teamviewer_id: 555000444, alias: 'RECEPTION', groupid: customers, online_state: 'Offline', last_seen: daysAgo(2) },
		],
		managedDevices: [
			{ id: SALES_NEW, teamviewerId: 1555000555, name: 'LAPTOP-SALES-3', isOnline: true, last_seen: null },
			{ id: SALES_OLD, teamviewerId: 1555000666, name: 'LAPTOP-SALES-3', isOnline: false, last_seen: daysAgo(40) },
			{ id: HUB_A, teamviewerId: 1555000777, name: 'PRINTER-HUB', isOnline: false, last_seen: null },
			{ id: HUB_B, teamviewerId: 1555000888, name: 'PRINTER-HUB', isOnline: false, last_seen: null },
		],
	});
}

/** The button's link in the approval email (HTML-decoded), pointed at the loopback address n8n listens on. */
function button(mail: CapturedMail, label: string): string {
	const match = new RegExp(`<a href="([^"]+)"[^>]*>${label}</a>`).exec(mail.html);
	if (!match) throw new Error(`No "${label}" button in: ${mail.html}`);
	const url = new URL(match[1].replace(/&amp;/g, '&'));
	url.hostname = '127.0.0.1';
	return url.toString();
}

/**
 * Presses a button as a browser does. n8n answers link previews and bots (no user agent, or one its `isbot`
 * check knows) with an empty page and does not resume, so the test must look like a person's browser.
 */
async function press(url: string): Promise<number> {
	const response = await fetch(url, {
		headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36' },
	});
	const page = await response.text();
	if (response.status === 200 && page === '') throw new Error('n8n took the press for a link preview and did not resume the run');
	return response.status;
}

const executionIdOf = (url: string) => /\/webhook-waiting\/(\d+)\//.exec(url)?.[1];

async function finished(executionId: string): Promise<{ status: string }> {
	let seen = '';
	try {
		return await eventually(`execution ${executionId} to finish`, async () => {
			const executions = await n8n.executions(FLOW, { includeData: false });
			seen = JSON.stringify(executions.map(({ id, status, mode }) => ({ id, status, mode })));
			const execution = executions.find((entry) => String(entry.id) === executionId);
			return execution && !['running', 'waiting', 'new'].includes(execution.status) ? execution : undefined;
		}, 60_000);
	} catch (error) {
		throw new Error(`${String(error)}; n8n lists ${seen}${n8n.logTail(40)}`);
	}
}

/** The mail's text as one line (the HTML-to-text conversion wraps lines). */
const flat = (text: string) => text.replace(/\s+/g, ' ');

const deletes = () => sim.requests.filter((request) => request.method === 'DELETE').map((request) => request.path.replace('/api/v1', ''));

async function runUntilApprovalMail(): Promise<CapturedMail> {
	smtp.reset();
	const run = await n8n.execute(FLOW);
	ensure(run.status === 'waiting', `the run ended ${run.status} (${run.data.resultData.error?.message}) instead of waiting for approval`, n8n, sim);
	return await smtp.waitFor((mail) => /approval needed/.test(mail.subject), 15_000);
}

beforeAll(async () => {
	sim = await startTeamViewerSimulator({ seed: 'empty' });
	sandbox = sim.seedSandbox();
	smtp = await startSmtpCapture();
	n8n = await N8n.start({
		credentials: teamViewerAndSmtpCredentials(sim, sandbox, smtp),
		workflows: [path.join(ROOT, 'workflows/getting-started/device-hygiene-weekly.json')],
	});
}, 240_000);

afterAll(async () => {
	expect(await stopAll(n8n, smtp, sim)).toEqual([]);
});

describe('weekly device hygiene (Schedule or Run the check now → report → approval → removal)', () => {
	it('emails the report, waits, removes exactly what it listed once approved, and a second run removes nothing', async () => {
		seedCompany();
		sim.log.clear();

		const mail = await runUntilApprovalMail();

		expect(mail.to).toEqual(['it-admin@example.com']);
		expect(mail.subject).toBe('TeamViewer device hygiene: 5 device record(s) to remove, approval needed');
		// The evidence of every finding: which records, which field matched, the last-seen source and date.
		const text = flat(mail.text);
		expect(text).toContain('TeamViewer ID 555000111 has 2 Computers & Contacts entries: keep Computers & Contacts d900001, remove Computers & Contacts d900002');
		expect(text).toContain(`Name "LAPTOP-SALES-3" is on 2 TeamViewer IDs: keep managed device ${SALES_NEW}, remove managed device ${SALES_OLD}`);
		expect(text).toMatch(/OLD-KIOSK \(555000222\): offline, last seen \S+ \(90 days ago\); remove Computers & Contacts d900010/);
		expect(text).toMatch(/SPARE-PC \(555000333\): offline, no last_seen and no connection to it since \S+; remove Computers & Contacts d900020/);
		expect(text).toMatch(/LAPTOP-SALES-3 \(1555000666\): offline, last seen \S+ \(40 days ago\); remove managed device 5a1e5000-0000-4000-8000-000000000002/);
		expect(text).toContain('To review by hand (not removed): - Name "PRINTER-HUB" is on 2 TeamViewer IDs: nothing removed automatically');
		expect(deletes()).toEqual([]);

		const approve = button(mail, 'Remove the listed devices');
		expect(await press(approve)).toBe(200);
		const result = await smtp.waitFor((entry) => /removed/.test(entry.subject), 60_000);
		expect((await finished(executionIdOf(approve)!)).status).toBe('success');

		expect(result.subject).toBe('TeamViewer device hygiene: 4 device record(s) removed');
		// The old laptop is in two findings (a duplicate and stale): removed once, then "already removed".
		expect(result.text).toContain(`- managedDevices ${SALES_OLD}: alreadyRemoved (not in TeamViewer any more)`);
		expect(deletes().sort()).toEqual(['/devices/d900002', '/devices/d900010', '/devices/d900020', `/managed/devices/${SALES_OLD}`].sort());
		expect([...sim.state.devices.keys()].sort()).toEqual(['d900001', 'd900030']);
		expect([...sim.state.managedDevices.keys()].sort()).toEqual([HUB_A, SALES_NEW, HUB_B].sort());

		// Pressing the button again changes nothing: the run has finished, n8n does not resume it twice.
		await (await fetch(approve, { headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0.0.0 Safari/537.36' } })).text();
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(deletes()).toHaveLength(4);
		expect(smtp.messages).toHaveLength(2);

		// Next week: only the case for a person is left, so the report asks for nothing and nothing is removed.
		sim.log.clear();
		smtp.reset();
		const second = await n8n.execute(FLOW);
		ensure(second.status === 'success', `the second run ended ${second.status}`, n8n, sim);
		const report = await smtp.waitFor(() => true, 15_000);
		expect(report.subject).toBe('TeamViewer device hygiene: nothing to remove (1 finding(s))');
		expect(report.text).toContain('Name "PRINTER-HUB"');
		expect(second.output('Email the report')).toHaveLength(1);
		expect(second.data.resultData.runData['Ask for approval']).toBeUndefined();
		expect(deletes()).toEqual([]);
	}, 240_000);

	it('removes nothing when the admin presses "Keep them"', async () => {
		seedCompany();
		sim.log.clear();

		const mail = await runUntilApprovalMail();
		const decline = button(mail, 'Keep them');
		expect(await press(decline)).toBe(200);

		expect((await finished(executionIdOf(decline)!)).status).toBe('success');
		expect(deletes()).toEqual([]);
		expect(sim.state.devices.size).toBe(5);
		expect(sim.state.managedDevices.size).toBe(4);
		// No removal result is mailed.
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(smtp.messages.map((entry) => entry.subject)).toEqual(['TeamViewer device hygiene: 5 device record(s) to remove, approval needed']);
	}, 240_000);
});
