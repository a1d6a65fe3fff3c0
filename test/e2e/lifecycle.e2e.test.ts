/**
 * Expiry-aware lifecycle (issue #15), the shipped flows unmodified in a real n8n against the
 * TeamViewer simulator and the SMTP capture: the nightly "free licence channels" run, and the two
 * flows on "Service Case Expiring Soon" (warn the technician; renew the case and re-invite the
 * customer), with TeamViewer's clock moved 23 hours ahead of n8n's.
 */
import path from 'node:path';

import type { CapturedMail, SmtpCapture } from '../simulators/smtp';
import { startSmtpCapture } from '../simulators/smtp';
import type { SandboxInfo, TeamViewerSimulator } from '../simulators/teamviewer';
import { startTeamViewerSimulator } from '../simulators/teamviewer';
import { ensure } from './diagnostics';
import { stopAll, teamViewerAndSmtpCredentials } from './itsm';
import { N8n } from './n8n';
import { ROOT } from './runtime';

const WORKFLOWS = path.join(ROOT, 'workflows/getting-started');
const HOUR = 3_600_000;

let sim: TeamViewerSimulator;
let sandbox: SandboxInfo;
let smtp: SmtpCapture;
let n8n: N8n;

/** A service case made through TeamViewer's API, as a ticket flow would make it. */
async function createCase(body: Record<string, unknown>): Promise<{ code: string; valid_until: string; end_customer_link: string }> {
	const response = await fetch(`${sim.apiUrl}/sessions`, {
		method: 'POST',
		headers: { authorization: `Bearer ${sandbox.tokens.admin}`, 'content-type': 'application/json' },
		body: JSON.stringify({ groupname: 'Customers', ...body }),
	});
	expect(response.status).toBe(200);
	return (await response.json()) as { code: string; valid_until: string; end_customer_link: string };
}

const openCases = (customId: string) =>
	[...sim.state.sessions.values()].filter((session) => session.customId === customId && session.state === 'Open');
const mentioning = (code: string) => (mail: CapturedMail) => mail.text.includes(code) || mail.subject.includes(code);

beforeAll(async () => {
	sim = await startTeamViewerSimulator({ seed: 'empty' });
	sandbox = sim.seedSandbox();
	smtp = await startSmtpCapture();
	n8n = await N8n.start({
		credentials: teamViewerAndSmtpCredentials(sim, sandbox, smtp),
		workflows: ['expiring-case-warning.json', 'expiring-case-renewal.json', 'free-licence-channels.json'].map((file) => path.join(WORKFLOWS, file)),
		activate: ['tvExpiringWarn01', 'tvExpiringRenew1'],
	});
}, 240_000);

afterAll(async () => {
	expect(await stopAll(n8n, smtp, sim)).toEqual([]);
});

describe('free licence channels (free-licence-channels.json, n8n execute)', () => {
	it('closes the open cases nobody used for 4 hours and emails the admin what it closed', async () => {
		sim.clock.set(new Date(Date.now() - 6 * HOUR).toISOString());
		const unused = await createCase({ customId: 'lic:unused', description: 'lic:unused: printer' });
		const connected = await createCase({ customId: 'lic:connected' });
		sim.connectSession(connected.code, { durationSeconds: 300 });
		const waiting = await createCase({ customId: 'lic:waiting' });
		sim.clock.reset();
		sim.setSessionOnline(waiting.code, true);
		const fresh = await createCase({ customId: 'lic:fresh' });

		const result = await n8n.execute('tvFreeLicences01');

		ensure(result.status === 'success', `the run ended ${result.status} (${result.data.resultData.error?.message})`, n8n, sim);
		expect(sim.state.sessions.get(unused.code)!.state).toBe('Closed');
		expect([connected, waiting, fresh].map(({ code }) => sim.state.sessions.get(code)!.state)).toEqual(['Open', 'Open', 'Open']);
		const [summary] = result.output('Summary');
		expect(summary).toMatchObject({ failed: 0 });
		const mail = await smtp.waitFor((message) => message.to.includes('it-admin@example.com'), 30_000);
		expect(mail.subject).toBe(`TeamViewer: ${String(summary.closed)} unused service case${summary.closed === 1 ? '' : 's'} closed`);
		expect(mail.text).toContain(`${unused.code}  lic:unused  created `);
		expect(mail.text).toContain('lic:unused: printer');
		for (const kept of [connected, waiting, fresh]) expect(mail.text).not.toContain(kept.code);
		// One report query for all candidates, from the oldest candidate on; every close is one PUT.
		const reports = sim.requests.filter((call) => call.path === '/api/v1/reports/connections');
		expect(reports.every((call) => call.query.has_code === 'true')).toBe(true);
		const closes = sim.requests.filter((call) => call.method === 'PUT');
		expect(closes.map((call) => call.path)).toContain(`/api/v1/sessions/${unused.code}`);
		expect(closes).toHaveLength(Number(summary.closed));
	}, 120_000);
});

