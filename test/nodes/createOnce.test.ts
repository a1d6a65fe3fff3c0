/**
 * Creates happen once: a create whose outcome is unknown (dropped connection before or after
 * TeamViewer did the work, 500, 504, an answer later than the timeout) is looked up by its natural
 * key before it is sent again, and a rerun adopts what exists.
 */
import type { FaultRule } from '../simulators/teamviewer';
import { locator, useTeamViewer } from '../harness/teamviewer';
import { n8nLogDuring } from '../harness/engine';
import { packTransport } from '../harness/package';

const { RETRY } = packTransport;
/** How many times a create is sent while its outcome stays unknown (MAX_CREATE_ROUNDS, helpers/createOnce.ts). */
const MAX_CREATE_ROUNDS = 4;

const tv = useTeamViewer();
const saved = { timeoutMs: RETRY.timeoutMs, pauses: RETRY.ambiguousLookupPausesMs };

beforeAll(() => {
	// A documented constant (transport/request.ts): late answers cost milliseconds here, not 30 s.
	RETRY.timeoutMs = 300;
	RETRY.ambiguousLookupPausesMs = [100, 200, 400];
});
afterAll(() => {
	RETRY.timeoutMs = saved.timeoutMs;
	RETRY.ambiguousLookupPausesMs = saved.pauses;
});

const keyedCase = (key: string) => ({
	resource: 'session',
	operation: 'create',
	groupId: locator(tv.sandbox.groupsByName.Customers),
	options: { idempotencyKey: key },
});

const casesWith = (key: string) => [...tv.sim.state.sessions.values()].filter((session) => session.customId === key);

const ambiguous: Array<[string, Omit<FaultRule, 'method' | 'path'>, 'adopted' | 'sent again']> = [
	['connection dropped after TeamViewer made it', { kind: 'resetAfter' }, 'adopted'],
	['connection dropped before TeamViewer saw it', { kind: 'reset' }, 'sent again'],
	['500 without doing the work', { kind: 'status', status: 500 }, 'sent again'],
	['504 from the gateway', { kind: 'status', status: 504 }, 'sent again'],
	['answer later than the timeout, work done at once', { kind: 'slowReply', delayMs: 500 }, 'adopted'],
	['answer later than the timeout, work done late', { kind: 'latency', delayMs: 450 }, 'adopted'],
];

describe('Create with an idempotency key after an unknown outcome', () => {
	it.each(ambiguous)('%s: one case, handed out (%s)', async (_name, fault, outcome) => {
		tv.sim.injectFault({ ...fault, method: 'POST', path: 'sessions$' });

		const result = await tv.run(keyedCase('INC-amb'));

		expect(result.status).toBe('success');
		const cases = casesWith('INC-amb');
		expect(cases).toHaveLength(1);
		expect(result.json).toEqual([expect.objectContaining({ code: cases[0].code, created: true, custom_api: 'INC-amb' })]);
		expect(tv.calls('POST')).toHaveLength(outcome === 'adopted' ? 1 : 2);
	});

	it('a case found after a dropped answer is handed out from the look-up that found it: nothing is listed after it', async () => {
		// TeamViewer's clock stands still: every list waits SETTLE_ATTEMPTS (8) times for the case's second to pass.
		tv.sim.clock.set('2026-03-02T09:00:00Z');
		tv.sim.injectFault({ kind: 'resetAfter', method: 'POST', path: 'sessions$' });

		const result = await tv.run(keyedCase('INC-found'));

		expect(result.json[0]).toMatchObject({ code: casesWith('INC-found')[0].code, created: true });
		// One list before the create, then the look-up's 8.
		expect(tv.calls('GET', /\/sessions$/)).toHaveLength(1 + 8);
	});

	it('a create dropped before TeamViewer saw it, three times over, is sent a fourth time: one case, each resend logged', async () => {
		tv.sim.injectFault({ kind: 'reset', method: 'POST', path: 'sessions$', times: 3 });

		const log = await n8nLogDuring('debug', async () => expect((await tv.run(keyedCase('INC-thrice'))).status).toBe('success'));

		expect(casesWith('INC-thrice')).toHaveLength(1);
		expect(tv.calls('POST')).toHaveLength(MAX_CREATE_ROUNDS);
		expect(log.filter(([message]) => message === 'TeamViewer create was not carried out; sending it again')).toEqual(
			[1, 2, 3].map((round) => ['TeamViewer create was not carried out; sending it again', { path: '/sessions', round }]),
		);
	});

	it(`gives up after ${MAX_CREATE_ROUNDS} sends (MAX_CREATE_ROUNDS) when every one is dropped, saying the case may exist`, async () => {
		tv.sim.injectFault({ kind: 'reset', method: 'POST', path: 'sessions$', times: MAX_CREATE_ROUNDS + 2 });

		const result = await tv.run(keyedCase('INC-never'));

		expect(result.error?.message).toBe('TeamViewer may have created the service case for custom ID "INC-never", but did not confirm it');
		expect(tv.calls('POST')).toHaveLength(MAX_CREATE_ROUNDS);
		expect(casesWith('INC-never')).toEqual([]);
	});

	it('a rerun returns the open case with created: false and creates nothing', async () => {
		const first = await tv.run(keyedCase('INC-rerun'));
		const again = await tv.run(keyedCase('INC-rerun'));

		expect(first.json[0].created).toBe(true);
		expect(again.json[0]).toMatchObject({ code: first.json[0].code, created: false });
		expect(casesWith('INC-rerun')).toHaveLength(1);
		expect(tv.calls('POST')).toHaveLength(1);
	});

	it('says "may have been created" and what to check when the lookups fail too; Continue On Fail keeps the item', async () => {
		tv.sim.injectFault({ kind: 'resetAfter', method: 'POST', path: 'sessions$' });
		// The list before creating finds nothing; every list after the dropped create is refused.
		tv.sim.injectFault({ kind: 'status', status: 200, method: 'GET', path: 'sessions$', body: { sessions: [], sessions_remaining: 0 } });
		tv.sim.injectFault({ kind: 'status', status: 403, method: 'GET', path: 'sessions$', times: 10 });

		const result = await tv.run(keyedCase('INC-unknown'), { continueOnFail: true, input: [{}] });

		expect(result.status).toBe('success');
		expect(result.json[0].error).toBe('TeamViewer may have created the service case for custom ID "INC-unknown", but did not confirm it');
		// What happened, then what to check.
		expect(result.json[0].details).toMatch(
			/^Could not reach TeamViewer at 127\.0\.0\.1:\d+ \(connection dropped\)\. Look for an open case with this custom ID \(Session → Get Many\) before running this item again\.$/,
		);
	});
});

