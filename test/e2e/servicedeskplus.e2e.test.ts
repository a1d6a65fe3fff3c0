/**
 * The ServiceDesk Plus Cloud flows, as shipped, in a real n8n: their HTTP Request nodes call
 * https://sdpondemand.manageengine.com and https://accounts.zoho.com, which the TLS proxy hands to the
 * ServiceDesk Plus simulator; Send Email and Twilio reach the SMTP capture and the SMS sink.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import type { DemoInfo, SdpRequest, ServiceDeskPlusSimulator } from '../simulators/servicedeskplus';
import { DEMO_SESSION_FIELD, startServiceDeskPlusSimulator } from '../simulators/servicedeskplus';
import { zohoRefreshCredentialData } from '../simulators/servicedeskplus/demo';
import type { InsightsSpec } from '../simulators/teamviewer';
import type { Session } from '../simulators/teamviewer/types';
import { diagnostics } from './diagnostics';
import { basicAuth, eventually, startItsmWorld, stopAll } from './itsm';
import type { ItsmWorld } from './itsm';
import { N8n } from './n8n';
import { ROOT } from './runtime';

const FLOWS = path.join(ROOT, 'workflows/servicedeskplus');
const WEBHOOK_USER = { user: 'servicedeskplus', password: 'e2e-Sdp-Webhook-Pa55' };
const MINUTE = 60_000;
const NO_REPORT_YET =
	'No connection report yet. TeamViewer logs a connection once it has ended, sometimes minutes later: each one is added here as it arrives (checked for 60 minutes).';

let sdp: ServiceDeskPlusSimulator;
let demo: DemoInfo;
let world: ItsmWorld;
let n8n: N8n;

interface Answer {
	status: number;
	body: Record<string, any>;
}

/**
 * One webhook call, no retries: the flows answer 404 for an unknown request, which `n8n.webhook` would
 * take for "not registered yet" and repeat (beforeAll waits for the registration instead).
 */
