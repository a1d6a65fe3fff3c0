/**
 * What does a TeamViewer Trigger poll cost on a desk with history? 100 000 connection reports and
 * 5 000 open service cases (4 800 older than 24 h, left open as desks do). For each of the events
 * online / closed / expired unused / expiring soon: requests, median time and state size of a quiet poll, and of a
 * poll that finds 100 events; against a baseline measured in the same run: a bare fetch of one sessions
 * page plus one report query. Issue #13 targets: <= 2 requests per quiet poll, state <= 50 KB.
 * Run: npm run bench:trigger
 */
import type { IDataObject } from 'n8n-workflow';
import { performance } from 'node:perf_hooks';

import { Engine, teamViewerTriggerWorkflow } from '../test/harness/engine';
import { startTeamViewerSimulator } from '../test/simulators/teamviewer';

const ROUNDS = 5;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
	const sim = await startTeamViewerSimulator({ seed: 'empty' });
	const engine = new Engine();
	const lines: string[] = [];
	const verdicts: string[] = [];

	function desk() {
		sim.reset();
		const info = sim.seedSandbox({ reportDays: 0 });
		const now = Math.floor(Date.now() / 1000) * 1000;
		sim.clock.set(iso(now));
		const owner = { groupid: info.groupsByName.Customers, createdBy: info.accountUserId };
		// Cases that expire in batches of 100, one batch a round, 5 minutes apart, starting 5 minutes from now.
		const expiring = Array.from({ length: ROUNDS }, (_, round) =>
			sim.addServiceCases(100, { ...owner, createdBefore: iso(now - 24 * HOUR + (5 + 5 * round) * MINUTE + 100_000), spacingSeconds: 1 }),
		);
		const old = sim.addServiceCases(4_800 - 100 * ROUNDS, { ...owner, createdBefore: iso(now - 25 * HOUR), spacingSeconds: 600 });
		const recent = sim.addServiceCases(200, { ...owner, spacingSeconds: 360 });
		sim.addConnectionReports(100_000, { withCode: true, spacingSeconds: 300 });
		const credential = engine.addCredential('teamViewerApi', { accessToken: info.tokens.admin, apiBaseUrl: sim.apiUrl });
		return { info, now, old, recent, expiring, credential };
	}

	let baseline = 0;
	// Baseline: the least a poll can do, one sessions page and one report query, with a bare fetch.
	{
		const { info, now } = desk();
		const headers = { Authorization: `Bearer ${info.tokens.admin}` };
		const times: number[] = [];
		for (let round = 0; round <= ROUNDS; round++) {
			const start = performance.now();
			await (await fetch(`${sim.apiUrl}/sessions?full_list=true&state=open`, { headers })).json();
			await (await fetch(`${sim.apiUrl}/reports/connections?has_code=true&from_date=${iso(now - 25 * HOUR)}`, { headers })).json();
			if (round > 0) times.push(performance.now() - start);
		}
		lines.push(`baseline (bare fetch: 1 sessions page + 1 report query): 2 requests, ${median(times).toFixed(1)} ms`);
		baseline = median(times);
	}

	for (const event of ['serviceCaseOnline', 'serviceCaseClosed', 'serviceCaseExpired', 'serviceCaseExpiring'] as const) {
		const { now, recent, expiring, credential } = desk();
		// Expiring soon, 3 minutes before: activated 10 minutes earlier, so the batches fall due after the quiet polls.
		const parameters = event === 'serviceCaseExpiring' ? { event, minutesBefore: 3 } : { event };
		if (event === 'serviceCaseExpiring') sim.clock.set(iso(now - 10 * MINUTE));
		const workflow = { ...teamViewerTriggerWorkflow({ parameters, credential }), id: `bench-${event}` };
		const staticData: IDataObject = {};
		const poll = async () => {
			sim.log.clear();
			const start = performance.now();
			const items = await engine.poll(workflow, staticData);
			return { ms: performance.now() - start, requests: sim.requests.length, items: items?.length ?? 0, changed: engine.staticDataChanged };
		};
		sim.log.clear();
		const first = await poll();

		const quiet = [];
		for (let round = 0; round < ROUNDS; round++) {
			sim.clock.advance(MINUTE);
			quiet.push(await poll());
		}
		const busy = [];
		for (let round = 0; round < ROUNDS; round++) {
			if (event === 'serviceCaseOnline') {
				// 100 customers leave (seen by an unmeasured poll) and come back.
				for (const code of recent.slice(0, 100)) sim.setSessionOnline(code, false);
				sim.clock.advance(MINUTE);
				await poll();
				for (const code of recent.slice(0, 100)) sim.setSessionOnline(code, true);
			} else if (event === 'serviceCaseClosed') {
				for (const code of recent.slice(40 * round, 40 * round + 40)) Object.assign(sim.state.sessions.get(code)!, { state: 'Closed', closed_at: sim.clock.nowIso() });
				for (const code of expiring[round].slice(0, 60)) Object.assign(sim.state.sessions.get(code)!, { state: 'Closed', closed_at: sim.clock.nowIso() });
			}
			// expired: the next batch is due (5 minutes later) and past the 60-minute Late Report Window;
			// expiring: the next batch is 1 to 3 minutes before its valid_until.
			const firstStep = event === 'serviceCaseExpired' ? 70 * MINUTE : event === 'serviceCaseExpiring' ? 9 * MINUTE : MINUTE;
			sim.clock.advance(round === 0 ? firstStep : event === 'serviceCaseOnline' || event === 'serviceCaseClosed' ? MINUTE : 5 * MINUTE);
			busy.push(await poll());
		}
		const stateBytes = JSON.stringify(staticData).length;
		const maxQuiet = Math.max(...quiet.map((result) => result.requests));
		lines.push(
			`${event}: first poll ${first.requests} requests (records only); quiet poll ${maxQuiet} requests max, ${median(quiet.map((r) => r.ms)).toFixed(1)} ms (${(median(quiet.map((r) => r.ms)) / baseline).toFixed(2)} × baseline), static data changed in ${quiet.filter((r) => r.changed).length} of ${ROUNDS}; ` +
				`poll with ~100 events: ${median(busy.map((r) => r.items))} items, ${Math.max(...busy.map((r) => r.requests))} requests max, ${median(busy.map((r) => r.ms)).toFixed(1)} ms (${(median(busy.map((r) => r.ms)) / baseline).toFixed(2)} × baseline); state ${(stateBytes / 1000).toFixed(1)} KB`,
		);
		verdicts.push(`${maxQuiet <= 2 ? 'PASS' : 'FAIL'} ${event}: <= 2 requests per quiet poll (${maxQuiet})`);
		verdicts.push(`${stateBytes <= 50_000 ? 'PASS' : 'FAIL'} ${event}: trigger state <= 50 KB (${(stateBytes / 1000).toFixed(1)} KB)`);
	}
	await sim.close();

	console.log(`5 000 open cases, 100 000 connection reports; medians of ${ROUNDS} polls`);
	for (const line of lines) console.log(line);
	for (const verdict of verdicts) console.log(verdict);
	if (verdicts.some((verdict) => verdict.startsWith('FAIL'))) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
