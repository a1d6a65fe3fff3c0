/**
 * Session → Renew (issue #15): the old case closed, the ticket's new case with the same custom ID,
 * and one open case per custom ID however many renewals (and ticket flows) run at once or again.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { EngineResult } from '../harness/engine';
import { locator, useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

const ticketCase = async (customId: string) =>
	(
		await tv.run({
			resource: 'session',
			operation: 'getOrCreate',
			customId,
			groupId: locator(tv.sandbox.groupsByName.ServiceNow),
			sessionType: 'assistAr',
			additionalFields: {
				description: `${customId}: VPN down`,
				endCustomerName: 'Erika Muster',
				endCustomerEmail: 'erika@example.com',
				assignedUserId: locator(tv.sandbox.accountUserId),
				waitingMessage: 'One moment please',
			},
		})
	).json[0] as IDataObject & { code: string };

const renew = (code: string, options: INodeParameters = {}): INodeParameters => ({ resource: 'session', operation: 'renew', sessionCode: locator(code), options });

const openCases = (customId: string) =>
	[...tv.sim.state.sessions.values()].filter((session) => session.customId === customId && session.state === 'Open');
const outputs = (results: EngineResult[]): IDataObject[] => results.flatMap((result) => result.json);

describe('Session → Renew', () => {
	it('closes the old case first, then creates the ticket\'s new case with the same fields: exact requests and output', async () => {
		const old = await ticketCase('ren:INC0010001');
		tv.sim.log.clear();

		const result = await tv.run(renew(old.code));

		expect(result.status).toBe('success');
		const calls = tv.calls().map((call) => `${call.method} ${call.path}`);
		// Read the old case, close it, confirm the case this process remembers for the ticket (the old one:
		// closed, so forgotten), list the group's open cases, create, and list until TeamViewer's clock
		// passed the new case's second (helpers/oneCasePerKey.ts).
		expect(calls.slice(0, 6)).toEqual([
			`GET /api/v1/sessions/${old.code}`,
			`PUT /api/v1/sessions/${old.code}`,
			`GET /api/v1/sessions/${old.code}`,
			'GET /api/v1/sessions',
			'POST /api/v1/sessions',
			'GET /api/v1/sessions',
		]);
		expect(new Set(calls.slice(6))).toEqual(new Set(calls.length > 6 ? ['GET /api/v1/sessions'] : []));
		expect(tv.calls('PUT')[0].body).toEqual({ state: 'closed' });
		expect(tv.calls('GET', /sessions$/)[0].query).toEqual({ full_list: 'true', state: 'open', groupid: tv.sandbox.groupsByName.ServiceNow });
		expect(tv.calls('POST')[0].body).toEqual({
			groupid: tv.sandbox.groupsByName.ServiceNow,
			support_session_type: 1,
			customId: 'ren:INC0010001',
			custom_api: 'ren:INC0010001',
			description: 'ren:INC0010001: VPN down',
			waiting_message: 'One moment please',
			assigned_userid: tv.sandbox.accountUserId,
			end_customer: { name: 'Erika Muster', email: 'erika@example.com' },
		});
		const [fresh] = openCases('ren:INC0010001');
		expect(openCases('ren:INC0010001')).toHaveLength(1);
		expect(fresh.code).not.toBe(old.code);
		expect(tv.sim.state.sessions.get(old.code)!.state).toBe('Closed');
		expect(result.json).toEqual([
			expect.objectContaining({
				code: fresh.code,
				state: 'Open',
				customId: 'ren:INC0010001',
				end_customer_link: fresh.end_customer_link,
				valid_until: fresh.valid_until,
				created: true,
				renewed: true,
				replacedCode: old.code,
			}),
		]);
	});

	it('gives the new case the Valid Until set in the options', async () => {
		const old = await ticketCase('ren:INC0010002');
		const validUntil = new Date(tv.sim.clock.nowMs() + 48 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

		const result = await tv.run(renew(old.code, { validUntil }));

		expect(tv.calls('POST').at(-1)!.body).toMatchObject({ valid_until: validUntil });
		expect(result.json[0].valid_until).toBe(validUntil);
	});

	it('leaves a case alone while its customer is online (renewed: false)', async () => {
		const old = await ticketCase('ren:INC0010003');
		tv.sim.setSessionOnline(old.code, true);

		const result = await tv.run(renew(old.code));

		expect(result.json).toEqual([expect.objectContaining({ code: old.code, renewed: false, reason: `The customer is online in service case ${old.code}; it was not replaced.` })]);
		expect(tv.calls('PUT')).toHaveLength(0);
		expect(tv.calls('POST', /sessions$/)).toHaveLength(1);
	});

	it('refuses a case without a custom ID, naming the case and the fix; Continue On Fail gives an error item', async () => {
		const bare = (
			await tv.run({ resource: 'session', operation: 'create', groupId: locator(tv.sandbox.groupsByName.Customers) })
		).json[0] as { code: string };

		const failed = await tv.run(renew(bare.code));
		const continued = await tv.run(renew(bare.code), { continueOnFail: true });

		expect(failed.status).toBe('error');
		expect(failed.error?.message).toBe(`Service case ${bare.code} has no custom ID, so it cannot be renewed`);
		expect(continued.json).toEqual([
			{
				error: `Service case ${bare.code} has no custom ID, so it cannot be renewed`,
				details: expect.stringContaining('Create the cases with Session → Get or Create'),
			},
		]);
		expect(tv.sim.state.sessions.get(bare.code)!.state).toBe('Open');
	});

	it('a rerun of a renewal that went through hands out the same new case (created: false) and creates nothing', async () => {
		const old = await ticketCase('ren:INC0010004');
		const first = await tv.run(renew(old.code));
		const again = await tv.run(renew(old.code));

		expect(again.json).toEqual([expect.objectContaining({ code: first.json[0].code, created: false, renewed: true, replacedCode: old.code })]);
		expect(openCases('ren:INC0010004')).toHaveLength(1);
		expect(tv.calls('POST', /sessions$/)).toHaveLength(2);
	});

	it('a retry after the create was refused (licence limit) makes the one new case; a dropped answer is adopted, not repeated', async () => {
		const old = await ticketCase('ren:INC0010005');
		tv.sim.config.licenceLimit = 0;
		const refused = await tv.run(renew(old.code));
		tv.sim.config.licenceLimit = null;
		tv.sim.injectFault({ kind: 'resetAfter', method: 'POST', path: 'sessions$' });
		const retried = await tv.run(renew(old.code));

		expect(refused.status).toBe('error');
		expect(tv.sim.state.sessions.get(old.code)!.state).toBe('Closed');
		expect(retried.status).toBe('success');
		const [fresh] = openCases('ren:INC0010005');
		expect(openCases('ren:INC0010005')).toHaveLength(1);
		expect(retried.json).toEqual([expect.objectContaining({ code: fresh.code, created: true, renewed: true })]);
		expect([...tv.sim.state.sessions.values()].filter((session) => session.customId === 'ren:INC0010005')).toHaveLength(2);
	});

	it('renewals in parallel in one process: one new case, one of them made it', async () => {
		const old = await ticketCase('ren:INC0010006');

		const results = await Promise.all(Array.from({ length: 4 }, async () => await tv.run(renew(old.code))));

		expect(results.map((result) => result.status)).toEqual(Array(4).fill('success'));
		const [fresh] = openCases('ren:INC0010006');
		expect(openCases('ren:INC0010006')).toHaveLength(1);
		expect(outputs(results).map((item) => item.code)).toEqual(Array(4).fill(fresh.code));
		expect(outputs(results).filter((item) => item.created === true)).toHaveLength(1);
	});

	it('renewals in parallel when TeamViewer refuses to close a closed case (knob closingClosedSession refuse): the refusal counts as closed', async () => {
		const old = await ticketCase('ren:INC0010008');
		tv.sim.config.closingClosedSession = 'refuse';
		// All four read the old case before any closes it: a second of latency, as runs can start apart on busy cores.
		tv.sim.injectFault({ kind: 'latency', method: 'GET', path: `/sessions/${old.code}$`, delayMs: 1000, times: 4 });

		const results = await Promise.all(Array.from({ length: 4 }, async () => await tv.run(renew(old.code))));

		expect(results.map((result) => result.status)).toEqual(Array(4).fill('success'));
		const puts = tv.calls('PUT', new RegExp(`${old.code}$`));
		expect(puts.length).toBeGreaterThan(1);
		expect(tv.sim.state.sessions.get(old.code)!.state).toBe('Closed');
		const [fresh] = openCases('ren:INC0010008');
		expect(openCases('ren:INC0010008')).toHaveLength(1);
		expect(outputs(results).map((item) => item.code)).toEqual(Array(4).fill(fresh.code));
	});

	it('renewals that share no lock (other workers), racing a ticket flow\'s Get or Create: one open case, never the old one', async () => {
		const old = await ticketCase('ren:INC0010007');
		const callers = 5;
		const credentials = Array.from({ length: callers + 1 }, () => tv.tokenCredential(tv.sandbox.tokens.admin));
		// Every caller's first list is answered late, so all of them find nothing and create.
		tv.sim.injectFault({ kind: 'latency', method: 'GET', path: '/sessions$', delayMs: 300, times: callers + 1 });

		const results = await Promise.all([
			...credentials.slice(0, callers).map(async (credential) => await tv.run(renew(old.code), { credential })),
			(async () => {
				// The ticket flow asks for its case while the renewals run (after they closed the old one).
				await new Promise((resolve) => setTimeout(resolve, 100));
				return await tv.run(
					{ resource: 'session', operation: 'getOrCreate', customId: 'ren:INC0010007', groupId: locator(tv.sandbox.groupsByName.ServiceNow) },
					{ credential: credentials[callers] },
				);
			})(),
		]);

		expect(results.map((result) => result.status)).toEqual(Array(callers + 1).fill('success'));
		const [winner] = openCases('ren:INC0010007');
		expect(openCases('ren:INC0010007')).toHaveLength(1);
		expect(winner.code).not.toBe(old.code);
		expect(outputs(results).map((item) => item.code)).toEqual(Array(callers + 1).fill(winner.code));
		expect(outputs(results).filter((item) => item.created === true)).toHaveLength(1);
	});
});
