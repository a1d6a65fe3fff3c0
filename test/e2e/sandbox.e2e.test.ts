/**
 * `npm start` respects the user (issue #12, point 4): scripts/start.sh, as a user runs it, on free ports
 * with a temporary state folder. A busy port fails at once, before anything is built. The first start
 * creates the sandbox; a second start keeps what the user did in the editor (an edited flow, a deleted
 * flow, the OAuth2 connection) and imports only a flow the sandbox never had; `--reset` starts over.
 * SIGTERM or SIGINT to `npm start`, or a part dying, stops every process it started: no process left,
 * every port free again. A TeamViewer node added fresh in the editor (headless Chromium) gets the
 * working script-token credential.
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { freePort, quietEnv } from './n8n';
import { ROOT } from './runtime';

const OWNER = { emailOrLdapLoginId: 'sandbox@example.com', password: 'Sandbox-Passw0rd' };
const NODE_TYPE = 'n8n-nodes-teamviewer.teamViewer';
const NOT_CONNECTED = 'Connect this credential first: open it and press Connect';

const state = mkdtempSync(path.join(tmpdir(), 'sandbox-e2e-'));
let ports: { n8n: number; broker: number; sandbox: number };
let env: NodeJS.ProcessEnv;

interface Start {
	process: ChildProcess;
	output(): string;
	exited: Promise<number | null>;
}

/** `npm start` (or scripts/start.sh itself) with the test's ports and state folder. */
function start(how: 'npm' | 'bash', args: string[] = [], extraEnv: NodeJS.ProcessEnv = {}): Start {
	const options = { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
	const child =
		how === 'npm'
			? spawn('npm', ['start', '--silent', ...(args.length ? ['--', ...args] : [])], options)
			: spawn('bash', [path.join(ROOT, 'scripts/start.sh'), ...args], options);
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	return { process: child, output: () => output.replace(/\x1b\[[0-9;]*m/g, ''), exited };
}

async function untilReady(run: Start, timeoutMs = 150_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!run.output().includes('Ctrl-C stops everything')) {
		if (run.process.exitCode !== null) throw new Error(`start.sh ended (${run.process.exitCode}):\n${run.output()}`);
		if (Date.now() > deadline) throw new Error(`no banner after ${timeoutMs / 1000} s:\n${run.output()}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

async function exitOf(run: Start, timeoutMs = 40_000): Promise<number | null> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`start.sh still running after ${timeoutMs / 1000} s:\n${run.output()}`)), timeoutMs);
	});
	try {
		return await Promise.race([run.exited, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** Processes whose environment names this test's state folder: everything start.sh started. */
function sandboxProcesses(): string[] {
	const found: string[] = [];
	for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
		try {
			const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
			if (!environ.split('\0').includes(`SANDBOX_STATE_DIR=${state}`)) continue;
			found.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()}`);
		} catch {
			// gone meanwhile, or not ours to read
		}
	}
	return found;
}

async function portIsFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** Nothing of the sandbox is left: no process (after a moment for the last to go) and every port free. */
async function expectAllStopped(): Promise<void> {
	for (let attempt = 0; attempt < 20 && sandboxProcesses().length > 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 250));
	expect(sandboxProcesses()).toEqual([]);
	for (const port of Object.values(ports)) expect(await portIsFree(port)).toBe(true);
}

class Editor {
	private constructor(private readonly cookie: string) {}

