/**
 * `npm start` respects the user (issue #12, point 4): scripts/start.sh, as a user runs it, on free ports
 * with a temporary state folder. A busy port fails at once, before anything is built. The first start
 * creates the sandbox; a second start keeps what the user did in the editor (an edited flow, a deleted
 * flow, the OAuth2 connection) and imports only a flow the sandbox never had; `--reset` starts over.
 * SIGTERM or SIGINT to `npm start`, or a part dying, stops every process it started: no process left,
 * every port free again. A TeamViewer node added fresh in the editor (headless Chromium) gets the
 * working script-token credential.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Editor, exitOf, launchChromium, shippedWorkflowIds, signInPage, StartScript, untilReady, type Start } from './startScript';

const NODE_TYPE = 'n8n-nodes-teamviewer.teamViewer';
const NOT_CONNECTED = 'Connect this credential first: open it and press Connect';
const CREDENTIALS = { teamViewerApi: ['tvSandboxToken01', 'TeamViewer'], teamViewerOAuth2Api: ['tvSandboxOAuth01', 'TeamViewer (OAuth2)'] } as const;

let sandbox: StartScript;
const start = (how: 'npm' | 'bash', args: string[] = [], extraEnv: NodeJS.ProcessEnv = {}): Start => sandbox.start(how, args, extraEnv);
const url = () => sandbox.url;
const marker = () => path.join(sandbox.state, 'n8n/sandbox-imported');
const shippedWorkflows = shippedWorkflowIds;

/** The service-case group list of a TeamViewer node, as the editor asks for it. */
async function listGroups(editor: Editor, credential: keyof typeof CREDENTIALS) {
	const [id, name] = CREDENTIALS[credential];
	return await editor.rest<{ data?: { results: Array<{ name: string }> }; message?: string }>('POST', '/dynamic-node-parameters/resource-locator-results', {
		path: 'parameters.groupId',
		nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
		methodName: 'searchGroups',
		currentNodeParameters: {
			authentication: credential === 'teamViewerApi' ? 'accessToken' : 'oAuth2',
			resource: 'session',
			operation: 'create',
		},
		credentials: { [credential]: { id, name } },
	});
}

/** Connect in the credential dialog: n8n's authorize URL, the sandbox's consent, n8n's callback. */
async function connectOAuth2(editor: Editor): Promise<void> {
	const auth = await editor.rest<{ data: string }>('GET', '/oauth2-credential/auth?id=tvSandboxOAuth01');
	expect(auth.status).toBe(200);
	const consent = await fetch(auth.body.data, { redirect: 'manual' });
	const callback = consent.headers.get('location')!;
	expect(callback).toContain(`${url()}/rest/oauth2-credential/callback`);
	const done = await fetch(callback, { headers: { cookie: editor.cookie } });
	expect(done.status).toBe(200);
}

/**
 * In headless Chromium: for each of `picks` (a trigger event or an action), a new workflow, the
 * TeamViewer entry of the node panel, then the pick; returns the credential each node's dialog shows.
 */
async function credentialsOfFreshNodes(picks: string[]): Promise<string[]> {
	const browser = await launchChromium();
	try {
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		const byTestId = (id: string) => `[data-test-id="${id}"]`;
		await signInPage(page, url());
		const chosen: string[] = [];
		for (const pick of picks) {
			await page.goto(`${url()}/workflow/new`);
			await page.locator(byTestId('node-creator-plus-button')).click();
			await page.locator(byTestId('node-creator-search-bar')).waitFor();
			await page.keyboard.type('TeamViewer');
			await page.locator(byTestId('node-creator-item-name'), { hasText: 'TeamViewer' }).first().click();
			if (!pick.startsWith('On ')) await page.getByText(/^Actions \(\d+\)$/).click();
			await page.getByText(pick, { exact: true }).click();
			const selected = page.locator(`${byTestId('node-credentials-select')} input`);
			await selected.waitFor();
			let value = '';
			for (let attempt = 0; attempt < 50 && !value; attempt++) {
				value = await selected.inputValue();
				if (!value) await page.waitForTimeout(100);
			}
			chosen.push(value);
		}
		return chosen;
	} finally {
		await browser.close();
	}
}

/** The pack folder as StartScript left it: file names and times. */
let seededPack: Array<[string, number]>;

beforeAll(async () => {
	sandbox = await StartScript.create(mkdtempSync(path.join(tmpdir(), 'sandbox-e2e-')));
	const pack = path.join(sandbox.state, 'pack');
	seededPack = readdirSync(pack).map((file) => [file, statSync(path.join(pack, file)).mtimeMs]);
});

