/**
 * Get or Create with 5 000 open service cases (issue #13: costs independent of history). The group is
 * given by name and the custom ID belongs to the oldest open case, the one on the last page. Two ways
 * in the same run, CALLS calls each, through n8n-core's engine against the simulator:
 *   baseline — every call as the first one in a process (a fresh credential each time, so nothing is
 *              remembered): resolve the group name, list all open cases of the group;
 *   node     — one credential, as a running n8n process: after a first call, the remembered case is
 *              confirmed with one GET /sessions/{code}.
 * Prints requests and median ms per call for both, and PASS/FAIL for the target ≤ 2 requests per call
 * (the node, after its first call). Run: npm run bench:getorcreate
 */
import { performance } from 'node:perf_hooks';

import { Engine, teamViewerWorkflow } from '../test/harness/engine';
import { startTeamViewerSimulator } from '../test/simulators/teamviewer';

const OPEN_CASES = Number(process.env.BENCH_OPEN_CASES ?? 5000);
const CALLS = Number(process.env.BENCH_CALLS ?? 20);
const TARGET_REQUESTS = 2;

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main() {
	const sim = await startTeamViewerSimulator({ seed: 'empty' });
	const info = sim.seedSandbox({ reportDays: 0 });
	const now = Date.now();
	sim.seed({
		sessions: Array.from({ length: OPEN_CASES }, (_, index) => ({
			groupid: info.groupsByName.ServiceNow,
			createdBy: info.accountUserId,
			customId: `incident:bench-${index}`,
			custom_api: `incident:bench-${index}`,
			created_at: new Date(now - (OPEN_CASES - index) * 1000 - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
		})),
	});
	const customId = 'incident:bench-0';
	const expected = [...sim.state.sessions.values()].find((session) => session.customId === customId)!.code;
	const engine = new Engine();
	const credential = () => engine.addCredential('teamViewerApi', { accessToken: info.tokens.admin, apiBaseUrl: sim.apiUrl });
	const parameters = {
		resource: 'session',
		operation: 'getOrCreate',
		customId,
		groupId: { __rl: true, mode: 'name', value: 'ServiceNow' },
	};

	async function call(workflowCredential: ReturnType<typeof credential>): Promise<{ requests: number; ms: number }> {
		const before = sim.requests.length;
		const start = performance.now();
		const result = await engine.run(teamViewerWorkflow({ parameters, credential: workflowCredential }));
		const ms = performance.now() - start;
		if (result.status !== 'success') throw new Error(result.error?.message);
		if (result.json[0].code !== expected || result.json[0].created !== false) {
			throw new Error(`expected the existing case ${expected}, got ${String(result.json[0].code)} (created: ${String(result.json[0].created)})`);
		}
		return { requests: sim.requests.length - before, ms };
	}

	const baseline: Array<{ requests: number; ms: number }> = [];
	for (let n = 0; n < CALLS; n++) baseline.push(await call(credential()));

	const remembered = credential();
	const first = await call(remembered);
	const node: Array<{ requests: number; ms: number }> = [];
	for (let n = 0; n < CALLS; n++) node.push(await call(remembered));
	await sim.close();

	const open = [...sim.state.sessions.values()].filter((session) => session.customId === customId && session.state === 'Open');
	if (open.length !== 1) throw new Error(`${open.length} open cases for ${customId}`);
	const row = (name: string, calls: Array<{ requests: number; ms: number }>) =>
		`  ${name.padEnd(44)} ${String(Math.max(...calls.map((c) => c.requests))).padStart(3)} requests/call (max), ${median(calls.map((c) => c.ms)).toFixed(1).padStart(7)} ms/call (median)`;
	console.log(`Get or Create, group by name, ${OPEN_CASES} open cases in the group, ${CALLS} calls each; the oldest case every time`);
	console.log(row('baseline (every call first in its process)', baseline));
	console.log(`  node: first call in the process              ${String(first.requests).padStart(3)} requests, ${first.ms.toFixed(1).padStart(7)} ms`);
	console.log(row('node (later calls, remembered case)', node));
	const worst = Math.max(...node.map((c) => c.requests));
	console.log(`  ratio node / baseline (median ms): ${(median(node.map((c) => c.ms)) / median(baseline.map((c) => c.ms))).toFixed(3)}`);
	console.log(`${worst <= TARGET_REQUESTS ? 'PASS' : 'FAIL'}: ≤ ${TARGET_REQUESTS} requests per Get or Create call after the first (max ${worst})`);
	if (worst > TARGET_REQUESTS) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
