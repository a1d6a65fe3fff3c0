/**
 * One settings place per ITSM, in a real n8n: every ServiceNow flow's Config node runs the sub-workflow
 * "ServiceNow: settings" (workflows/servicenow/settings.json) by its ID. What an admin meets on the way:
 * the settings flow not imported yet, imported but not published, published, then changed once for
 * every flow. n8n 2.41 runs a published workflow's sub-workflow in its published version, so the flows
 * answer with the reason until it is published, and a changed value reaches every flow once it is.
 * The calls used here are answered by the flows' own request checks (which read the settings), so no
 * ServiceNow or TeamViewer call is needed to tell which settings a flow saw.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { startServiceNowSimulator } from '../simulators/servicenow';
import type { ServiceNowSimulator } from '../simulators/servicenow';
import { basicAuth, eventually, startItsmWorld, stopAll, WEBHOOK_USER, serviceNowCredentials } from './itsm';
import type { ItsmWorld } from './itsm';
import { N8n } from './n8n';
import { ROOT } from './runtime';

const FLOWS = path.join(ROOT, 'workflows/servicenow');
const SETTINGS = path.join(FLOWS, 'settings.json');
const SETTINGS_ID = 'snSettings000001';
const SAY = 'The settings flow "ServiceNow: settings" (workflows/servicenow/settings.json) could not be run: ';
const TODO = ' Import it, publish it, and if n8n gave it a new ID, select it in the Config node of this flow.';

let sn: ServiceNowSimulator;
let world: ItsmWorld;
let n8n: N8n;

async function call(webhookPath: string, body: unknown) {
	return (await n8n.webhook(`servicenow/teamviewer/${webhookPath}`, { body, headers: { Authorization: basicAuth(WEBHOOK_USER) } })) as {
		status: number;
		body: Record<string, unknown>;
	};
}

/** A request every flow refuses (400) after reading `allowedTables` from the settings; the answer names them. */
const outOfScope = { table: 'sys_user', sys_id: '0'.repeat(32), action: 'remote' };

beforeAll(async () => {
	sn = await startServiceNowSimulator({ seed: 'demo' });
	world = await startItsmWorld(() => [sn.proxyRoute]);
	n8n = await N8n.start({
		credentials: [
			...world.credentials,
			...serviceNowCredentials(sn.instance),
		],
		// Every ServiceNow flow but its settings, as after importing the flows first.
		workflows: readdirSync(FLOWS)
			.filter((file) => file.endsWith('.json') && file !== 'settings.json')
			.map((file) => path.join(FLOWS, file)),
		// Published with n8n's CLI, which (unlike the editor) does not check the sub-workflows they call.
		activate: ['snInviteByEmail01', 'snCloseAndLog0001'],
		publishWithCli: true,
		env: world.env,
	});
}, 300_000);

afterAll(async () => {
	expect(await stopAll(n8n, world, sn)).toEqual([]);
});

describe('the ServiceNow settings flow', () => {
	const NOT_PUBLISHED = `${SAY}Workflow is not active and cannot be executed.${TODO}`;

	it('missing: a flow answers 500 saying which settings flow to import and publish, and its execution fails with the same reason', async () => {
		const answer = await call('invite', outOfScope);

		// n8n 2.41 says "not active" for a sub-workflow that does not exist, too.
		expect(answer.status).toBe(500);
		expect(answer.body).toEqual({ error: NOT_PUBLISHED });
		// The answer is sent before the Stop node ends the run: wait for the execution to be saved.
		const run = await eventually('the failed execution', async () => (await n8n.executions('snInviteByEmail01')).find((execution) => execution.status === 'error'));
		expect(run.data.resultData.error?.message).toBe(NOT_PUBLISHED);
		expect(run.data.resultData.lastNodeExecuted).toBe('Stop: settings missing');
		expect(sn.requests).toEqual([]);
		expect(world.tv.requests).toEqual([]);
	});

	it("missing: the editor's Publish refuses a flow that calls it, naming the Config node and the settings flow", async () => {
		expect(await n8n.publish('snPilotInviteSms1')).toEqual({
			status: 400,
			message: `Cannot publish workflow: Node "Config" references workflow ${SETTINGS_ID} which is not published. Please publish all referenced sub-workflows first.`,
		});
	});

	it('imported but not published: the flows still answer with the reason, Publish still refuses them', async () => {
		await n8n.cli(['import:workflow', `--input=${SETTINGS}`]);

		const answer = await call('invite', outOfScope);

		expect(answer.status).toBe(500);
		expect(answer.body).toEqual({ error: NOT_PUBLISHED });
		expect(await n8n.publish('snPilotInviteSms1')).toEqual({
			status: 400,
			message: `Cannot publish workflow: Node "Config" references workflow ${SETTINGS_ID} ("ServiceNow: settings") which is not published. Please publish all referenced sub-workflows first.`,
		});
	});

	it('published: every flow reads its values, the same in each, and the flows that call it can be published', async () => {
		expect(await n8n.publish(SETTINGS_ID)).toMatchObject({ status: 200 });

		const answers = [await call('invite', outOfScope), await call('close', outOfScope)];

		const allowed = '"table" must be one of incident, problem, change_request, sc_req_item, sc_task, task; got "sys_user".';
		expect(answers.map((answer) => [answer.status, answer.body.error])).toEqual([
			[400, allowed],
			[400, allowed],
		]);
		expect(await n8n.publish('snPilotInviteSms1')).toMatchObject({ status: 200 });
		expect((await call('pilot-sms', outOfScope)).body.error).toBe(allowed);
	});

	it('changed once: the flows keep the published values until it is published again, then every flow uses the new one, none of them touched', async () => {
		const callers = ['snInviteByEmail01', 'snCloseAndLog0001', 'snPilotInviteSms1'];
		const versionsBefore = await Promise.all(callers.map(async (id) => (await n8n.workflow(id)).versionId));
		const changeRequest = { ...outOfScope, table: 'change_request' };

		await n8n.saveDraft(SETTINGS_ID, (nodes) => {
			const settings = (nodes.find((node) => node.name === 'Settings')!.parameters as { assignments: { assignments: Array<{ name: string; value: unknown }> } }).assignments.assignments;
			settings.find((setting) => setting.name === 'allowedTables')!.value = 'incident,problem';
		});
		// Saved, not published: change_request is still allowed, so the request passes the table check.
		expect(await call('invite', changeRequest)).toEqual({ status: 404, body: { error: `ServiceNow has no change_request record ${'0'.repeat(32)} that the integration user may read.` } });

		expect(await n8n.publish(SETTINGS_ID)).toMatchObject({ status: 200 });
		const answers = [await call('invite', changeRequest), await call('close', changeRequest), await call('pilot-sms', changeRequest)];

		const allowed = '"table" must be one of incident, problem; got "change_request".';
		expect(answers.map((answer) => [answer.status, answer.body.error])).toEqual([
			[400, allowed],
			[400, allowed],
			[400, allowed],
		]);
		expect(await Promise.all(callers.map(async (id) => (await n8n.workflow(id)).versionId))).toEqual(versionsBefore);
	});
});
