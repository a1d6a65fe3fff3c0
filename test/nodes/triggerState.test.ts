/**
 * The trigger's memory between polls, at the edges a user meets (issue #17: each of these was a
 * one-line bug that no other test noticed): history present at activation, polls cut short by n8n's
 * poll budget, state that must not grow without end, cases used but never reported.
 */
import type { IDataObject } from 'n8n-workflow';

import { activeTrigger, type ActiveTrigger, codes, freezeClock, ids, iso, lagReports } from '../harness/trigger';
import { locator, useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A service case in the Customers group, made through the node as a user would. */
const createCase = async (customId: string) =>
	(
		await tv.run({
			resource: 'session',
			operation: 'create',
			groupId: locator(tv.sandbox.groupsByName.Customers),
			additionalFields: { customId },
		})
	).json[0];

/** The open cases, newest first by `created_at`, as TeamViewer pages the open list. */
const openList = () =>
	[...tv.sim.state.sessions.values()].filter((session) => session.state === 'Open').sort((a, b) => b.created_at.localeCompare(a.created_at));

/** Polls `n` times a minute apart on TeamViewer's clock; the codes emitted, in order. */
async function pollMinutes(trigger: ActiveTrigger, n: number): Promise<unknown[]> {
	const emitted = [];
	for (let poll = 0; poll < n; poll++) {
		tv.sim.clock.advance(MINUTE);
		emitted.push(...codes(await trigger.poll()));
	}
	return emitted;
}

describe('Trigger state: new connection reports', () => {
	it('the first poll emits none of the reports that ended just before activation, and neither does the next', async () => {
		freezeClock(tv);
		const [a, b] = tv.sandbox.openSessionCodes;
		tv.sim.connectSession(a, { durationSeconds: 120 });
		tv.sim.clock.advance(5 * MINUTE);
		const trigger = activeTrigger(tv, { event: 'connectionReportNew' });

		const first = await trigger.poll();
		tv.sim.clock.advance(MINUTE);
		const second = await trigger.poll();
		const fresh = tv.sim.connectSession(b, { durationSeconds: 60 });
		tv.sim.clock.advance(2 * MINUTE);
		const third = await trigger.poll();

		expect(first).toBeNull();
		expect(second).toBeNull();
		expect(ids(third)).toEqual([fresh.id]);
	});

	it('a poll cut short by its time budget leaves the rest for the next poll: every report once, none skipped', async () => {
		const start = freezeClock(tv);
		const trigger = activeTrigger(tv, { event: 'connectionReportNew' });
		await trigger.poll();

		// Five reports ending 10 … 50 minutes after activation, found only three hours later.
		tv.sim.clock.advance(3 * HOUR);
		const ended = tv.sim.addConnectionReports(5, { endBefore: iso(start + 60 * MINUTE), spacingSeconds: 600 });
		Object.assign(tv.sim.config, { reportsPageSize: 2, latencyMs: 10 });
		const cut = await trigger.poll({ pollBudgetMs: 1 });
		Object.assign(tv.sim.config, { latencyMs: 0 });
		const rest = await trigger.poll();
		const again = await trigger.poll();

		expect(ids(cut)).toEqual(ended.slice(0, 2).map((report) => report.id).reverse());
		expect(ids(rest)).toEqual(ended.slice(2).map((report) => report.id).reverse());
		expect(again).toBeNull();
	});

	it('an activation poll cut short by its time budget: the history it did not reach is not emitted later, nor read again', async () => {
		const start = freezeClock(tv);
		// The sandbox's seeded history (office hours, up to the moment it was made) would add reports of the last hour
		// on some hours of the day and change the pages read: this desk's history is only the ten sessions below.
		tv.sim.state.reports.clear();
		// Six sessions that ended in the 50 minutes before activation and four about two hours before, on pages of two.
		tv.sim.addConnectionReports(6, { endBefore: iso(start - MINUTE), spacingSeconds: 480 });
		tv.sim.addConnectionReports(4, { endBefore: iso(start - 100 * MINUTE), spacingSeconds: 600 });
		Object.assign(tv.sim.config, { reportsPageSize: 2, latencyMs: 10 });
		const trigger = activeTrigger(tv, { event: 'connectionReportNew' });

		const activation = await trigger.poll({ pollBudgetMs: 1 });
		Object.assign(tv.sim.config, { latencyMs: 0 });
		// A report that lands late for a session that ended at the very second of activation: not history.
		const [atActivation] = tv.sim.addConnectionReports(1, { endBefore: iso(start + MINUTE), spacingSeconds: 60 });
		tv.sim.log.clear();
		tv.sim.clock.advance(MINUTE);
		const next = await trigger.poll();
		const pagesRead = tv.calls('GET', /reports\/connections$/).length;
		const fresh = tv.sim.connectSession(tv.sandbox.openSessionCodes[0], { durationSeconds: 60 });
		tv.sim.clock.advance(2 * MINUTE);
		const after = await trigger.poll();

		expect(activation).toBeNull();
		expect(atActivation.end_date).toBe(iso(start));
		expect(ids(next)).toEqual([atActivation.id]);
		// Down to the first report older than the hour before activation: 4 pages of 2, not the 2-hour-old ones.
		expect(pagesRead).toBe(4);
		expect(ids(after)).toEqual([fresh.id]);
	});

	it('a late report that ended exactly one Late Report Window before the last poll is still emitted', async () => {
		const start = freezeClock(tv);
		const trigger = activeTrigger(tv, { event: 'connectionReportNew' });
		await trigger.poll();

		// Ends at start − 60 min: one report, spaced 60 s before `endBefore`.
		const [late] = tv.sim.addConnectionReports(1, { endBefore: iso(start - 60 * MINUTE + MINUTE), spacingSeconds: 60 });
		tv.sim.clock.advance(MINUTE);
		const emitted = await trigger.poll();

		expect(late.end_date).toBe(iso(start - 60 * MINUTE));
		expect(ids(emitted)).toEqual([late.id]);
	});

	it('a report that lands later than the default hour is still emitted with a longer Late Report Window', async () => {
		freezeClock(tv);
		lagReports(tv, 90 * MINUTE);
		const trigger = activeTrigger(tv, { event: 'connectionReportNew', options: { lookbackMinutes: 120 } });
		await trigger.poll();

		const report = tv.sim.connectSession(tv.sandbox.openSessionCodes[0], { durationSeconds: 60 });
		const polls = [];
		for (let i = 0; i < 10; i++) {
			tv.sim.clock.advance(10 * MINUTE);
			polls.push(await trigger.poll());
		}

		expect(polls.flatMap(ids)).toEqual([report.id]);
	});

	it('keeps a state of the same size however many reports it has emitted over the days', async () => {
		const start = freezeClock(tv);
		const trigger = activeTrigger(tv, { event: 'connectionReportNew' });
		await trigger.poll();

		const sizes: number[] = [];
		let emitted = 0;
		for (let hour = 1; hour <= 12; hour++) {
			tv.sim.clock.set(iso(start + hour * HOUR));
			tv.sim.addConnectionReports(10, { endBefore: iso(start + hour * HOUR - MINUTE), spacingSeconds: 60 });
			emitted += (await trigger.poll())?.length ?? 0;
			sizes.push(JSON.stringify(trigger.staticData).length);
		}

		expect(emitted).toBe(120);
		expect(sizes[11]).toBeLessThanOrEqual(sizes[2] + 100);
	});
});

describe('Trigger state: service cases created', () => {
	it('the first poll emits none of the cases created just before activation, and neither does the next', async () => {
		const before = await createCase('incident:before');
		const trigger = activeTrigger(tv, { event: 'serviceCaseCreated' });

		const first = await trigger.poll();
		const second = await trigger.poll();
		const after = await createCase('incident:after');
		const third = await trigger.poll();

		expect(before.code).toBeDefined();
		expect(first).toBeNull();
		expect(second).toBeNull();
		expect(codes(third)).toEqual([after.code]);
	});

	it('a poll cut short by its time budget leaves the rest for the next poll: every case once, none skipped', async () => {
		const start = freezeClock(tv);
		const trigger = activeTrigger(tv, { event: 'serviceCaseCreated' });
		await trigger.poll();

		// Six cases created 5 … 30 minutes after activation, found only two hours later.
		tv.sim.clock.advance(2 * HOUR);
		const created = tv.sim.addServiceCases(6, {
			groupid: tv.sandbox.groupsByName.Customers,
			createdBy: tv.sandbox.accountUserId,
			createdBefore: iso(start + 35 * MINUTE),
			spacingSeconds: 300,
		});
		Object.assign(tv.sim.config, { sessionsPageSize: 2, latencyMs: 10 });
		const cut = await trigger.poll({ pollBudgetMs: 1 });
		Object.assign(tv.sim.config, { latencyMs: 0 });
		const rest = await trigger.poll();
		const again = await trigger.poll();

		expect([...codes(cut), ...codes(rest)].sort()).toEqual([...created].sort());
		expect(codes(cut).length).toBeLessThan(created.length);
		expect(again).toBeNull();
	});

	it('an activation poll cut short by its time budget: the cases created before activation are not emitted later', async () => {
		const start = freezeClock(tv);
		tv.sim.addServiceCases(6, {
			groupid: tv.sandbox.groupsByName.Customers,
			createdBy: tv.sandbox.accountUserId,
			createdBefore: iso(start - MINUTE),
			spacingSeconds: 90,
		});
		const trigger = activeTrigger(tv, { event: 'serviceCaseCreated' });
		Object.assign(tv.sim.config, { sessionsPageSize: 2, latencyMs: 10 });
		const cut = await trigger.poll({ pollBudgetMs: 1 });
		Object.assign(tv.sim.config, { latencyMs: 0 });
		const activation = await trigger.poll();
		tv.sim.clock.advance(MINUTE);
		const fresh = await createCase('created:after');
		const next = await trigger.poll();

		expect(cut).toBeNull();
		expect(activation).toBeNull();
		expect(codes(next)).toEqual([fresh.code]);
	});

	it('cases created between two polls come out oldest first', async () => {
		freezeClock(tv);
		const trigger = activeTrigger(tv, { event: 'serviceCaseCreated' });
		await trigger.poll();

		const first = await createCase('created:first');
		tv.sim.clock.advance(MINUTE);
		const second = await createCase('created:second');
		const emitted = await trigger.poll();

		expect(codes(emitted)).toEqual([first.code, second.code]);
	});

	it('a case created while a poll reads the list, after its first page, is emitted by the next poll', async () => {
		const start = freezeClock(tv);
		const owner = { groupid: tv.sandbox.groupsByName.Customers, createdBy: tv.sandbox.accountUserId };
		const trigger = activeTrigger(tv, { event: 'serviceCaseCreated' });
		await trigger.poll();
		tv.sim.clock.advance(MINUTE);
		const between = tv.sim.addServiceCases(2, { ...owner, spacingSeconds: 10 });

		// Pages of one, 100 ms each way: a technician creates a case once the first page is answered, and the
		// later pages are answered 5 seconds later on TeamViewer's clock, the time the poll ends at.
		Object.assign(tv.sim.config, { sessionsPageSize: 1, latencyMs: 200 });
		tv.sim.log.clear();
		const reading = trigger.poll();
		while (tv.calls('GET', /\/sessions$/).length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
		const [during] = tv.sim.addServiceCases(1, { ...owner, createdBefore: iso(tv.sim.clock.nowMs() + 1_000), spacingSeconds: 1 });
		tv.sim.clock.advance(5_000);
		const first = await reading;
		Object.assign(tv.sim.config, { latencyMs: 0 });
		tv.sim.clock.set(iso(start + 2 * MINUTE));
		const next = await trigger.poll();

		expect(codes(first).sort()).toEqual([...between].sort());
		expect(codes(next)).toEqual([during]);
		expect(await trigger.poll()).toBeNull();
	});

	it('keeps a state of the same size however many cases it has emitted over the days', async () => {
		const start = freezeClock(tv);
		const trigger = activeTrigger(tv, { event: 'serviceCaseCreated' });
		await trigger.poll();

		const sizes: number[] = [];
		let emitted = 0;
		for (let hour = 1; hour <= 12; hour++) {
			tv.sim.clock.set(iso(start + hour * HOUR));
			tv.sim.addServiceCases(5, { groupid: tv.sandbox.groupsByName.Customers, createdBy: tv.sandbox.accountUserId, spacingSeconds: 30 });
			emitted += (await trigger.poll())?.length ?? 0;
			sizes.push(JSON.stringify(trigger.staticData).length);
		}

		expect(emitted).toBe(60);
		expect(sizes[11]).toBeLessThanOrEqual(sizes[2] + 100);
	});
});

describe('Trigger state: service cases expired unused', () => {
	it('a case whose customer was seen online is used, even when TeamViewer never logs a report for it', async () => {
		freezeClock(tv);
		const trigger = activeTrigger(tv, { event: 'serviceCaseExpired', serviceCaseFilters: { customIdPrefix: 'exp:' } });
		const seen = await createCase('exp:seen');
		const unused = await createCase('exp:unused');
		await trigger.poll();

		tv.sim.setSessionOnline(String(seen.code), true);
		tv.sim.clock.advance(MINUTE);
		expect(await trigger.poll()).toBeNull();
		tv.sim.setSessionOnline(String(seen.code), false);
		tv.sim.clock.advance(25 * HOUR);
		const emitted = await trigger.poll();

		expect(codes(emitted)).toEqual([unused.code]);
		expect(await trigger.poll()).toBeNull();
	});
});

describe('Trigger state: service cases expired unused, what it decides and when', () => {
	const expiredTrigger = () => activeTrigger(tv, { event: 'serviceCaseExpired', serviceCaseFilters: { customIdPrefix: 'exp:' } });

	it('cases that expire together are checked against reports since the oldest of them, and come out oldest first', async () => {
		const start = freezeClock(tv);
		const trigger = expiredTrigger();
		await trigger.poll();
		tv.sim.clock.advance(MINUTE);
		const usedEarly = await createCase('exp:used-early');
		tv.sim.clock.advance(30 * MINUTE);
		tv.sim.connectSession(String(usedEarly.code), { durationSeconds: 300 });
		tv.sim.clock.advance(2 * HOUR);
		const unused = await createCase('exp:unused');
		tv.sim.clock.advance(MINUTE);
		const unusedLater = await createCase('exp:unused-later');

		// One poll after all three expired and the Late Report Window (an hour) passed: they are decided together.
		tv.sim.clock.set(iso(start + 2 * HOUR + 33 * MINUTE + 24 * HOUR + HOUR));
		const emitted = await trigger.poll();

		expect(codes(emitted)).toEqual([unused.code, unusedLater.code]);
		expect(await trigger.poll()).toBeNull();
	});

	it('a case valid for 48 h, created 30 h before activation and never used, is emitted once it expired: the look-back follows the longest validity', async () => {
		const start = freezeClock(tv);
		const owner = { groupid: tv.sandbox.groupsByName.Customers, createdBy: tv.sandbox.accountUserId };
		// Newest first, a page each: an expired case from 26 h ago lies between the recent cases and the long one.
		const [older] = tv.sim.addServiceCases(1, { ...owner, createdBefore: iso(start - 26 * HOUR) });
		const [long] = tv.sim.addServiceCases(1, { ...owner, createdBefore: iso(start - 30 * HOUR) });
		tv.sim.state.sessions.get(older)!.custom_api = 'exp:older';
		Object.assign(tv.sim.state.sessions.get(long)!, { custom_api: 'exp:long', valid_until: iso(start + 18 * HOUR) });
		tv.sim.config.sessionsPageSize = 1;
		const trigger = expiredTrigger();
		await trigger.poll();

		tv.sim.clock.set(iso(start + 19 * HOUR + MINUTE));
		const emitted = await trigger.poll();

		expect(codes(emitted)).toEqual([long]);
	});

	it('a poll whose report query runs out of its time budget decides nothing; the next poll emits the case, once', async () => {
		freezeClock(tv);
		const trigger = expiredTrigger();
		await trigger.poll();
		const unused = await createCase('exp:unused');
		tv.sim.clock.set(iso(Date.parse(String(unused.valid_until)) + HOUR + MINUTE));

		Object.assign(tv.sim.config, { latencyMs: 10 });
		tv.sim.log.clear();
		const cut = await trigger.poll({ pollBudgetMs: 1 });
		const reportQueries = tv.calls('GET', /reports\/connections$/).length;
		Object.assign(tv.sim.config, { latencyMs: 0 });
		const next = await trigger.poll();

		expect(cut).toBeNull();
		expect(reportQueries).toBe(1);
		expect(codes(next)).toEqual([unused.code]);
		expect(await trigger.poll()).toBeNull();
	});

	it('a poll cut short in its list decides nothing, also when the cases it did read were used: the next poll emits the unused one', async () => {
		const start = freezeClock(tv);
		tv.sim.config.sessionsPageSize = 1;
		const trigger = expiredTrigger();
		await trigger.poll();
		tv.sim.clock.advance(MINUTE);
		const unused = await createCase('exp:unused');
		tv.sim.clock.advance(MINUTE);
		const used = await createCase('exp:used');
		tv.sim.setSessionOnline(String(used.code), true);
		tv.sim.clock.advance(MINUTE);
		await trigger.poll();
		tv.sim.setSessionOnline(String(used.code), false);

		// Both expired an hour ago; the newest (the used one) is on the first page, the unused one on the second.
		tv.sim.clock.set(iso(start + 2 * MINUTE + 25 * HOUR + MINUTE));
		Object.assign(tv.sim.config, { latencyMs: 10 });
		tv.sim.log.clear();
		const cut = await trigger.poll({ pollBudgetMs: 1 });
		const listReads = tv.calls('GET', /\/sessions$/).length;
		Object.assign(tv.sim.config, { latencyMs: 0 });
		const next = await trigger.poll();

		expect(cut).toBeNull();
		expect(listReads).toBe(1);
		expect(codes(next)).toEqual([unused.code]);
	});

	it('quiet polls leave the saved state as it was, also hours after activation; a case that expires moves it on', async () => {
		const start = freezeClock(tv);
		// A case still valid for a day and one that expired at the second of activation: neither expires in between.
		await createCase('exp:pending');
		const gone = await createCase('exp:gone');
		tv.sim.state.sessions.get(String(gone.code))!.valid_until = iso(start);
		const trigger = expiredTrigger();
		await trigger.poll();
		const atActivation = JSON.stringify(trigger.staticData);

		tv.sim.clock.set(iso(start + 3 * HOUR));
		await trigger.poll();
		const quiet = JSON.stringify(trigger.staticData);
		const soon = await createCase('exp:soon');
		tv.sim.state.sessions.get(String(soon.code))!.valid_until = iso(start + 3 * HOUR + MINUTE);
		tv.sim.clock.set(iso(start + 4 * HOUR + 2 * MINUTE));
		const emitted = await trigger.poll();

		expect(quiet).toBe(atActivation);
		expect(codes(emitted)).toEqual([soon.code]);
		expect(JSON.stringify(trigger.staticData)).not.toBe(atActivation);
	});

	it('four days of cases, each seen online and never reported: none is emitted, and the state stops growing after a day', async () => {
		const start = freezeClock(tv);
		const trigger = expiredTrigger();
		await trigger.poll();

		const emitted: unknown[] = [];
		const sizes: number[] = [];
		for (let hour = 1; hour <= 96; hour++) {
			tv.sim.clock.set(iso(start + hour * HOUR));
			const session = await createCase(`exp:${hour}`);
			tv.sim.setSessionOnline(String(session.code), true);
			tv.sim.clock.advance(MINUTE);
			emitted.push(...codes(await trigger.poll()));
			tv.sim.setSessionOnline(String(session.code), false);
			sizes.push(JSON.stringify(trigger.staticData).length);
		}

		expect(emitted).toEqual([]);
		expect(sizes[95]).toBeLessThanOrEqual(sizes[47] + 100);
	});

	it('a case seen online that expires five minutes after an unused one is not emitted: the first decision does not forget the later use', async () => {
		const start = freezeClock(tv);
		const trigger = expiredTrigger();
		await trigger.poll();

		const unused = await createCase('exp:unused');
		tv.sim.clock.advance(5 * MINUTE);
		const seenOnline = await createCase('exp:seen-online');
		tv.sim.setSessionOnline(String(seenOnline.code), true);
		tv.sim.clock.advance(MINUTE);
		await trigger.poll();
		tv.sim.setSessionOnline(String(seenOnline.code), false);
		// Each decided once the Late Report Window (60 minutes) after its expiry has passed.
		tv.sim.clock.set(iso(Date.parse(String(unused.valid_until)) + 61 * MINUTE));
		const first = await trigger.poll();
		tv.sim.clock.set(iso(Date.parse(String(seenOnline.valid_until)) + 61 * MINUTE));
		const second = await trigger.poll();

		expect(Date.parse(String(seenOnline.valid_until)) - Date.parse(String(unused.valid_until))).toBe(5 * MINUTE);
		expect(Date.parse(String(unused.created_at))).toBe(start);
		expect(codes(first)).toEqual([unused.code]);
		expect(codes(second)).toEqual([]);
	});
});

describe('Trigger state: service cases expired unused, late reports', () => {
	it('waits the Late Report Window before deciding: a case used just before expiry whose report lands late is not emitted', async () => {
		freezeClock(tv);
		tv.sim.config.reportLagMs = 30 * MINUTE;
		const trigger = activeTrigger(tv, { event: 'serviceCaseExpired', serviceCaseFilters: { customIdPrefix: 'late:' } });
		const used = await createCase('late:used');
		const unused = await createCase('late:unused');
		await trigger.poll();

		const expiry = Date.parse(String(used.valid_until));
		tv.sim.clock.set(iso(expiry - 10 * MINUTE));
		tv.sim.connectSession(String(used.code), { durationSeconds: 300 });
		tv.sim.clock.set(iso(expiry + MINUTE));
		const atExpiry = await trigger.poll();
		tv.sim.clock.set(iso(expiry + 61 * MINUTE));
		const afterWindow = await trigger.poll();

		expect(atExpiry).toBeNull();
		expect(codes(afterWindow)).toEqual([unused.code]);
	});
});

describe('Trigger state: service cases closed', () => {
	/** Open cases created two days ago, before any horizon: only the rotation over the open list revisits them. */
	const oldCases = (n: number) =>
		tv.sim.addServiceCases(n, {
			groupid: tv.sandbox.groupsByName.Customers,
			createdBy: tv.sandbox.accountUserId,
			createdBefore: iso(Date.now() - 48 * HOUR),
			spacingSeconds: 60,
		});

	it('an old case on the last page of the open list that closes is emitted once, within one pass over the list', async () => {
		freezeClock(tv);
		const old = oldCases(7);
		tv.sim.config.sessionsPageSize = 3;
		const trigger = activeTrigger(tv, { event: 'serviceCaseClosed' });
		await trigger.poll();

		const oldest = old[old.length - 1];
		// One pass over the open list: one page of 3 a poll (the first poll after activation starts it).
		const pages = Math.ceil(openList().length / 3);
		await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(oldest) });
		const emitted = await pollMinutes(trigger, pages);

		expect(emitted).toEqual([oldest]);
	});

	it('an old case that closes after the first pass is emitted once, by the end of the next pass: each pass starts over', async () => {
		freezeClock(tv);
		const old = oldCases(7);
		tv.sim.config.sessionsPageSize = 3;
		const trigger = activeTrigger(tv, { event: 'serviceCaseClosed' });
		await trigger.poll();
		const pages = Math.ceil(openList().length / 3);
		const firstPass = await pollMinutes(trigger, pages);

		await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(old[3]) });
		const later = await pollMinutes(trigger, 2 * pages);

		expect(firstPass).toEqual([]);
		expect(later).toEqual([old[3]]);
	});

	it('a read at the end of a pass that fails loses nothing: that poll fails, a later one emits the case once; a deleted case is dropped quietly', async () => {
		freezeClock(tv);
		const old = oldCases(7);
		tv.sim.config.sessionsPageSize = 3;
		const trigger = activeTrigger(tv, { event: 'serviceCaseClosed' });
		await trigger.poll();

		const [deleted, closing] = [old[2], old[5]];
		await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(closing) });
		tv.sim.state.sessions.delete(deleted);
		tv.sim.injectFault({ kind: 'status', status: 500, method: 'GET', path: `sessions/${closing}$` });
		const emitted = [];
		const failures = [];
		for (let poll = 0; poll < 8; poll++) {
			tv.sim.clock.advance(MINUTE);
			try {
				emitted.push(...codes(await trigger.poll()));
			} catch (error) {
				failures.push((error as Error).message);
			}
		}

		expect(failures).toEqual(['TeamViewer is unavailable (HTTP 500)']);
		expect(emitted).toEqual([closing]);
		expect(tv.calls('GET', new RegExp(`sessions/${deleted}$`)).map((call) => call.status)).toEqual([404]);
	});

	it('a case deleted after a pass saw it open is read once, at the end of a pass, and not again in the passes after', async () => {
		freezeClock(tv);
		const old = oldCases(7);
		tv.sim.config.sessionsPageSize = 3;
		const trigger = activeTrigger(tv, { event: 'serviceCaseClosed' });
		await trigger.poll();
		const pages = Math.ceil(openList().length / 3);
		await pollMinutes(trigger, pages + 1);

		tv.sim.state.sessions.delete(old[2]);
		const emitted = await pollMinutes(trigger, 4 * pages);

		expect(emitted).toEqual([]);
		expect(tv.calls('GET', new RegExp(`sessions/${old[2]}$`)).map((call) => call.status)).toEqual([404]);
	});

	it('a case valid for 48 h and created 30 h ago that closes is reported at the next poll, with the recent ones', async () => {
		const start = freezeClock(tv);
		const [long] = tv.sim.addServiceCases(1, { groupid: tv.sandbox.groupsByName.Customers, createdBy: tv.sandbox.accountUserId, createdBefore: iso(start - 30 * HOUR) });
		tv.sim.state.sessions.get(long)!.valid_until = iso(start + 18 * HOUR);
		oldCases(7);
		tv.sim.config.sessionsPageSize = 2;
		const trigger = activeTrigger(tv, { event: 'serviceCaseClosed' });
		await trigger.poll();

		tv.sim.clock.advance(MINUTE);
		await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(long) });
		const next = await trigger.poll();

		expect(codes(next)).toEqual([long]);
	});

	it('a case five minutes from expiry that closes is reported at the next poll, and once only after it ages out of the recent list (two passes)', async () => {
		const start = freezeClock(tv);
		const owner = { groupid: tv.sandbox.groupsByName.Customers, createdBy: tv.sandbox.accountUserId };
		// Pages of one, newest first: a case created 23 h 52 min ago, then the closing one (23 h 55 min), then older
		// ones: a pass over the open list takes more than 30 polls, so it ends after the case left the recent list.
		const [between] = tv.sim.addServiceCases(1, { ...owner, createdBefore: iso(start - 23 * HOUR - 52 * MINUTE + 1_000), spacingSeconds: 1 });
		const [closing] = tv.sim.addServiceCases(1, { ...owner, createdBefore: iso(start - 23 * HOUR - 55 * MINUTE + 1_000), spacingSeconds: 1 });
		oldCases(30);
		tv.sim.config.sessionsPageSize = 1;
		const trigger = activeTrigger(tv, { event: 'serviceCaseClosed' });
		await trigger.poll();
		const passLength = openList().length;
		const open = await pollMinutes(trigger, 1);

		await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(closing) });
		const next = await trigger.poll();
		const later = await pollMinutes(trigger, 2 * passLength + 5);

		expect(between).not.toBe(closing);
		expect(open).toEqual([]);
		expect(codes(next)).toEqual([closing]);
		expect(later).toEqual([]);
	});

	it('a recent case far down the list (pages of 2) that closes is reported at the next poll', async () => {
		freezeClock(tv);
		const recent = tv.sim.addServiceCases(6, { groupid: tv.sandbox.groupsByName.Customers, createdBy: tv.sandbox.accountUserId, createdBefore: iso(tv.sim.clock.nowMs() - HOUR), spacingSeconds: 600 });
		tv.sim.config.sessionsPageSize = 2;
		const trigger = activeTrigger(tv, { event: 'serviceCaseClosed' });
		await trigger.poll();

		tv.sim.clock.advance(MINUTE);
		const oldest = recent[recent.length - 1];
		await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(oldest) });
		const next = await trigger.poll();

		expect(codes(next)).toEqual([oldest]);
	});

	it('the revisit of the open list asks TeamViewer for open cases only; the recent list for every state', async () => {
		const trigger = activeTrigger(tv, { event: 'serviceCaseClosed' });
		await trigger.poll();
		tv.sim.log.clear();

		await trigger.poll();

		expect(tv.calls('GET', /\/sessions$/).map((call) => call.query.state ?? 'any')).toEqual(['any', 'open']);
	});

	it('a case closed mid-pass is emitted once, also after what the trigger remembers of it has been dropped (30 polls)', async () => {
		freezeClock(tv);
		const old = oldCases(7);
		tv.sim.config.sessionsPageSize = 3;
		const trigger = activeTrigger(tv, { event: 'serviceCaseClosed' });
		await trigger.poll();
		tv.sim.clock.advance(MINUTE);
		await trigger.poll();

		// The newest open case: on the first page, which the pass has just revisited.
		const [closing] = openList();
		await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(closing.code) });
		const emitted = await pollMinutes(trigger, 30);

		expect(old).toHaveLength(7);
		expect(emitted).toEqual([closing.code]);
	});

	it('an old case closed during two hours n8n was stopped is still emitted: it was known open', async () => {
		freezeClock(tv);
		const old = oldCases(4);
		const trigger = activeTrigger(tv, { event: 'serviceCaseClosed' });
		await trigger.poll();

		trigger.restart();
		await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(old[2]) });
		tv.sim.clock.advance(2 * HOUR);
		const emitted = await pollMinutes(trigger, 2);

		expect(emitted).toEqual([old[2]]);
	});

	it('old cases closed while n8n was stopped are each emitted once after the restart', async () => {
		freezeClock(tv);
		for (const code of tv.sandbox.openSessionCodes) await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(code) });
		const old = oldCases(7);
		tv.sim.config.sessionsPageSize = 3;
		const trigger = activeTrigger(tv, { event: 'serviceCaseClosed' });
		await trigger.poll();

		trigger.restart();
		for (const code of old) await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(code) });
		tv.sim.clock.advance(2 * HOUR);
		const emitted = [];
		for (let poll = 0; poll < 4; poll++) {
			emitted.push(...codes(await trigger.poll()));
			tv.sim.clock.advance(MINUTE);
		}

		expect([...emitted].sort()).toEqual([...old].sort());
	});

	it('old cases whose codes start with zeros, closed while n8n was stopped, are emitted after the restart: the saved open set keeps every code whole', async () => {
		freezeClock(tv);
		const old = oldCases(3);
		// The two oldest get codes whose number is small: s000-004-217, and the largest that takes fewer than six
		// base-36 digits. Pages of one: the list of recent cases stops at the newest old case and never shows them.
		const renamed = ['s000-004-217', 's060-466-175'].map((code, index) => {
			const session = tv.sim.state.sessions.get(old[index + 1])!;
			tv.sim.state.sessions.delete(old[index + 1]);
			session.code = code;
			tv.sim.state.sessions.set(code, session);
			return code;
		});
		tv.sim.config.sessionsPageSize = 1;
		const trigger = activeTrigger(tv, { event: 'serviceCaseClosed' });
		await trigger.poll();

		trigger.restart();
		const pass = openList().length;
		for (const code of renamed) await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(code) });
		tv.sim.clock.advance(2 * HOUR);
		const emitted = await pollMinutes(trigger, pass + 2);

		expect([...emitted].sort()).toEqual([...renamed].sort());
	});

	it('two workflows made from the same file (same node IDs) keep apart what each has seen', async () => {
		freezeClock(tv);
		const old = oldCases(7);
		tv.sim.config.sessionsPageSize = 3;
		const copies = [activeTrigger(tv, { event: 'serviceCaseClosed' }), activeTrigger(tv, { event: 'serviceCaseClosed' })];
		for (const trigger of copies) await trigger.poll();

		const oldest = old[old.length - 1];
		await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(oldest) });
		const emitted: unknown[][] = [[], []];
		for (let poll = 0; poll < 6; poll++) {
			tv.sim.clock.advance(MINUTE);
			for (const [index, trigger] of copies.entries()) emitted[index].push(...codes(await trigger.poll()));
		}

		expect(emitted).toEqual([[oldest], [oldest]]);
	});
});

