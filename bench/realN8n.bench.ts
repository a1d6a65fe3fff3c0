/**
 * The node inside a real n8n 2.41.1 (SQLite, the pack loaded as a user installs it), against the
 * TeamViewer simulator with no rate limit and no added latency, each against a baseline in the same run:
 *   bulk create  — BENCH_ITEMS devices in one execution: TeamViewer → Device → Create against n8n's own
 *                  HTTP Request node posting the same devices (the baseline). The node also looks each
 *                  device up before creating it (exactly once, helpers/createOnce.ts), so it makes two
 *                  calls an item: both calls per second and items per second are printed.
 *   webhook flow — the shipped getting-started ticket flow for a ticket that already has its case,
 *                  against a bare Webhook → Respond flow plus the same TeamViewer calls sent raw with
 *                  fetch (the baselines): median of BENCH_CALLS sequential calls each.
 *   export memory — Connection Report → Get Many (Return All, 8 windows) of BENCH_REPORTS reports served
 *                  pre-rendered from their own process (bench/lib/prerenderedReports.mjs), execution data
 *                  saved as n8n does by default: the n8n process's peak RSS over its RSS before (Linux
 *                  VmHWM after resetting it), against the output's JSON size. Target ≤ 10×.
 * Run: npm run bench:n8n   (BENCH_ITEMS default 2000, BENCH_CALLS default 50)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { N8n } from '../test/e2e/n8n';
import { ROOT } from '../test/e2e/runtime';
import { startTeamViewerSimulator } from '../test/simulators/teamviewer';
import { startReportServer } from './lib/reportServer';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 2000);
const CALLS = Number(process.env.BENCH_CALLS ?? 50);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 100_000);
const SECRET = 'bench-webhook-secret';
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const webhookNode = (webhookPath: string) => ({
	id: `${webhookPath}-in`,
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2.1,
	position: [0, 0],
	webhookId: `${webhookPath}-0000-4000-8000-000000000000`.slice(0, 36),
	parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', options: {} },
});
const codeNode = (name: string, jsCode: string, x: number) => ({
	id: `${name}-code`,
	name,
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position: [x, 0],
	parameters: { jsCode },
});
function chain(id: string, nodes: Array<Record<string, unknown>>) {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name as string] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name: id, nodes, connections, settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none', saveDataErrorExecution: 'all' }, pinData: {} };
}

/** kB fields of /proc/<pid>/status, e.g. VmRSS, VmHWM. */
function memoryOf(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	if (!match) throw new Error(`no ${field} for process ${pid}`);
	return Number(match[1]) * 1024;
}

/** The reports served pre-rendered (bench/lib/reportServer.ts), and the size of what Get Many returns for them. */
async function startReports(directory: string) {
	const server = await startReportServer(directory, REPORTS);
	// What Get Many returns with Simplify on, as JSON: the output the memory is compared with.
	const simplified = server.records.map((record) => ({
		id: record.id, session_code: record.session_code, userid: record.userid, username: record.username, devicename: record.devicename,
		deviceid: record.deviceid, groupname: record.groupname, start_date: record.start_date, end_date: record.end_date,
		duration_seconds: Math.round((Date.parse(record.end_date) - Date.parse(record.start_date)) / 1000),
	}));
	return { ...server, outputBytes: Buffer.byteLength(JSON.stringify(simplified)), stop: server.close };
}

const MAKE_ITEMS = "return Array.from({ length: $json.body.count }, (_, n) => ({ json: { id: $json.body.prefix + String(n).padStart(5, '0') } }));";
const COUNT = 'return [{ json: { count: $input.all().length } }];';

