/**
 * Bulk create under TeamViewer's account limit: N devices (Device → Create, one item each) against the
 * simulator answering 429 (Retry-After: 1) above LIMIT calls a second, two ways in the same run:
 *   baseline — a paced raw client: 4 in flight at exactly LIMIT calls a second, each device looked up and
 *              created as the node does (GET then POST), resent after Retry-After on a 429;
 *   node     — TeamViewer → Device → Create through n8n-core's engine, which has to find the pace itself.
 * Prints calls per second against the limit for both, the ratio node / baseline, refusals, and checks
 * 0 lost and 0 duplicated. Run: npm run bench:bulk   (BENCH_ITEMS=10000 for the full size, ~7 min)
 */
import { performance } from 'node:perf_hooks';

import { Engine, teamViewerWorkflow } from '../test/harness/engine';
import { startTeamViewerSimulator } from '../test/simulators/teamviewer';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 2000);
const LIMIT = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
	const sim = await startTeamViewerSimulator({ seed: 'empty', rateLimit: { requestsPerSecond: LIMIT, retryAfterSeconds: 1 } });
	const info = sim.seedSandbox({ reportDays: 0 });
	const groupId = info.groupsByName.Customers;
	const headers = { Authorization: `Bearer ${info.tokens.admin}`, 'content-type': 'application/json' };
	const refusals = () => sim.requests.filter((request) => request.status === 429).length;
	const createdWith = (prefix: number) => [...sim.state.devices.values()].filter((device) => device.remotecontrol_id.startsWith(`r${prefix}`));

	async function baseline(prefix: number): Promise<void> {
		let next = 0;
		let slot = performance.now();
		const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
			for (;;) {
				const wait = slot - performance.now();
				slot = Math.max(slot, performance.now()) + 1000 / LIMIT;
				if (wait > 0) await sleep(wait);
				const response = await fetch(`${sim.apiUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
				if (response.status !== 429) return response;
				await response.text();
				await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
			}
		};
		const worker = async () => {
			while (next < ITEMS) {
				const id = `${prefix}${String(next++).padStart(5, '0')}`;
				await (await call('GET', `/devices?groupid=${groupId}&remotecontrol_id=r${id}`)).text();
				const created = await call('POST', '/devices', { remotecontrol_id: `r${id}`, groupid: groupId });
				if (created.status !== 200) throw new Error(`baseline: POST /devices answered ${created.status}: ${await created.text()}`);
				await created.text();
			}
		};
		await Promise.all([worker(), worker(), worker(), worker()]);
	}

	async function node(prefix: number): Promise<void> {
		const engine = new Engine();
		const credential = engine.addCredential('teamViewerApi', { accessToken: info.tokens.admin, apiBaseUrl: sim.apiUrl });
		const workflow = teamViewerWorkflow({
			parameters: { resource: 'device', operation: 'create', teamViewerId: '={{ $json.id }}', groupId: { __rl: true, mode: 'id', value: groupId } },
			credential,
		});
		const result = await engine.run(workflow, Array.from({ length: ITEMS }, (_, n) => ({ id: `${prefix}${String(n).padStart(5, '0')}` })));
		if (result.status !== 'success') throw new Error(result.error?.message);
		if (result.items.length !== ITEMS) throw new Error(`node returned ${result.items.length} of ${ITEMS} items`);
	}

	const rows: Array<{ name: string; callsPerSecond: number; seconds: number; refused: number }> = [];
	for (const [name, prefix, run] of [['baseline (paced raw client)', 7100, baseline], ['node (Device → Create)', 7200, node]] as const) {
		await sleep(1100);
		const callsBefore = sim.requests.length;
		const refusedBefore = refusals();
		const start = performance.now();
		await run(prefix);
		const seconds = (performance.now() - start) / 1000;
		const calls = sim.requests.length - callsBefore;
		const refused = refusals() - refusedBefore;
		const created = createdWith(prefix);
		const distinct = new Set(created.map((device) => device.remotecontrol_id)).size;
		if (created.length !== ITEMS || distinct !== ITEMS) throw new Error(`${name}: ${created.length} created, ${distinct} distinct, of ${ITEMS}`);
		rows.push({ name, callsPerSecond: (calls - refused) / seconds, seconds, refused });
	}
	await sim.close();

	console.log(`Bulk create: ${ITEMS} devices, account limit ${LIMIT} calls/s (429, Retry-After: 1); 0 lost, 0 duplicated in both`);
	for (const row of rows) {
		console.log(
			`  ${row.name.padEnd(30)} ${row.callsPerSecond.toFixed(1).padStart(6)} accepted calls/s = ${((row.callsPerSecond / LIMIT) * 100).toFixed(1)} % of the limit, ${row.seconds.toFixed(1)} s, ${row.refused} refused`,
		);
	}
	console.log(`  ratio node / baseline (calls per second): ${(rows[1].callsPerSecond / rows[0].callsPerSecond).toFixed(2)}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