describe('Trigger state: quiet polls of the open-case events', () => {
	it.each(['serviceCaseOnline', 'serviceCaseClosed'])(
		'%s: quiet polls leave the saved state as it was for 10 minutes of TeamViewer time, then move its time on',
		async (event) => {
			const start = freezeClock(tv);
			const trigger = activeTrigger(tv, { event });
			await trigger.poll();
			const atActivation = JSON.stringify(trigger.staticData);
			// n8n keeps a poll node's static data under its node key; the event's state is in `state`.
			const at = () => (Object.values(trigger.staticData)[0] as { state: IDataObject }).state.at;
			expect(at()).toBe(start / 1000);

			tv.sim.clock.set(iso(start + 599_000));
			await trigger.poll();
			const quiet = JSON.stringify(trigger.staticData);
			tv.sim.clock.set(iso(start + 600_000));
			await trigger.poll();

			expect(quiet).toBe(atActivation);
			expect(at()).toBe(start / 1000 + 600);
		},
	);
});

describe('Trigger state: customer came online, the horizon', () => {
	it('a case five minutes from expiry is still looked at with the recent ones (the horizon keeps 10 minutes of slack)', async () => {
		const start = freezeClock(tv);
		const owner = { groupid: tv.sandbox.groupsByName.Customers, createdBy: tv.sandbox.accountUserId };
		// Created 24 h less 8 and 5 minutes before activation (TeamViewer's 24 h validity): still valid, about to expire.
		const [almost] = tv.sim.addServiceCases(1, { ...owner, createdBefore: iso(start - 24 * HOUR + 8 * MINUTE + 1_000) });
		const [target] = tv.sim.addServiceCases(1, { ...owner, createdBefore: iso(start - 24 * HOUR + 5 * MINUTE + 1_000) });
		tv.sim.config.sessionsPageSize = 1;
		const trigger = activeTrigger(tv, { event: 'serviceCaseOnline' });
		await trigger.poll();

		tv.sim.clock.advance(MINUTE);
		tv.sim.setSessionOnline(target, true);
		const next = await trigger.poll();

		expect(almost).not.toBe(target);
		expect(codes(next)).toEqual([target]);
	});

	it('a case valid for 48 h and created 30 h ago is looked at with the recent ones: the horizon follows the longest validity seen', async () => {
		const start = freezeClock(tv);
		const owner = { groupid: tv.sandbox.groupsByName.Customers, createdBy: tv.sandbox.accountUserId };
		const [long] = tv.sim.addServiceCases(1, { ...owner, createdBefore: iso(start - 30 * HOUR + 600_000) });
		tv.sim.state.sessions.get(long)!.valid_until = iso(start + 18 * HOUR);
		// Six cases of the day before, between it and the recent ones: with pages of 2 it is on page 4 or later.
		tv.sim.addServiceCases(6, { ...owner, createdBefore: iso(start - 25 * HOUR) });
		tv.sim.config.sessionsPageSize = 2;
		const trigger = activeTrigger(tv, { event: 'serviceCaseOnline' });
		await trigger.poll();

		tv.sim.clock.advance(MINUTE);
		tv.sim.setSessionOnline(long, true);
		const next = await trigger.poll();

		expect(codes(next)).toEqual([long]);
	});
});