async function main() {
	const sim = await startTeamViewerSimulator({ seed: 'empty' });
	const sandbox = sim.seedSandbox({ reportDays: 0 });
	const groupId = sandbox.groupsByName.Customers;
	const directory = mkdtempSync(path.join(tmpdir(), 'tv-n8n-bench-'));
	const reports = await startReports(directory);
	const flows: Record<string, unknown> = {
		benchTvCreate001: chain('benchTvCreate001', [
			webhookNode('bench-tv'),
			codeNode('Items', MAKE_ITEMS, 200),
			{
				id: 'bench-tv-node',
				name: 'TeamViewer',
				type: 'n8n-nodes-teamviewer.teamViewer',
				typeVersion: 1,
				position: [400, 0],
				parameters: { resource: 'device', operation: 'create', teamViewerId: '={{ $json.id }}', groupId: { __rl: true, mode: 'id', value: groupId } },
				credentials: { teamViewerApi: { id: 'tvSandboxToken01', name: 'TeamViewer' } },
			},
			codeNode('Count', COUNT, 600),
		]),
		benchHttpCreate1: chain('benchHttpCreate1', [
			webhookNode('bench-http'),
			codeNode('Items', MAKE_ITEMS, 200),
			{
				id: 'bench-http-node',
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [400, 0],
				parameters: {
					method: 'POST',
					url: `${sim.apiUrl}/devices`,
					authentication: 'genericCredentialType',
					genericAuthType: 'httpHeaderAuth',
					sendBody: true,
					specifyBody: 'json',
					jsonBody: `={{ JSON.stringify({ remotecontrol_id: 'r' + $json.id, groupid: '${groupId}' }) }}`,
					options: {},
				},
				credentials: { httpHeaderAuth: { id: 'benchBearer00001', name: 'TeamViewer bearer' } },
			},
			codeNode('Count', COUNT, 600),
		]),
		benchExport0001: {
			...chain('benchExport0001', [
				{ ...webhookNode('bench-export'), parameters: { httpMethod: 'POST', path: 'bench-export', responseMode: 'lastNode', responseData: 'noData', options: {} } },
				{
					id: 'bench-export-node',
					name: 'TeamViewer',
					type: 'n8n-nodes-teamviewer.teamViewer',
					typeVersion: 1,
					position: [200, 0],
					parameters: { resource: 'connectionReport', operation: 'getAll', returnAll: true, filters: { fromDate: reports.from }, options: {} },
					credentials: { teamViewerApi: { id: 'benchReports0001', name: 'Pre-rendered reports' } },
				},
			]),
			settings: { executionOrder: 'v1' },
		},
		benchBareHook01: chain('benchBareHook01', [webhookNode('bench-bare'), codeNode('Answer', "return [{ json: { ticket: $json.body.ticket } }];", 200)]),
	};
	const files = Object.entries(flows).map(([id, flow]) => {
		const file = path.join(directory, `${id}.json`);
		writeFileSync(file, JSON.stringify(flow));
		return file;
	});
	const n8n = await N8n.start({
		credentials: [
			{ id: 'tvSandboxToken01', name: 'TeamViewer', type: 'teamViewerApi', data: { accessToken: sandbox.tokens.admin, apiBaseUrl: sim.apiUrl } },
			{ id: 'tvWebhookSecret1', name: 'Ticket webhook secret', type: 'httpHeaderAuth', data: { name: 'X-Webhook-Secret', value: SECRET } },
			{ id: 'benchReports0001', name: 'Pre-rendered reports', type: 'teamViewerApi', data: { accessToken: 'bench', apiBaseUrl: reports.apiUrl } },
			{ id: 'benchBearer00001', name: 'TeamViewer bearer', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${sandbox.tokens.admin}` } },
		],
		workflows: [path.join(ROOT, 'workflows/getting-started/ticket-session-webhook.json'), ...files],
		activate: ['tvTicketWebhook01', ...Object.keys(flows)],
	});
	try {
		// Export memory: peak RSS of the n8n process during one export over its RSS before it.
		const pid = n8n.pid!;
		// first thing after start, as the issue compared it with an n8n that ran an empty workflow
		await n8n.webhook('bench-bare', { body: { ticket: 'WARM' } });
		const rssBefore = memoryOf(pid, 'VmRSS');
		writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
		const exported = await n8n.webhook('bench-export', {});
		if (exported.status !== 200) throw new Error(`export flow answered ${exported.status}`);
		const peak = memoryOf(pid, 'VmHWM');
		const output = reports.outputBytes;

		// Bulk create, baseline first; each run's devices are checked: every one created exactly once.
		const bulk: Record<string, { seconds: number; calls: number }> = {};
		for (const [name, hook, prefix] of [['HTTP Request node', 'bench-http', 8100], ['TeamViewer node', 'bench-tv', 8200], ['HTTP Request node', 'bench-http', 8300], ['TeamViewer node', 'bench-tv', 8400]] as const) {
			const callsBefore = sim.requests.length;
			const start = performance.now();
			const response = await n8n.webhook(hook, { body: { count: ITEMS, prefix: String(prefix) } });
			const seconds = (performance.now() - start) / 1000;
			if (response.status !== 200 || (response.body as { count?: number }).count !== ITEMS) throw new Error(`${name}: ${response.status} ${JSON.stringify(response.body)}`);
			const created = [...sim.state.devices.values()].filter((device) => device.remotecontrol_id.startsWith(`r${prefix}`));
			if (created.length !== ITEMS || new Set(created.map((device) => device.remotecontrol_id)).size !== ITEMS) {
				throw new Error(`${name}: ${created.length} devices for ${ITEMS} items`);
			}
			// the second round of each counts (the first warms n8n up)
			if (prefix > 8200) bulk[name] = { seconds, calls: sim.requests.length - callsBefore };
		}

		// Webhook flow for a known ticket, bare webhook, and the flow's own TeamViewer calls sent raw.
		const ticket = { body: { ticket: 'BENCH-1' }, headers: { 'X-Webhook-Secret': SECRET } };
		const first = await n8n.webhook('teamviewer/ticket-session', ticket);
		if (first.status !== 200) throw new Error(`ticket flow answered ${first.status}: ${JSON.stringify(first.body)}`);
		const logged = sim.requests.length;
		await n8n.webhook('teamviewer/ticket-session', ticket);
		const flowCalls = sim.requests.slice(logged).map((request) => ({ method: request.method, url: `${sim.apiUrl}${request.path.replace(/^\/api\/v1/, '')}${request.query ? `?${new URLSearchParams(request.query as Record<string, string>)}` : ''}` }));
		const timed = async (run: () => Promise<unknown>) => {
			const values: number[] = [];
			for (let call = 0; call < CALLS; call++) {
				const start = performance.now();
				await run();
				values.push(performance.now() - start);
			}
			return median(values);
		};
		const flow = await timed(async () => await n8n.webhook('teamviewer/ticket-session', ticket));
		const bare = await timed(async () => await n8n.webhook('bench-bare', { body: { ticket: 'BENCH-1' } }));
		const raw = await timed(async () => {
			for (const call of flowCalls) await (await fetch(call.url, { method: call.method, headers: { Authorization: `Bearer ${sandbox.tokens.admin}` } })).text();
		});


		console.log(`Real n8n 2.41.1 (SQLite), TeamViewer simulator without rate limit or latency`);
		console.log(`  bulk create, ${ITEMS} devices in one execution (second round of each; 0 lost, 0 duplicated):`);
		const rows = Object.entries(bulk).map(([name, run]) => ({ name, itemsPerSecond: ITEMS / run.seconds, callsPerSecond: run.calls / run.seconds, seconds: run.seconds }));
		for (const row of rows) {
			console.log(`    ${row.name.padEnd(18)} ${row.seconds.toFixed(1).padStart(5)} s, ${row.itemsPerSecond.toFixed(0).padStart(5)} items/s, ${row.callsPerSecond.toFixed(0).padStart(5)} calls/s`);
		}
		const [http, node] = rows;
		const ratio = node.callsPerSecond / http.callsPerSecond;
		console.log(`    calls/s TeamViewer node / HTTP Request node: ${ratio.toFixed(2)} (target ≥ 1: ${ratio >= 1 ? 'PASS' : 'FAIL'}); items/s ${(node.itemsPerSecond / http.itemsPerSecond).toFixed(2)} (two calls an item: lookup + create)`);
		console.log(`  webhook, ticket with a case (median of ${CALLS}; the flow makes ${flowCalls.length} TeamViewer call(s): ${flowCalls.map((call) => `${call.method} ${new URL(call.url).pathname.replace(/^\/api\/v1/, '')}`).join(', ')}):`);
		console.log(`    shipped ticket flow        ${flow.toFixed(1).padStart(6)} ms`);
		console.log(`    bare webhook flow          ${bare.toFixed(1).padStart(6)} ms`);
		console.log(`    the same calls raw (fetch) ${raw.toFixed(1).padStart(6)} ms`);
		console.log(`    ratio flow / (bare + raw): ${(flow / (bare + raw)).toFixed(2)}; the node's share: ${(flow - bare).toFixed(1)} ms over a bare webhook`);
		const memoryRatio = (peak - rssBefore) / output;
		console.log(`  export of ${reports.total} reports (Simplify on, 8 windows, execution data saved), n8n main process:`);
		console.log(`    peak RSS +${(((peak - rssBefore) / 1024 / 1024)).toFixed(0)} MB over ${(rssBefore / 1024 / 1024).toFixed(0)} MB before, for about ${(output / 1024 / 1024).toFixed(1)} MB of output = ${memoryRatio.toFixed(1)}× (target ≤ 10: ${memoryRatio <= 10 ? 'PASS' : 'FAIL'})`);
	} catch (error) {
		console.error(n8n.logTail(40));
		throw error;
	} finally {
		await n8n.stop();
		await sim.close();
		reports.stop();
		rmSync(directory, { recursive: true, force: true });
	}
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
