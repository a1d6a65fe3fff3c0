/**
 * Does a second queue-mode worker add throughput? The shipped ticket webhook flow in real n8n 2.41.1
 * on queue mode (PostgreSQL, Redis, main + workers), against the TeamViewer simulator adding 50 ms
 * to every call (as over the internet, so the work is I/O-bound as against the real TeamViewer).
 * Same load both times: CALLS webhook calls, CLIENTS in flight, one new ticket per call.
 *   baseline — 1 worker;
 *   scaled   — 2 workers;
 * each worker running at most CONCURRENCY executions at once (`n8n worker --concurrency`). With a
 * small concurrency a worker's capacity is what it can keep in flight (I/O-bound, as on separate
 * machines); with n8n's default of 10 on this 2-core machine, main, both workers, PostgreSQL, Redis,
 * the simulator and the client share two cores and the run measures CPU instead: both are printed.
 * Prints calls per second for each and the ratio scaled / baseline. Run: npm run bench:queue
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { N8n } from '../test/e2e/n8n';
import { ROOT } from '../test/e2e/runtime';
import { startTeamViewerSimulator } from '../test/simulators/teamviewer';

const CALLS = Number(process.env.BENCH_CALLS ?? 150);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const LATENCY_MS = 50;
const SECRET = 'bench-webhook-secret';

async function throughput(workers: number, concurrency: number): Promise<{ perSecond: number; perWorker: number[] }> {
	const sim = await startTeamViewerSimulator({ seed: 'empty' });
	const sandbox = sim.seedSandbox({ reportDays: 0 });
	const n8n = await N8n.start({
		credentials: [
			{ id: 'tvSandboxToken01', name: 'TeamViewer', type: 'teamViewerApi', data: { accessToken: sandbox.tokens.admin, apiBaseUrl: sim.apiUrl } },
			{ id: 'tvWebhookSecret1', name: 'Ticket webhook secret', type: 'httpHeaderAuth', data: { name: 'X-Webhook-Secret', value: SECRET } },
		],
		workflows: [path.join(ROOT, 'workflows/getting-started/ticket-session-webhook.json')],
		activate: ['tvTicketWebhook01'],
		queue: { workers, concurrency },
	});
	try {
		sim.config.latencyMs = LATENCY_MS;
		let next = 0;
		const call = async (ticket: string) => {
			const response = await n8n.webhook('teamviewer/ticket-session', { body: { ticket }, headers: { 'X-Webhook-Secret': SECRET } });
			if (response.status !== 200) throw new Error(`webhook answered ${response.status}: ${JSON.stringify(response.body)}`);
		};
		// Warm-up: every worker has loaded the flow and opened its connections.
		await Promise.all(Array.from({ length: CLIENTS }, async (_, index) => await call(`WARM${workers}-${concurrency}-${index}`)));
		const started = performance.now();
		await Promise.all(
			Array.from({ length: CLIENTS }, async () => {
				while (next < CALLS) await call(`BENCH${workers}-${concurrency}-${next++}`);
			}),
		);
		const seconds = (performance.now() - started) / 1000;
		return { perSecond: CALLS / seconds, perWorker: n8n.executionsPerWorker().map((ids) => ids.length) };
	} finally {
		await n8n.stop();
		await sim.close();
	}
}

async function main() {
	console.log(`queue mode, ticket webhook flow, ${CALLS} calls, ${CLIENTS} in flight, TeamViewer +${LATENCY_MS} ms per call`);
	const concurrencies = (process.env.BENCH_CONCURRENCY ?? '3,10').split(',').map(Number);
	for (const concurrency of concurrencies) {
		const baseline = await throughput(1, concurrency);
		const scaled = await throughput(2, concurrency);
		const ratio = scaled.perSecond / baseline.perSecond;
		console.log(`worker concurrency ${concurrency}:`);
		console.log(`  baseline 1 worker : ${baseline.perSecond.toFixed(1)} calls/s (executions per worker ${baseline.perWorker.join(' / ')})`);
		console.log(`  scaled 2 workers  : ${scaled.perSecond.toFixed(1)} calls/s (executions per worker ${scaled.perWorker.join(' / ')})`);
		console.log(`  ratio 2 workers / 1 worker: ${ratio.toFixed(2)} (target >= 1.6)`);
	}
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
