import type { IDataObject } from 'n8n-workflow';

import { activeTrigger as activeTriggerOf, type ActiveTrigger } from '../harness/trigger';
import { useTeamViewer } from '../harness/teamviewer';

/*
 * Issue #13: the service-case events cost what changed, not the history. A desk with 5 000 open cases
 * (most older than 24 h, left open as desks do) and 100 000 connection reports.
 *
 * TRIGGER_COSTS_SCALE=small (set by stryker.config.mjs): the same desk with a fiftieth of the old cases, pages
 * of 30 instead of 1 000 (the recent cases still fit on the first page, a pass over the open list takes 4) and a
 * tenth of the expiring cases. The same behaviours (rotation, passes, restarts, one report query) then take
 * seconds, so mutation testing can re-run them for every mutant they reach; the full size stays the test of what
 * a poll costs at scale.
 */
const SMALL = process.env.TRIGGER_COSTS_SCALE === 'small';
const SIZE = SMALL
	? { old: 96, recent: 10, reports: 1_000, sessionsPage: 30, expiring: 10 }
	: { old: 4_800, recent: 200, reports: 100_000, sessionsPage: 1_000, expiring: 100 };
/** The case at `index` of the full-size desk's old cases, at this scale. */
const oldAt = (old: string[], index: number) => old[Math.floor((index * SIZE.old) / 4_800)];
const tv = useTeamViewer();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** An active trigger as n8n 2.41 keeps it (test/harness/trigger.ts). */
const activeTrigger = (parameters: Parameters<typeof activeTriggerOf>[1]) => activeTriggerOf(tv, parameters);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function desk() {
	const now = Math.floor(Date.now() / 1000) * 1000;
	tv.sim.clock.set(iso(now));
	const owner = { groupid: tv.sandbox.groupsByName.Customers, createdBy: tv.sandbox.accountUserId };
	tv.sim.config.sessionsPageSize = SIZE.sessionsPage;
	const old = tv.sim.addServiceCases(SIZE.old, { ...owner, createdBefore: iso(now - 25 * HOUR), spacingSeconds: 600 });
	const recent = tv.sim.addServiceCases(SIZE.recent, { ...owner, spacingSeconds: 360 });
	tv.sim.addConnectionReports(SIZE.reports, { withCode: true, spacingSeconds: 300 });
	return { now, old, recent, owner };
}

/** Polls once a minute (TeamViewer's clock); the codes each poll emitted, and the requests each made. */
async function pollMinutes(trigger: ActiveTrigger, polls: number) {
	const emitted: IDataObject[][] = [];
	const requests: number[] = [];
	for (let i = 0; i < polls; i++) {
		tv.sim.clock.advance(MINUTE);
		tv.sim.log.clear();
		emitted.push((await trigger.poll()) ?? []);
		requests.push(tv.calls().length);
	}
	return { emitted, requests, codes: emitted.flat().map((item) => item.code) };
}