afterAll(() => {
	expect(sandbox.cleanUp()).toBe('');
});

describe('ports', () => {
	it.each([
		['N8N_PORT', 'n8n (editor and webhooks)'],
		['N8N_RUNNERS_BROKER_PORT', "n8n's task-runner broker"],
		['SANDBOX_PORT', 'the TeamViewer sandbox'],
		['SANDBOX_CONSOLE_PORT', 'the sandbox console'],
	])('a busy %s fails at once, naming port and variable, before anything is built', async (variable, what) => {
		const busy: Server = createServer();
		const port = await new Promise<number>((resolve) => busy.listen(0, '127.0.0.1', () => resolve((busy.address() as { port: number }).port)));
		const before = Date.now();
		try {
			const blocked = start('bash', [], { [variable]: String(port) });

			expect(await exitOf(blocked, 15_000)).toBe(1);
			expect(Date.now() - before).toBeLessThan(10_000);
			expect(blocked.output()).toContain(`port ${port} (${what}) is in use`);
			expect(blocked.output()).toContain(`set ${variable} to a free port`);
			expect(blocked.output()).not.toMatch(/building|installing|starting/);
		} finally {
			busy.close();
		}
		// Only the tarball StartScript gave the state folder, as it was: nothing built or packed.
		const pack = path.join(sandbox.state, 'pack');
		expect(readdirSync(pack).map((file) => [file, statSync(path.join(pack, file)).mtimeMs])).toEqual(seededPack);
		expect(existsSync(path.join(sandbox.state, 'n8n'))).toBe(false);
	});
});

