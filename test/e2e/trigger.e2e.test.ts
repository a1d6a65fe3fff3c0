/**
 * The TeamViewer Trigger in a real n8n: the shipped "customer is waiting" workflow is activated, n8n
 * polls on its own schedule, and the execution it starts is read back from n8n.
 */
import path from 'node:path';

import type { SandboxInfo, TeamViewerSimulator } from '../simulators/teamviewer';
import { startTeamViewerSimulator } from '../simulators/teamviewer';
import { ensure } from './diagnostics';
import { N8n } from './n8n';
import { ROOT } from './runtime';

let sim: TeamViewerSimulator;
let sandbox: SandboxInfo;
let n8n: N8n;

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		ensure(Date.now() < deadline, `timed out waiting for ${what}`, n8n, sim);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

beforeAll(async () => {
	sim = await startTeamViewerSimulator({ seed: 'empty' });
	sandbox = sim.seedSandbox();
	n8n = await N8n.start({
		credentials: [
			{ id: 'tvSandboxToken01', name: 'TeamViewer', type: 'teamViewerApi', data: { accessToken: sandbox.tokens.admin, apiBaseUrl: sim.apiUrl } },
		],
		workflows: [path.join(ROOT, 'workflows/getting-started/customer-waiting-trigger.json')],
		activate: ['tvCustomerWaiting1'],
	});
}, 240_000);

afterAll(async () => {
	const violations = n8n?.networkViolations() ?? [];
	await n8n?.stop();
	await sim?.close();
	expect(violations).toEqual([]);
});

it('fires when the customer of a service case comes online', async () => {
	const [code] = sandbox.openSessionCodes;
	// n8n polls once at activation: that poll only records the current state.
	await until('the activation poll', () => sim.requests.find((call) => call.path === '/api/v1/sessions') ?? undefined, 60_000);
	expect(await n8n.executions('tvCustomerWaiting1')).toEqual([]);

	sim.setSessionOnline(code, true);
	const [execution] = await until(
		'an execution started by the trigger',
		async () => {
			const executions = await n8n.executions('tvCustomerWaiting1');
			return executions.length ? executions : undefined;
		},
		100_000,
	);

	ensure(execution.status === 'success', `execution ended ${execution.status}`, n8n, sim);
	expect(execution.mode).toBe('trigger');
	const output = (node: string) => execution.data.resultData.runData[node][0].data!.main[0]!.map((item) => item.json);
	expect(output('Customer is waiting')).toEqual([expect.objectContaining({ event: 'serviceCaseOnline', code, online: true })]);
	const [message] = output('Message for the technician');
	expect(message.session_code).toBe(code);
	expect(message.message).toContain(`is waiting in TeamViewer session ${code}`);
	expect(message.message).toContain(sim.state.sessions.get(code)!.supporter_link);
	// The state n8n saved with the emitting poll (format 2): the case is among those seen online, keyed by code.
	const stored = (await n8n.workflow('tvCustomerWaiting1')).staticData as { 'node:Customer is waiting': { state: { v: number; online: Record<string, number> } } };
	expect(stored['node:Customer is waiting'].state.v).toBe(2);
	expect(stored['node:Customer is waiting'].state.online[code]).toBeGreaterThan(0);
}, 200_000);