	static async signIn(): Promise<Editor> {
		const response = await fetch(`${url()}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		expect(response.status).toBe(200);
		return new Editor(response.headers.get('set-cookie')!.split(';')[0]);
	}

	async rest<T = unknown>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
		const response = await fetch(`${url()}/rest${route}`, {
			method,
			headers: { 'content-type': 'application/json', cookie: this.cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
	}

	/** The service-case group list of a TeamViewer node, as the editor asks for it. */
	async listGroups(credential: 'teamViewerApi' | 'teamViewerOAuth2Api') {
		const [id, name] =
			credential === 'teamViewerApi' ? ['tvSandboxToken01', 'TeamViewer Sandbox'] : ['tvSandboxOAuth01', 'TeamViewer Sandbox (OAuth2)'];
		return await this.rest<{ data?: { results: Array<{ name: string }> }; message?: string }>('POST', '/dynamic-node-parameters/resource-locator-results', {
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
	async connectOAuth2(): Promise<void> {
		const auth = await this.rest<{ data: string }>('GET', '/oauth2-credential/auth?id=tvSandboxOAuth01');
		expect(auth.status).toBe(200);
		const consent = await fetch(auth.body.data, { redirect: 'manual' });
		const callback = consent.headers.get('location')!;
		expect(callback).toContain(`${url()}/rest/oauth2-credential/callback`);
		const done = await fetch(callback, { headers: { cookie: this.cookie } });
		expect(done.status).toBe(200);
	}
}

/**
 * In headless Chromium: for each of `picks` (a trigger event or an action), a new workflow, the
 * TeamViewer entry of the node panel, then the pick; returns the credential each node's dialog shows.
 */
async function credentialsOfFreshNodes(picks: string[]): Promise<string[]> {
	const executablePath = process.env.CHROMIUM_PATH || execFileSync('bash', [path.join(ROOT, 'scripts/browser.sh')], { encoding: 'utf8' }).trim();
	const browser = await chromium.launch({
		executablePath,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		const byTestId = (id: string) => `[data-test-id="${id}"]`;
		await page.goto(`${url()}/signin`);
		await page.locator('input[type=email]').fill(OWNER.emailOrLdapLoginId);
		await page.locator('input[type=password]').fill(OWNER.password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL((address) => !address.pathname.startsWith('/signin'));
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

const url = () => `http://127.0.0.1:${ports.n8n}`;
const marker = () => path.join(state, 'n8n/sandbox-imported');
const shippedWorkflows = () => {
	const files: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			if (entry.isDirectory()) walk(path.join(dir, entry.name));
			else if (entry.name.endsWith('.json')) files.push(path.join(dir, entry.name));
		}
	};
	walk(path.join(ROOT, 'workflows'));
	return files.map((file) => (JSON.parse(readFileSync(file, 'utf8')) as { id: string }).id);
};

beforeAll(async () => {
	ports = { n8n: await freePort(), broker: await freePort(), sandbox: await freePort() };
	env = {
		...process.env,
		...quietEnv(),
		// jest sets NODE_ENV=test, which n8n reads as "running n8n's own test suite".
		NODE_ENV: 'production',
		NODE_OPTIONS: `--require ${path.join(__dirname, 'networkGuard.cjs')}`,
		NETWORK_GUARD_FILE: path.join(state, 'network-violations.log'),
		npm_config_update_notifier: 'false',
		SANDBOX_STATE_DIR: state,
		N8N_PORT: String(ports.n8n),
		N8N_RUNNERS_BROKER_PORT: String(ports.broker),
		SANDBOX_PORT: String(ports.sandbox),
	};
});

afterAll(() => {
	for (const line of sandboxProcesses()) process.kill(Number(line.split(' ')[0]), 'SIGKILL');
	const violations = existsSync(env.NETWORK_GUARD_FILE!) ? readFileSync(env.NETWORK_GUARD_FILE!, 'utf8').trim() : '';
	rmSync(state, { recursive: true, force: true });
	expect(violations).toBe('');
});

describe('ports', () => {
	it.each([
		['N8N_PORT', 'n8n (editor and webhooks)'],
		['N8N_RUNNERS_BROKER_PORT', "n8n's task-runner broker"],
		['SANDBOX_PORT', 'the TeamViewer sandbox'],
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
		expect(existsSync(path.join(state, 'pack'))).toBe(false);
	});
});

describe('a sandbox that respects the user', () => {
	let editor: Editor;

	it('the first start creates the sandbox: credentials, every flow, an import marker', async () => {
		const run = start('npm');
		await untilReady(run);

		expect(run.output()).toContain('importing the sandbox credentials');
		expect(run.output()).toContain(`importing ${shippedWorkflows().length} workflows`);
		const listed = readFileSync(marker(), 'utf8');
		for (const id of shippedWorkflows()) expect(listed).toMatch(new RegExp(`^workflow ${id} `, 'm'));
		expect(listed).toContain(`sandbox_port ${ports.sandbox}`);
		expect(existsSync(path.join(state, 'import/credentials.json'))).toBe(false);

		// A TeamViewer node or trigger added fresh gets the working script token, not the unconnected OAuth2 one.
		expect(await credentialsOfFreshNodes(['Get the account', 'On connection report added'])).toEqual(['TeamViewer Sandbox', 'TeamViewer Sandbox']);

		editor = await Editor.signIn();
		// n8n's editor picks the newest credential of either type: the script token is.
		const credentials = await editor.rest<{ data: Array<{ id: string; updatedAt: string }> }>('GET', '/credentials');
		const updated = Object.fromEntries(credentials.body.data.map((credential) => [credential.id, Date.parse(credential.updatedAt)]));
		expect(updated.tvSandboxToken01).toBeGreaterThan(updated.tvSandboxOAuth01);
		expect((await editor.listGroups('teamViewerApi')).body.data?.results.length).toBeGreaterThan(0);

		// The OAuth2 credential is not connected yet: the list says what to do.
		const unconnected = await editor.listGroups('teamViewerOAuth2Api');
		expect(JSON.stringify(unconnected.body)).toContain(NOT_CONNECTED);
		expect(JSON.stringify(unconnected.body)).not.toContain('Unable to sign');

		// The user connects it, edits a flow and deletes two.
		await editor.connectOAuth2();
		expect((await editor.listGroups('teamViewerOAuth2Api')).body.data?.results.length).toBeGreaterThan(0);
		const renamed = await editor.rest('PATCH', '/workflows/tvTourManual0001', { name: 'My tour (edited)' });
		expect(renamed.status).toBe(200);
		for (const id of ['tvOAuthCheck0001', 'tvCaseActivity01']) {
			expect((await editor.rest('POST', `/workflows/${id}/archive`)).status).toBe(200);
			expect((await editor.rest('DELETE', `/workflows/${id}`)).status).toBe(200);
		}

		// SIGTERM to `npm start` stops everything it started.
		run.process.kill('SIGTERM');
		expect(await exitOf(run)).not.toBe(0);
		expect(run.output()).toContain('stopping');
		await expectAllStopped();

		// As if tvCaseActivity01's file had been added to workflows/ after the sandbox was created.
		writeFileSync(marker(), readFileSync(marker(), 'utf8').replace(/^workflow tvCaseActivity01 .*\n/m, ''));
	}, 200_000);

	it('a second start keeps the edits and the OAuth2 connection, and imports only a flow it never had', async () => {
		const run = start('bash');
		await untilReady(run, 120_000);

		expect(run.output()).toContain('keeping this sandbox');
		expect(run.output()).not.toContain('importing the sandbox credentials');
		expect(run.output()).toContain('the OAuth2 connection made in the editor is kept');
		expect(run.output()).toMatch(/importing 1 workflow file\(s\) added to workflows\/ since this sandbox was created: workflows\/\S+\.json/);
		expect(run.output()).toContain('the pack is up to date');

		editor = await Editor.signIn();
		expect((await editor.rest<{ data: { name: string } }>('GET', '/workflows/tvTourManual0001')).body.data.name).toBe('My tour (edited)');
		expect((await editor.rest('GET', '/workflows/tvOAuthCheck0001')).status).toBe(404);
		expect((await editor.rest('GET', '/workflows/tvCaseActivity01')).status).toBe(200);
		expect((await editor.listGroups('teamViewerOAuth2Api')).body.data?.results.length).toBeGreaterThan(0);

		// A part dying (here the TeamViewer sandbox) stops the rest.
		const simulator = sandboxProcesses().find((line) => line.includes('test/simulators/teamviewer/cli.ts'))!;
		process.kill(Number(simulator.split(' ')[0]), 'SIGKILL');
		expect(await exitOf(run)).toBe(1);
		expect(run.output()).toContain('the TeamViewer sandbox stopped');
		await expectAllStopped();
	}, 180_000);

	it('--reset creates the sandbox again from the repository, and SIGINT stops it', async () => {
		const run = start('npm', ['--reset']);
		await untilReady(run, 120_000);

		expect(run.output()).toContain("removing the sandbox's n8n data");
		expect(run.output()).toContain('importing the sandbox credentials');
		expect(run.output()).toContain(`importing ${shippedWorkflows().length} workflows`);
		editor = await Editor.signIn();
		expect((await editor.rest<{ data: { name: string } }>('GET', '/workflows/tvTourManual0001')).body.data.name).toBe('TeamViewer: tour of every resource');
		expect((await editor.rest('GET', '/workflows/tvOAuthCheck0001')).status).toBe(200);
		expect(JSON.stringify((await editor.listGroups('teamViewerOAuth2Api')).body)).toContain(NOT_CONNECTED);

		run.process.kill('SIGINT');
		expect(await exitOf(run)).not.toBe(0);
		await expectAllStopped();
	}, 150_000);
});
