/**
 * Get or Create under concurrency: one open service case per custom ID, whether the calls come as
 * items of one execution, as executions in parallel in one process, or as executions that cannot
 * see each other (other processes, other queue-mode workers: here, other credentials for the same
 * TeamViewer account, which share no lock).
 */
import type { IDataObject } from 'n8n-workflow';

import { n8nLogDuring, type EngineResult } from '../harness/engine';
import { locator, useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

const parameters = (customId: string) => ({
	resource: 'session',
	operation: 'getOrCreate',
	customId,
	groupId: locator(tv.sandbox.groupsByName.ServiceNow),
	additionalFields: { description: `${customId}: VPN down` },
});

function openCases(customId: string) {
	return [...tv.sim.state.sessions.values()].filter(
		(session) => session.customId === customId && session.state.toLowerCase() === 'open',
	);
}

const outputs = (results: EngineResult[]): IDataObject[] => results.flatMap((result) => result.json);

/** An open case in the ServiceNow group with `customId`, as another process would have created it. */
const seedOpenCase = (code: string, customId: string, createdAt: string) =>
	tv.sim.seed({
		sessions: [{ code, groupid: tv.sandbox.groupsByName.ServiceNow, createdBy: tv.sandbox.accountUserId, customId, custom_api: customId, created_at: createdAt }],
	});

describe('Get or Create: one open case per custom ID under concurrency', () => {
	it('20 items with the same custom ID in one execution: one case, one create', async () => {
		const result = await tv.run(parameters('incident:burst20'), { input: Array.from({ length: 20 }, () => ({})) });

		expect(result.status).toBe('success');
		const [only] = openCases('incident:burst20');
		expect(openCases('incident:burst20')).toHaveLength(1);
		expect(result.json.map((item) => item.code)).toEqual(Array(20).fill(only.code));
		expect(result.json.filter((item) => item.created === true)).toHaveLength(1);
		expect(tv.calls('POST', /\/sessions$/)).toHaveLength(1);
	});

	it('executions in parallel in one process wait for each other: one create', async () => {
		const results = await Promise.all(Array.from({ length: 4 }, async () => await tv.run(parameters('incident:parallel'))));

		expect(results.map((result) => result.status)).toEqual(Array(4).fill('success'));
		const [only] = openCases('incident:parallel');
		expect(openCases('incident:parallel')).toHaveLength(1);
		expect(outputs(results).map((item) => item.code)).toEqual(Array(4).fill(only.code));
		expect(outputs(results).filter((item) => item.created === true)).toHaveLength(1);
		expect(tv.calls('POST', /\/sessions$/)).toHaveLength(1);
	});

	it('callers that share no lock all create, then converge on the first-created case; the others close theirs', async () => {
		const callers = 6;
		const credentials = Array.from({ length: callers }, () => tv.tokenCredential(tv.sandbox.tokens.admin));
		// Every caller's first list is answered late, so all of them find nothing and create. A second: on two busy
		// cores one caller's run can start some hundred milliseconds after another's (300 ms was once too short).
		tv.sim.injectFault({ kind: 'latency', method: 'GET', path: '/sessions$', delayMs: 1000, times: callers });

		const results = await Promise.all(
			credentials.map(async (credential) => await tv.run(parameters('incident:race'), { credential })),
		);

		expect(results.map((result) => result.status)).toEqual(Array(callers).fill('success'));
		const posts = tv.calls('POST', /\/sessions$/);
		expect(posts).toHaveLength(callers);
		const created = [...tv.sim.state.sessions.values()].filter((session) => session.customId === 'incident:race');
		expect(created).toHaveLength(callers);
		const [winner] = openCases('incident:race');
		expect(openCases('incident:race')).toHaveLength(1);
		const first = [...created].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.code.localeCompare(b.code))[0];
		expect(winner.code).toBe(first.code);
		expect(outputs(results).map((item) => item.code)).toEqual(Array(callers).fill(winner.code));
		expect(outputs(results).map((item) => item.state)).toEqual(Array(callers).fill('Open'));
		expect(outputs(results).filter((item) => item.created === true)).toHaveLength(1);
		// Every caller closes the losers it sees (a loser may be closed by more than one caller).
		const closes = tv.calls('PUT', /\/sessions\/s[\d-]+$/);
		expect(closes.every((call) => JSON.stringify(call.body) === '{"state":"closed"}')).toBe(true);
		const closedCodes = new Set(closes.map((call) => call.path.split('/').pop()));
		expect([...closedCodes].sort()).toEqual(created.filter((session) => session.code !== winner.code).map((session) => session.code).sort());
	});

	it('of two open cases created in the same second, hands out the one with the smaller code, whatever order TeamViewer lists them in', async () => {
		const createdAt = new Date(tv.sim.clock.nowMs() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
		// Seeded larger code first: the list (newest first, ties in reverse order of creation) ends with it.
		seedOpenCase('s999-000-002', 'incident:tie', createdAt);
		seedOpenCase('s999-000-001', 'incident:tie', createdAt);

		const results = await Promise.all([tv.run(parameters('incident:tie')), tv.run(parameters('incident:tie'), { credential: tv.tokenCredential(tv.sandbox.tokens.admin) })]);

		expect(outputs(results).map((item) => item.code)).toEqual(['s999-000-001', 's999-000-001']);
		expect(openCases('incident:tie').map((session) => session.code)).toEqual(['s999-000-001']);
	});

	it('hands out the first-created case, not the one with the smaller code, also when TeamViewer lists the oldest first (knob sessionListOrder)', async () => {
		tv.sim.config.sessionListOrder = 'oldestFirst';
		const at = (secondsAgo: number) => new Date(tv.sim.clock.nowMs() - secondsAgo * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
		seedOpenCase('s999-000-009', 'incident:order', at(120));
		seedOpenCase('s999-000-001', 'incident:order', at(60));

		const result = await tv.run(parameters('incident:order'));

		expect(tv.calls('GET', /\/sessions$/)[0].status).toBe(200);
		expect(result.json[0]).toMatchObject({ code: 's999-000-009', created: false });
		expect(openCases('incident:order').map((session) => session.code)).toEqual(['s999-000-009']);
	});

	it('waits for TeamViewer\'s clock to pass its case\'s second: a racer\'s case of that second with a smaller code wins', async () => {
		tv.sim.clock.set('2026-03-02T10:00:00Z');
		const running = tv.run(parameters('incident:second'));
		// This caller created its case; another process creates one in the same second, with a smaller code.
		while (openCases('incident:second').length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
		const [mine] = openCases('incident:second');
		seedOpenCase('s000-000-001', 'incident:second', '2026-03-02T10:00:00Z');
		tv.sim.clock.advance(1000);

		const result = await running;

		expect(result.json[0]).toMatchObject({ code: 's000-000-001', created: false });
		expect(openCases('incident:second').map((session) => session.code)).toEqual(['s000-000-001']);
		expect(tv.sim.state.sessions.get(mine.code)?.state).toBe('Closed');
	});

	it('does not wait for its own case\'s second when a racer\'s older case wins: one list after the create', async () => {
		tv.sim.clock.set('2026-03-02T12:00:00Z');
		// The create reaches TeamViewer late; meanwhile another process creates its case and the clock moves on a second.
		tv.sim.injectFault({ kind: 'latency', method: 'POST', path: '/sessions$', delayMs: 400 });
		const running = tv.run(parameters('incident:younger'));
		while (tv.calls('GET', /\/sessions$/).length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		seedOpenCase('s999-000-009', 'incident:younger', '2026-03-02T12:00:00Z');
		tv.sim.clock.advance(1000);

		const result = await running;

		expect(result.json[0]).toMatchObject({ code: 's999-000-009', created: false });
		const [mine] = [...tv.sim.state.sessions.values()].filter((session) => session.customId === 'incident:younger' && session.code !== 's999-000-009');
		expect(mine).toMatchObject({ created_at: '2026-03-02T12:00:01Z', state: 'Closed' });
		// The clock stands still at its case's second, yet the winner's second is past: no settle wait.
		expect(tv.calls('GET', /\/sessions$/)).toHaveLength(2);
	});

	it('a loser that cannot be closed stays open and is logged; the winner is still handed out', async () => {
		const createdAt = new Date(tv.sim.clock.nowMs() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
		seedOpenCase('s999-000-011', 'incident:stuck', createdAt);
		seedOpenCase('s999-000-012', 'incident:stuck', createdAt);
		tv.sim.injectFault({ kind: 'status', status: 403, method: 'PUT', path: 'sessions/s999-000-012$', body: { error: 'insufficient_rights', error_description: 'Missing permission: SessionManagement.', error_code: 403 } });

		let result: EngineResult | undefined;
		const log = await n8nLogDuring('warn', async () => {
			result = await tv.run(parameters('incident:stuck'));
		});

		expect(result!.status).toBe('success');
		expect(result!.json[0]).toMatchObject({ code: 's999-000-011', created: false });
		expect(openCases('incident:stuck').map((session) => session.code).sort()).toEqual(['s999-000-011', 's999-000-012']);
		expect(log).toEqual([
			[
				'Could not close a duplicate service case; it was not handed out and expires on its own',
				{ code: 's999-000-012', customId: 'incident:stuck', error: 'The TeamViewer token lacks the permission "Session management → Edit own sessions (or Edit all sessions of the company)"' },
			],
		]);
	});

	it('hands out its case after 8 more lists (SETTLE_ATTEMPTS) when TeamViewer\'s clock does not move past the second', async () => {
		tv.sim.clock.set('2026-03-02T11:00:00Z');

		const result = await tv.run(parameters('incident:still'));

		expect(result.json[0]).toMatchObject({ created: true, state: 'Open' });
		// One list before the create, then 8 waiting for the second to pass.
		expect(tv.calls('GET', /\/sessions$/)).toHaveLength(1 + 8);

		// Not settled, so not remembered: a racer's case of that second with a smaller code wins the next call.
		seedOpenCase('s000-000-002', 'incident:still', '2026-03-02T11:00:00Z');
		tv.sim.clock.advance(1000);
		const next = await tv.run(parameters('incident:still'));
		expect(next.json[0]).toMatchObject({ code: 's000-000-002', created: false });
		expect(openCases('incident:still').map((session) => session.code)).toEqual(['s000-000-002']);
	});

	it('does not remember a case handed out before its second passed: the next call lists again and a same-second racer with a smaller code wins', async () => {
		tv.sim.clock.set('2026-03-02T13:00:00Z');
		seedOpenCase('s999-000-020', 'incident:unsettled', '2026-03-02T13:00:00Z');
		const first = await tv.run(parameters('incident:unsettled'));
		// Another process's case of that very second, with a smaller code, shows up; then the clock moves on.
		seedOpenCase('s999-000-010', 'incident:unsettled', '2026-03-02T13:00:00Z');
		tv.sim.clock.advance(1000);
		tv.sim.log.clear();

		const second = await tv.run(parameters('incident:unsettled'));

		expect(first.json[0]).toMatchObject({ code: 's999-000-020', created: false });
		expect(second.json[0]).toMatchObject({ code: 's999-000-010', created: false });
		expect(tv.calls('GET', /\/sessions\/s/)).toEqual([]);
		expect(openCases('incident:unsettled').map((session) => session.code)).toEqual(['s999-000-010']);
	});

	it('forgets a remembered case that is no longer open, also when the call then fails: the next call does not look it up again', async () => {
		const first = await tv.run(parameters('incident:forget'));
		const code = String(first.json[0].code);
		tv.sim.state.sessions.get(code)!.state = 'Closed';
		tv.sim.injectFault({ kind: 'status', status: 400, method: 'POST', path: 'sessions$', body: { error: 'invalid_request', error_description: 'Description is too long.', error_code: 400 } });
		const refused = await tv.run(parameters('incident:forget'));
		tv.sim.log.clear();

		const third = await tv.run(parameters('incident:forget'));

		expect(refused.error?.message).toBe('TeamViewer refused the request: Description is too long');
		expect(third.json[0]).toMatchObject({ created: true });
		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).not.toContain(`GET /api/v1/sessions/${code}`);
	});

	it('a caller that arrives while the race settles is handed the winner, never a case about to be closed', async () => {
		const [a, b] = [tv.tokenCredential(tv.sandbox.tokens.admin), tv.tokenCredential(tv.sandbox.tokens.admin)];
		tv.sim.injectFault({ kind: 'latency', method: 'GET', path: '/sessions$', delayMs: 300, times: 2 });
		const racing = [tv.run(parameters('incident:late'), { credential: a }), tv.run(parameters('incident:late'), { credential: b })];
		// A third caller lists while both cases are open and at least one is younger than a second.
		await new Promise((resolve) => setTimeout(resolve, 450));
		const late = await tv.run(parameters('incident:late'), { credential: tv.tokenCredential(tv.sandbox.tokens.admin) });
		const results = [...(await Promise.all(racing)), late];

		const [winner] = openCases('incident:late');
		expect(openCases('incident:late')).toHaveLength(1);
		expect(outputs(results).map((item) => item.code)).toEqual([winner.code, winner.code, winner.code]);
		expect(late.json[0]).toMatchObject({ created: false, state: 'Open' });
	});
});

describe('Get or Create: the group given by name', () => {
	const byName = (customId: string, groupName: string) => ({ ...parameters(customId), groupId: locator(groupName, 'name') });
	const sessionLists = () => tv.calls('GET', /\/sessions$/);
	/** A group another user shares with the account (read-write), and one the account owns. */
	const seedSharedAndOwnGroup = (shared: { id: string; name: string }, own: { id: string; name: string }) => {
		const other = tv.sandbox.userIds.find((id) => id !== tv.sandbox.accountUserId)!;
		tv.sim.seed({
			groups: [
				{ ...shared, ownerId: other, shared_with: [{ userid: tv.sandbox.accountUserId, permissions: 'readwrite', pending: false }] },
				{ ...own, ownerId: tv.sandbox.accountUserId },
			],
		});
	};
	/** The token may not read groups: TeamViewer's 403 for the next GET /groups. */
	const refuseGroupList = () =>
		tv.sim.injectFault({ kind: 'status', status: 403, method: 'GET', path: 'groups$', body: { error: 'insufficient_rights', error_description: 'Missing permission: GroupManagement.', error_code: 403 } });
	/** TeamViewer refuses the next create (400). */
	const refuseCreate = () =>
		tv.sim.injectFault({ kind: 'status', status: 400, method: 'POST', path: 'sessions$', body: { error: 'invalid_request', error_description: 'Description is too long.', error_code: 400 } });

	it('refuses a blank group name before calling TeamViewer, naming the field', async () => {
		const result = await tv.run(byName('incident:BL-1', '  '));

		expect(result.error?.message).toBe('The Group "" is not valid');
		expect((result.error as { description?: string }).description).toContain('the name of a group, e.g. ServiceNow');
		expect(tv.calls()).toEqual([]);
	});

	it('of two groups whose names differ only in case (one shared with the user), takes the one spelled as given', async () => {
		seedSharedAndOwnGroup({ id: 'g9100001', name: 'field service' }, { id: 'g9100002', name: 'Field Service' });

		const result = await tv.run(byName('incident:FS-1', 'Field Service'));

		expect(result.status).toBe('success');
		expect(result.json[0]).toMatchObject({ created: true, groupid: 'g9100002' });
		// TeamViewer is asked for that name only (whole name), not for every group.
		expect(tv.calls('GET', /\/groups$/).map((call) => call.query)).toEqual([{ name: 'Field Service', shouldMatchFullName: 'true' }]);
		expect(sessionLists().every((call) => call.query.groupid === 'g9100002')).toBe(true);
		expect(sessionLists().length).toBeGreaterThan(0);
	});

	it('takes the one group whose name matches but for case', async () => {
		const result = await tv.run(byName('incident:LC-1', 'servicenow'));

		expect(result.json[0]).toMatchObject({ created: true, groupid: tv.sandbox.groupsByName.ServiceNow });
		expect(sessionLists().every((call) => call.query.groupid === tv.sandbox.groupsByName.ServiceNow)).toBe(true);
	});

	it('of two groups of the very same name (an own and a shared one), takes neither: all open cases, created by name', async () => {
		seedSharedAndOwnGroup({ id: 'g9100003', name: 'Twins' }, { id: 'g9100004', name: 'Twins' });

		const result = await tv.run(byName('incident:TW-1', 'Twins'));

		expect(result.status).toBe('success');
		expect(tv.calls('POST', /\/sessions$/).map((call) => call.body)).toEqual([expect.objectContaining({ groupname: 'Twins' })]);
		expect(sessionLists().every((call) => call.query.groupid === undefined)).toBe(true);

		// The name is looked up again (two groups are no answer to remember); the case handed out is remembered for
		// this list of all groups, so the next call confirms it with one look-up instead of listing.
		tv.sim.log.clear();
		const next = await tv.run(byName('incident:TW-1', 'Twins'));
		expect(next.json[0]).toMatchObject({ created: false, code: result.json[0].code });
		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v1/groups', `GET /api/v1/sessions/${String(result.json[0].code)}`]);
	});

	it('a refusal (400) of a create right after the name was looked up is passed on: the name is not looked up again', async () => {
		refuseCreate();

		const result = await tv.run(byName('incident:RF-1', 'ServiceNow'));

		expect(result.error?.message).toBe('TeamViewer refused the request: Description is too long');
		expect(tv.calls('GET', /\/groups$/)).toHaveLength(1);
		expect(tv.calls('POST', /\/sessions$/)).toHaveLength(1);

		// Likewise for a name no group has (created by name, nothing remembered to look up again).
		tv.sim.log.clear();
		refuseCreate();
		const unknown = await tv.run(byName('incident:RF-2', 'Nowhere Yet'));
		expect(unknown.error?.message).toBe('TeamViewer refused the request: Description is too long');
		expect(tv.calls('GET', /\/groups$/)).toHaveLength(1);
	});

	it('a refusal (400) of a create with a remembered name looks the name up once more; the same group: passed on after one create', async () => {
		await tv.run(byName('incident:RF-3', 'ServiceNow'));
		tv.sim.log.clear();
		refuseCreate();

		const result = await tv.run(byName('incident:RF-4', 'ServiceNow'));

		expect(result.error?.message).toBe('TeamViewer refused the request: Description is too long');
		expect(tv.calls('GET', /\/groups$/)).toHaveLength(1);
		expect(tv.calls('POST', /\/sessions$/)).toHaveLength(1);
	});

	it('any other failure of a create with a remembered name is passed on without looking the name up again', async () => {
		await tv.run(byName('incident:RF-5', 'ServiceNow'));
		tv.sim.log.clear();
		tv.sim.injectFault({ kind: 'status', status: 403, method: 'POST', path: 'sessions$', body: { error: 'insufficient_rights', error_description: 'Missing permission: SessionManagement.', error_code: 403 } });

		const result = await tv.run(byName('incident:RF-6', 'ServiceNow'));

		expect(result.error?.message).toMatch(/^The TeamViewer token lacks the permission/);
		expect(tv.calls('GET', /\/groups$/)).toHaveLength(0);
		expect(tv.calls('POST', /\/sessions$/)).toHaveLength(1);
	});

	it('a name no group has yet: lists every open case and creates the case with the name (TeamViewer makes the group)', async () => {
		const result = await tv.run(byName('incident:NEW-1', 'Night Shift'));

		expect(result.status).toBe('success');
		const group = [...tv.sim.state.groups.values()].find((candidate) => candidate.name === 'Night Shift');
		expect(group).toBeDefined();
		expect(result.json[0]).toMatchObject({ created: true, groupid: group!.id });
		expect(tv.calls('POST', /\/sessions$/).map((call) => call.body)).toEqual([expect.objectContaining({ groupname: 'Night Shift' })]);
		expect(sessionLists().length).toBeGreaterThan(0);
		expect(sessionLists().every((call) => call.query.groupid === undefined)).toBe(true);

		// Not remembered as unknown: the next call looks the name up again and now lists that group only.
		tv.sim.log.clear();
		const next = await tv.run(byName('incident:NEW-1', 'Night Shift'));
		expect(next.json[0]).toMatchObject({ created: false, code: result.json[0].code });
		expect(tv.calls('GET', /\/groups$/)).toHaveLength(1);
		expect(sessionLists().every((call) => call.query.groupid === group!.id)).toBe(true);
	});

	it('when the group list cannot be read, finds the open case among all open cases, creates none, and logs why', async () => {
		const first = await tv.run(byName('incident:RO-1', 'Escalations'));
		expect(first.json[0]).toMatchObject({ created: true });
		// Another credential for the account (as another n8n process): it has not resolved the name yet.
		const other = tv.engine.addCredential('teamViewerApi', { accessToken: tv.sandbox.tokens.admin, apiBaseUrl: tv.sim.apiUrl });
		tv.sim.log.clear();
		refuseGroupList();

		let again: EngineResult | undefined;
		const log = await n8nLogDuring('debug', async () => {
			again = await tv.run(byName('incident:RO-1', 'Escalations'), { credential: other });
		});

		expect(again!.status).toBe('success');
		expect(again!.json[0]).toMatchObject({ created: false, code: first.json[0].code });
		expect(tv.calls('POST', /\/sessions$/)).toHaveLength(0);
		expect(sessionLists().every((call) => call.query.groupid === undefined)).toBe(true);
		expect(log).toContainEqual([
			'Could not look up a TeamViewer group by name; listing all open cases instead',
			{ error: 'The TeamViewer token lacks the permission "Group management → View groups"' },
		]);
	});

	it('a remembered case that cannot be looked up is looked for again in the list: the same case, none created, and the log says why', async () => {
		const first = await tv.run(byName('incident:RM-1', 'ServiceNow'));
		const code = String(first.json[0].code);
		tv.sim.log.clear();
		tv.sim.injectFault({ kind: 'status', status: 404, method: 'GET', path: `sessions/${code}$`, body: { error: 'not_found', error_description: 'Not found.', error_code: 404 } });

		let again: EngineResult | undefined;
		const log = await n8nLogDuring('debug', async () => {
			again = await tv.run(byName('incident:RM-1', 'ServiceNow'));
		});

		expect(again!.json[0]).toMatchObject({ created: false, code });
		expect(tv.calls().map((call) => `${call.method} ${call.path} ${call.status}`).slice(0, 2)).toEqual([
			`GET /api/v1/sessions/${code} 404`,
			'GET /api/v1/sessions 200',
		]);
		expect(tv.calls('POST', /\/sessions$/)).toHaveLength(0);
		expect(log.find(([message]) => message.startsWith('Could not confirm the remembered service case'))).toEqual([
			'Could not confirm the remembered service case; looking for the case again',
			{ code, error: expect.any(String) },
		]);
	});

	it('looks a remembered name up again after GROUP_NAME_TTL_MS (10 minutes), also one whose lookup had failed', async () => {
		const realNow = Date.now.bind(Date);
		const lookups = () => tv.calls('GET', /\/groups$/).length;
		await tv.run(byName('incident:TTL-1', 'ServiceNow'));
		refuseGroupList();
		await tv.run(byName('incident:TTL-2', 'Customers'));
		tv.sim.log.clear();

		await tv.run(byName('incident:TTL-1', 'ServiceNow'));
		await tv.run(byName('incident:TTL-2', 'Customers'));
		const withinTtl = lookups();
		const later = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 10 * 60_000 + 1000);
		try {
			await tv.run(byName('incident:TTL-1', 'ServiceNow'));
			await tv.run(byName('incident:TTL-2', 'Customers'));
		} finally {
			later.mockRestore();
		}

		expect(withinTtl).toBe(0);
		expect(tv.calls('GET', /\/groups$/).map((call) => call.query.name)).toEqual(['ServiceNow', 'Customers']);
	});
});