describe('Device, group, contact and user creates after an unknown outcome', () => {
	const cases = () =>
		[
			{
				name: 'device',
				parameters: { resource: 'device', operation: 'create', teamViewerId: '555 444 333', groupId: locator(tv.sandbox.groupsByName.Customers) },
				path: 'devices$',
				count: () => [...tv.sim.state.devices.values()].filter((device) => device.remotecontrol_id === 'r555444333').length,
			},
			{
				name: 'group',
				parameters: { resource: 'group', operation: 'create', name: 'Kiosks North' },
				path: 'groups$',
				count: () => [...tv.sim.state.groups.values()].filter((group) => group.name === 'Kiosks North').length,
			},
			{
				name: 'contact',
				parameters: { resource: 'contact', operation: 'create', email: 'once@example.com', groupId: locator(tv.sandbox.groupsByName.Customers) },
				path: 'contacts$',
				count: () => [...tv.sim.state.contacts.values()].filter((contact) => contact.email === 'once@example.com').length,
			},
			{
				name: 'user',
				parameters: { resource: 'user', operation: 'create', email: 'once.user@example.com', name: 'Once User', language: 'en' },
				path: 'users$',
				count: () => [...tv.sim.state.users.values()].filter((user) => user.email === 'once.user@example.com').length,
			},
		] as const;

	for (const index of [0, 1, 2, 3]) {
		for (const [faultName, fault, outcome] of ambiguous) {
			it(`${['device', 'group', 'contact', 'user'][index]}: ${faultName} → exactly one, created: true (${outcome})`, async () => {
				const target = cases()[index];
				tv.sim.injectFault({ ...fault, method: 'POST', path: target.path });

				const result = await tv.run(target.parameters);

				expect(result.status).toBe('success');
				expect(target.count()).toBe(1);
				expect(result.json[0].created).toBe(true);
				// Found after the undecided create: adopted, not sent again (TeamViewer would refuse the second as a duplicate).
				expect(tv.calls('POST', new RegExp(target.path))).toHaveLength(outcome === 'adopted' ? 1 : 2);
			});
		}

		it(`${['device', 'group', 'contact', 'user'][index]}: a rerun adopts it with created: false`, async () => {
			const target = cases()[index];
			await tv.run(target.parameters);
			const again = await tv.run(target.parameters);

			expect(again.json[0].created).toBe(false);
			expect(target.count()).toBe(1);
			expect(tv.calls('POST')).toHaveLength(1);
		});
	}
});
