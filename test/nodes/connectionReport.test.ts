import type { INodeParameters } from 'n8n-workflow';

import type { ConnectionReport } from '../simulators/teamviewer';
import { useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

const UNKNOWN_REPORT_ID = '0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11';

/** The order TeamViewer lists reports in: newest `end_date` first, then by id. */
function newestFirst(a: ConnectionReport, b: ConnectionReport) {
	if (a.end_date !== b.end_date) return a.end_date < b.end_date ? 1 : -1;
	return a.id < b.id ? -1 : 1;
}

function reports(filter: (report: ConnectionReport) => boolean = () => true) {
	return [...tv.sim.state.reports.values()].filter(filter).sort(newestFirst);
}

function seconds(report: ConnectionReport) {
	return (Date.parse(report.end_date) - Date.parse(report.start_date)) / 1000;
}

function simplified(report: ConnectionReport) {
	return {
		id: report.id,
		session_code: report.session_code,
		userid: report.userid,
		username: report.username,
		devicename: report.devicename,
		deviceid: report.deviceid,
		groupname: report.groupname,
		start_date: report.start_date,
		end_date: report.end_date,
		duration_seconds: seconds(report),
	};
}

/** `2025-03-01T09:00:00Z` as a local time two hours east of UTC, with milliseconds, as editors produce. */
function inPlusTwo(iso: string) {
	return new Date(Date.parse(iso) + 2 * 3600_000).toISOString().replace('Z', '+02:00');
}

describe('Connection report: Get', () => {
	it('returns the simplified report with duration_seconds = end − start, UUID taken in any case', async () => {
		const [report] = reports();

		const result = await tv.run({ resource: 'connectionReport', operation: 'get', reportId: ` ${report.id.toUpperCase()} ` });

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([`GET /api/v1/reports/connections/${report.id}`]);
		expect(result.json).toEqual([simplified(report)]);
		expect(result.json[0].duration_seconds).toBeGreaterThan(0);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('returns every TeamViewer field plus duration_seconds with Simplify off', async () => {
		const report = reports((candidate) => candidate.session_code !== null)[0];

		const result = await tv.run({ resource: 'connectionReport', operation: 'get', reportId: report.id, simplify: false });

		expect(result.json).toEqual([{ ...report, duration_seconds: seconds(report) }]);
	});

	it('reads one report per input item, each paired with its item', async () => {
		const [first, second] = reports();

		const result = await tv.run(
			{ resource: 'connectionReport', operation: 'get', reportId: '={{ $json.report }}' },
			{ input: [{ report: first.id }, { report: second.id }] },
		);

		expect(result.json.map((report) => report.id)).toEqual([first.id, second.id]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(tv.calls('GET')).toHaveLength(2);
	});

	it.each([['not-a-uuid'], ['7d0a6c2e5b1f4c599a532f3c1d0e9b11'], ['7d0a6c2e-5b1f-4c59-9a53-2f3c1d0e9b1']])(
		'rejects the report ID "%s" before calling TeamViewer',
		async (reportId) => {
			const result = await tv.run({ resource: 'connectionReport', operation: 'get', reportId });

			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(`The Report ID "${reportId}" is not valid`);
			expect((result.error as { description?: string }).description).toMatch(/UUID/);
			expect(tv.calls()).toHaveLength(0);
		},
	);

	it('rejects an empty report ID computed by an expression before calling TeamViewer', async () => {
		const result = await tv.run(
			{ resource: 'connectionReport', operation: 'get', reportId: '={{ $json.report }}' },
			{ input: [{ report: '  ' }] },
		);

		expect(result.error?.message).toBe('The Report ID "" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});

	it('names the report ID TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'connectionReport', operation: 'get', reportId: UNKNOWN_REPORT_ID });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`Connection report "${UNKNOWN_REPORT_ID}" was not found in TeamViewer`);
		expect(tv.calls('GET')).toHaveLength(1);
	});

	it('names the report of a connection TeamViewer has not processed yet', async () => {
		tv.sim.config.reportLagMs = 10 * 60_000;
		const report = tv.sim.connectSession(tv.sandbox.openSessionCodes[0], {
			startedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
			durationSeconds: 15 * 60,
		});

		const result = await tv.run({ resource: 'connectionReport', operation: 'get', reportId: report.id });

		expect(result.error?.message).toBe(`Connection report "${report.id}" was not found in TeamViewer`);
	});

	it('names the connection-report permission a limited token lacks', async () => {
		const [report] = reports();

		const result = await tv.run(
			{ resource: 'connectionReport', operation: 'get', reportId: report.id },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.error?.message).toBe('The TeamViewer token lacks the permission "Connection reports → View connection reports"');
		expect(tv.calls()[0].status).toBe(403);
	});
});

describe('Connection report: Get Many filters', () => {
	const getMany = (filters: INodeParameters) =>
		tv.run({ resource: 'connectionReport', operation: 'getAll', returnAll: true, filters, simplify: false });

	it('sends no filter when none is set and returns every report newest first', async () => {
		const expected = reports();

		const result = await getMany({});

		expect(tv.calls('GET')).toHaveLength(1);
		expect(tv.calls('GET')[0].path).toBe('/api/v1/reports/connections');
		expect(tv.calls('GET')[0].query).toEqual({});
		expect(result.json.map((report) => report.id)).toEqual(expected.map((report) => report.id));
		expect(result.json.length).toBe(tv.sandbox.reportCount);
	});

	it('maps User ID to userid, adding the prefix', async () => {
		const ben = tv.sandbox.userIds[1];

		const result = await getMany({ userId: ben.slice(1) });

		expect(tv.calls('GET')[0].query).toEqual({ userid: ben });
		const expected = reports((report) => report.userid === ben);
		expect(expected.length).toBeGreaterThan(0);
		expect(result.json.map((report) => report.id)).toEqual(expected.map((report) => report.id));
	});

	it('maps User Name to username, trimmed', async () => {
		const name = tv.sim.state.users.get(tv.sandbox.userIds[2])!.name;

		const result = await getMany({ userName: `  ${name} ` });

		expect(tv.calls('GET')[0].query).toEqual({ username: name });
		const expected = reports((report) => report.username === name);
		expect(expected.length).toBeGreaterThan(0);
		expect(result.json.map((report) => report.id)).toEqual(expected.map((report) => report.id));
	});

	it('maps Group ID to groupid, adding the prefix', async () => {
		const group = tv.sandbox.groupsByName.ServiceNow;

		const result = await getMany({ groupId: group.slice(1) });

		expect(tv.calls('GET')[0].query).toEqual({ groupid: group });
		const expected = reports((report) => report.groupid === group);
		expect(expected.length).toBeGreaterThan(0);
		expect(result.json.map((report) => report.id)).toEqual(expected.map((report) => report.id));
	});

	it('sends Group ID "0" as is: connections to devices in no group', async () => {
		const ungrouped = tv.sim.addConnectionReports(2, { withCode: true });

		const result = await getMany({ groupId: '0' });

		expect(tv.calls('GET')[0].query).toEqual({ groupid: '0' });
		expect(result.json.map((report) => report.id).sort()).toEqual(ungrouped.map((report) => report.id).sort());
		expect(result.json.every((report) => report.groupid === null)).toBe(true);
	});

	it('maps Device Name to devicename', async () => {
		const name = reports((report) => report.session_code === null && report.devicename !== null)[0].devicename!;

		const result = await getMany({ deviceName: name });

		expect(tv.calls('GET')[0].query).toEqual({ devicename: name });
		const expected = reports((report) => report.devicename === name);
		expect(result.json.map((report) => report.id)).toEqual(expected.map((report) => report.id));
	});

	it.each([
		['spaced', (id: string) => id.replace(/(\d{3})(?=\d)/g, '$1 ')],
		['r-prefixed', (id: string) => `r${id}`],
		['bare', (id: string) => id],
	])('maps a %s Device TeamViewer ID to the digits in deviceid', async (_form, spell) => {
		const deviceId = reports((report) => report.session_code === null)[0].deviceid!;

		const result = await getMany({ deviceId: spell(deviceId) });

		expect(tv.calls('GET')[0].query).toEqual({ deviceid: deviceId });
		const expected = reports((report) => report.deviceid === deviceId);
		expect(expected.length).toBeGreaterThan(0);
		expect(result.json.map((report) => report.id)).toEqual(expected.map((report) => report.id));
	});

	it('sends From and To in UTC as yyyy-MM-ddTHH:mm:ssZ', async () => {
		const all = reports();
		const from = all[Math.floor(all.length / 2)].start_date;
		const to = all[3].end_date;

		const result = await getMany({ fromDate: inPlusTwo(from), toDate: inPlusTwo(to) });

		// the newest date window asks for the user's range's end (test/nodes/exportWindows.test.ts: the others)
		expect(tv.calls('GET').map((call) => call.query)).toContainEqual({ from_date: from, to_date: to });
		expect(tv.calls('GET').every((call) => call.query.from_date === from && call.query.to_date! <= to)).toBe(true);
		expect(from).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
		const expected = reports(
			(report) => Date.parse(report.start_date) >= Date.parse(from) && Date.parse(report.end_date) < Date.parse(to),
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(result.json.map((report) => report.id)).toEqual(expected.map((report) => report.id));
	});

	it('refuses a From that is not before To without calling TeamViewer', async () => {
		const result = await getMany({ fromDate: '2025-03-02T00:00:00Z', toDate: '2025-03-01T00:00:00Z' });

		expect(result.error?.message).toBe('The From "2025-03-02T00:00:00Z" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});

	it.each([
		['yes', 'true', true],
		['no', 'false', false],
	])('maps Has Session Code "%s" to has_code=%s', async (hasCode, wire, withCode) => {
		const result = await getMany({ hasCode });

		expect(tv.calls('GET')[0].query).toEqual({ has_code: wire });
		const expected = reports((report) => (report.session_code !== null) === withCode);
		expect(expected.length).toBeGreaterThan(0);
		expect(result.json.map((report) => report.id)).toEqual(expected.map((report) => report.id));
	});

	it('sends no has_code for "Any"', async () => {
		await getMany({ hasCode: 'any', sessionType: 'any' });

		expect(tv.calls('GET')[0].query).toEqual({});
	});

	it('normalises the Session Code to the dashed form', async () => {
		const code = reports((report) => report.session_code !== null)[0].session_code!;

		const result = await getMany({ sessionCode: ` ${code.replace(/-/g, '').toUpperCase()} ` });

		expect(tv.calls('GET')[0].query).toEqual({ session_code: code });
		expect(result.json.map((report) => report.id)).toEqual(
			reports((report) => report.session_code === code).map((report) => report.id),
		);
	});

	it('maps Session Type to support_session_type', async () => {
		const result = await getMany({ sessionType: '2' });

		expect(tv.calls('GET')[0].query).toEqual({ support_session_type: '2' });
		const expected = reports((report) => report.support_session_type === 2);
		expect(expected.length).toBeGreaterThan(0);
		expect(result.json.map((report) => report.id)).toEqual(expected.map((report) => report.id));
	});

	it('sends the Features as the exploded sessionReportFeatures array', async () => {
		await getMany({ features: 'AiSummary, ChatTranscript,' });

		expect(tv.calls('GET')[0].query).toEqual({ sessionReportFeatures: ['AiSummary', 'ChatTranscript'] });
	});

	it('combines filters in one query', async () => {
		const ada = tv.sandbox.accountUserId;
		const group = tv.sandbox.groupsByName.Customers;

		const result = await getMany({ userId: ada, groupId: group, hasCode: 'yes', sessionType: '2' });

		expect(tv.calls('GET')[0].query).toEqual({ userid: ada, groupid: group, has_code: 'true', support_session_type: '2' });
		const expected = reports(
			(report) => report.userid === ada && report.groupid === group && report.session_code !== null && report.support_session_type === 2,
		);
		expect(result.json.map((report) => report.id)).toEqual(expected.map((report) => report.id));
	});

	it.each([
		['Device TeamViewer ID', { deviceId: '12345' }, 'The Device TeamViewer ID "12345" is not valid'],
		['Session Code', { sessionCode: 's12-345' }, 'The Session Code "s12-345" is not valid'],
		['User ID', { userId: 'ada@example.com' }, 'The User "ada@example.com" is not valid'],
		['Group ID', { groupId: 'Customers' }, 'The Group ID "Customers" is not valid'],
		['From', { fromDate: 'yesterday' }, 'The From "yesterday" is not valid'],
	])('rejects a bad %s before calling TeamViewer', async (_field, filters, message) => {
		const result = await getMany(filters);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(message);
		expect(tv.calls()).toHaveLength(0);
	});
});

describe('Connection report: Get Many paging', () => {
	it('follows offset_id = the previous page’s next_offset until the last page', async () => {
		tv.sim.config.reportsPageSize = 7;
		const expected = reports();

		const result = await tv.run({ resource: 'connectionReport', operation: 'getAll', returnAll: true });

		expect(result.status).toBe('success');
		const calls = tv.calls('GET', /\/reports\/connections$/);
		expect(calls).toHaveLength(Math.ceil(expected.length / 7));
		expect(calls[0].query).toEqual({});
		calls.slice(1).forEach((call, page) => {
			// next_offset of a page is the id of its last record
			expect(call.query).toEqual({ offset_id: expected[(page + 1) * 7 - 1].id });
		});
		expect(result.json).toEqual(expected.map(simplified));
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('pages through every report exactly once: another cursor than offset_id would repeat or skip pages', async () => {
		tv.sim.config.reportsPageSize = 5;
		const expected = reports();

		const result = await tv.run({ resource: 'connectionReport', operation: 'getAll', returnAll: true });

		const ids = result.json.map((report) => report.id as string);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual(expected.map((report) => report.id));
		const calls = tv.calls('GET');
		expect(calls.every((call) => call.status === 200)).toBe(true);
		expect(calls.slice(1).every((call) => Object.keys(call.query).join() === 'offset_id')).toBe(true);
	});

	it('keeps the filters on every page', async () => {
		tv.sim.config.reportsPageSize = 4;
		const ada = tv.sandbox.accountUserId;
		const expected = reports((report) => report.userid === ada);

		const result = await tv.run({
			resource: 'connectionReport',
			operation: 'getAll',
			returnAll: true,
			filters: { userId: ada, hasCode: 'any' },
		});

		const calls = tv.calls('GET');
		expect(calls).toHaveLength(Math.ceil(expected.length / 4));
		calls.slice(1).forEach((call, page) => {
			expect(call.query).toEqual({ userid: ada, offset_id: expected[(page + 1) * 4 - 1].id });
		});
		expect(result.json.map((report) => report.id)).toEqual(expected.map((report) => report.id));
	});

	it('stops paging as soon as Limit is reached', async () => {
		tv.sim.config.reportsPageSize = 5;

		const result = await tv.run({ resource: 'connectionReport', operation: 'getAll', returnAll: false, limit: 7 });

		expect(tv.calls('GET')).toHaveLength(2);
		expect(result.json).toEqual(reports().slice(0, 7).map(simplified));
	});

	it('makes one call when Limit fits into the first page', async () => {
		tv.sim.config.reportsPageSize = 10;

		const result = await tv.run({ resource: 'connectionReport', operation: 'getAll', returnAll: false, limit: 10 });

		expect(tv.calls('GET')).toHaveLength(1);
		expect(result.json).toHaveLength(10);
	});

	it('still ends when TeamViewer sends next_offset on the last page too', async () => {
		tv.sim.config.reportsPageSize = 6;
		tv.sim.config.reportsNextOffsetOnLastPage = true;
		const expected = reports();

		const result = await tv.run({ resource: 'connectionReport', operation: 'getAll', returnAll: true });

		expect(result.status).toBe('success');
		expect(tv.calls('GET')).toHaveLength(Math.ceil(expected.length / 6));
		expect(result.json.map((report) => report.id)).toEqual(expected.map((report) => report.id));
	});

	it('gives every record its duration_seconds, newest first, with Simplify off too', async () => {
		tv.sim.config.reportsPageSize = 9;
		const expected = reports();

		const result = await tv.run({ resource: 'connectionReport', operation: 'getAll', returnAll: true, simplify: false });

		expect(result.json).toEqual(expected.map((report) => ({ ...report, duration_seconds: seconds(report) })));
		const ends = result.json.map((report) => Date.parse(report.end_date as string));
		expect(ends).toEqual([...ends].sort((a, b) => b - a));
	});

	it('returns nothing, without error, when no report matches', async () => {
		const result = await tv.run({
			resource: 'connectionReport',
			operation: 'getAll',
			returnAll: true,
			filters: { userName: 'Nobody Atall' },
		});

		expect(result.status).toBe('success');
		expect(result.json).toEqual([]);
		expect(tv.calls('GET')).toHaveLength(1);
	});
});

describe('Connection report: Update', () => {
	it('sets notes and billing state and returns the report as TeamViewer now has it', async () => {
		const [report] = reports();

		const result = await tv.run({
			resource: 'connectionReport',
			operation: 'update',
			reportId: report.id,
			updateFields: { notes: 'Billed to INC0010042', billingState: 'Billed' },
		});

		expect(result.status).toBe('success');
		const [put] = tv.calls('PUT');
		expect(put.path).toBe(`/api/v1/reports/connections/${report.id}`);
		expect(put.body).toEqual({ notes: 'Billed to INC0010042', billing_state: 'Billed' });
		expect(tv.calls().map((call) => call.method)).toEqual(['PUT', 'GET']);
		const stored = tv.sim.state.reports.get(report.id)!;
		expect(stored).toMatchObject({ notes: 'Billed to INC0010042', billing_state: 'Billed' });
		expect(result.json).toEqual([{ ...stored, duration_seconds: seconds(stored) }]);
	});

	it('sends only the billing state when only that is set', async () => {
		const [report] = reports();
		const notesBefore = report.notes;

		const result = await tv.run({
			resource: 'connectionReport',
			operation: 'update',
			reportId: report.id,
			updateFields: { billingState: 'DoNotBill' },
		});

		expect(tv.calls('PUT')[0].body).toEqual({ billing_state: 'DoNotBill' });
		expect(result.json[0]).toMatchObject({ id: report.id, billing_state: 'DoNotBill', notes: notesBefore });
	});

	it('refuses an update without fields', async () => {
		const result = await tv.run({ resource: 'connectionReport', operation: 'update', reportId: reports()[0].id });

		expect(result.error?.message).toBe('No fields to update were set');
		expect(tv.calls()).toHaveLength(0);
	});

	it('rejects a report ID that is not a UUID before calling TeamViewer', async () => {
		const result = await tv.run({
			resource: 'connectionReport',
			operation: 'update',
			reportId: 's123-456-789',
			updateFields: { notes: 'x' },
		});

		expect(result.error?.message).toBe('The Report ID "s123-456-789" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});

	it('names the report ID TeamViewer does not know', async () => {
		const result = await tv.run({
			resource: 'connectionReport',
			operation: 'update',
			reportId: UNKNOWN_REPORT_ID,
			updateFields: { notes: 'x' },
		});

		expect(result.error?.message).toBe(`Connection report "${UNKNOWN_REPORT_ID}" was not found in TeamViewer`);
		expect(tv.calls().map((call) => call.method)).toEqual(['PUT']);
	});
});

describe('Connection report: Delete', () => {
	it('deletes a report and says so', async () => {
		const [, report] = reports();

		const result = await tv.run({ resource: 'connectionReport', operation: 'delete', reportId: report.id.toUpperCase() });

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
			`DELETE /api/v1/reports/connections/${report.id} 204`,
		]);
		expect(result.json).toEqual([{ id: report.id, deleted: true }]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(tv.sim.state.reports.has(report.id)).toBe(false);
	});

	it('names the report ID TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'connectionReport', operation: 'delete', reportId: UNKNOWN_REPORT_ID });

		expect(result.error?.message).toBe(`Connection report "${UNKNOWN_REPORT_ID}" was not found in TeamViewer`);
		expect(tv.sim.state.reports.size).toBe(tv.sandbox.reportCount);
	});

	it('rejects a report ID that is not a UUID before calling TeamViewer', async () => {
		const result = await tv.run({ resource: 'connectionReport', operation: 'delete', reportId: '42' });

		expect(result.error?.message).toBe('The Report ID "42" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});

	it('keeps going per item with Continue On Fail', async () => {
		const [report] = reports();

		const result = await tv.run(
			{ resource: 'connectionReport', operation: 'delete', reportId: '={{ $json.id }}' },
			{ input: [{ id: UNKNOWN_REPORT_ID }, { id: report.id }], continueOnFail: true },
		);

		expect(result.status).toBe('success');
		expect(result.json).toEqual([
			expect.objectContaining({ error: `Connection report "${UNKNOWN_REPORT_ID}" was not found in TeamViewer` }),
			{ id: report.id, deleted: true },
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(tv.sim.state.reports.has(report.id)).toBe(false);
	});
});
