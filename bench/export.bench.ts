/**
 * Connection-report export: TeamViewer → Connection Report → Get Many (Return All) against a server
 * that serves pre-rendered pages from its own process (bench/lib/prerenderedReports.mjs), so the
 * server's cost does not hide the node's. In the same run:
 *   bare loop   — fetch following next_offset, nothing else (the baseline);
 *   sequential  — the node reading page after page (Parallel Windows = 1), through n8n-core's engine;
 *   windowed    — the node reading 8 date windows at once (the default);
 * first with no added latency (target: sequential node / bare loop ≤ 1.5), then with 50 ms added to
 * every answer, as over the internet (target: windowed ≥ 3× faster than sequential). Then, in a fresh
 * process each, the peak memory of one 100 k export against the size of its output (target ≤ 10×).
 * Run: npm run bench:export   (BENCH_REPORTS, default 100 000)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { Engine, teamViewerWorkflow } from '../test/harness/engine';
import { startReportServer, type ReportServer } from './lib/reportServer';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 100_000);
const TOKEN = 'bench-token';
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** What the export needs of the report server (a memory child gets only its address and From). */
type Server = Pick<ReportServer, 'apiUrl' | 'from'>;

function exportWorkflow(engine: Engine, server: Server, windows: number, simplify = true, limit?: number) {
	const credential = engine.addCredential('teamViewerApi', { accessToken: TOKEN, apiBaseUrl: server.apiUrl });
	const count = limit === undefined ? { returnAll: true } : { returnAll: false, limit };
	return teamViewerWorkflow({
		parameters: { resource: 'connectionReport', operation: 'getAll', ...count, filters: { fromDate: server.from }, options: { windows }, simplify },
		credential,
	});
}

async function bareLoop(server: ReportServer): Promise<number> {
	let count = 0;
	let offset: string | undefined;
	do {
		const url = `${server.apiUrl}/reports/connections?from_date=${server.from}${offset ? `&offset_id=${offset}` : ''}`;
		const page = (await (await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } })).json()) as { records: unknown[]; next_offset?: string };
		count += page.records.length;
		offset = page.next_offset;
	} while (offset);
	return count;
}

async function timings(server: ReportServer, rounds: number): Promise<Record<string, number>> {
	const engine = new Engine();
	const runs: Record<string, () => Promise<number>> = {
		'bare loop': async () => await bareLoop(server),
		sequential: async () => (await engine.run(exportWorkflow(engine, server, 1))).items.length,
		windowed: async () => (await engine.run(exportWorkflow(engine, server, 8))).items.length,
	};
	const times: Record<string, number[]> = {};
	for (let round = 0; round <= rounds; round++) {
		for (const [name, run] of Object.entries(runs)) {
			const start = performance.now();
			const count = await run();
			const elapsed = performance.now() - start;
			if (count !== server.total) throw new Error(`${name} read ${count} of ${server.total} reports`);
			if (round > 0) (times[name] ??= []).push(elapsed);
		}
	}
	return Object.fromEntries(Object.entries(times).map(([name, values]) => [name, median(values)]));
}

/** In a fresh process: peak RSS of one export over the RSS before it, and the output's JSON size. */
async function memoryChild(): Promise<void> {
	const server: Server = { apiUrl: process.env.BENCH_API_URL!, from: process.env.BENCH_FROM! };
	const simplify = process.env.BENCH_SIMPLIFY === 'true';
	const engine = new Engine();
	await engine.run(exportWorkflow(engine, server, 8, simplify, 10)); // warm-up: the engine and the pack loaded, one page
	global.gc?.();
	const before = process.memoryUsage().rss;
	const peakBefore = process.resourceUsage().maxRSS * 1024;
	const result = await engine.run(exportWorkflow(engine, server, 8, simplify));
	const peak = Math.max(process.resourceUsage().maxRSS * 1024, peakBefore);
	const output = Buffer.byteLength(JSON.stringify(result.json));
	console.log(JSON.stringify({ items: result.items.length, grown: peak - before, output }));
}

function memory(server: Server, simplify: boolean): { items: number; grown: number; output: number } {
	const out = execFileSync(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', __filename, '--memory'], {
		env: { ...process.env, BENCH_API_URL: server.apiUrl, BENCH_FROM: server.from, BENCH_SIMPLIFY: String(simplify) },
		encoding: 'utf8',
	});
	return JSON.parse(out.trim().split('\n').at(-1)!);
}

const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main() {
	const directory = mkdtempSync(path.join(tmpdir(), 'tv-export-bench-'));
	const server = await startReportServer(directory, REPORTS);
	try {
		const zero = await timings(server, 5);
		await server.setLatency(50);
		const slow = await timings(server, 3);
		await server.setLatency(0);
		const simplified = memory(server, true);
		const full = memory(server, false);

		console.log(`Export: ${server.total} connection reports, ${Math.ceil(server.total / 1000)} pages, pre-rendered by a server in its own process`);
		console.log('  no added latency (median of 5 after 1 warm-up):');
		for (const [name, ms] of Object.entries(zero)) console.log(`    ${name.padEnd(12)} ${ms.toFixed(0).padStart(6)} ms`);
		const overhead = zero.sequential / zero['bare loop'];
		console.log(`    ratio sequential node / bare loop: ${overhead.toFixed(2)} (target ≤ 1.5: ${pass(overhead <= 1.5)})`);
		console.log(`    ratio windowed node / bare loop: ${(zero.windowed / zero['bare loop']).toFixed(2)}`);
		console.log('  50 ms added to every answer (median of 3 after 1 warm-up):');
		for (const [name, ms] of Object.entries(slow)) console.log(`    ${name.padEnd(12)} ${ms.toFixed(0).padStart(6)} ms`);
		const speedUp = slow.sequential / slow.windowed;
		console.log(`    windowed is ${speedUp.toFixed(1)}× faster than sequential (target ≥ 3: ${pass(speedUp >= 3)})`);
		for (const [name, run] of [['Simplify on', simplified], ['Simplify off', full]] as const) {
			const ratio = run.grown / run.output;
			console.log(
				`  peak memory, one export (${name}): +${mb(run.grown)} for ${mb(run.output)} of output (${run.items} items) = ${ratio.toFixed(1)}× (target ≤ 10: ${pass(ratio <= 10)})`,
			);
		}
	} finally {
		server.close();
		rmSync(directory, { recursive: true, force: true });
	}
}

if (process.argv.includes('--memory')) {
	memoryChild().catch((error) => {
		console.error(error);
		process.exit(1);
	});
} else {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
