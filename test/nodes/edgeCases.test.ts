/**
 * Inputs and answers at the edge of what the pack accepts (issue #17: each was a one-line bug that no
 * other test noticed): an API base URL pasted with a trailing slash, a paging cursor TeamViewer repeats,
 * a connection report that ends before it starts.
 */
import { activeTrigger, freezeClock } from '../harness/trigger';
import { locator, useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

describe('API base URL', () => {
	it('takes the URL as people paste it, with trailing slashes and spaces: every call still reaches /api/v1/…', async () => {
		const credential = tv.engine.addCredential('teamViewerApi', { accessToken: tv.sandbox.tokens.admin, apiBaseUrl: ` ${tv.sim.apiUrl}// ` });

		const result = await tv.run({ resource: 'session', operation: 'get', sessionCode: locator(tv.sandbox.openSessionCodes[0]) }, { credential });

		expect(result.status).toBe('success');
		expect(result.json[0].code).toBe(tv.sandbox.openSessionCodes[0]);
		expect(tv.calls().map((call) => call.path)).toEqual([`/api/v1/sessions/${tv.sandbox.openSessionCodes[0]}`]);
	});
});

describe('A paging cursor that TeamViewer repeats', () => {
	/** Every answer to the list is the same page pointing at the same next page. */
	const stuck = (path: string, body: object) => tv.sim.injectFault({ kind: 'status', status: 200, path, times: 50, body });

	it('Get Many service cases stops with an error naming the cursor instead of paging forever', async () => {
		const [session] = tv.sim.state.sessions.values();
		stuck('/sessions$', { sessions: [session], next_offset: '7', sessions_remaining: 40 });

		const result = await tv.run({ resource: 'session', operation: 'getAll', returnAll: true, simplify: false });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('TeamViewer returned the same page cursor twice (offset "7")');
		expect(result.error?.description).toBe('Paging was stopped to avoid an endless loop.');
		expect(tv.calls('GET', /\/sessions$/)).toHaveLength(2);
	});

	it('Get Many connection reports stops with an error naming the cursor instead of paging forever', async () => {
		const [report] = tv.sim.state.reports.values();
		stuck('/reports/connections$', { records: [report], next_offset: report.id, records_remaining: 40 });

		const result = await tv.run({ resource: 'connectionReport', operation: 'getAll', returnAll: true, filters: {}, simplify: false });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`TeamViewer returned the same page cursor twice (offset_id "${report.id}")`);
	});

	it('the trigger stops its poll with an error instead of paging forever, and keeps its state', async () => {
		const trigger = activeTrigger(tv, { event: 'serviceCaseOnline' });
		await trigger.poll();
		const before = JSON.stringify(trigger.staticData);
		const [session] = tv.sim.state.sessions.values();
		stuck('/sessions$', { sessions: [{ ...session, created_at: new Date().toISOString() }], next_offset: '1', sessions_remaining: 40 });

		const failure = await trigger.poll().catch((error: unknown) => error as { message: string; description?: string });
		expect(failure).toMatchObject({ message: 'TeamViewer returned the same page cursor twice (offset "1")', description: 'Paging was stopped to avoid an endless loop.' });
		expect(JSON.stringify(trigger.staticData)).toBe(before);
	});
});

describe('Pages without items', () => {
	it('a page that carries no list at all is an empty page: no item is made up', async () => {
		tv.sim.injectFault({ kind: 'status', status: 200, method: 'GET', path: '/sessions$', body: { sessions_remaining: 0 } });

		const result = await tv.run({ resource: 'session', operation: 'getAll', returnAll: true, simplify: false });

		expect(result.status).toBe('success');
		expect(result.json).toEqual([]);
	});

	it('an empty page with a next-page token ends the list (only the event log filters page by page)', async () => {
		tv.sim.injectFault({ kind: 'status', status: 200, method: 'GET', path: '/managed/devices$', body: { resources: [], nextPaginationToken: 'more' } });

		const result = await tv.run({ resource: 'managedDevice', operation: 'getAll', scope: 'managedByMe', returnAll: true });

		expect(result.status).toBe('success');
		expect(result.json).toEqual([]);
		expect(tv.calls().map((call) => call.path)).toEqual(['/api/v1/managed/devices']);
	});
});

