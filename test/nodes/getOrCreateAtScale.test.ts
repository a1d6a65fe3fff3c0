/**
 * Costs independent of history (issue #13): with 5 000 open service cases, Get or Create with the
 * group given by name resolves the name once, remembers the settled winner and confirms it with one
 * look-up; the editor's case and device searches page. Exactly once still holds: a remembered case
 * that was closed or moved leads to the full path, and callers that share no memory (another
 * credential for the same account, as another n8n process would be) converge on the same case.
 */
import type { IDataObject } from 'n8n-workflow';

import type { EngineResult } from '../harness/engine';
import { teamViewerWorkflow } from '../harness/engine';
import { locator, useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();
const OPEN_CASES = 5000;

/** 5 000 open cases in the ServiceNow group, one second apart, the oldest first; their custom IDs. */
function seedOpenCases(): string[] {
	const now = tv.sim.clock.nowMs();
	const customIds = Array.from({ length: OPEN_CASES }, (_, index) => `incident:bulk-${index}`);
	tv.sim.seed({
		sessions: customIds.map((customId, index) => ({
			groupid: tv.sandbox.groupsByName.ServiceNow,
			createdBy: tv.sandbox.accountUserId,
			customId,
			custom_api: customId,
			description: `${customId}: printer`,
			created_at: new Date(now - (OPEN_CASES - index) * 1000 - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
		})),
	});
	tv.sim.log.clear();
	return customIds;
}

const byName = (customId: string, minValidityMinutes?: number) => ({
	resource: 'session',
	operation: 'getOrCreate',
	customId,
	groupId: locator('ServiceNow', 'name'),
	additionalFields: { description: `${customId}: VPN down` },
	...(minValidityMinutes === undefined ? {} : { options: { minValidityMinutes } }),
});

const cases = (customId: string, state?: 'Open' | 'Closed') =>
	[...tv.sim.state.sessions.values()].filter((session) => session.customId === customId && (state === undefined || session.state === state));

/** The requests one run sends, as `METHOD path`. */
async function requestsOf(run: () => Promise<EngineResult>): Promise<{ result: EngineResult; requests: string[] }> {
	tv.sim.log.clear();
	const result = await run();
	return { result, requests: tv.calls().map((call) => `${call.method} ${call.path}`) };
}

const outputs = (results: EngineResult[]): IDataObject[] => results.flatMap((result) => result.json);

describe('Get or Create with 5 000 open cases, group given by name', () => {
	it('lists the group once, then hands out the remembered case after one look-up per call', async () => {
		const [oldest] = seedOpenCases();
		const [expected] = cases(oldest);

		const first = await requestsOf(async () => await tv.run(byName(oldest)));
		expect(first.result.status).toBe('success');
		expect(first.result.json[0]).toMatchObject({ code: expected.code, created: false, state: 'Open' });
		// The name is resolved once and the cases are listed by group ID (6 pages: 5 000 + the sandbox's).
		expect(first.requests.filter((request) => request === 'GET /api/v1/groups')).toHaveLength(1);
		const lists = tv.calls('GET', /\/sessions$/);
		expect(lists.length).toBeGreaterThanOrEqual(5);
		expect(lists.every((call) => call.query.groupid === tv.sandbox.groupsByName.ServiceNow)).toBe(true);

		for (let call = 0; call < 3; call++) {
			const next = await requestsOf(async () => await tv.run(byName(oldest)));
			expect(next.result.json[0]).toMatchObject({ code: expected.code, created: false, state: 'Open' });
			expect(next.requests).toEqual([`GET /api/v1/sessions/${expected.code}`]);
		}
		expect(cases(oldest, 'Open')).toHaveLength(1);
	});

	it('20 items of one execution for a remembered case: one look-up each, no list, no create', async () => {
		const customIds = seedOpenCases();
		await tv.run(byName(customIds[10]));

		const burst = await requestsOf(async () => await tv.run(byName(customIds[10]), { input: Array.from({ length: 20 }, () => ({})) }));

		expect(burst.result.json.map((item) => item.code)).toEqual(Array(20).fill(cases(customIds[10])[0].code));
		expect(burst.requests).toHaveLength(20);
		expect(burst.requests.every((request) => /^GET \/api\/v1\/sessions\/s[\d-]+$/.test(request))).toBe(true);
	});

	it('a remembered case closed by someone else: concurrent executions create one new case, then remember it', async () => {
		const [oldest] = seedOpenCases();
		await tv.run(byName(oldest));
		const [closedByHand] = cases(oldest);
		closedByHand.state = 'Closed';
		closedByHand.closed_at = tv.sim.clock.nowIso();
		tv.sim.log.clear();

		const results = await Promise.all(Array.from({ length: 3 }, async () => await tv.run(byName(oldest))));

		expect(results.map((result) => result.status)).toEqual(['success', 'success', 'success']);
		expect(tv.calls('POST', /\/sessions$/)).toHaveLength(1);
		const [fresh] = cases(oldest, 'Open');
		expect(cases(oldest, 'Open')).toHaveLength(1);
		expect(fresh.code).not.toBe(closedByHand.code);
		expect(outputs(results).map((item) => item.code)).toEqual([fresh.code, fresh.code, fresh.code]);
		expect(outputs(results).filter((item) => item.created === true)).toHaveLength(1);

		const next = await requestsOf(async () => await tv.run(byName(oldest)));
		expect(next.result.json[0]).toMatchObject({ code: fresh.code, created: false });
		expect(next.requests).toEqual([`GET /api/v1/sessions/${fresh.code}`]);
	});

	it('a remembered case moved to another group is not handed out for this group', async () => {
		const customIds = seedOpenCases();
		await tv.run(byName(customIds[1]));
		const [moved] = cases(customIds[1]);
		moved.groupid = tv.sandbox.groupsByName.Customers;

		const result = await tv.run(byName(customIds[1]));

		expect(result.json[0]).toMatchObject({ created: true, groupid: tv.sandbox.groupsByName.ServiceNow });
		expect(result.json[0].code).not.toBe(moved.code);
		expect(moved.state).toBe('Open');
		expect(cases(customIds[1], 'Open').filter((session) => session.groupid === tv.sandbox.groupsByName.ServiceNow)).toHaveLength(1);
	});

	it('a call that asks for more validity than the remembered case has takes the full path and gets a case that lasts', async () => {
		const customIds = seedOpenCases();
		await tv.run(byName(customIds[2]));
		const [short] = cases(customIds[2]);
		short.valid_until = new Date(tv.sim.clock.nowMs() + 30 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

		const result = await tv.run(byName(customIds[2], 60));

		expect(result.json[0]).toMatchObject({ created: true });
		expect(result.json[0].code).not.toBe(short.code);
		expect(tv.calls('POST', /\/sessions$/)).toHaveLength(1);
	});

	it('a call that asks for less validity than the remembered case was settled for takes the full path, as another process would', async () => {
		const customIds = seedOpenCases();
		const [older] = cases(customIds[3]);
		older.valid_until = new Date(tv.sim.clock.nowMs() + 30 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
		const lasting = await tv.run(byName(customIds[3], 60));
		expect(lasting.json[0]).toMatchObject({ created: true });

		const lower = await tv.run(byName(customIds[3], 0));
		const elsewhere = await tv.run(byName(customIds[3], 0), { credential: tv.tokenCredential(tv.sandbox.tokens.admin) });

		// The rule picks the earliest case reusable for 0 minutes: the older one, in both processes.
		expect(lower.json[0]).toMatchObject({ code: older.code, created: false });
		expect(elsewhere.json[0]).toMatchObject({ code: older.code, created: false });
	});

	it('another process (no shared memory or lock) hands out the same case and closes nothing', async () => {
		const [oldest] = seedOpenCases();
		const [expected] = cases(oldest);
		await tv.run(byName(oldest));
		const other = tv.tokenCredential(tv.sandbox.tokens.admin);

		const second = await requestsOf(async () => await tv.run(byName(oldest), { credential: other }));
		const third = await requestsOf(async () => await tv.run(byName(oldest), { credential: other }));

		expect(second.result.json[0]).toMatchObject({ code: expected.code, created: false });
		expect(second.requests.length).toBeGreaterThan(2);
		expect(third.requests).toEqual([`GET /api/v1/sessions/${expected.code}`]);
		expect(tv.calls('PUT')).toHaveLength(0);
		expect(cases(oldest, 'Open').map((session) => session.code)).toEqual([expected.code]);
	});

	it('two processes racing after the remembered case was closed converge on one case and remember the same one', async () => {
		const [oldest] = seedOpenCases();
		const [a, b] = [tv.credential, tv.tokenCredential(tv.sandbox.tokens.admin)];
		await tv.run(byName(oldest), { credential: a });
		await tv.run(byName(oldest), { credential: b });
		const [closedByHand] = cases(oldest);
		closedByHand.state = 'Closed';
		tv.sim.log.clear();
		// Both first lists are answered late, so both are likely to find nothing and create.
		tv.sim.injectFault({ kind: 'latency', method: 'GET', path: '/sessions$', delayMs: 300, times: 2 });

		const results = await Promise.all([tv.run(byName(oldest), { credential: a }), tv.run(byName(oldest), { credential: b })]);

		const [winner] = cases(oldest, 'Open');
		expect(cases(oldest, 'Open')).toHaveLength(1);
		expect(outputs(results).map((item) => item.code)).toEqual([winner.code, winner.code]);
		expect(outputs(results).filter((item) => item.created === true)).toHaveLength(1);
		const made = tv.calls('POST', /\/sessions$/).length;
		expect(cases(oldest, 'Closed')).toHaveLength(made);

		for (const credential of [a, b]) {
			const next = await requestsOf(async () => await tv.run(byName(oldest), { credential }));
			expect(next.result.json[0]).toMatchObject({ code: winner.code, created: false });
			expect(next.requests).toEqual([`GET /api/v1/sessions/${winner.code}`]);
		}
	});

	it('a remembered group ID that TeamViewer refuses is looked up again and the case is made in the group of that name now', async () => {
		seedOpenCases();
		await tv.run(byName('incident:warm-up'));
		const old = tv.sandbox.groupsByName.ServiceNow;
		tv.sim.state.groups.delete(old);
		tv.sim.seed({ groups: [{ name: 'ServiceNow', ownerId: tv.sandbox.accountUserId }] });
		const renewed = [...tv.sim.state.groups.values()].find((group) => group.name === 'ServiceNow')!.id;
		tv.sim.log.clear();

		const result = await tv.run(byName('incident:after-delete'));

		expect(result.status).toBe('success');
		expect(result.json[0]).toMatchObject({ created: true, groupid: renewed });
		expect(cases('incident:after-delete', 'Open')).toHaveLength(1);
		expect(tv.calls('POST', /\/sessions$/).map((call) => (call.body as IDataObject).groupid)).toEqual([old, renewed]);
		expect(tv.calls('GET', /\/groups$/)).toHaveLength(1);
	});
});

describe('Editor searches with 5 000 open cases and 5 000 devices', () => {
	const workflow = () => teamViewerWorkflow({ parameters: { resource: 'session', operation: 'get' }, credential: tv.credential });

	it('finds the oldest open case by paging through GET /sessions', async () => {
		const [oldest] = seedOpenCases();
		const [target] = cases(oldest);

		const found = await tv.engine.listSearch(workflow(), 'searchSessions', target.code);

		expect(found.results.map((result) => result.value)).toEqual([target.code]);
		const offsets = tv.calls('GET', /\/sessions$/).map((call) => call.query.offset);
		expect(offsets[0]).toBeUndefined();
		expect(offsets.length).toBeGreaterThanOrEqual(5);
		expect(found.paginationToken).toBeUndefined();
	});

	it('answers without a filter one page at a time; load more reaches every open case', async () => {
		seedOpenCases();
		const open = [...tv.sim.state.sessions.values()].filter((session) => session.state === 'Open').map((session) => session.code);
		const seen: string[] = [];
		let token: string | undefined;
		let answers = 0;
		do {
			const page = await tv.engine.listSearch(workflow(), 'searchSessions', undefined, token);
			expect(page.results.length).toBeLessThanOrEqual(1000);
			seen.push(...page.results.map((result) => String(result.value)));
			token = page.paginationToken as string | undefined;
			answers++;
		} while (token !== undefined && answers < 20);

		expect(answers).toBeGreaterThan(1);
		expect(seen.sort()).toEqual(open.sort());
	});

	function seedDevices(): void {
		tv.sim.seed({
			devices: Array.from({ length: OPEN_CASES }, (_, index) => ({
				groupid: tv.sandbox.groupsByName.Customers,
				alias: `PC-${String(index).padStart(4, '0')}`,
				teamviewer_id: 700_000_000 + index,
				remotecontrol_id: `r${700_000_000 + index}`,
			})),
		});
		tv.sim.log.clear();
	}

	it('answers the device picker 100 at a time, reading the unpaged list once for load more', async () => {
		seedDevices();
		const visible = [...tv.sim.state.devices.values()].filter((device) => {
			const group = tv.sim.state.groups.get(device.groupid);
			return group?.ownerId === tv.sandbox.accountUserId || group?.shared_with.some((share) => share.userid === tv.sandbox.accountUserId);
		});
		const seen: string[] = [];
		let token: string | undefined;
		let answers = 0;
		do {
			const page = await tv.engine.listSearch(workflow(), 'searchDevices', undefined, token);
			expect(page.results.length).toBeLessThanOrEqual(100);
			seen.push(...page.results.map((result) => String(result.value)));
			token = page.paginationToken as string | undefined;
			answers++;
		} while (token !== undefined && answers < 100);

		expect(answers).toBe(Math.ceil(visible.length / 100));
		expect(seen.sort()).toEqual(visible.map((device) => device.device_id).sort());
		expect(tv.calls('GET', /\/devices$/)).toHaveLength(1);
	});

	it('searches the opened list for text without reading it again, and looks a whole TeamViewer ID up at TeamViewer', async () => {
		seedDevices();

		const opened = await tv.engine.listSearch(workflow(), 'searchDevices');
		const named = await tv.engine.listSearch(workflow(), 'searchDevices', 'PC-004');
		const byId = await tv.engine.listSearch(workflow(), 'searchDevices', '700000042');

		expect(opened.results).toHaveLength(100);
		expect(named.results.map((result) => result.name)).toEqual(Array.from({ length: 10 }, (_, n) => `PC-004${n} (Offline)`));
		expect(named.paginationToken).toBeUndefined();
		expect(byId.results.map((result) => result.name)).toEqual(['PC-0042 (Offline)']);
		expect(tv.calls('GET', /\/devices$/).map((call) => call.query)).toEqual([{}, { remotecontrol_id: 'r700000042' }]);
	});
});