describe('service case expiring soon (expiring-case-warning.json, expiring-case-renewal.json)', () => {
	// The two flows act on the same event; a user picks one. Both on at once race for a case: the renewal
	// closes it and the warning, polling later, rightly no longer reports it. So the renewal is published
	// only after the warning was checked.
	it('60 minutes before expiry on TeamViewer\'s clock, the technician is warned once about each unused case', async () => {
		const [, supporterId] = sandbox.userIds;
		const supporter = sim.state.users.get(supporterId)!;
		const ticket = await createCase({ customId: 'warn:INC0020001', description: 'VPN down', assigned_userid: supporterId });
		const used = await createCase({ customId: 'warn:INC0020002', assigned_userid: supporterId });
		sim.connectSession(used.code, { durationSeconds: 60 });
		const unassigned = await createCase({ description: 'walk-in' });

		// TeamViewer's clock runs 23 h 5 min ahead of n8n's: the three cases have 55 minutes left.
		sim.clock.advance(23 * HOUR + 5 * 60_000);

		const warning = await smtp.waitFor((mail) => mail.to.includes(supporter.email) && mentioning(ticket.code)(mail), 150_000);
		expect(warning.subject).toMatch(/^TeamViewer link expires in 5\d minutes, unused: warn:INC0020001$/);
		expect(warning.text).toContain(`Hello ${supporter.name},`);
		expect(warning.text).toContain(`nobody has used TeamViewer service case ${ticket.code} yet (VPN down), and its link stops working at ${ticket.valid_until}`);
		expect(warning.text).toContain(`Customer link: ${ticket.end_customer_link}`);
		const helpdesk = await smtp.waitFor((mail) => mail.to.includes('helpdesk@example.com') && mentioning(unassigned.code)(mail), 60_000);
		expect(helpdesk.text).toContain('(walk-in)');

		// The next poll finds nothing new: each case was reported once, and the used case never.
		await nextPolls(1, 1);
		expect(smtp.messages.filter(mentioning(ticket.code))).toHaveLength(1);
		expect(smtp.messages.filter(mentioning(unassigned.code))).toHaveLength(1);
		expect(smtp.messages.filter(mentioning(used.code))).toEqual([]);
		const warnings = await n8n.executions('tvExpiringWarn01');
		expect(warnings.map((execution) => execution.status)).toEqual(warnings.map(() => 'success'));
	}, 300_000);

	it('renews the ticket\'s case once (old one closed, same custom ID) and re-invites the customer with the new link', async () => {
		// Published: n8n has run the activation poll, which only records.
		expect((await n8n.publish('tvExpiringRenew1')).status).toBe(200);
		const [, supporterId] = sandbox.userIds;
		const ticket = await createCase({
			customId: 'exp:INC0020001',
			custom_api: 'exp:INC0020001',
			description: 'exp:INC0020001: VPN down',
			assigned_userid: supporterId,
			end_customer: { name: 'Erika Muster', email: 'erika@example.com' },
		});
		const used = await createCase({ customId: 'exp:INC0020002', end_customer: { name: 'John Doe', email: 'john@example.com' } });
		sim.connectSession(used.code, { durationSeconds: 60 });
		const anonymous = await createCase({ end_customer: { name: 'Walk In', email: 'walkin@example.com' } });

		sim.clock.advance(23 * HOUR + 5 * 60_000);

		const invite = await smtp.waitFor((mail) => mail.to.includes('erika@example.com'), 150_000);
		const [renewed] = openCases('exp:INC0020001');
		expect(openCases('exp:INC0020001')).toHaveLength(1);
		expect(renewed.code).not.toBe(ticket.code);
		expect(sim.state.sessions.get(ticket.code)!.state).toBe('Closed');
		expect(renewed).toMatchObject({ groupid: sim.state.sessions.get(ticket.code)!.groupid, description: 'exp:INC0020001: VPN down', assigned_userid: supporterId, end_customer: { name: 'Erika Muster', email: 'erika@example.com' } });
		expect(invite.subject).toBe('Your new remote support link (exp:INC0020001)');
		expect(invite.text).toContain(renewed.end_customer_link);
		expect(invite.text).toContain(`valid until ${renewed.valid_until}`);
		expect(invite.text).not.toContain(ticket.end_customer_link);

		// Not renewed: the case someone connected to, and the case of no ticket (no custom ID).
		await nextPolls(1, 2);
		expect(sim.state.sessions.get(used.code)!.state).toBe('Open');
		expect(sim.state.sessions.get(anonymous.code)!.state).toBe('Open');
		expect(smtp.messages.filter((mail) => mail.to.includes('john@example.com') || mail.to.includes('walkin@example.com'))).toEqual([]);
		expect(smtp.messages.filter((mail) => mail.to.includes('erika@example.com'))).toHaveLength(1);
		expect(openCases('exp:INC0020001').map((session) => session.code)).toEqual([renewed.code]);
		const renewals = await n8n.executions('tvExpiringRenew1');
		expect(renewals.length).toBeGreaterThan(0);
		expect(renewals.map((execution) => execution.status)).toEqual(renewals.map(() => 'success'));
	}, 300_000);
});

/** Waits until each of the `triggers` active triggers has polled about `n` more times (every minute). */
async function nextPolls(n: number, triggers: number): Promise<void> {
	const lists = () => sim.requests.filter((call) => call.path === '/api/v1/sessions' && call.method === 'GET' && call.query.state === 'open').length;
	const before = lists();
	const deadline = Date.now() + (n + 1) * 70_000;
	while (lists() < before + triggers * n && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1000));
	await new Promise((resolve) => setTimeout(resolve, 5000));
}