describe('Trigger state: customer came online, what it remembers', () => {
	it('cases seen online that leave the open list (closed while online) are dropped from the state', async () => {
		freezeClock(tv);
		const trigger = activeTrigger(tv, { event: 'serviceCaseOnline' });
		await trigger.poll();
		const [first, second] = tv.sandbox.openSessionCodes;
		const online = () => Object.keys((Object.values(trigger.staticData)[0] as { state: { online: IDataObject } }).state.online);
		tv.sim.setSessionOnline(first, true);
		tv.sim.setSessionOnline(second, true);
		tv.sim.clock.advance(MINUTE);
		const emitted = await trigger.poll();
		const remembered = online();

		for (const code of [first, second]) {
			const session = tv.sim.state.sessions.get(code)!;
			session.state = 'Closed';
			session.closed_at = tv.sim.clock.nowIso();
		}
		tv.sim.clock.advance(MINUTE);
		await trigger.poll();

		expect(codes(emitted).sort()).toEqual([first, second].sort());
		expect(remembered.sort()).toEqual([first, second].sort());
		expect(online()).toEqual([]);
	});

	it('two old cases created in the same second, online since before activation, are not emitted: a list page that ends between them forgets neither', async () => {
		freezeClock(tv);
		const owner = { groupid: tv.sandbox.groupsByName.Customers, createdBy: tv.sandbox.accountUserId };
		// Pages of two, newest first: the open cases already there, older ones (26 h) where the recent list ends, then
		// the two twins (31 h, one second) split between two pages, which only the rotation over the open list reads.
		const already = openList().length;
		tv.sim.addServiceCases(already % 2 === 0 ? 3 : 2, { ...owner, createdBefore: iso(Date.now() - 26 * HOUR), spacingSeconds: 60 });
		const twins = tv.sim.addServiceCases(2, { ...owner, createdBefore: iso(Date.now() - 31 * HOUR), spacingSeconds: 0 });
		tv.sim.addServiceCases(4, { ...owner, createdBefore: iso(Date.now() - 48 * HOUR) });
		for (const code of twins) tv.sim.setSessionOnline(code, true);
		tv.sim.config.sessionsPageSize = 2;
		const trigger = activeTrigger(tv, { event: 'serviceCaseOnline' });
		await trigger.poll();
		const split = openList().findIndex((session) => twins.includes(session.code)) % 2 === 1;

		const emitted = await pollMinutes(trigger, 2 * Math.ceil(openList().length / 2) + 2);

		expect(split).toBe(true);
		expect(emitted).toEqual([]);
	});

	it.each([
		['inside a page', (index: number, length: number) => index % 3 !== 0 && index < length - 1],
		['the oldest open case, on the last page', (index: number, length: number) => index === length - 1],
	])('an old case (%s), found online by the rotation over the open list and closed while online, is dropped when the rotation passes its page again', async (_where, chosen) => {
		// (A case that closes at the edge between two rotation pages stays in the state: see the README's note on
		// the trigger's state.)
		freezeClock(tv);
		const old = tv.sim.addServiceCases(7, {
			groupid: tv.sandbox.groupsByName.Customers,
			createdBy: tv.sandbox.accountUserId,
			createdBefore: iso(Date.now() - 48 * HOUR),
			spacingSeconds: 60,
		});
		tv.sim.config.sessionsPageSize = 3;
		const trigger = activeTrigger(tv, { event: 'serviceCaseOnline' });
		await trigger.poll();
		const online = () => Object.keys((Object.values(trigger.staticData)[0] as { state: { online: IDataObject } }).state.online);
		// The open list newest first, as TeamViewer pages it: a case whose neighbours share its page once it is gone.
		const list = openList();
		const target = old.find((code) => chosen(list.findIndex((session) => session.code === code), list.length))!;
		tv.sim.setSessionOnline(target, true);

		const found = await pollMinutes(trigger, 6);
		const remembered = online();
		const session = tv.sim.state.sessions.get(target)!;
		session.state = 'Closed';
		session.closed_at = tv.sim.clock.nowIso();
		const after = await pollMinutes(trigger, 6);

		expect(found).toEqual([target]);
		expect(remembered).toEqual([target]);
		expect(after).toEqual([]);
		expect(online()).toEqual([]);
	});
});

