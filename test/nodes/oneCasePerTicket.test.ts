/**
 * Get or Create under concurrency: one open service case per custom ID, whether the calls come as
 * items of one execution, as executions in parallel in one process, or as executions that cannot
 * see each other (other processes, other queue-mode workers: here, other credentials for the same
 * TeamViewer account, which share no lock).
 */
import type { IDataObject } from 'n8n-workflow';

import type { EngineResult } from '../harness/engine';
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
