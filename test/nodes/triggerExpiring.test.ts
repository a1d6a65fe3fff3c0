/**
 * TeamViewer Trigger → Service Case Expiring Soon (issue #15): each unused open case once, N minutes
 * before its `valid_until` on TeamViewer's clock, never for a case used or closed in the meantime,
 * once across restarts of n8n and overlapping polls, at a cost that does not grow with history.
 */
import type { IDataObject } from 'n8n-workflow';

import { activeTrigger, codes, freezeClock, iso } from '../harness/trigger';
import { locator, useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A service case in the Customers group, made through the node as a user would. */
const createCase = async (customId: string, validUntil?: string) =>
	(
		await tv.run({
			resource: 'session',
			operation: 'create',
			groupId: locator(tv.sandbox.groupsByName.Customers),
			additionalFields: { customId, ...(validUntil ? { validUntil } : {}) },
		})
	).json[0] as IDataObject & { code: string; valid_until: string };

const expiring = (minutesBefore = 60, customIdPrefix = 'exp:') =>
	activeTrigger(tv, { event: 'serviceCaseExpiring', minutesBefore, serviceCaseFilters: { customIdPrefix } });

/** Sets TeamViewer's clock to `minutes` before the case's `valid_until`. */
const minutesBeforeExpiry = (session: { valid_until: string }, minutes: number) =>
	tv.sim.clock.set(iso(Date.parse(session.valid_until) - minutes * MINUTE));

describe('Trigger: service case expiring soon', () => {
	it('fires once per case, N minutes before its valid_until and not a minute earlier', async () => {
		freezeClock(tv);
		const trigger = expiring(60);
		const soon = await createCase('exp:soon');
		const later = await createCase('exp:later', iso(Date.parse(soon.valid_until) + 3 * HOUR));
		expect(await trigger.poll()).toBeNull();

		minutesBeforeExpiry(soon, 61);
		const early = await trigger.poll();
		minutesBeforeExpiry(soon, 59);
		const emitted = await trigger.poll();
		tv.sim.clock.advance(MINUTE);
		const again = await trigger.poll();
		minutesBeforeExpiry(later, 30);
		const second = await trigger.poll();
		tv.sim.clock.advance(2 * HOUR);
		const afterExpiry = await trigger.poll();

		expect(early).toBeNull();
		expect(emitted).toEqual([
			expect.objectContaining({ event: 'serviceCaseExpiring', code: soon.code, state: 'Open', online: false, valid_until: soon.valid_until, expiresInMinutes: 59 }),
		]);
		expect(again).toBeNull();
		expect(second).toEqual([expect.objectContaining({ code: later.code, expiresInMinutes: 30 })]);
		expect(afterExpiry).toBeNull();
	});

	// Whether reports spell session codes with dashes is UNCONFIRMED (test/simulators/teamviewer/README.md, `reportSessionCodes`).
	it.each(['dashed', 'undashed'] as const)('does not fire for a case that was used (customer seen online, or a connection report with its code %s) or closed in the meantime', async (spelling) => {
		freezeClock(tv);
		tv.sim.config.reportSessionCodes = spelling;
		const trigger = expiring(60);
		const unused = await createCase('exp:unused');
		const opened = await createCase('exp:opened');
		const connected = await createCase('exp:connected');
		const closed = await createCase('exp:closed');
		const online = await createCase('exp:online-now');
		await trigger.poll();

		tv.sim.setSessionOnline(opened.code, true);
		tv.sim.clock.advance(MINUTE);
		expect(await trigger.poll()).toBeNull();
		tv.sim.setSessionOnline(opened.code, false);
		tv.sim.connectSession(connected.code, { durationSeconds: 300 });
		tv.sim.clock.advance(HOUR);
		await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(closed.code) });
		minutesBeforeExpiry(online, 45);
		tv.sim.setSessionOnline(online.code, true);
		const emitted = await trigger.poll();

		expect(codes(emitted)).toEqual([unused.code]);
		expect(await trigger.poll()).toBeNull();
	});

	it('warns about a case created with less validity than the lead right after it was created', async () => {
		const start = freezeClock(tv);
		const trigger = expiring(60);
		await trigger.poll();
		tv.sim.clock.advance(MINUTE);
		const short = await createCase('exp:short', iso(start + 31 * MINUTE));
		tv.sim.clock.advance(MINUTE);

		expect(await trigger.poll()).toEqual([expect.objectContaining({ code: short.code, expiresInMinutes: 29 })]);
		expect(await trigger.poll()).toBeNull();
	});

	it('a case whose link ran out before any poll decided it is left to "Expired Unused"', async () => {
		freezeClock(tv);
		const trigger = expiring(60);
		const session = await createCase('exp:missed');
		await trigger.poll();

		tv.sim.clock.set(iso(Date.parse(session.valid_until) + MINUTE));

		expect(await trigger.poll()).toBeNull();
	});

	it('judges valid_until on TeamViewer\'s clock, not n8n\'s: 5 hours behind and 3 hours ahead', async () => {
		for (const skew of [-5 * HOUR, 3 * HOUR]) {
			tv.sim.clock.set(iso(Math.floor((Date.now() + skew) / 1000) * 1000));
			const trigger = expiring(30, `skew${skew}:`);
			const session = await createCase(`skew${skew}:case`);
			await trigger.poll();

			minutesBeforeExpiry(session, 31);
			const early = await trigger.poll();
			minutesBeforeExpiry(session, 29);
			const due = await trigger.poll();

			expect([early, codes(due)]).toEqual([null, [session.code]]);
		}
	});

	it('fires once across a restart of n8n: after the emitting poll, and after quiet polls that were never saved', async () => {
		freezeClock(tv);
		const trigger = expiring(60);
		const a = await createCase('exp:a');
		tv.sim.clock.advance(2 * HOUR);
		const b = await createCase('exp:b');
		await trigger.poll();

		// Quiet polls change nothing n8n would save; a restart reloads the activation state and still warns once.
		tv.sim.clock.advance(MINUTE);
		await trigger.poll();
		trigger.restart();
		minutesBeforeExpiry(a, 50);
		const first = await trigger.poll();
		trigger.restart();
		const afterRestart = await trigger.poll();
		minutesBeforeExpiry(b, 50);
		trigger.restart();
		const second = await trigger.poll();
		trigger.restart();
		const end = await trigger.poll();

		expect([codes(first), afterRestart, codes(second), end]).toEqual([[a.code], null, [b.code], null]);
	});

	it('fires once when two polls of the same trigger overlap', async () => {
		freezeClock(tv);
		const trigger = expiring(60);
		const session = await createCase('exp:overlap');
		await trigger.poll();
		minutesBeforeExpiry(session, 10);
		tv.sim.config.latencyMs = 50;

		const both = await Promise.all([trigger.poll(), trigger.poll(), trigger.poll()]);

		expect(both.flatMap((items) => codes(items))).toEqual([session.code]);
	});

	it('costs one list request per quiet poll, leaves the state alone, and reads reports only when a case is due', async () => {
		freezeClock(tv);
		const trigger = expiring(60);
		// An old history: closed cases and connection reports that must not be read again.
		for (let i = 0; i < 30; i++) {
			const old = await createCase(`exp:old${i}`);
			tv.sim.connectSession(old.code, { durationSeconds: 60 });
			await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(old.code) });
		}
		tv.sim.clock.advance(30 * HOUR);
		const session = await createCase('exp:fresh');
		await trigger.poll();
		const saved = trigger.saved;

		tv.sim.log.clear();
		tv.sim.clock.advance(MINUTE);
		expect(await trigger.poll()).toBeNull();
		const quiet = tv.sim.log.entries.map((entry) => `${entry.method} ${entry.path}`);
		const changed = tv.engine.staticDataChanged;
		tv.sim.log.clear();
		minutesBeforeExpiry(session, 5);
		const emitted = await trigger.poll();
		const due = tv.sim.log.entries.map((entry) => `${entry.method} ${entry.path}`);

		expect(quiet).toEqual(['GET /api/v1/sessions']);
		expect(tv.calls('GET', /\/sessions$/).at(-1)?.query).toMatchObject({ state: 'open' });
		expect(changed).toBe(false);
		expect(trigger.saved).not.toBe(saved);
		expect(codes(emitted)).toEqual([session.code]);
		expect(due).toEqual(['GET /api/v1/sessions', 'GET /api/v1/reports/connections']);
		expect(tv.calls('GET', /reports\/connections$/)[0].query).toEqual({ has_code: 'true', from_date: session.created_at });
		expect(JSON.stringify(trigger.staticData).length).toBeLessThan(400);
	});

	it('a quiet poll reads one page even when open cases older than any warning fill many pages', async () => {
		freezeClock(tv);
		// Created a day ago (their links have run out): older than any case a warning could still be due for.
		tv.sim.addServiceCases(12, {
			groupid: tv.sandbox.groupsByName.Customers,
			createdBy: tv.sandbox.accountUserId,
			createdBefore: iso(Date.now() - 24 * HOUR),
			spacingSeconds: 60,
		});
		tv.sim.config.sessionsPageSize = 3;
		const trigger = expiring(60, '');
		await trigger.poll();

		tv.sim.log.clear();
		tv.sim.clock.advance(MINUTE);
		expect(await trigger.poll()).toBeNull();

		expect(tv.sim.log.entries.map((entry) => `${entry.method} ${entry.path}`)).toEqual(['GET /api/v1/sessions']);
	});

	it('cases due in the same poll come out soonest expiry first, each with its own minutes left', async () => {
		freezeClock(tv);
		const trigger = expiring(60);
		const last = await createCase('exp:last');
		const first = await createCase('exp:first', iso(Date.parse(last.valid_until) - 20 * MINUTE));
		const middle = await createCase('exp:middle', iso(Date.parse(last.valid_until) - 10 * MINUTE));
		await trigger.poll();

		minutesBeforeExpiry(last, 30);
		const emitted = await trigger.poll();

		expect(emitted?.map((item) => [item.code, item.expiresInMinutes])).toEqual([
			[first.code, 10],
			[middle.code, 20],
			[last.code, 30],
		]);
	});

	it('warns at the warning time to the second, and only once', async () => {
		freezeClock(tv);
		const trigger = expiring(60);
		const session = await createCase('exp:exact');
		await trigger.poll();

		minutesBeforeExpiry(session, 60);
		const atWarning = await trigger.poll();
		tv.sim.clock.advance(MINUTE);
		const next = await trigger.poll();

		expect(codes(atWarning)).toEqual([session.code]);
		expect(next).toBeNull();
	});

	it('quiet polls leave the saved state alone also with cases already decided, one of them due at the second of activation', async () => {
		const start = freezeClock(tv);
		const atActivation = await createCase('exp:at-activation', iso(start + HOUR));
		const warned = await createCase('exp:warned', iso(start + 30 * MINUTE));
		await createCase('exp:pending');
		const trigger = expiring(60);
		await trigger.poll();
		const saved = JSON.stringify(trigger.staticData);

		tv.sim.clock.advance(MINUTE);
		const quiet = await trigger.poll();

		expect([atActivation.code, warned.code]).toHaveLength(2);
		expect(quiet).toBeNull();
		expect(JSON.stringify(trigger.staticData)).toBe(saved);
	});

	it('a case valid for 48 h, created 30 h before activation, is warned about: the look-back follows the longest validity', async () => {
		const start = freezeClock(tv);
		const owner = { groupid: tv.sandbox.groupsByName.Customers, createdBy: tv.sandbox.accountUserId };
		// Newest first, a page each: a case from 26 h ago lies between the recent cases and the long one.
		const [older] = tv.sim.addServiceCases(1, { ...owner, createdBefore: iso(start - 26 * HOUR) });
		const [long] = tv.sim.addServiceCases(1, { ...owner, createdBefore: iso(start - 30 * HOUR) });
		tv.sim.state.sessions.get(older)!.custom_api = 'exp:older';
		Object.assign(tv.sim.state.sessions.get(long)!, { custom_api: 'exp:long', valid_until: iso(start + 18 * HOUR) });
		tv.sim.config.sessionsPageSize = 1;
		const trigger = expiring(60);
		await trigger.poll();

		tv.sim.clock.set(iso(start + 17 * HOUR + MINUTE));
		const emitted = await trigger.poll();

		expect(codes(emitted)).toEqual([long]);
	});

	it('a case whose warning comes five minutes after the last poll is warned about at the next poll, though older cases fill pages before it', async () => {
		const start = freezeClock(tv);
		const owner = { groupid: tv.sandbox.groupsByName.Customers, createdBy: tv.sandbox.accountUserId };
		// Pages of one, newest first: a case created 22 h 52 min ago, then the one warned 5 minutes after activation
		// (22 h 55 min ago, valid 24 h, lead 60 minutes).
		const [between] = tv.sim.addServiceCases(1, { ...owner, createdBefore: iso(start - 22 * HOUR - 52 * MINUTE + 1_000), spacingSeconds: 1 });
		const [soon] = tv.sim.addServiceCases(1, { ...owner, createdBefore: iso(start - 22 * HOUR - 55 * MINUTE + 1_000), spacingSeconds: 1 });
		for (const [code, name] of [[between, 'exp:between'], [soon, 'exp:soon']]) tv.sim.state.sessions.get(code)!.custom_api = name;
		tv.sim.config.sessionsPageSize = 1;
		const trigger = expiring(60);
		await trigger.poll();

		tv.sim.clock.set(iso(start + 6 * MINUTE));
		const emitted = await trigger.poll();

		expect(codes(emitted)).toEqual([soon]);
	});

	it('cases due together are checked against reports since the oldest of them', async () => {
		const start = freezeClock(tv);
		const trigger = expiring(60);
		await trigger.poll();
		tv.sim.clock.advance(MINUTE);
		const usedEarly = await createCase('exp:used-early');
		tv.sim.clock.advance(30 * MINUTE);
		tv.sim.connectSession(usedEarly.code, { durationSeconds: 300 });
		tv.sim.clock.advance(2 * HOUR);
		const unused = await createCase('exp:unused', usedEarly.valid_until);

		tv.sim.clock.set(iso(start + 24 * HOUR));
		const emitted = await trigger.poll();

		expect(codes(emitted)).toEqual([unused.code]);
	});

	it('a poll whose report query runs out of its time budget decides nothing; the next poll warns once', async () => {
		freezeClock(tv);
		const trigger = expiring(60);
		await trigger.poll();
		const session = await createCase('exp:due');
		minutesBeforeExpiry(session, 30);

		Object.assign(tv.sim.config, { latencyMs: 10 });
		tv.sim.log.clear();
		const cut = await trigger.poll({ pollBudgetMs: 1 });
		const reportQueries = tv.calls('GET', /reports\/connections$/).length;
		Object.assign(tv.sim.config, { latencyMs: 0 });
		const next = await trigger.poll();

		expect(cut).toBeNull();
		expect(reportQueries).toBe(1);
		expect(codes(next)).toEqual([session.code]);
		expect(await trigger.poll()).toBeNull();
	});

	it('four days of cases, each seen online: none is warned about, and the state stops growing after a day', async () => {
		const start = freezeClock(tv);
		const trigger = expiring(60);
		await trigger.poll();

		const emitted: unknown[] = [];
		const sizes: number[] = [];
		for (let hour = 1; hour <= 96; hour++) {
			tv.sim.clock.set(iso(start + hour * HOUR));
			const session = await createCase(`exp:${hour}`);
			tv.sim.setSessionOnline(session.code, true);
			tv.sim.clock.advance(MINUTE);
			emitted.push(...codes(await trigger.poll()));
			tv.sim.setSessionOnline(session.code, false);
			sizes.push(JSON.stringify(trigger.staticData).length);
		}

		expect(emitted).toEqual([]);
		expect(sizes[95]).toBeLessThanOrEqual(sizes[47] + 100);
	});

	it('a poll cut short by its time budget emits nothing and loses nothing: the next poll warns once', async () => {
		freezeClock(tv);
		const trigger = expiring(60);
		const cases = [];
		for (const name of ['a', 'b', 'c', 'd', 'e']) cases.push(await createCase(`exp:${name}`));
		await trigger.poll();

		minutesBeforeExpiry(cases[0], 30);
		Object.assign(tv.sim.config, { sessionsPageSize: 2, latencyMs: 10 });
		const cut = await trigger.poll({ pollBudgetMs: 1 });
		Object.assign(tv.sim.config, { latencyMs: 0 });
		const next = await trigger.poll();
		const again = await trigger.poll();

		expect(cut).toBeNull();
		expect(codes(next).sort()).toEqual(cases.map((session) => session.code).sort());
		expect(again).toBeNull();
	});

	it('a poll cut short in its list decides nothing, also when the cases it did read were used: the next poll warns about the unused one', async () => {
		freezeClock(tv);
		tv.sim.config.sessionsPageSize = 1;
		const trigger = expiring(60);
		await trigger.poll();
		const unused = await createCase('exp:unused');
		tv.sim.clock.advance(MINUTE);
		const used = await createCase('exp:used');
		tv.sim.setSessionOnline(used.code, true);
		tv.sim.clock.advance(MINUTE);
		await trigger.poll();
		tv.sim.setSessionOnline(used.code, false);

		// Both are inside the hour before expiry; the newest (the used one) is on the first page, the unused one on the second.
		minutesBeforeExpiry(unused, 30);
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

	it('an activation poll cut short by its time budget does not warn about cases that were already due', async () => {
		freezeClock(tv);
		const cases = [];
		for (const name of ['a', 'b', 'c', 'd', 'e']) cases.push(await createCase(`exp:${name}`));
		minutesBeforeExpiry(cases[0], 30);
		const trigger = expiring(60);
		Object.assign(tv.sim.config, { sessionsPageSize: 2, latencyMs: 10 });
		const cut = await trigger.poll({ pollBudgetMs: 1 });
		Object.assign(tv.sim.config, { latencyMs: 0 });
		const activation = await trigger.poll();
		const later = await createCase('exp:later', iso(Date.parse(cases[0].valid_until) + HOUR));
		minutesBeforeExpiry(later, 50);
		const next = await trigger.poll();

		expect(cut).toBeNull();
		expect(activation).toBeNull();
		expect(codes(next)).toEqual([later.code]);
	});

	it('refuses Minutes Before Expiry that is not a whole number of at least 1, naming the field, the value and the fix', async () => {
		await expect(expiring(0).poll()).rejects.toMatchObject({
			message: 'Minutes Before Expiry must be a whole number of minutes, at least 1; got "0"',
			description: 'Set Minutes Before Expiry to how long before the link stops working the case is reported, e.g. 60.',
		});
		expect(tv.calls()).toEqual([]);
	});

	it('takes one minute, the least Minutes Before Expiry, and warns a minute before the link stops working', async () => {
		freezeClock(tv);
		const trigger = expiring(1);
		const session = await createCase('exp:one-minute');
		await trigger.poll();

		minutesBeforeExpiry(session, 2);
		const early = await trigger.poll();
		minutesBeforeExpiry(session, 1);
		const due = await trigger.poll();

		expect(early).toBeNull();
		expect(due).toEqual([expect.objectContaining({ code: session.code, expiresInMinutes: 1 })]);
	});

	it('"Fetch Test Event" shows the open case that expires next, marked as a sample when it is not yet due', async () => {
		freezeClock(tv);
		const session = await createCase('exp:sample');

		const [item] = (await expiring(60).fetchTestEvent())!;

		expect(item).toMatchObject({ event: 'serviceCaseExpiring', code: expect.any(String), expiresInMinutes: expect.any(Number) });
		expect(String(item.sample)).toContain('No open service case expires within 60 minutes right now');
		minutesBeforeExpiry(session, 20);
		const [due] = (await expiring(60).fetchTestEvent())!;
		expect(due.sample).toBeUndefined();
		expect(due.expiresInMinutes).toBeLessThanOrEqual(20);
	});

	it('"Fetch Test Event" passes over an open case whose link has run out, and shows a case due to the second as due', async () => {
		freezeClock(tv);
		const ranOut = await createCase('exp:ran-out');
		tv.sim.state.sessions.get(ranOut.code)!.valid_until = iso(tv.sim.clock.nowMs() - MINUTE);
		const due = await createCase('exp:due', iso(tv.sim.clock.nowMs() + 60 * MINUTE));

		const [item] = (await expiring(60).fetchTestEvent())!;

		expect(item).toMatchObject({ code: due.code, expiresInMinutes: 60 });
		expect(item).not.toHaveProperty('sample');
	});

	it('"Fetch Test Event" picks, of several open cases, the one whose link runs out first', async () => {
		freezeClock(tv);
		const later = await createCase('exp:later', iso(tv.sim.clock.nowMs() + 5 * HOUR));
		const sooner = await createCase('exp:sooner', iso(tv.sim.clock.nowMs() + 2 * HOUR));
		await createCase('exp:latest', iso(tv.sim.clock.nowMs() + 9 * HOUR));

		const [item] = (await expiring(60).fetchTestEvent())!;

		expect(item).toMatchObject({ code: sooner.code, expiresInMinutes: 120 });
		expect(item.code).not.toBe(later.code);
	});
});