describe('Trigger state: polls cut short by their time budget after activation', () => {
	it('a poll that pages a slow TeamViewer ends within its budget, leaving time for the rest of the poll', async () => {
		freezeClock(tv);
		const trigger = activeTrigger(tv, { event: 'serviceCaseCreated' });
		await trigger.poll();
		tv.sim.clock.advance(2 * HOUR);
		const created = tv.sim.addServiceCases(40, { groupid: tv.sandbox.groupsByName.Customers, createdBy: tv.sandbox.accountUserId, spacingSeconds: 60 });
		// 200 ms a page, one case a page: reading all 40 would take 8 s.
		Object.assign(tv.sim.config, { sessionsPageSize: 1, latencyMs: 200 });

		const started = Date.now();
		const cut = await trigger.poll({ pollBudgetMs: 3_000 });
		const elapsed = Date.now() - started;

		expect(codes(cut).length).toBeGreaterThan(0);
		expect(codes(cut).length).toBeLessThan(created.length);
		expect(elapsed).toBeLessThan(3_000);
	});

	it('customer came online: a poll cut short reads one page and does not turn the rotation', async () => {
		freezeClock(tv);
		tv.sim.addServiceCases(6, { groupid: tv.sandbox.groupsByName.Customers, createdBy: tv.sandbox.accountUserId, createdBefore: iso(Date.now() - 48 * HOUR) });
		Object.assign(tv.sim.config, { sessionsPageSize: 1 });
		const trigger = activeTrigger(tv, { event: 'serviceCaseOnline' });
		await trigger.poll();
		tv.sim.clock.advance(MINUTE);
		await trigger.poll();

		Object.assign(tv.sim.config, { latencyMs: 10 });
		tv.sim.log.clear();
		const cut = await trigger.poll({ pollBudgetMs: 1 });

		expect(cut).toBeNull();
		expect(tv.calls('GET', /\/sessions$/)).toHaveLength(1);
	});

	it('closed: a poll cut short in its list of recent cases reads one page and does not go on to the open list', async () => {
		freezeClock(tv);
		tv.sim.addServiceCases(6, { groupid: tv.sandbox.groupsByName.Customers, createdBy: tv.sandbox.accountUserId, createdBefore: iso(Date.now() - 48 * HOUR) });
		Object.assign(tv.sim.config, { sessionsPageSize: 1 });
		const trigger = activeTrigger(tv, { event: 'serviceCaseClosed' });
		await trigger.poll();
		tv.sim.clock.advance(MINUTE);
		await trigger.poll();

		Object.assign(tv.sim.config, { latencyMs: 10 });
		tv.sim.log.clear();
		const cut = await trigger.poll({ pollBudgetMs: 1 });

		expect(cut).toBeNull();
		expect(tv.calls('GET', /\/sessions$/).map((call) => call.query.state ?? 'any')).toEqual(['any']);
	});

	it('closed: a poll cut short at the end of a pass reads no case and emits nothing; the next poll reads and emits the closed one', async () => {
		freezeClock(tv);
		const old = tv.sim.addServiceCases(6, { groupid: tv.sandbox.groupsByName.Customers, createdBy: tv.sandbox.accountUserId, createdBefore: iso(Date.now() - 48 * HOUR) });
		tv.sim.config.sessionsPageSize = 2;
		const trigger = activeTrigger(tv, { event: 'serviceCaseClosed' });
		await trigger.poll();
		const oldest = old[old.length - 1];
		const session = tv.sim.state.sessions.get(oldest)!;
		session.state = 'Closed';
		session.closed_at = tv.sim.clock.nowIso();
		// The pass over the open list (a page a poll) ends at its last page: every poll before that one runs in full.
		const pages = Math.ceil(openList().length / 2);
		for (let poll = 1; poll < pages; poll++) {
			tv.sim.clock.advance(MINUTE);
			expect(await trigger.poll()).toBeNull();
		}

		tv.sim.clock.advance(MINUTE);
		// For this poll, the recent cases and one old one on the first page: the recent scan reaches its horizon
		// there (no time check), so the budget runs out in the reads at the end of the pass.
		const horizon = tv.sim.clock.nowMs() - 24 * HOUR - 10 * MINUTE;
		const recent = [...tv.sim.state.sessions.values()].filter((each) => Date.parse(each.created_at) >= horizon).length;
		Object.assign(tv.sim.config, { latencyMs: 10, sessionsPageSize: recent + 1 });
		tv.sim.log.clear();
		const cut = await trigger.poll({ pollBudgetMs: 1 });
		const listReads = tv.calls('GET', /\/sessions$/).length;
		const reads = tv.calls('GET', /\/sessions\/s/).length;
		Object.assign(tv.sim.config, { latencyMs: 0, sessionsPageSize: 2 });
		const next = await trigger.poll();

		expect(cut).toBeNull();
		expect(listReads).toBe(2);
		expect(reads).toBe(0);
		expect(codes(next)).toEqual([oldest]);
	});
});

