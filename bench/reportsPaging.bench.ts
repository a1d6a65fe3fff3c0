/**
 * How much does the node add on top of the HTTP calls themselves? Reads 10 000 connection reports
 * (10 pages of 1000) two ways in the same run, several rounds each:
 *   baseline — a bare fetch loop following offset_id;
 *   node     — TeamViewer → Connection Report → Get Many (Return All) through n8n-core's engine.
 * Prints median times and the ratio node / baseline. Run: npm run bench
 */
import { performance } from 'node:perf_hooks';

import { Engine, teamViewerWorkflow } from '../test/harness/engine';
import { startTeamViewerSimulator } from '../test/simulators/teamviewer';

const REPORTS = 10_000;
const ROUNDS = 7;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
	const sim = await startTeamViewerSimulator({ seed: 'empty' });
	const info = sim.seedSandbox({ reportDays: 0 });
	sim.addConnectionReports(REPORTS);
	const total = sim.state.reports.size;
	const engine = new Engine();
	const credential = engine.addCredential('teamViewerApi', { accessToken: info.tokens.admin, apiBaseUrl: sim.apiUrl });
	const workflow = teamViewerWorkflow({
		parameters: { resource: 'connectionReport', operation: 'getAll', returnAll: true, simplify: false },
		credential,
	});

	async function baseline(): Promise<number> {
		let count = 0;
		let offset: string | undefined;
		do {
			const url = `${sim.apiUrl}/reports/connections${offset ? `?offset_id=${offset}` : ''}`;
			const page = (await (await fetch(url, { headers: { Authorization: `Bearer ${info.tokens.admin}` } })).json()) as {
				records: unknown[];
				next_offset?: string;
			};
			count += page.records.length;
			offset = page.next_offset;
		} while (offset);
		return count;
	}

	async function node(): Promise<number> {
		const result = await engine.run(workflow);
		if (result.status !== 'success') throw new Error(result.error?.message);
		return result.items.length;
	}

	const times: Record<'baseline' | 'node', number[]> = { baseline: [], node: [] };
	for (let round = 0; round < ROUNDS + 1; round++) {
		for (const [name, run] of [['baseline', baseline], ['node', node]] as const) {
			const start = performance.now();
			const count = await run();
			const elapsed = performance.now() - start;
			if (count !== total) throw new Error(`${name} read ${count} of ${total} reports`);
			if (round > 0) times[name].push(elapsed);
		}
	}
	await sim.close();

	const base = median(times.baseline);
	const withNode = median(times.node);
	console.log(`connection reports: ${total} in ${Math.ceil(total / 1000)} pages, median of ${ROUNDS} rounds after 1 warm-up`);
	console.log(`baseline (bare fetch loop): ${base.toFixed(1)} ms`);
	console.log(`node (Get Many, Return All, through WorkflowExecute): ${withNode.toFixed(1)} ms`);
	console.log(`ratio node / baseline: ${(withNode / base).toFixed(2)}`);
	console.log(`node cost per report: ${((withNode * 1000) / total).toFixed(1)} µs`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
