import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { ConnectionReport } from '../simulators/teamviewer';
import { useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A copy of a generated report with other dates: a connection of any length, ending anywhere. */
function addReport(template: ConnectionReport, id: string, startMs: number, endMs: number): ConnectionReport {
	const report = { ...template, id, start_date: iso(startMs), end_date: iso(endMs) };
	tv.sim.state.reports.set(id, report);
	return report;
}

/** What TeamViewer answers for the range, in its order: start ≥ from, end < to, newest end first, then id. */
function expected(from: number, to = Number.POSITIVE_INFINITY): string[] {
	return [...tv.sim.state.reports.values()]
		.filter((report) => Date.parse(report.start_date) >= from && Date.parse(report.end_date) < to)
		.sort((a, b) => (a.end_date !== b.end_date ? (a.end_date < b.end_date ? 1 : -1) : a.id < b.id ? -1 : 1))
		.map((report) => report.id);
}

async function getMany(filters: IDataObject, options: IDataObject = {}, extra: INodeParameters = {}) {
	tv.sim.log.clear();
	const result = await tv.run({
		resource: 'connectionReport',
		operation: 'getAll',
		returnAll: true,
		filters,
		options,
		simplify: false,
		...extra,
	} as INodeParameters);
	expect(result.status).toBe('success');
	return { result, calls: tv.calls('GET', /reports\/connections$/) };
}

/**
 * 4 000 connections 10 minutes apart (3–45 minutes long, so many straddle a window edge), plus
 * connections that ended exactly on an edge, two with the same end, and three that lasted days.
 */
function history(from: number) {
	tv.sim.addConnectionReports(4000, { endBefore: iso(from + 30 * DAY) });
	const [template] = tv.sim.state.reports.values();
	const edge = from + 10 * DAY; // an edge of 8 windows over [from, from + 40 days)
	addReport(template, '00000000-0000-4000-8000-00000000e001', edge - 3600_000, edge);
	addReport(template, '00000000-0000-4000-8000-00000000e002', edge - 7200_000, edge);
	addReport(template, '00000000-0000-4000-8000-00000000e003', edge - 7200_000, edge - 1000);
	addReport(template, '00000000-0000-4000-8000-00000000e004', from + 1000, from + 25 * DAY);
	addReport(template, '00000000-0000-4000-8000-00000000e005', from + 2 * DAY, from + 39 * DAY);
	addReport(template, '00000000-0000-4000-8000-00000000e006', from - 1000, from + 12 * DAY);
}

describe('Connection report: Get Many in parallel date windows', () => {
	const from = Date.parse('2025-01-01T00:00:00Z');

	it('returns the same records in the same order as a sequential read, with at most one extra page per window', async () => {
		history(from);
		const filters = { fromDate: iso(from), toDate: iso(from + 40 * DAY) };

		const sequential = await getMany(filters, { windows: 1 });
		const windowed = await getMany(filters, { windows: 8 });

		const ids = (items: IDataObject[]) => items.map((item) => item.id);
		expect(ids(sequential.result.json)).toEqual(expected(from, from + 40 * DAY));
		expect(ids(windowed.result.json)).toEqual(ids(sequential.result.json));
		expect(windowed.result.json).toEqual(sequential.result.json);
		expect(windowed.result.items.every((item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 0 }))).toBe(true);
		// the long connections, the ones ending on an edge and the one starting before From
		expect(ids(windowed.result.json)).toEqual(expect.arrayContaining(['00000000-0000-4000-8000-00000000e001', '00000000-0000-4000-8000-00000000e004', '00000000-0000-4000-8000-00000000e005']));
		expect(ids(windowed.result.json)).not.toContain('00000000-0000-4000-8000-00000000e006');

		// each window asks for what ended before its own upper edge: every 5 days, the last one the user's To
		const upperEdges = new Set(windowed.calls.map((call) => call.query.to_date));
		expect([...upperEdges].sort()).toEqual(Array.from({ length: 8 }, (_, k) => iso(from + (k + 1) * 5 * DAY)));
		expect(windowed.calls.every((call) => call.query.from_date === iso(from))).toBe(true);
		expect(windowed.calls.length).toBeLessThanOrEqual(sequential.calls.length + 8);
	});

	it('keeps the newest window open when To is not set, and reads nothing twice', async () => {
		history(from);

		const windowed = await getMany({ fromDate: iso(from) }, { windows: 5 });

		expect(windowed.result.json.map((item) => item.id)).toEqual(expected(from));
		const newest = windowed.calls.filter((call) => call.query.to_date === undefined);
		expect(newest.length).toBeGreaterThan(0);
		expect(new Set(windowed.calls.map((call) => call.query.to_date)).size).toBe(5);
		expect(windowed.calls.length).toBeLessThanOrEqual(Math.ceil(expected(from).length / 1000) + 5);
	});

	it('reads page after page without a From date, with a Limit, or with one window', async () => {
		history(from);
		const all = expected(Number.NEGATIVE_INFINITY);

		const noFrom = await getMany({}, { windows: 8 });
		const limited = await getMany({ fromDate: iso(from) }, { windows: 8 }, { returnAll: false, limit: 1500 });

		expect(noFrom.result.json.map((item) => item.id)).toEqual(all);
		expect(noFrom.calls.every((call) => call.query.to_date === undefined)).toBe(true);
		expect(noFrom.calls).toHaveLength(Math.ceil(all.length / 1000));
		expect(limited.result.json.map((item) => item.id)).toEqual(expected(from).slice(0, 1500));
		expect(limited.calls).toHaveLength(2);
	});

	it('puts up to 1000 reports in each item with One Item per Page, newest first', async () => {
		history(from);
		const filters = { fromDate: iso(from), toDate: iso(from + 40 * DAY) };

		const { result } = await getMany(filters, { output: 'pages' }, { simplify: true });
		const records = await getMany(filters, {}, { simplify: true });

		const count = records.result.json.length;
		expect(result.json.map((item) => item.count)).toEqual(
			Array.from({ length: Math.ceil(count / 1000) }, (_, page) => Math.min(1000, count - page * 1000)),
		);
		expect(result.json.map((item) => item.page)).toEqual(result.json.map((_, index) => index + 1));
		expect(result.json.flatMap((item) => item.records as IDataObject[])).toEqual(records.result.json);
	});

	it('cuts windows on whole seconds only: a range of a few seconds in 8 windows asks once per second of it', async () => {
		history(from);
		const [template] = tv.sim.state.reports.values();
		const lower = from + 20 * DAY + 400; // not on a whole second
		const inRange = addReport(template, '00000000-0000-4000-8000-00000000e007', lower + 100, lower + 1500);

		const windowed = await getMany({ fromDate: new Date(lower).toISOString(), toDate: new Date(lower + 3000).toISOString() }, { windows: 8 });

		expect(windowed.result.json.map((item) => item.id)).toEqual([inRange.id]);
		// edges at the two whole seconds inside the range, so three windows, each asked once
		expect(windowed.calls.map((call) => call.query.to_date).sort()).toEqual([iso(from + 20 * DAY + 1000), iso(from + 20 * DAY + 2000), iso(lower + 3000)]);
	});

	it('fails the item with TeamViewer\'s error when one window cannot be read, returning nothing partial', async () => {
		history(from);
		tv.sim.injectFault({ kind: 'status', status: 403, path: 'reports/connections$', times: 1, body: { error: 'forbidden', error_description: 'Access denied.', error_code: 403 } });

		const result = await tv.run(
			{ resource: 'connectionReport', operation: 'getAll', returnAll: true, filters: { fromDate: iso(from) }, options: { windows: 4 } } as INodeParameters,
			{ continueOnFail: true },
		);

		expect(result.status).toBe('success');
		expect(result.json).toHaveLength(1);
		expect(String(result.json[0].error)).toMatch(/403|denied|permission/i);
	});
});