describe(`Trigger costs with ${SIZE.old + SIZE.recent} open cases and ${SIZE.reports} reports`, () => {
	it.each(['serviceCaseOnline', 'serviceCaseClosed', 'serviceCaseExpired'])(
		'%s: a quiet poll makes at most 2 requests and leaves the static data unchanged; the state stays under 8 bytes an open case (40 KB)',
		async (event) => {
			desk();
			const trigger = activeTrigger({ event });
			expect(await trigger.poll()).toBeNull();

			// 7 polls: a whole pass over the open list (6 pages) and the start of the next one.
			const quiet: boolean[] = [];
			const requests: number[] = [];
			for (let i = 0; i < 7; i++) {
				tv.sim.clock.advance(MINUTE);
				tv.sim.log.clear();
				expect(await trigger.poll()).toBeNull();
				requests.push(tv.calls().length);
				quiet.push(!tv.engine.staticDataChanged);
			}

			expect(Math.max(...requests)).toBeLessThanOrEqual(2);
			expect(quiet).toEqual(Array(7).fill(true));
			// 500 bytes for the node's settings and the rest of the state, then 8 bytes an open case (a code takes 6
			// packed, 13 spelled out): 40 KB at full size.
			expect(JSON.stringify(trigger.staticData).length).toBeLessThanOrEqual(500 + 8 * (SIZE.old + SIZE.recent));
		},
	);

	it('online: a recent case at once, an expired case beyond the horizon within one pass, each exactly once', async () => {
		const { old, recent } = desk();
		const trigger = activeTrigger({ event: 'serviceCaseOnline' });
		await trigger.poll();

		tv.sim.setSessionOnline(recent[5], true);
		tv.sim.setSessionOnline(oldAt(old, 4_000), true);
		const { emitted, codes, requests } = await pollMinutes(trigger, 8);

		expect(emitted[0].map((item) => item.code)).toContain(recent[5]);
		expect(codes.sort()).toEqual([recent[5], oldAt(old, 4_000)].sort());
		expect(emitted.flat().every((item) => item.possibleDuplicate === undefined)).toBe(true);
		expect(Math.max(...requests)).toBeLessThanOrEqual(2);
	});

	it('closed: a recent case at once, an old one within two passes, a deleted one never; none repeated across a restart', async () => {
		const { old, recent } = desk();
		const trigger = activeTrigger({ event: 'serviceCaseClosed' });
		await trigger.poll();
		await pollMinutes(trigger, 3);

		const close = (code: string) => {
			const session = tv.sim.state.sessions.get(code)!;
			session.state = 'Closed';
			session.closed_at = tv.sim.clock.nowIso();
		};
		close(recent[3]);
		close(oldAt(old, 4_500));
		tv.sim.state.sessions.delete(oldAt(old, 100));
		const before = await pollMinutes(trigger, 1);
		trigger.restart();
		const after = await pollMinutes(trigger, 13);

		// The recent case at the next poll; the old one when the rotation reaches its page (before or after the restart).
		expect(before.codes).toContain(recent[3]);
		expect([...before.codes, ...after.codes].sort()).toEqual([recent[3], oldAt(old, 4_500)].sort());
		// At full size that poll is in the middle of a pass: the list's top and one rotation page. At the small size
		// the pass ends in it, and its end reads each case the pass did not see (the deleted one among them).
		expect(before.requests).toEqual(SMALL ? [expect.any(Number)] : [2]);
	});

	it(`expired unused: one report query for ${SIZE.expiring} expiries; a case used just before expiry, reported late, is not emitted`, async () => {
		const { now, owner } = desk();
		// Cases that expire 5 minutes from now (100 at full size); a tenth of them used by a connection that ends a minute before.
		const expiring = tv.sim.addServiceCases(SIZE.expiring, { ...owner, createdBefore: iso(now - 24 * HOUR + 5 * MINUTE + 100_000), spacingSeconds: 1 });
		const used = expiring.slice(0, SIZE.expiring / 10);
		tv.sim.config.reportLagMs = 20 * MINUTE;
		const trigger = activeTrigger({ event: 'serviceCaseExpired' });
		await trigger.poll();

		for (const code of used) tv.sim.connectSession(code, { startedAt: iso(now + 2 * MINUTE), durationSeconds: 120 });
		tv.sim.clock.advance(10 * MINUTE);
		tv.sim.log.clear();
		const beforeReportsLand = await trigger.poll();
		const firstRequests = tv.calls().length;
		tv.sim.clock.advance(60 * MINUTE);
		tv.sim.log.clear();
		const decided = await trigger.poll();
		const decidedRequests = tv.calls();
		trigger.restart();
		const later = await pollMinutes(trigger, 3);

		expect(beforeReportsLand).toBeNull();
		expect(firstRequests).toBeLessThanOrEqual(2);
		expect(decided?.map((item) => item.code).sort()).toEqual(expiring.slice(SIZE.expiring / 10).sort());
		expect(decided?.every((item) => item.event === 'serviceCaseExpired')).toBe(true);
		expect(decidedRequests.filter((request) => /reports\/connections$/.test(request.path))).toHaveLength(1);
		expect(decidedRequests.length).toBeLessThanOrEqual(2);
		expect(later.codes).toEqual([]);
	});

	it('expired unused: a poll cut short by its time budget decides nothing and the next poll emits the cases, once', async () => {
		const { now, owner } = desk();
		const expiring = tv.sim.addServiceCases(20, { ...owner, createdBefore: iso(now - 24 * HOUR + 5 * MINUTE + 100_000), spacingSeconds: 1 });
		const trigger = activeTrigger({ event: 'serviceCaseExpired' });
		await trigger.poll();

		tv.sim.clock.advance(70 * MINUTE);
		Object.assign(tv.sim.config, { reportsPageSize: 50, latencyMs: 20 });
		const cut = await trigger.poll({ pollBudgetMs: 1 });
		Object.assign(tv.sim.config, { latencyMs: 0 });
		const next = await trigger.poll();
		const again = await trigger.poll();

		expect(cut).toBeNull();
		expect(next?.map((item) => item.code).sort()).toEqual([...expiring].sort());
		expect(again).toBeNull();
	});

	it('the first poll only records: nothing that expired, closed or is online before activation is emitted', async () => {
		const { old } = desk();
		tv.sim.setSessionOnline(oldAt(old, 10), true);
		const triggers = ['serviceCaseOnline', 'serviceCaseClosed', 'serviceCaseExpired'].map((event) => activeTrigger({ event }));

		const first = [];
		for (const trigger of triggers) first.push(await trigger.poll());
		const later = [];
		for (const trigger of triggers) later.push(await pollMinutes(trigger, 7));

		expect(first).toEqual([null, null, null]);
		expect(later.map((polls) => polls.codes)).toEqual([[], [], []]);
	});
});