async function call(
	action: 'session' | 'end' | 'history',
	body: unknown,
	auth: string | null = basicAuth(WEBHOOK_USER),
): Promise<Answer> {
	const response = await fetch(`${n8n.url}/webhook/servicedeskplus/teamviewer/${action}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(auth ? { Authorization: auth } : {}) },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	try {
		return { status: response.status, body: JSON.parse(text) };
	} catch {
		return { status: response.status, body: { text } };
	}
}

function request(displayId: string): SdpRequest {
	const found = sdp.request(displayId);
	if (!found) throw new Error(`no request #${displayId}`);
	return found;
}

const sessionsOf = (requestId: string, type: 'remote' | 'pilot' = 'remote'): Session[] =>
	[...world.tv.state.sessions.values()].filter(
		(session) => session.customId === `sdp:${requestId}${type === 'pilot' ? ':pilot' : ''}`,
	);
const tvUser = (name: string) =>
	[...world.tv.state.users.values()].find((user) => user.name === name)!;
const mailsTo = (address: string) =>
	world.smtp.messages.filter((message) => message.to.includes(address));
const noteTexts = (displayId: string) => sdp.notes(displayId).map((note) => note.description);
/** The cases of a request whose connection history is still being collected (ended:<code>@<time>). */
const pendingOf = (displayId: string) =>
	String(request(displayId).udf_fields[DEMO_SESSION_FIELD] ?? '')
		.split(/\s+/)
		.filter((part) => part.startsWith('ended:'))
		.map((part) => part.slice(6).split('@')[0]);
const apiCalls = () => sdp.requests.filter((entry) => entry.path !== '/oauth/v2/token');

function explain(answer?: Answer): string {
	const calls = sdp.requests
		.slice(-20)
		.map((entry) => `  ${entry.method} ${entry.path} → ${entry.status}`)
		.join('\n');
	return `${answer ? `\nanswer ${answer.status}: ${JSON.stringify(answer.body)}` : ''}${diagnostics(n8n, world?.tv)}--- ServiceDesk Plus requests ---\n${calls}`;
}

function expectOk(answer: Answer): void {
	if (answer.status !== 200) throw new Error(`expected 200${explain(answer)}`);
}

beforeAll(async () => {
	sdp = await startServiceDeskPlusSimulator();
	demo = sdp.seedDemo();
	world = await startItsmWorld(() => [sdp.proxyRoute]);
	n8n = await N8n.start({
		credentials: [
			...world.credentials,
			{
				id: 'sdpWebhookAuth01',
				name: 'ServiceDesk Plus to n8n webhook',
				type: 'httpBasicAuth',
				data: WEBHOOK_USER,
			},
			{ id: 'sdpZohoRefresh01', name: 'Zoho refresh token (ServiceDesk Plus)', type: 'httpCustomAuth', data: zohoRefreshCredentialData() },
		],
		workflows: readdirSync(FLOWS)
			.filter((file) => file.endsWith('.json'))
			.map((file) => path.join(FLOWS, file)),
		activate: ['sdpSettings00001', 'sdpSessionActions01', 'sdpEndSessionLog001'],
		env: world.env,
	});
	// Without credentials a registered webhook answers 401 and runs nothing; 404 means not registered yet.
	for (const action of ['session', 'end', 'history']) {
		const probe = await n8n.webhook(`servicedeskplus/teamviewer/${action}`, { body: {} });
		if (probe.status !== 401)
			throw new Error(`webhook ${action} answered ${probe.status}${explain()}`);
	}
}, 300_000);

afterAll(async () => {
	expect(await stopAll(n8n, world, sdp)).toEqual([]);
});

describe('a TeamViewer session from a request', () => {
	it('makes one remote session however often it is pressed, emails each party their own link once and notes it', async () => {
		const outlook = request('101');
		const press = { request_id: outlook.id, action: 'remote' };

		const answers = [
			await call('session', press),
			await call('session', press),
			await call('session', press),
		];

		answers.forEach(expectOk);
		const sessions = sessionsOf(outlook.id);
		expect(sessions).toHaveLength(1);
		const [session] = sessions;
		expect(answers.map((answer) => answer.body.session_code)).toEqual([
			session.code,
			session.code,
			session.code,
		]);
		expect(answers.map((answer) => [answer.body.created, answer.body.emailed])).toEqual([
			[true, ['requester', 'technician']],
			[false, []],
			[false, []],
		]);
		expect(answers[0].body).toMatchObject({
			session_type: 'remote',
			supporter_link: session.supporter_link,
			end_customer_link: session.end_customer_link,
		});
		expect(session).toMatchObject({
			support_session_type: 'Default',
			description: 'SDP #101: Outlook crashes on start',
			end_customer: { name: 'Erika Muster', email: 'erika.muster@customer.example' },
			assigned_userid: tvUser('Ada Agent').id,
		});
		expect(world.tv.state.groups.get(session.groupid)?.name).toBe('ServiceDesk Plus');

		const requesterMails = mailsTo('erika.muster@customer.example');
		expect(requesterMails).toHaveLength(1);
		expect(requesterMails[0].subject).toBe(
			'Remote support for request #101: Outlook crashes on start',
		);
		expect(requesterMails[0].text).toContain('Hello Erika Muster,');
		expect(requesterMails[0].text).toContain(
			'Ada Agent would like to help you with request #101 (Outlook crashes on start) in a TeamViewer remote control session.',
		);
		expect(requesterMails[0].text).toContain(
			`Open this link to join: ${session.end_customer_link}\n`,
		);
		expect(requesterMails[0].text).not.toContain(session.supporter_link);
		const technicianMails = mailsTo('ada.agent@sandbox-support.example');
		expect(technicianMails).toHaveLength(1);
		expect(technicianMails[0].subject).toBe(
			'TeamViewer remote control session for request #101: Outlook crashes on start',
		);
		expect(technicianMails[0].text).toContain(`Join as supporter: ${session.supporter_link}\n`);
		expect(technicianMails[0].text).toContain(
			`the TeamViewer remote control session ${session.code} for request #101`,
		);

		expect(request('101').udf_fields[DEMO_SESSION_FIELD]).toBe(session.code);
		const notes = sdp.notes('101');
		expect(notes).toHaveLength(1);
		expect(notes[0]).toMatchObject({ show_to_requester: false, addedBy: demo.apiUser.id });
		expect(notes[0].description).toBe(
			`TeamViewer remote control session ${session.code} created.<br>Customer link emailed to erika.muster@customer.example.` +
				`<br>Supporter link emailed to Ada Agent (ada.agent@sandbox-support.example): ${session.supporter_link}` +
				`<br>Valid until ${session.valid_until}.`,
		);
	});

	it('reinvites: the customer link goes to the requester again, and only to them', async () => {
		const outlook = request('101');
		const [session] = sessionsOf(outlook.id);

		const answer = await call('session', { request_id: outlook.id, action: 'reinvite' });

		expectOk(answer);
		expect(answer.body).toMatchObject({
			session_code: session.code,
			created: false,
			first_invite: false,
			emailed: ['requester'],
		});
		expect(sessionsOf(outlook.id)).toHaveLength(1);
		const requesterMails = mailsTo('erika.muster@customer.example');
		expect(requesterMails).toHaveLength(2);
		expect(requesterMails[1].text).toContain(
			`Open this link to join: ${session.end_customer_link}\n`,
		);
		expect(mailsTo('ada.agent@sandbox-support.example')).toHaveLength(1);
		expect(noteTexts('101')).toHaveLength(2);
		expect(noteTexts('101')[1]).toBe(
			`TeamViewer session ${session.code}: customer link emailed again to erika.muster@customer.example (reinvite). Valid until ${session.valid_until}.`,
		);
	});

	it('copies the link: answers the customer link and sends nothing', async () => {
		const outlook = request('101');
		const [session] = sessionsOf(outlook.id);
		const mailsBefore = world.smtp.messages.length;

		const answer = await call('session', { request_id: outlook.id, action: 'copy_link' });

		expectOk(answer);
		expect(answer.body).toEqual({
			request_id: outlook.id,
			session_code: session.code,
			end_customer_link: session.end_customer_link,
			valid_until: session.valid_until,
		});
		expect(world.smtp.messages.length).toBe(mailsBefore);
		expect(noteTexts('101')).toHaveLength(2);
	});

	it("makes a Pilot session: SMS to the requester's mobile, supporter link to a technician without a TeamViewer account", async () => {
		const labelPrinter = request('104');

		const answer = await call('session', { request_id: labelPrinter.id, action: 'pilot' });

		expectOk(answer);
		expect(sessionsOf(labelPrinter.id)).toEqual([]);
		const [session] = sessionsOf(labelPrinter.id, 'pilot');
		expect(request('104').udf_fields[DEMO_SESSION_FIELD]).toBe(`pilot:${session.code}`);
		expect(session).toMatchObject({
			support_session_type: 'Pilot',
			assigned_userid: null,
			description: 'SDP #104: Label printer shows a paper jam',
		});
		expect(answer.body).toMatchObject({
			session_type: 'pilot',
			emailed: ['requester', 'technician'],
			texted: true,
		});
		const sms = await world.sms.waitFor((message) => message.to === '+4915112345678');
		expect(sms.body).toBe(
			`IT support, request #104: open ${session.end_customer_link} on your smartphone to show Frank Fieldtech the problem through its camera (valid until ${new Date(session.valid_until).toUTCString()}).`,
		);
		const requesterMail = mailsTo('erika.muster@customer.example').find((mail) =>
			mail.subject.includes('#104'),
		)!;
		expect(requesterMail.text).toContain('in a TeamViewer Pilot (Assist AR) session.');
		expect(requesterMail.text).toContain(session.end_customer_link);
		const [technicianMail] = mailsTo('frank.fieldtech@sandbox-support.example');
		expect(technicianMail.subject).toBe(
			'TeamViewer Pilot (Assist AR) session for request #104: Label printer shows a paper jam',
		);
		expect(technicianMail.text).toContain(`Join as supporter: ${session.supporter_link}`);
		expect(noteTexts('104')).toEqual([
			`TeamViewer Pilot (Assist AR) session ${session.code} created.<br>Customer link emailed to erika.muster@customer.example.` +
				`<br>Supporter link emailed to Frank Fieldtech (frank.fieldtech@sandbox-support.example): ${session.supporter_link}` +
				`<br>Customer link texted to +4915112345678.<br>Valid until ${session.valid_until}.`,
		]);
	});

	it('gives a request one case per session type: remote after Pilot makes its own, Pilot again reuses, End ends both', async () => {
		const labelPrinter = request('104');
		const [pilot] = sessionsOf(labelPrinter.id, 'pilot');
		const smsBefore = world.sms.messages.length;

		const remote = await call('session', { request_id: labelPrinter.id, action: 'remote' });
		const pilotAgain = await call('session', { request_id: labelPrinter.id, action: 'pilot' });

		expectOk(remote);
		expect(remote.body).toMatchObject({ created: true, session_type: 'remote', first_invite: true });
		expect(remote.body.session_code).not.toBe(pilot.code);
		expect(sessionsOf(labelPrinter.id).map((session) => session.support_session_type)).toEqual(['Default']);
		expect(pilotAgain.body).toMatchObject({ session_code: pilot.code, created: false, first_invite: false, emailed: [], texted: false });
		expect(world.sms.messages.length).toBe(smsBefore);
		expect(request('104').udf_fields[DEMO_SESSION_FIELD]).toBe(`${remote.body.session_code} pilot:${pilot.code}`);

		const ended = await call('end', { request_id: labelPrinter.id });

		expectOk(ended);
		expect(ended.body).toMatchObject({ ended: true, session_codes: [remote.body.session_code, pilot.code], connections: 0 });
		expect([world.tv.state.sessions.get(String(remote.body.session_code))?.state, world.tv.state.sessions.get(pilot.code)?.state]).toEqual(['Closed', 'Closed']);
		expect(noteTexts('104').at(-1)).toBe(
			`TeamViewer session ${remote.body.session_code} ended. ${NO_REPORT_YET}<br><br>` +
				`TeamViewer session ${pilot.code} ended. ${NO_REPORT_YET}`,
		);
		expect(pendingOf('104')).toEqual([String(remote.body.session_code), pilot.code]);
	});

	it('answers 401 to a call without the webhook credentials, and does nothing', async () => {
		const vpn = request('102');
		const before = {
			sdp: sdp.requests.length,
			sessions: world.tv.state.sessions.size,
			mails: world.smtp.messages.length,
			tv: world.tv.requests.length,
		};

		const answers = [
			await call('session', { request_id: vpn.id, action: 'remote' }, null),
			await call('end', { request_id: vpn.id }, null),
		];
		const wrong = await call(
			'session',
			{ request_id: vpn.id, action: 'remote' },
			basicAuth({ user: WEBHOOK_USER.user, password: 'guess' }),
		);

		expect([...answers.map((answer) => answer.status), wrong.status]).toEqual([401, 401, 401]);
		expect({
			sdp: sdp.requests.length,
			sessions: world.tv.state.sessions.size,
			mails: world.smtp.messages.length,
			tv: world.tv.requests.length,
		}).toEqual(before);
		expect(sdp.notes('102')).toEqual([]);
		expect(request('102').udf_fields[DEMO_SESSION_FIELD]).toBeNull();
	});

	it('answers a bad call, an unknown, closed or mail-less request, and a missing session with the reason', async () => {
		const cases: Array<[string, 'session' | 'end', Record<string, unknown>, number, string]> = [
			[
				'bad id',
				'session',
				{ request_id: 'INC-1', action: 'remote' },
				400,
				'"request_id" must be the id of the request (digits); got "INC-1".',
			],
			[
				'bad action',
				'session',
				{ request_id: request('102').id, action: 'teleport' },
				400,
				'"action" must be one of remote, pilot, reinvite, copy_link; got "teleport".',
			],
			[
				'bad type',
				'session',
				{ request_id: request('102').id, action: 'reinvite', type: 'video' },
				400,
				'"type" must be remote or pilot; got "video".',
			],
			[
				'unknown',
				'session',
				{ request_id: '116058000000999999', action: 'remote' },
				404,
				'ServiceDesk Plus has no request 116058000000999999.',
			],
			[
				'closed',
				'session',
				{ request_id: request('105').id, action: 'remote' },
				409,
				'Request #105 is Closed; reopen it to start a TeamViewer session.',
			],
			[
				'no session',
				'session',
				{ request_id: request('103').id, action: 'copy_link' },
				409,
				'Request #103 has no TeamViewer remote-control session yet; create one first (action "remote").',
			],
			[
				'no email',
				'session',
				{ request_id: request('106').id, action: 'remote' },
				422,
				'The requester of request #106 (Noah Nomail) has no email address, so the customer link cannot be sent.',
			],
			[
				'nothing to end',
				'end',
				{ request_id: request('102').id },
				409,
				`Request #102 has no open TeamViewer session to end (the field ${DEMO_SESSION_FIELD} is empty).`,
			],
		];
		const sessionsBefore = world.tv.state.sessions.size;

		for (const [what, flow, body, status, error] of cases) {
			const answer = await call(flow, body);
			expect({ what, status: answer.status, error: answer.body.error }).toEqual({
				what,
				status,
				error,
			});
		}

		expect(world.tv.state.sessions.size).toBe(sessionsBefore);
		expect(['102', '103', '105', '106'].flatMap((displayId) => sdp.notes(displayId))).toEqual([]);
	});

	it('renews the Zoho token once per hour rather than per call, never sends Bearer, and recovers from a revoked token', async () => {
		const grantsBefore = sdp.state.tokenGrants;
		// One grant per flow so far, however many calls ran.
		expect(grantsBefore).toBe(2);
		expect(sdp.requests.filter((entry) => entry.path === '/oauth/v2/token')).toHaveLength(2);
		expect(sdp.state.bearerRejections).toBe(0);
		expect(
			apiCalls().every((entry) => entry.headers.authorization?.startsWith('Zoho-oauthtoken 1000.')),
		).toBe(true);
		expect(
			apiCalls()
				.filter((entry) => entry.method !== 'GET')
				.every((entry) =>
					entry.headers.contentType?.startsWith('application/x-www-form-urlencoded'),
				),
		).toBe(true);

		sdp.expireAccessTokens();
		const refused = [
			await call('session', { request_id: request('101').id, action: 'copy_link' }),
			await call('end', { request_id: request('102').id }),
		];
		const retried = [
			await call('session', { request_id: request('101').id, action: 'copy_link' }),
			await call('end', { request_id: request('102').id }),
		];

		// The simulator answers an expired token 403 by default (SDP's status table pairs 4002 with 403; README S6).
		const forbidden = /^ServiceDesk Plus refused the call \(403: .*4002.*\)\. The flow dropped its Zoho access token and fetches a new one on the next call; if this keeps happening, the token's scopes \(SDPOnDemand\.requests\.ALL\) or the technician's role lack the permission\.$/;
		expect(refused.map((answer) => answer.status)).toEqual([502, 502]);
		for (const answer of refused) expect(answer.body.error).toMatch(forbidden);
		expect(retried.map((answer) => answer.status)).toEqual([200, 409]);
		expect(sdp.state.tokenGrants).toBe(grantsBefore + 2);

		// The same with a portal that answers 401 (knob refusedTokenStatus).
		sdp.setKnobs({ refusedTokenStatus: 401 });
		try {
			sdp.expireAccessTokens();
			const refused401 = await call('session', { request_id: request('101').id, action: 'copy_link' });
			const retried401 = await call('session', { request_id: request('101').id, action: 'copy_link' });
			expect([refused401.status, refused401.body.error, retried401.status]).toEqual([
				502,
				'ServiceDesk Plus refused the Zoho access token. The flow dropped it and fetches a new one on the next call: try again.',
				200,
			]);
		} finally {
			sdp.setKnobs({ refusedTokenStatus: 403 });
		}

		// A revoked refresh token: Zoho answers { error: 'invalid_code' }; the caller gets 502 with the reason.
		const [refreshToken, grant] = [...sdp.state.refreshTokens][0];
		sdp.state.refreshTokens.delete(refreshToken);
		sdp.expireAccessTokens();
		try {
			// Each flow first meets the expired access token (and drops it), then asks Zoho for a new one.
			const revoked = [
				await call('session', { request_id: request('101').id, action: 'copy_link' }),
				await call('session', { request_id: request('101').id, action: 'copy_link' }),
				await call('end', { request_id: request('102').id }),
				await call('end', { request_id: request('102').id }),
			];
			const reason = 'Zoho refused to renew the access token (invalid_code). Check the credential "Zoho refresh token (ServiceDesk Plus)"; nothing was done.';
			expect(revoked.map((answer) => answer.status)).toEqual([502, 502, 502, 502]);
			expect(revoked[0].body.error).toMatch(forbidden);
			expect(revoked[2].body.error).toMatch(forbidden);
			expect([revoked[1].body.error, revoked[3].body.error]).toEqual([reason, reason]);
		} finally {
			sdp.state.refreshTokens.set(refreshToken, grant);
		}
	});
});

describe('end session: history note and worklogs', () => {
	it('ends the session, notes every connection and books each as a worklog of the technician who connected', async () => {
		const outlook = request('101');
		const code = String(outlook.udf_fields[DEMO_SESSION_FIELD]);
		const now = Date.now();
		const at = (minutesAgo: number) => new Date(now - minutesAgo * MINUTE).toISOString();
		// Emil has no SDP technician: his time goes to the request's technician (Ada). Dana's SDP email
		// differs in letter case; her 29 s still book the minimum minute.
		const emil = world.tv.connectSession(code, {
			userId: tvUser('Emil Escalation').id,
			startedAt: at(70),
			durationSeconds: 3725,
			deviceName: 'LAPTOP-ERIKA',
		});
		const ben = world.tv.connectSession(code, {
			userId: tvUser('Ben Backoffice').id,
			startedAt: at(40),
			durationSeconds: 754,
			deviceName: 'LAPTOP-ERIKA',
		});
		const dana = world.tv.connectSession(code, {
			userId: tvUser('Dana Ops').id,
			startedAt: at(20),
			durationSeconds: 29,
			deviceName: 'LAPTOP-ERIKA',
		});

		const answer = await call('end', { request_id: outlook.id });

		expectOk(answer);
		expect(answer.body).toEqual({
			request_id: outlook.id,
			session_code: code,
			session_codes: [code],
			ended: true,
			history_pending: true,
			connections: 3,
			worklogs: [
				{ owner: 'Ada Agent', hours: 1, minutes: 2 },
				{ owner: 'Ben Backoffice', hours: 0, minutes: 13 },
				{ owner: 'Dana Ops', hours: 0, minutes: 1 },
			],
		});
		expect(world.tv.state.sessions.get(code)?.state).toBe('Closed');
		// n8n sends the worklogs in parallel: their order in SDP is not the connections' order.
		const worklogs = [...sdp.worklogs('101')]
			.sort((a, b) => Number(a.startMs) - Number(b.startMs))
			.map((worklog) => ({
				owner: sdp.userName(worklog.ownerId),
				hours: worklog.hours,
				minutes: worklog.minutes,
				start: worklog.startMs,
				end: worklog.endMs,
				by: worklog.createdBy,
			}));
		expect(worklogs).toEqual([
			{
				owner: 'Ada Agent',
				hours: 1,
				minutes: 2,
				start: Date.parse(emil.start_date),
				end: Date.parse(emil.end_date),
				by: demo.apiUser.id,
			},
			{
				owner: 'Ben Backoffice',
				hours: 0,
				minutes: 13,
				start: Date.parse(ben.start_date),
				end: Date.parse(ben.end_date),
				by: demo.apiUser.id,
			},
			{
				owner: 'Dana Ops',
				hours: 0,
				minutes: 1,
				start: Date.parse(dana.start_date),
				end: Date.parse(dana.end_date),
				by: demo.apiUser.id,
			},
		]);
		expect(
			sdp.worklogs('101').find((worklog) => worklog.startMs === Date.parse(ben.start_date))
				?.description,
		).toBe(
			`TeamViewer session ${code}: ${ben.start_date} to ${ben.end_date} (12 min 34 s), Ben Backoffice on LAPTOP-ERIKA (report ${ben.id}).`,
		);
		expect(noteTexts('101').at(-1)).toBe(
			`TeamViewer session ${code} ended. Connection history:` +
				`<br>- ${emil.start_date} to ${emil.end_date} (62 min 5 s), Emil Escalation on LAPTOP-ERIKA: worklog 1 h 2 min for Ada Agent (Emil Escalation is not an SDP technician, so the request's technician gets it) (report ${emil.id})` +
				`<br>- ${ben.start_date} to ${ben.end_date} (12 min 34 s), Ben Backoffice on LAPTOP-ERIKA: worklog 0 h 13 min for Ben Backoffice (report ${ben.id})` +
				`<br>- ${dana.start_date} to ${dana.end_date} (0 min 29 s), Dana Ops on LAPTOP-ERIKA: worklog 0 h 1 min for Dana Ops (report ${dana.id})`,
		);
		// The case stays listed for late reports; a check finds nothing new and writes nothing.
		expect(pendingOf('101')).toEqual([code]);
		const notesBefore = sdp.notes('101').length;
		const check = await call('history', {});
		expectOk(check);
		expect(sdp.notes('101')).toHaveLength(notesBefore);
		expect(sdp.worklogs('101')).toHaveLength(3);
	});

	it('says so when nobody connected and books no time; the next press starts a new session', async () => {
		const printer = request('103');
		const invite = await call('session', { request_id: printer.id, action: 'remote' });
		expectOk(invite);

		const answer = await call('end', { request_id: printer.id });
		const again = await call('end', { request_id: printer.id });

		expectOk(answer);
		expect(answer.body).toMatchObject({
			session_code: invite.body.session_code,
			ended: true,
			connections: 0,
			worklogs: [],
		});
		expect(noteTexts('103').at(-1)).toBe(
			`TeamViewer session ${invite.body.session_code} ended. ${NO_REPORT_YET}`,
		);
		expect(sdp.worklogs('103')).toEqual([]);
		expect(again.status).toBe(409);

		const outlook = request('101');
		const fresh = await call('session', { request_id: outlook.id, action: 'remote' });
		expectOk(fresh);
		expect(fresh.body.created).toBe(true);
		expect(sessionsOf(outlook.id).map((session) => session.state)).toEqual(['Closed', 'Open']);
		await eventually(
			'the new code on the request',
			// the ended case stays listed for late connections next to the new open one
			() => String(request('101').udf_fields[DEMO_SESSION_FIELD]).split(' ')[0] === fresh.body.session_code,
		);
	});
	it('reinvites with a fresh session once the 24 h link has expired, and invites both parties again', async () => {
		const screen = request('107');
		const first = await call('session', { request_id: screen.id, action: 'remote' });
		expectOk(first);
		world.tv.clock.advance(25 * 60 * MINUTE);
		try {
			const answer = await call('session', { request_id: screen.id, action: 'reinvite' });

			expectOk(answer);
			expect(answer.body).toMatchObject({
				created: true,
				first_invite: true,
				emailed: ['requester', 'technician'],
			});
			expect(answer.body.session_code).not.toBe(first.body.session_code);
			expect(sessionsOf(screen.id)).toHaveLength(2);
			expect(request('107').udf_fields[DEMO_SESSION_FIELD]).toBe(answer.body.session_code);
			const requesterMails = mailsTo('maria.rossi@initech.example');
			expect(requesterMails).toHaveLength(2);
			expect(requesterMails[1].text).toContain(
				`Open this link to join: ${answer.body.end_customer_link}\n`,
			);
			const technicianMails = world.smtp.messages.filter((message) =>
				message.to.some((to) => to.toLowerCase() === 'dana.ops@sandbox-support.example'),
			);
			expect(technicianMails).toHaveLength(2);
			expect(technicianMails[1].text).toContain(`Join as supporter: ${answer.body.supporter_link}`);
			expect(noteTexts('107').at(-1)).toContain(
				`TeamViewer remote control session ${answer.body.session_code} created (the previous link had expired).`,
			);
		} finally {
			world.tv.clock.reset();
		}
	});
});

/** A fresh open request, so a test does not depend on what others did to the demo ones. */
function newRequest(subject: string, requester = 'Erika Muster', technician = 'Ada Agent'): SdpRequest {
	sdp.seed({ requests: [{ subject, requester, technician }] });
	const found = [...sdp.state.requests.values()].find((candidate) => candidate.subject === subject);
	if (!found) throw new Error(`seeding '${subject}' failed`);
	return found;
}

async function inviteTo(displayId: string): Promise<string> {
	const invite = await call('session', { request_id: request(displayId).id, action: 'remote' });
	expectOk(invite);
	return String(invite.body.session_code);
}

const connectionNotes = (displayId: string) =>
	noteTexts(displayId).filter((note) => note.includes('(report '));

describe('end session: Session Insights', () => {
	/** A new request of Erika's with an open case, and one connection to it with the given insights. */
	async function connected(subject: string, insights: InsightsSpec) {
		sdp.seed({ requests: [{ subject, requester: 'Erika Muster', technician: 'Ada Agent', group: 'Service Desk' }] });
		const target = [...sdp.state.requests.values()].find((candidate) => candidate.subject === subject)!;
		const invite = await call('session', { request_id: target.id, action: 'remote' });
		expectOk(invite);
		const code = String(invite.body.session_code);
		const report = world.tv.connectSession(code, {
			userId: tvUser('Ben Backoffice').id,
			startedAt: new Date(Date.now() - 30 * MINUTE).toISOString(),
			durationSeconds: 600,
			deviceName: 'LAPTOP-ERIKA',
			insights,
		});
		return { target, code, report };
	}

	/** The End run, once n8n has finished it (the screenshots are uploaded after the answer). */
	async function finishedRun(before: Set<string>) {
		return await eventually('the End run to finish', async () => {
			const runs = (await n8n.executions('sdpEndSessionLog001', { includeData: false })).filter((run) => !before.has(run.id));
			const finished = runs.filter((run) => !['running', 'new', 'waiting'].includes(run.status));
			return finished.length === runs.length && runs.length > 0 ? runs : undefined;
		}, 60_000);
	}
	const runIds = async () => new Set((await n8n.executions('sdpEndSessionLog001', { includeData: false })).map((run) => run.id));

	it('puts the AI summary under its connection in the note and uploads the screenshots to the request, once', async () => {
		const { target, code, report } = await connected('Outlook asks for the password again and again', 'sample');
		const insights = world.tv.state.insights.get(report.id)!;
		const before = await runIds();

		const answer = await call('end', { request_id: target.id });

		expectOk(answer);
		expect(answer.body).toMatchObject({ session_code: code, ended: true, connections: 1, worklogs: [{ owner: 'Ben Backoffice', hours: 0, minutes: 10 }] });
		const summary = insights.aiSummary!;
		expect(noteTexts(target.display_id).at(-1)).toBe(
			`TeamViewer session ${code} ended. Connection history:` +
				`<br>- ${report.start_date} to ${report.end_date} (10 min 0 s), Ben Backoffice on LAPTOP-ERIKA: worklog 0 h 10 min for Ben Backoffice (report ${report.id})` +
				'<br>&nbsp;&nbsp;AI summary (TeamViewer Session Insights):' +
				[summary.Name, summary.Summary, 'Issue types: Email, Authentication', 'Applications: Microsoft Outlook, Control Panel', 'Steps:', '1. Control Panel: Removed the stored Outlook credentials (control keymgr.dll)', '2. Microsoft Outlook: Created a new mail profile']
					.map((line) => `<br>&nbsp;&nbsp;${line}`)
					.join(''),
		);
		expect((await finishedRun(before)).map((run) => run.status)).toEqual(['success']);
		const files = sdp.attachments(target.display_id);
		expect(files.map((file) => [file.name, file.content_type, file.content.toString('base64')]).sort()).toEqual(
			insights.screenshots!.map((shot) => [shot.fileName, 'image/png', shot.content]).sort(),
		);
		expect(sdp.requests.filter((entry) => entry.path.endsWith('/upload')).map((entry) => entry.method)).toEqual(['PUT', 'PUT']);

		// The next check finds the connection noted: no second note line, no second upload.
		const check = await call('history', {});
		expectOk(check);
		expect(sdp.attachments(target.display_id)).toHaveLength(2);
		expect(noteTexts(target.display_id).filter((note) => note.includes(`report ${report.id}`))).toHaveLength(1);
	});

	it('still notes the history and books the time when TeamViewer has no insights, says why, and uploads nothing', async () => {
		world.tv.config.insightsUnavailable = 'specific';
		try {
			const { target, code, report } = await connected('Teams does not start after the update', 'notActivated');
			const before = await runIds();

			const answer = await call('end', { request_id: target.id });

			expectOk(answer);
			expect(answer.body).toMatchObject({ session_code: code, ended: true, connections: 1 });
			expect(noteTexts(target.display_id).at(-1)).toBe(
				`TeamViewer session ${code} ended. Connection history:` +
					`<br>- ${report.start_date} to ${report.end_date} (10 min 0 s), Ben Backoffice on LAPTOP-ERIKA: worklog 0 h 10 min for Ben Backoffice (report ${report.id})` +
					'<br>&nbsp;&nbsp;No AI summary: Session Insights is not activated for this TeamViewer company.',
			);
			expect(sdp.worklogs(target.display_id)).toHaveLength(1);
			expect((await finishedRun(before)).map((run) => run.status)).toEqual(['success']);
			expect(sdp.attachments(target.display_id)).toEqual([]);
		} finally {
			world.tv.config.insightsUnavailable = 'generic';
		}
	});
});

describe('connection history that arrives late, and runs that overlap', () => {
	it('adds a connection TeamViewer reports 75 s after End as it arrives, once, and never calls the session unused early', async () => {
		const teams = newRequest('Teams calls drop after a minute');
		const code = await inviteTo(teams.display_id);
		world.tv.config.reportLagMs = 75_000;
		try {
			const report = world.tv.connectSession(code, {
				userId: tvUser('Ben Backoffice').id,
				startedAt: new Date(Date.now() - 12_000).toISOString(),
				durationSeconds: 12,
				deviceName: 'LAPTOP-ERIKA',
			});

			const ended = await call('end', { request_id: teams.id });

			expectOk(ended);
			expect(ended.body).toMatchObject({ ended: true, connections: 0, worklogs: [], history_pending: true });
			expect(noteTexts(teams.display_id).at(-1)).toBe(`TeamViewer session ${code} ended. ${NO_REPORT_YET}`);
			const early = await call('history', {});
			expectOk(early);
			expect(noteTexts(teams.display_id)).toHaveLength(2);
			expect(noteTexts(teams.display_id).join('\n')).not.toMatch(/no connection took place/i);

			world.tv.clock.advance(76_000);
			const late = await call('history', {});

			expectOk(late);
			expect(noteTexts(teams.display_id).at(-1)).toBe(
				`TeamViewer session ${code}: connection reported after ending:<br>- ${report.start_date} to ${report.end_date} (0 min 12 s), Ben Backoffice on LAPTOP-ERIKA: worklog 0 h 1 min for Ben Backoffice (report ${report.id})`,
			);
			expect(sdp.worklogs(teams.display_id).map((worklog) => [sdp.userName(worklog.ownerId), worklog.hours, worklog.minutes])).toEqual([['Ben Backoffice', 0, 1]]);
			const again = await call('history', {});
			expectOk(again);
			expect(connectionNotes(teams.display_id)).toHaveLength(1);
			expect(sdp.worklogs(teams.display_id)).toHaveLength(1);
			expect(pendingOf(teams.display_id)).toEqual([code]);
		} finally {
			world.tv.config.reportLagMs = 0;
			world.tv.clock.reset();
		}
	});

	it('notes "no connection" only for a case ended longer ago than the history window, then lets it go', async () => {
		const webcam = newRequest('Webcam not detected');
		const now = Math.floor(Date.now() / 1000);
		webcam.udf_fields[DEMO_SESSION_FIELD] = `ended:s900-000-001@${now - 2 * 3600} ended:s900-000-002@${now - 60}`;

		const run = await call('history', {});
		const again = await call('history', {});

		expectOk(run);
		expectOk(again);
		expect(noteTexts(webcam.display_id)).toEqual([
			'TeamViewer session s900-000-001: no connection took place (TeamViewer reported none within 60 minutes of ending).',
		]);
		expect(pendingOf(webcam.display_id)).toEqual(['s900-000-002']);
		expect(sdp.worklogs(webcam.display_id)).toEqual([]);
	});

	it('ends once when End is pressed twice at the same moment: one answer 200, the other 409, each note and worklog once', async () => {
		const excel = newRequest('Excel macros are blocked');
		const code = await inviteTo(excel.display_id);
		const report = world.tv.connectSession(code, {
			userId: tvUser('Ada Agent').id,
			startedAt: new Date(Date.now() - 10 * MINUTE).toISOString(),
			durationSeconds: 300,
			deviceName: 'LAPTOP-ERIKA',
		});

		const answers = await Promise.all([call('end', { request_id: excel.id }), call('end', { request_id: excel.id })]);

		expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
		const refused = answers.find((answer) => answer.status === 409)!;
		expect(refused.body.error).toMatch(/^Another run is (working on|ending the sessions of) request #\d+ right now \(End pressed twice\?\); nothing was done by this call\./);
		expect(connectionNotes(excel.display_id)).toEqual([
			`TeamViewer session ${code} ended. Connection history:<br>- ${report.start_date} to ${report.end_date} (5 min 0 s), Ada Agent on LAPTOP-ERIKA: worklog 0 h 5 min for Ada Agent (report ${report.id})`,
		]);
		expect(sdp.worklogs(excel.display_id)).toHaveLength(1);
		expect(world.tv.state.sessions.get(code)?.state).toBe('Closed');
	});

	it('writes each late connection once when two checks run at the same moment', async () => {
		const vpn = newRequest('Remote desktop disconnects');
		const code = await inviteTo(vpn.display_id);
		world.tv.config.reportLagMs = 75_000;
		try {
			const report = world.tv.connectSession(code, {
				userId: tvUser('Dana Ops').id,
				startedAt: new Date(Date.now() - 90_000).toISOString(),
				durationSeconds: 90,
				deviceName: 'LAPTOP-ERIKA',
			});
			expectOk(await call('end', { request_id: vpn.id }));
			world.tv.clock.advance(76_000);

			const runs = await Promise.all([call('history', {}), call('history', {})]);

			runs.forEach(expectOk);
			expect(connectionNotes(vpn.display_id)).toEqual([
				`TeamViewer session ${code}: connection reported after ending:<br>- ${report.start_date} to ${report.end_date} (1 min 30 s), Dana Ops on LAPTOP-ERIKA: worklog 0 h 2 min for Dana Ops (report ${report.id})`,
			]);
			expect(sdp.worklogs(vpn.display_id)).toHaveLength(1);
			expect(runs.map((run) => run.body.skipped).sort()).toContain(0);
		} finally {
			world.tv.config.reportLagMs = 0;
			world.tv.clock.reset();
		}
	});
});

describe('answers ServiceDesk Plus gives that a flow must not trust', () => {
	it('answers 502, keeps the case pending and writes nothing when the notes list comes without its list, then writes each connection once', async () => {
		const printer = newRequest('Printer queue stuck');
		const code = await inviteTo(printer.display_id);
		world.tv.config.reportLagMs = 75_000;
		try {
			const report = world.tv.connectSession(code, {
				userId: tvUser('Ada Agent').id,
				startedAt: new Date(Date.now() - 60_000).toISOString(),
				durationSeconds: 60,
				deviceName: 'PC-PRINTROOM',
			});
			expectOk(await call('end', { request_id: printer.id }));
			world.tv.clock.advance(76_000);
			const notesBefore = noteTexts(printer.display_id);
			// A 200 without `request_notes` says nothing about what is there: it must not read as "nothing yet".
			sdp.injectFault({ kind: 'status', status: 200, method: 'GET', path: `/requests/${printer.id}/notes$`, body: { response_status: { status_code: 2000, status: 'success' } }, times: 5 });
			let blind: Answer;
			try {
				blind = await call('history', {});
			} finally {
				sdp.clearFaults();
			}

			expect(blind.status).toBe(502);
			expect(blind.body.failures).toContain(`request #${printer.display_id}: its notes, worklogs or the technicians could not be read`);
			expect(noteTexts(printer.display_id)).toEqual(notesBefore);
			expect(sdp.worklogs(printer.display_id)).toEqual([]);
			expect(pendingOf(printer.display_id)).toEqual([code]);

			expectOk(await call('history', {}));
			expectOk(await call('history', {}));
			expect(connectionNotes(printer.display_id)).toEqual([
				`TeamViewer session ${code}: connection reported after ending:<br>- ${report.start_date} to ${report.end_date} (1 min 0 s), Ada Agent on PC-PRINTROOM: worklog 0 h 1 min for Ada Agent (report ${report.id})`,
			]);
			expect(sdp.worklogs(printer.display_id)).toHaveLength(1);
		} finally {
			world.tv.config.reportLagMs = 0;
			world.tv.clock.reset();
		}
	});

	it('sends nothing when ServiceDesk Plus does not keep the session code (a portal that ignores an unknown field), and says which setting to check', async () => {
		const wifi = newRequest('Wi-Fi drops every hour');
		const mailsBefore = mailsTo('erika.muster@customer.example').length;
		sdp.setKnobs({ unknownFields: 'ignore' });
		sdp.state.udfFields.delete(DEMO_SESSION_FIELD);
		let answer: Answer;
		try {
			answer = await call('session', { request_id: wifi.id, action: 'remote' });
		} finally {
			sdp.state.udfFields.add(DEMO_SESSION_FIELD);
			sdp.setKnobs({ unknownFields: 'reject' });
		}

		expect(answer.status).toBe(502);
		const [session] = sessionsOf(wifi.id);
		expect(answer.body.error).toBe(
			`TeamViewer session ${session.code} is ready, but ServiceDesk Plus did not keep it on the request (the request's ${DEMO_SESSION_FIELD} reads "" after the update, not "${session.code}"). Nothing was sent: check that Config → sessionCodeField is the API name of the request's additional field (udf_…), then press again.`,
		);
		expect(mailsTo('erika.muster@customer.example')).toHaveLength(mailsBefore);
		expect(noteTexts(wifi.display_id)).toEqual([]);

		// Once the field is there, the next press stores the case and sends the invitation it owes.
		const again = await call('session', { request_id: wifi.id, action: 'remote' });
		expectOk(again);
		expect([again.body.session_code, again.body.created, again.body.first_invite]).toEqual([session.code, false, true]);
		expect(request(wifi.display_id).udf_fields[DEMO_SESSION_FIELD]).toBe(session.code);
		expect(mailsTo('erika.muster@customer.example')).toHaveLength(mailsBefore + 1);
	});
});

describe('presses at the same moment and failures on the way', () => {
	it('invites once when the button is pressed twice at the same moment', async () => {
		const scanner = newRequest('Scanner driver missing', 'Maria Rossi', 'Ben Backoffice');
		const mailsBefore = mailsTo('maria.rossi@initech.example').length;
		const press = { request_id: scanner.id, action: 'remote' };

		const answers = await Promise.all([call('session', press), call('session', press)]);

		answers.forEach(expectOk);
		expect(sessionsOf(scanner.id)).toHaveLength(1);
		expect(new Set(answers.map((answer) => answer.body.session_code)).size).toBe(1);
		expect(answers.map((answer) => answer.body.first_invite).sort()).toEqual([false, true]);
		expect(mailsTo('maria.rossi@initech.example')).toHaveLength(mailsBefore + 1);
		expect(noteTexts(scanner.display_id)).toHaveLength(1);
		expect(request(scanner.display_id).udf_fields[DEMO_SESSION_FIELD]).toBe(sessionsOf(scanner.id)[0].code);
	});

	it('answers 502 with the reason when TeamViewer refuses to create the session, and sends nothing', async () => {
		const keyboard = newRequest('Keyboard types wrong letters');
		const mailsBefore = world.smtp.messages.length;
		world.tv.injectFault({ kind: 'status', status: 403, method: 'POST', path: 'sessions$', body: { error: 'forbidden', error_description: 'Insufficient permissions', error_code: 403 } });
		try {
			const answer = await call('session', { request_id: keyboard.id, action: 'remote' });

			expect(answer.status).toBe(502);
			expect(answer.body.error).toMatch(/^TeamViewer could not create the session \(The TeamViewer token lacks the permission "Session management → Create sessions"\)\. Nothing was sent; press again \(a case that was made is reused\)\.$/);
			expect(world.smtp.messages).toHaveLength(mailsBefore);
			expect(noteTexts(keyboard.display_id)).toEqual([]);
		} finally {
			world.tv.clearFaults();
		}
	});

	it('answers 502 when the mail relay refuses the customer, notes it, keeps the session, and Reinvite sends it later', async () => {
		const mouse = newRequest('Mouse pointer jumps', 'Li Wei', 'Chloe Field');
		const address = 'li.wei@globex.example';
		world.smtp.refuseRecipient(address);
		let code: string;
		try {
			const answer = await call('session', { request_id: mouse.id, action: 'remote' });

			expect(answer.status).toBe(502);
			code = String(answer.body.session_code);
			expect(answer.body.error).toMatch(new RegExp(`^TeamViewer session ${code} is stored on the request, but the email to the requester \\(${address.replace(/\./g, '\\.')}\\) could not be sent: .*550.*Use Reinvite to send the customer link again\\.$`));
			expect(answer.body.emailed).toEqual(['technician']);
			expect(request(mouse.display_id).udf_fields[DEMO_SESSION_FIELD]).toBe(code);
			expect(noteTexts(mouse.display_id).at(-1)).toMatch(/<br>Not delivered: the email to the requester .* Use Reinvite to send the customer link again\.$/);
		} finally {
			world.smtp.acceptAllRecipients();
		}
		const reinvite = await call('session', { request_id: mouse.id, action: 'reinvite' });
		expectOk(reinvite);
		expect(reinvite.body.session_code).toBe(code);
		expect(mailsTo(address).at(-1)?.text).toContain(`Open this link to join: ${reinvite.body.end_customer_link}`);
	});

	it('answers 502 when TeamViewer cannot end the session, keeps it open on the request, and End works again later', async () => {
		const monitor = newRequest('Second monitor stays black');
		const code = await inviteTo(monitor.display_id);
		world.tv.injectFault({ kind: 'status', status: 500, method: 'PUT', path: `sessions/${code}$`, body: { error: 'internal_error', error_description: 'Try again later', error_code: 500 } });
		const failed = await call('end', { request_id: monitor.id });
		world.tv.clearFaults();

		expect(failed.status).toBe(502);
		expect(failed.body.error).toMatch(new RegExp(`^TeamViewer could not end the session \\(session ${code}: .*\\); nothing was changed on the request\\. Try End again\\.$`));
		expect(request(monitor.display_id).udf_fields[DEMO_SESSION_FIELD]).toBe(code);
		expect(noteTexts(monitor.display_id)).toHaveLength(1);

		const again = await call('end', { request_id: monitor.id });
		expectOk(again);
		expect(noteTexts(monitor.display_id).at(-1)).toBe(`TeamViewer session ${code} ended. ${NO_REPORT_YET}`);
		expect(pendingOf(monitor.display_id)).toEqual([code]);
	});
});