describe('Trigger state: an activation poll of the open-case events cut short by its time budget', () => {
	it.each([
		['serviceCaseOnline', (code: string) => tv.sim.setSessionOnline(code, true)],
		['serviceCaseClosed', async (code: string) => await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(code) })],
		['serviceCaseExpired', (code: string) => {
			tv.sim.state.sessions.get(code)!.valid_until = iso(tv.sim.clock.nowMs() - 2 * HOUR);
		}],
	])('%s: emits nothing of what was there at activation, and the next change once', async (event, change) => {
		freezeClock(tv);
		const [atActivation, later] = tv.sandbox.openSessionCodes;
		await change(atActivation);
		const trigger = activeTrigger(tv, { event, options: { lookbackMinutes: 1 } });
		Object.assign(tv.sim.config, { sessionsPageSize: 1, latencyMs: 10 });
		tv.sim.log.clear();
		const cut = await trigger.poll({ pollBudgetMs: 1 });
		const cutRequests = tv.calls().length;
		Object.assign(tv.sim.config, { latencyMs: 0 });
		tv.sim.log.clear();
		const activation = await trigger.poll();
		const activationRequests = tv.calls().length;
		tv.sim.clock.advance(MINUTE);
		if (event === 'serviceCaseExpired') tv.sim.state.sessions.get(later)!.valid_until = iso(tv.sim.clock.nowMs() - 30_000);
		else await change(later);
		tv.sim.clock.advance(2 * MINUTE);
		const next = await trigger.poll();

		expect(cut).toBeNull();
		expect(cutRequests).toBe(1);
		expect(activationRequests).toBeGreaterThan(2);
		expect(activation).toBeNull();
		expect(codes(next)).toEqual([later]);
	});
});

describe('Trigger state: one trigger among others', () => {
	it("a trigger waiting on a slow TeamViewer answer does not hold up another workflow's trigger", async () => {
		freezeClock(tv);
		const devices = activeTrigger(tv, { event: 'deviceOnline' });
		const reports = activeTrigger(tv, { event: 'connectionReportNew' });
		tv.sim.injectFault({ kind: 'latency', method: 'GET', path: '/devices', delayMs: 1_500 });

		const finished: string[] = [];
		const slow = devices.poll().then(() => finished.push('devices'));
		const quick = reports.poll().then(() => finished.push('reports'));
		await Promise.all([slow, quick]);

		expect(finished).toEqual(['reports', 'devices']);
	});
});