describe('Event log: Get Many in parallel date windows', () => {
	const start = Date.parse('2025-01-01T00:00:00Z');
	const end = start + 40 * DAY; // 8 windows: edges every 5 days

	/** 1 500 events 20 minutes apart, two on a window edge, one a second before and after it, and one on each end. */
	function events() {
		const at = (ms: number, name: string) =>
			tv.sim.state.events.push({ EventName: name, EventType: 'Session', Timestamp: iso(ms), Author: 'Ada', AuthorEmail: 'ada@example.com', AffectedItem: name, EventDetails: [] });
		for (let n = 0; n < 1500; n++) at(start + 7 * 60_000 + n * 20 * 60_000, `StartedSession ${n}`);
		const edge = start + 10 * DAY;
		for (const [ms, name] of [[edge, 'on the edge'], [edge, 'on the edge too'], [edge - 1000, 'a second before'], [edge + 1000, 'a second after'], [start, 'at Start'], [end, 'at End']] as const) at(ms, name);
	}

	it.each([
		['inclusive', 'oldestFirst'],
		['exclusive', 'oldestFirst'],
		['inclusive', 'newestFirst'],
	] as const)('returns the same events in the same order as a sequential read, an event on an edge once (%s bounds, %s)', async (bounds, order) => {
		tv.sim.config.eventLogBounds = bounds;
		tv.sim.config.eventLogOrder = order;
		events();
		const parameters = (windows: number) => ({ resource: 'eventLog', operation: 'getAll', startDate: iso(start), endDate: iso(end), returnAll: true, options: { windows } });

		tv.sim.log.clear();
		const sequential = await tv.run(parameters(1));
		const sequentialCalls = tv.calls().length;
		tv.sim.log.clear();
		const windowed = await tv.run(parameters(8));

		expect(sequential.status).toBe('success');
		expect(windowed.json).toEqual(sequential.json);
		const stamps = sequential.json.map((event) => String(event.Timestamp));
		expect(stamps).toEqual([...stamps].sort((a, b) => a.localeCompare(b) * (order === 'newestFirst' ? -1 : 1)));
		const names = windowed.json.map((event) => event.AffectedItem);
		expect(names.filter((name) => name === 'on the edge')).toHaveLength(1);
		expect(names).toEqual(expect.arrayContaining(['on the edge too', 'a second before', 'a second after']));
		expect(names.includes('at Start')).toBe(bounds === 'inclusive');
		const bodies = tv.calls().map((call) => call.body as IDataObject);
		expect(new Set(bodies.map((body) => body.StartDate)).size).toBe(8);
		expect(bodies.every((body) => body.StartDate! >= iso(start) && body.EndDate! <= iso(end))).toBe(true);
		expect(tv.calls().length).toBeLessThanOrEqual(sequentialCalls + 8);
	});
});
