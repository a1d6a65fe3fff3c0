/**
 * `npm start` as a user runs it, for the e2e suites that test the sandbox: scripts/start.sh on free
 * ports with a temporary state folder, its output, its processes (found by the state folder in their
 * environment), and the editor's REST API signed in as the sandbox's owner.
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

import { chromium, type Browser } from 'playwright-core';

import { freePort, quietEnv } from './n8n';
import { packedPackage, ROOT } from './runtime';

export const OWNER = { emailOrLdapLoginId: 'sandbox@example.com', password: 'Sandbox-Passw0rd' };

export interface SandboxPorts {
	n8n: number;
	broker: number;
	/** The TeamViewer sandbox; its SMTP capture listens on the next port. */
	sandbox: number;
	smtp: number;
	/** The OpenAI-compatible model of the AI helpdesk agent (SANDBOX_PORT+2). */
	openai: number;
	console: number;
}

export interface Start {
	process: ChildProcess;
	output(): string;
	exited: Promise<number | null>;
}

async function portIsFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** A free port whose next two ports are free too (the TeamViewer sandbox, its SMTP capture and its OpenAI-compatible model). */
async function freePortPair(): Promise<number> {
	for (;;) {
		const port = await freePort();
		if (port < 65534 && (await portIsFree(port + 1)) && (await portIsFree(port + 2))) return port;
	}
}

export class StartScript {
	private constructor(
		readonly state: string,
		readonly ports: SandboxPorts,
		readonly env: NodeJS.ProcessEnv,
	) {}

	/** Free ports, and the environment a user's shell would give `npm start`, plus the network guard. */
	static async create(state: string): Promise<StartScript> {
		// The test run has built dist/ (the tier's global setup refuses a stale one) and packs it once. Left to
		// itself, the first `npm start` in a new state folder runs `n8n-node build`, which empties and rewrites
		// dist/ while a suite in the other jest worker packs or loads it: on a clean clone CI saw that suite's
		// n8n answer "Unrecognized node type: n8n-nodes-teamviewer.teamViewer". Given the run's tarball (newer
		// than every source), the script finds the pack up to date, as on a user's second start.
		mkdirSync(path.join(state, 'pack'), { recursive: true });
		copyFileSync(packedPackage(), path.join(state, 'pack', path.basename(packedPackage())));
		const sandbox = await freePortPair();
		const ports = { n8n: await freePort(), broker: await freePort(), sandbox, smtp: sandbox + 1, openai: sandbox + 2, console: await freePort() };
		const env = {
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
			SANDBOX_CONSOLE_PORT: String(ports.console),
		};
		return new StartScript(state, ports, env);
	}

	get url(): string {
		return `http://127.0.0.1:${this.ports.n8n}`;
	}

	get consoleUrl(): string {
		return `http://127.0.0.1:${this.ports.console}`;
	}

	/** `npm start` (or scripts/start.sh itself) with the test's ports and state folder. */
	start(how: 'npm' | 'bash', args: string[] = [], extraEnv: NodeJS.ProcessEnv = {}): Start {
		const options = { cwd: ROOT, env: { ...this.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
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

	/** Processes whose environment names this state folder: everything start.sh started. */
	processes(): string[] {
		const found: string[] = [];
		for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
			try {
				const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
				if (!environ.split('\0').includes(`SANDBOX_STATE_DIR=${this.state}`)) continue;
				found.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()}`);
			} catch {
				// gone meanwhile, or not ours to read
			}
		}
		return found;
	}

	/** Nothing of the sandbox is left: no process (after a moment for the last to go) and every port free. */
	async expectAllStopped(): Promise<void> {
		for (let attempt = 0; attempt < 20 && this.processes().length > 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 250));
		expect(this.processes()).toEqual([]);
		for (const port of Object.values(this.ports)) expect(await portIsFree(port)).toBe(true);
	}

	/** Kills what is left, removes the state folder; returns the non-loopback connections attempted (should be none). */
	cleanUp(): string {
		for (const line of this.processes()) process.kill(Number(line.split(' ')[0]), 'SIGKILL');
		const guard = this.env.NETWORK_GUARD_FILE!;
		const violations = existsSync(guard) ? readFileSync(guard, 'utf8').trim() : '';
		rmSync(this.state, { recursive: true, force: true });
		return violations;
	}
}

export async function untilReady(run: Start, timeoutMs = 150_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!run.output().includes('Ctrl-C stops everything')) {
		if (run.process.exitCode !== null) throw new Error(`start.sh ended (${run.process.exitCode}):\n${run.output()}`);
		if (Date.now() > deadline) throw new Error(`no banner after ${timeoutMs / 1000} s:\n${run.output()}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

export async function exitOf(run: Start, timeoutMs = 40_000): Promise<number | null> {
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

/** n8n's REST API as the editor calls it, signed in as the sandbox's owner. */
export class Editor {
	private constructor(
		readonly url: string,
		/** The session cookie, for calls outside /rest (n8n's OAuth2 callback). */
		readonly cookie: string,
	) {}

	static async signIn(url: string): Promise<Editor> {
		const response = await fetch(`${url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		expect(response.status).toBe(200);
		return new Editor(url, response.headers.get('set-cookie')!.split(';')[0]);
	}

	async rest<T = unknown>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
		const response = await fetch(`${this.url}/rest${route}`, {
			method,
			headers: { 'content-type': 'application/json', cookie: this.cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
	}
}

/** Debian's Chromium (scripts/browser.sh installs it when missing), headless. */
export async function launchChromium(): Promise<Browser> {
	const executablePath = process.env.CHROMIUM_PATH || execFileSync('bash', [path.join(ROOT, 'scripts/browser.sh')], { encoding: 'utf8' }).trim();
	return await chromium.launch({
		executablePath,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}

/** Signs the page in to the editor as the sandbox's owner. */
export async function signInPage(page: import('playwright-core').Page, url: string): Promise<void> {
	await page.goto(`${url}/signin`);
	await page.locator('input[type=email]').fill(OWNER.emailOrLdapLoginId);
	await page.locator('input[type=password]').fill(OWNER.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((address) => !address.pathname.startsWith('/signin'));
}

/** The `id` of every flow file in workflows/. */
export function shippedWorkflowIds(): string[] {
	const files: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			if (entry.isDirectory()) walk(path.join(dir, entry.name));
			else if (entry.name.endsWith('.json')) files.push(path.join(dir, entry.name));
		}
	};
	walk(path.join(ROOT, 'workflows'));
	return files.map((file) => (JSON.parse(readFileSync(file, 'utf8')) as { id: string }).id);
}
