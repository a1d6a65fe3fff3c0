/**
 * Does a second queue-mode worker add throughput? The shipped ticket webhook flow in real n8n 2.41.1
 * on queue mode (PostgreSQL, Redis, main + workers), against the TeamViewer simulator adding 50 ms
 * to every call (as over the internet, so the work is I/O-bound as against the real TeamViewer).
 * Same load both times: CALLS webhook calls, CLIENTS in flight, one new ticket per call.
 *   baseline — 1 worker (concurrency 10);
 *   scaled   — 2 workers (concurrency 10 each).
 * Prints calls per second for each and the ratio scaled / baseline. Run: npm run bench:queue
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { N8n } from '../test/e2e/n8n';
import { ROOT } from '../test/e2e/runtime';
import { startTeamViewerSimulator } from '../test/simulators/teamviewer';

const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const LATENCY_MS = 50;
const SECRET = 'bench-webhook-secret';

async function throughput(workers: number): Promise<{ perSecond: number; perWorker: number[] }> {
	const sim = await startTeamViewerSimulator({ seed: 'empty' });
	const sandbox = sim.seedSandbox({ reportDays: 0 });
	const n8n = await N8n.start({
		credentials: [
			{ id: 'tvSandboxToken01', name: 'TeamViewer Sandbox', type: 'teamViewerApi', data: { accessToken: sandbox.tokens.admin, apiBaseUrl: sim.apiUrl } },
			{ id: 'tvWebhookSecret1', name: 'Ticket webhook secret', type: 'httpHeaderAuth', data: { name: 'X-Webhook-Secret', value: SECRET } },
		],
		workflows: [path.join(ROOT, 'workflows/getting-started/ticket-session-webhook.json')],
		activate: ['tvTicketWebhook01'],
		queue: { workers, concurrency: 10 },
	});
	try {
		sim.config.latencyMs = LATENCY_MS;
		let next = 0;
		const call = async (ticket: string) => {
			const response = await n8n.webhook('teamviewer/ticket-session', { body: { ticket }, headers: { 'X-Webhook-Secret': SECRET } });
			if (response.status !== 200) throw new Error(`webhook answered ${response.status}: ${JSON.stringify(response.body)}`);
		};
		// Warm-up: every worker has loaded the flow and opened its connections.
		await Promise.all(Array.from({ length: CLIENTS }, async (_, index) => await call(`WARM${workers}-${index}`)));
		const started = performance.now();
		await Promise.all(
			Array.from({ length: CLIENTS }, async () => {
				while (next < CALLS) await call(`BENCH${workers}-${next++}`);
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
	const baseline = await throughput(1);
	const scaled = await throughput(2);
	const ratio = scaled.perSecond / baseline.perSecond;
	console.log(`queue mode, ticket webhook flow, ${CALLS} calls, ${CLIENTS} in flight, TeamViewer +${LATENCY_MS} ms per call`);
	console.log(`baseline 1 worker : ${baseline.perSecond.toFixed(1)} calls/s (executions per worker ${baseline.perWorker.join(' / ')})`);
	console.log(`scaled 2 workers  : ${scaled.perSecond.toFixed(1)} calls/s (executions per worker ${scaled.perWorker.join(' / ')})`);
	console.log(`ratio 2 workers / 1 worker: ${ratio.toFixed(2)} (target >= 1.6)`);
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