describe('The end of a Get Many list of service cases, in each way TeamViewer may mark it', () => {
	it.each([
		['no cases remain, though a next offset is given', { next_offset: '1', sessions_remaining: 0 }],
		['a next offset of null', { next_offset: null, sessions_remaining: 4 }],
		['an empty next offset', { next_offset: '', sessions_remaining: 4 }],
		['no next offset', { sessions_remaining: 4 }],
	])('%s: Return All reads no further page', async (_how, page) => {
		const [session] = tv.sim.state.sessions.values();
		tv.sim.injectFault({ kind: 'status', status: 200, method: 'GET', path: '/sessions$', body: { sessions: [{ ...session }], ...page } });

		const result = await tv.run({ resource: 'session', operation: 'getAll', returnAll: true, simplify: false });

		expect(result.json.map((item) => item.code)).toEqual([session.code]);
		expect(tv.calls('GET', /\/sessions$/)).toHaveLength(1);
	});

	it('the next pages are asked with the same filters and the offset TeamViewer gave', async () => {
		tv.sim.config.sessionsPageSize = 2;
		const group = tv.sandbox.groupsByName.Customers;
		tv.sim.addServiceCases(3, { groupid: group, createdBy: tv.sandbox.accountUserId });
		const expected = [...tv.sim.state.sessions.values()].filter((session) => session.groupid === group).length;

		const result = await tv.run({ resource: 'session', operation: 'getAll', returnAll: true, simplify: false, filters: { groupId: locator(group) } });

		expect(expected).toBeGreaterThan(2);
		expect(result.json).toHaveLength(expected);
		expect(tv.calls('GET', /\/sessions$/).map((call) => [call.query.groupid, call.query.offset])).toEqual(
			Array.from({ length: Math.ceil(expected / 2) }, (_, page) => [group, page === 0 ? undefined : String(page * 2)]),
		);
	});
});

describe("The end of the trigger's open list, in each way TeamViewer may mark it", () => {
	it.each([
		['no cases remain, though a next offset is given', { next_offset: '1', sessions_remaining: 0 }, true],
		['an empty page', { next_offset: '1', sessions_remaining: 4 }, false],
		['a next offset of null', { next_offset: null, sessions_remaining: 4 }, true],
		['an empty next offset', { next_offset: '', sessions_remaining: 4 }, true],
		['no next offset', { sessions_remaining: 4 }, true],
		['no list at all', { sessions: undefined, sessions_remaining: 0 }, false],
	])('%s: the poll reads no further page', async (_how, page, withCase) => {
		const trigger = activeTrigger(tv, { event: 'serviceCaseOnline' });
		await trigger.poll();
		const [session] = [...tv.sim.state.sessions.values()].filter((candidate) => candidate.state === 'Open');
		tv.sim.log.clear();
		tv.sim.injectFault({ kind: 'status', status: 200, method: 'GET', path: '/sessions$', body: { sessions: withCase ? [{ ...session }] : [], ...page } });

		expect(await trigger.poll()).toBeNull();
		expect(tv.calls('GET', /\/sessions$/)).toHaveLength(1);
	});
});

describe("An answer without a list to the trigger's Closed event", () => {
	it('is an empty page: no case is made up, and the end of the pass reads only cases that exist, each once', async () => {
		freezeClock(tv);
		const trigger = activeTrigger(tv, { event: 'serviceCaseClosed' });
		await trigger.poll();
		tv.sim.injectFault({ kind: 'status', status: 200, method: 'GET', path: '/sessions$', body: { sessions_remaining: 0 }, times: 2 });

		const emitted = [];
		for (let poll = 0; poll < 6; poll++) {
			tv.sim.clock.advance(60_000);
			emitted.push(...((await trigger.poll()) ?? []));
		}

		expect(emitted).toEqual([]);
		// The pass that met the empty answer saw no open case: it reads each case it knew once, and each is there.
		const reads = tv.calls('GET', /\/sessions\/[^/]+$/);
		expect(reads.map((call) => call.status).filter((status) => status !== 200)).toEqual([]);
		expect(new Set(reads.map((call) => call.path)).size).toBe(reads.length);
	});
});

describe('A connection report that ends before it starts (clock skew on the connecting device)', () => {
	it('has a duration of 0 seconds, never a negative one, in Get and in the trigger', async () => {
		freezeClock(tv);
		const trigger = activeTrigger(tv, { event: 'connectionReportNew' });
		await trigger.poll();
		const report = tv.sim.connectSession(tv.sandbox.openSessionCodes[0], { durationSeconds: 60 });
		tv.sim.clock.advance(2 * 60_000);
		const stored = tv.sim.state.reports.get(report.id)!;
		stored.start_date = new Date(Date.parse(stored.end_date) + 90_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

		const read = await tv.run({ resource: 'connectionReport', operation: 'get', reportId: report.id });
		const emitted = await trigger.poll();

		expect(read.json[0]).toMatchObject({ id: report.id, duration_seconds: 0 });
		expect(emitted).toEqual([expect.objectContaining({ id: report.id, duration_seconds: 0 })]);
	});
});
