import type { IDataObject } from 'n8n-workflow';

import { useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

const DAY = 24 * 3600_000;
const API_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** `yyyy-MM-ddTHH:mm:ssZ`, the form TeamViewer's event log asks for. */
function apiDate(ms: number) {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A window that holds the whole sandbox history; the ends carry milliseconds, as a date picker's do. */
function wholeHistory() {
	const now = tv.sim.clock.nowMs();
	return { start: new Date(now - 40 * DAY + 123).toISOString(), end: new Date(now + 60_000 + 456).toISOString() };
}

/** The audit events TeamViewer holds in [start, end] matching the filters, oldest first. */
function eventsBetween(start: string, end: string, keep: (event: IDataObject) => boolean = () => true) {
	const from = Date.parse(apiDate(Date.parse(start)));
	const to = Date.parse(apiDate(Date.parse(end)));
	return tv.sim.state.events
		.filter((event) => Date.parse(event.Timestamp) >= from && Date.parse(event.Timestamp) <= to)
		.filter((event) => keep(event as unknown as IDataObject))
		.sort((a, b) => (a.Timestamp < b.Timestamp ? -1 : a.Timestamp > b.Timestamp ? 1 : 0));
}

/** Page after page: these tests look at one read's requests (test/nodes/exportWindows.test.ts: the windows). */
const SEQUENTIAL = { windows: 1 };

const parameters = (start: string, end: string, extra: IDataObject = {}) => ({
	resource: 'eventLog',
	operation: 'getAll',
	startDate: start,
	endDate: end,
	...extra,
});

describe('Event log: Get Many', () => {
	it('posts the window in yyyy-MM-ddTHH:mm:ssZ and follows ContinuationToken in the body to the last page', async () => {
		tv.sim.config.eventLogPageSize = 20;
		const { start, end } = wholeHistory();
		const expected = eventsBetween(start, end);
		const pages = Math.ceil(expected.length / 20);
		expect(pages).toBeGreaterThan(2);

		const result = await tv.run(parameters(start, end, { returnAll: true, options: SEQUENTIAL }));

		expect(result.status).toBe('success');
		const calls = tv.calls();
		expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(Array(pages).fill('POST /api/v1/EventLogging'));
		const sent = { StartDate: apiDate(Date.parse(start)), EndDate: apiDate(Date.parse(end)) };
		expect(sent.StartDate).toMatch(API_DATE);
		expect(calls[0].body).toEqual(sent);
		// Each later page carries the token the page before returned; the simulator refuses one it did not issue.
		const tokens = calls.slice(1).map((call) => (call.body as IDataObject).ContinuationToken);
		calls.slice(1).forEach((call, page) => expect(call.body).toEqual({ ...sent, ContinuationToken: tokens[page] }));
		expect(tokens.every((token) => typeof token === 'string' && token !== '')).toBe(true);
		expect(new Set(tokens).size).toBe(tokens.length);
		expect(calls.every((call) => call.status === 200)).toBe(true);
		expect(result.json).toEqual(expected);
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('converts a start and end with a time-zone offset to UTC', async () => {
		const result = await tv.run(
			parameters('2025-03-01T10:00:00+02:00', '2025-03-02T01:30:15.999-05:00', { returnAll: true, options: SEQUENTIAL }),
		);

		expect(result.status).toBe('success');
		expect(tv.calls()[0].body).toEqual({ StartDate: '2025-03-01T08:00:00Z', EndDate: '2025-03-02T06:30:15Z' });
	});

	it('takes dates computed by an expression', async () => {
		const before = Date.now();

		const result = await tv.run(
			parameters('={{ $now.minus({ days: 7 }) }}', '={{ $now }}', { returnAll: true, options: SEQUENTIAL }),
		);
		const after = Date.now();

		expect(result.status).toBe('success');
		const body = tv.calls()[0].body as { StartDate: string; EndDate: string };
		expect(body.StartDate).toMatch(API_DATE);
		expect(body.EndDate).toMatch(API_DATE);
		expect(Date.parse(body.EndDate) - Date.parse(body.StartDate)).toBe(7 * DAY);
		expect(Date.parse(body.EndDate)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
		expect(Date.parse(body.EndDate)).toBeLessThanOrEqual(after);
		expect(result.json).toEqual(eventsBetween(body.StartDate, body.EndDate));
	});

	it('sends event names, event types and account emails as lists', async () => {
		const { start, end } = wholeHistory();
		const ada = tv.sim.state.users.get(tv.sandbox.accountUserId)!;
		const expected = eventsBetween(
			start,
			end,
			(event) =>
				['StartedSession', 'EndedSession'].includes(event.EventName as string) &&
				event.EventType === 'Session' &&
				event.AuthorEmail === ada.email,
		);
		expect(expected.length).toBeGreaterThan(0);

		const result = await tv.run(
			parameters(start, end, {
				returnAll: true,
				options: SEQUENTIAL,
				filters: {
					eventNames: ' StartedSession , EndedSession,',
					eventTypes: ['Session'],
					accountEmails: ` ${ada.email} `,
				},
			}),
		);

		expect(tv.calls()[0].body).toEqual({
			StartDate: apiDate(Date.parse(start)),
			EndDate: apiDate(Date.parse(end)),
			EventNames: ['StartedSession', 'EndedSession'],
			EventTypes: ['Session'],
			AccountEmails: [ada.email],
		});
		expect(result.json).toEqual(expected);
		expect(result.json.length).toBeLessThan(eventsBetween(start, end).length);
	});

	it('sends several account emails and event types', async () => {
		const { start, end } = wholeHistory();
		const [ada, ben] = tv.sandbox.userIds.map((id) => tv.sim.state.users.get(id)!);
		const types = ['CompanyAdministration', 'UserProfile', 'Session'];
		const expected = eventsBetween(
			start,
			end,
			(event) => types.includes(event.EventType as string) && [ada.email, ben.email].includes(event.AuthorEmail as string),
		);

		const result = await tv.run(
			parameters(start, end, {
				returnAll: true,
				options: SEQUENTIAL,
				filters: { eventTypes: types, accountEmails: `${ada.email},${ben.email}` },
			}),
		);

		expect(tv.calls()[0].body).toMatchObject({ EventTypes: types, AccountEmails: [ada.email, ben.email] });
		expect(tv.calls()[0].body).not.toHaveProperty('EventNames');
		expect(result.json).toEqual(expected);
	});

	it('stops paging as soon as Limit is reached', async () => {
		tv.sim.config.eventLogPageSize = 10;
		const { start, end } = wholeHistory();
		const expected = eventsBetween(start, end);
		expect(expected.length).toBeGreaterThan(30);

		const result = await tv.run(parameters(start, end, { returnAll: false, limit: 25 }));

		expect(result.json).toEqual(expected.slice(0, 25));
		const calls = tv.calls();
		expect(calls).toHaveLength(3);
		expect(calls.map((call) => typeof (call.body as IDataObject).ContinuationToken)).toEqual(['undefined', 'string', 'string']);
		expect(calls.every((call) => call.status === 200)).toBe(true);
	});

	it('does not ask for another page when the first one fills Limit', async () => {
		tv.sim.config.eventLogPageSize = 10;
		const { start, end } = wholeHistory();

		const result = await tv.run(parameters(start, end, { returnAll: false, limit: 10 }));

		expect(result.json).toEqual(eventsBetween(start, end).slice(0, 10));
		expect(tv.calls()).toHaveLength(1);
	});

	it('returns nothing, in one call, for a window without events', async () => {
		const result = await tv.run(parameters('2001-01-01T00:00:00Z', '2001-01-02T00:00:00Z', { returnAll: true, options: SEQUENTIAL }));

		expect(result.status).toBe('success');
		expect(result.items).toEqual([]);
		expect(tv.calls()).toHaveLength(1);
	});

	it.each([
		['Start after End', '2025-03-02T00:00:00Z', '2025-03-01T00:00:00Z', 'The Start "2025-03-02T00:00:00Z" is not valid', /before "End"/],
		['Start equal to End', '2025-03-01T00:00:00Z', '2025-03-01T00:00:00.500Z', 'The Start "2025-03-01T00:00:00Z" is not valid', /before "End"/],
		['a Start that is no date', 'last tuesday', '2025-03-01T00:00:00Z', 'The Start "last tuesday" is not valid', /ISO 8601/],
		['an End that is no date', '2025-03-01T00:00:00Z', '31/03/2025', 'The End "31/03/2025" is not valid', /ISO 8601/],
	])('refuses %s without a request', async (_case, start, end, message, expected) => {
		const result = await tv.run(parameters(start, end, { returnAll: true, options: SEQUENTIAL }));

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(message);
		expect((result.error as { description?: string }).description).toMatch(expected);
		expect(tv.calls()).toHaveLength(0);
	});

	it('refuses an account email that is not one, without a request', async () => {
		const { start, end } = wholeHistory();

		const result = await tv.run(
			parameters(start, end, { returnAll: true, filters: { accountEmails: 'ada.agent@sandbox-support.example, Ada' } }),
		);

		expect(result.error?.message).toBe('The Account Emails "Ada" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});
});

describe('Event log: Affected Item and Remote Control Session ID filters', () => {
	const RC_SESSION = '5b2c7e0a-1d3f-4a6b-9c8d-7e6f5a4b3c2d';
	const OTHER_SESSION = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';

	beforeEach(() => {
		const at = (minutes: number) => apiDate(tv.sim.clock.nowMs() - minutes * 60_000);
		tv.sim.seed({
			events: [
				{ EventName: 'EditUserProperties', EventType: 'UserProfile', Timestamp: at(30), AffectedItem: 'u7777777' },
				{ EventName: 'StartedSession', EventType: 'Session', Timestamp: at(20), AffectedItem: 'u7777777', rcSessionGuid: RC_SESSION },
				{ EventName: 'EndedSession', EventType: 'Session', Timestamp: at(10), AffectedItem: 'PC-42', rcSessionGuid: RC_SESSION },
				{ EventName: 'StartedSession', EventType: 'Session', Timestamp: at(5), AffectedItem: 'PC-43', rcSessionGuid: OTHER_SESSION },
			],
		});
		tv.sim.log.clear();
	});

	const names = (json: IDataObject[]) => json.map((event) => `${event.EventName} ${event.AffectedItem}`);

	it('sends AffectedItem as typed (trimmed); TeamViewer then leaves out session events', async () => {
		const { start, end } = wholeHistory();

		const result = await tv.run(parameters(start, end, { returnAll: true, options: SEQUENTIAL, filters: { affectedItem: ' u7777777 ' } }));

		expect(tv.calls()[0].body).toEqual({
			StartDate: apiDate(Date.parse(start)),
			EndDate: apiDate(Date.parse(end)),
			AffectedItem: 'u7777777',
		});
		expect(names(result.json)).toEqual(['EditUserProperties u7777777']);
	});

	it('sends RCSessionGuid in lower case and returns that session\'s events only, without the simulator\'s own fields', async () => {
		const { start, end } = wholeHistory();

		const result = await tv.run(
			parameters(start, end, { returnAll: true, options: SEQUENTIAL, filters: { rcSessionGuid: RC_SESSION.toUpperCase() } }),
		);

		expect(tv.calls()[0].body).toEqual({
			StartDate: apiDate(Date.parse(start)),
			EndDate: apiDate(Date.parse(end)),
			RCSessionGuid: RC_SESSION,
		});
		expect(names(result.json)).toEqual(['StartedSession u7777777', 'EndedSession PC-42']);
		expect(Object.keys(result.json[0]).sort()).toEqual(
			['AffectedItem', 'Author', 'AuthorEmail', 'EventDetails', 'EventName', 'EventType', 'Timestamp'],
		);
	});

	it('refuses a Remote Control Session ID that is not a GUID, without a request', async () => {
		const { start, end } = wholeHistory();

		const result = await tv.run(parameters(start, end, { returnAll: true, filters: { rcSessionGuid: 's123-456-789' } }));

		expect(result.error?.message).toBe('The Remote Control Session ID "s123-456-789" is not valid');
		expect((result.error as { description?: string }).description).toMatch(/session GUID/);
		expect(tv.calls()).toHaveLength(0);
	});
});

describe('Event log: errors TeamViewer reports inside a page', () => {
	it('turns a ParsingError into a clear error instead of an empty result', async () => {
		tv.sim.injectFault({
			kind: 'status',
			status: 200,
			method: 'POST',
			path: 'eventlogging$',
			body: { AuditEvents: [], ContinuationToken: null, ParsingError: 'Unknown event name: StartedSesion' },
		});

		const result = await tv.run({
			resource: 'eventLog',
			operation: 'getAll',
			startDate: '2020-01-01T00:00:00Z',
			endDate: '2030-01-01T00:00:00Z',
			returnAll: true,
			filters: { eventNames: 'StartedSesion' },
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('TeamViewer could not read the event log filter: Unknown event name: StartedSesion');
	});
});