describe('a sandbox that respects the user', () => {
	let editor: Editor;

	it('the first start creates the sandbox: credentials, every flow, an import marker', async () => {
		const run = start('npm');
		await untilReady(run);

		expect(run.output()).toMatch(/importing \d+ credentials \(TeamViewer, each ITSM, SMTP, Twilio\)/);
		expect(run.output()).toContain(`importing ${shippedWorkflows().length} workflows`);
		const listed = readFileSync(marker(), 'utf8');
		for (const id of shippedWorkflows()) expect(listed).toMatch(new RegExp(`^workflow ${id} `, 'm'));
		expect(listed).toContain(`sandbox_port ${sandbox.ports.sandbox}`);
		expect(existsSync(path.join(sandbox.state, 'import/credentials.json'))).toBe(false);

		// A TeamViewer node or trigger added fresh gets the working script token, not the unconnected OAuth2 one.
		expect(await credentialsOfFreshNodes(['Get the account', 'On connection report added'])).toEqual(['TeamViewer', 'TeamViewer']);

		editor = await Editor.signIn(url());
		// n8n's editor picks the newest credential of either type: the script token is.
		const credentials = await editor.rest<{ data: Array<{ id: string; updatedAt: string }> }>('GET', '/credentials');
		const updated = Object.fromEntries(credentials.body.data.map((credential) => [credential.id, Date.parse(credential.updatedAt)]));
		expect(updated.tvSandboxToken01).toBeGreaterThan(updated.tvSandboxOAuth01);
		expect((await listGroups(editor, 'teamViewerApi')).body.data?.results.length).toBeGreaterThan(0);

		// The AI helpdesk agent's chat is published, and its model is the sandbox's scripted one (SANDBOX_PORT+2).
		const agent = await fetch(`${url()}/webhook/9b3f6c2e-5d41-4a8e-b7c2-1f0e4d6a9c31/chat`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('helpdesk:sandbox-agent-chat').toString('base64')}` },
			body: JSON.stringify({ action: 'sendMessage', sessionId: 'sandbox-e2e', chatInput: 'find device SRV-DB-01' }),
		});
		expect(agent.status).toBe(200);
		expect(((await agent.json()) as { output: string }).output).toMatch(/^SRV-DB-01 is device \S+, TeamViewer ID \d+, \w+\.$/);

		// The OAuth2 credential is not connected yet: the list says what to do.
		const unconnected = await listGroups(editor, 'teamViewerOAuth2Api');
		expect(JSON.stringify(unconnected.body)).toContain(NOT_CONNECTED);
		expect(JSON.stringify(unconnected.body)).not.toContain('Unable to sign');

		// The user connects it, edits a flow and deletes two.
		await connectOAuth2(editor);
		expect((await listGroups(editor, 'teamViewerOAuth2Api')).body.data?.results.length).toBeGreaterThan(0);
		const renamed = await editor.rest('PATCH', '/workflows/tvTourManual0001', { name: 'My tour (edited)' });
		expect(renamed.status).toBe(200);
		// It also unpublishes a flow the sandbox published.
		expect((await editor.rest<{ data: { active: boolean } }>('GET', '/workflows/tvCustomerWaiting1')).body.data.active).toBe(true);
		expect((await editor.rest('POST', '/workflows/tvCustomerWaiting1/deactivate', {})).status).toBe(200);
		for (const id of ['tvOAuthCheck0001', 'tvCaseActivity01']) {
			const { body } = await editor.rest<{ data: { active: boolean } }>('GET', `/workflows/${id}`);
			if (body.data.active) expect((await editor.rest('POST', `/workflows/${id}/deactivate`, {})).status).toBe(200);
			expect((await editor.rest('POST', `/workflows/${id}/archive`)).status).toBe(200);
			expect((await editor.rest('DELETE', `/workflows/${id}`)).status).toBe(200);
		}

		// SIGTERM to `npm start` stops everything it started.
		run.process.kill('SIGTERM');
		expect(await exitOf(run)).not.toBe(0);
		expect(run.output()).toContain('stopping');
		await sandbox.expectAllStopped();

		// As if tvCaseActivity01's file had been added to workflows/ after the sandbox was created.
		writeFileSync(marker(), readFileSync(marker(), 'utf8').replace(/^workflow tvCaseActivity01 .*\n/m, '').replace(/^published tvCaseActivity01\n/m, ''));
	}, 200_000);

	it('a second start keeps the edits and the OAuth2 connection, and imports only a flow it never had', async () => {
		const run = start('bash');
		await untilReady(run, 120_000);

		expect(run.output()).toContain('keeping this sandbox');
		expect(run.output()).not.toMatch(/importing \d+ credential/);
		expect(run.output()).toContain('the OAuth2 connection made in the editor is kept');
		expect(run.output()).toMatch(/importing 1 workflow file\(s\) added to workflows\/ since this sandbox was created: workflows\/\S+\.json/);
		expect(run.output()).toContain('the pack is up to date');

		editor = await Editor.signIn(url());
		expect((await editor.rest<{ data: { name: string } }>('GET', '/workflows/tvTourManual0001')).body.data.name).toBe('My tour (edited)');
		expect((await editor.rest('GET', '/workflows/tvOAuthCheck0001')).status).toBe(404);
		// The new flow is imported and published; the flow the user unpublished stays unpublished.
		const added = await editor.rest<{ data: { active: boolean } }>('GET', '/workflows/tvCaseActivity01');
		expect(added.status).toBe(200);
		expect(added.body.data.active).toBe(true);
		expect((await editor.rest<{ data: { active: boolean } }>('GET', '/workflows/tvCustomerWaiting1')).body.data.active).toBe(false);
		expect(run.output()).toContain('published 1 flow(s)');
		expect((await listGroups(editor, 'teamViewerOAuth2Api')).body.data?.results.length).toBeGreaterThan(0);

		// A part dying (here the sandbox of simulators) stops the rest.
		const simulator = sandbox.processes().find((line) => line.includes('test/simulators/sandbox/cli.ts'))!;
		process.kill(Number(simulator.split(' ')[0]), 'SIGKILL');
		expect(await exitOf(run)).toBe(1);
		expect(run.output()).toContain('the sandbox stopped');
		await sandbox.expectAllStopped();
	}, 180_000);

	it('--reset creates the sandbox again from the repository, and SIGINT stops it', async () => {
		const run = start('npm', ['--reset']);
		await untilReady(run, 120_000);

		expect(run.output()).toContain("removing the sandbox's n8n data");
		expect(run.output()).toMatch(/importing \d+ credentials \(TeamViewer, each ITSM, SMTP, Twilio\)/);
		expect(run.output()).toContain(`importing ${shippedWorkflows().length} workflows`);
		editor = await Editor.signIn(url());
		expect((await editor.rest<{ data: { name: string } }>('GET', '/workflows/tvTourManual0001')).body.data.name).toBe('TeamViewer: tour of every resource');
		expect((await editor.rest('GET', '/workflows/tvOAuthCheck0001')).status).toBe(200);
		expect(JSON.stringify((await listGroups(editor, 'teamViewerOAuth2Api')).body)).toContain(NOT_CONNECTED);

		run.process.kill('SIGINT');
		expect(await exitOf(run)).not.toBe(0);
		await sandbox.expectAllStopped();
	}, 150_000);
});
