/**
 * A real n8n process for end-to-end tests: a throw-away user folder, the packed pack installed the
 * way n8n's community-package installer lays it out, credentials and the shipped workflow files
 * imported unmodified through n8n's own CLI, then `n8n start` on free loopback ports.
 */
import type { ChildProcess } from 'node:child_process';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import type { IDataObject, IRunExecutionData } from 'n8n-workflow';

import { n8nRuntime, packedPackage } from './runtime';

const run = promisify(execFile);
const QUEUE_SERVICES = path.resolve(__dirname, '../../scripts/queue-services.sh');

/** Starts PostgreSQL and Redis (scripts/queue-services.sh, data in `dir`) and returns n8n's queue-mode environment. */
export function startQueueServices(dir: string): Record<string, string> {
	const output = execFileSync('bash', [QUEUE_SERVICES, 'start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	const values = Object.fromEntries(output.trim().split('\n').map((line) => line.split('=') as [string, string]));
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: values.QUEUE_PG_PORT,
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: values.QUEUE_REDIS_PORT,
	};
}

export interface CredentialFile {
	id: string;
	name: string;
	type: string;
	data: IDataObject;
}

export interface N8nOptions {
	credentials: CredentialFile[];
	/** Workflow files as shipped (paths), imported unmodified. */
	workflows: string[];
	/** Workflow ids to publish once the server has started, in this order (sub-workflows first). */
	activate?: string[];
	/**
	 * Publish `activate` with `n8n publish:workflow` before the start instead, as an admin's script would:
	 * unlike the editor it does not check that the sub-workflows a flow calls are published.
	 */
	publishWithCli?: boolean;
	/** Extra environment for the n8n processes (e.g. HTTPS_PROXY towards the ITSM simulators). */
	env?: Record<string, string>;
	/**
	 * n8n's queue mode: PostgreSQL and Redis (scripts/queue-services.sh, processes of this test), one
	 * main and `workers` worker processes, each with its own user folder holding its own copy of the
	 * pack, as on separate machines.
	 */
	queue?: { workers: number; concurrency?: number };
}

interface Worker {
	index: number;
	process: ChildProcess;
	log: string;
}

export interface CliExecution {
	exitCode: number;
	status: string;
	data: IRunExecutionData;
	/** Output items' json of a node, first run, first output. */
	output(node: string): IDataObject[];
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export const OWNER = { email: 'e2e@example.com', firstName: 'End', lastName: 'ToEnd', password: 'E2e-Passw0rd!' };

export class N8n {
	private process?: ChildProcess;
	private log = '';
	private apiKey = '';
	private cookie = '';
	private readonly workers: Worker[] = [];
	private queueDir?: string;

	private constructor(
		readonly userFolder: string,
		readonly port: number,
		private readonly env: NodeJS.ProcessEnv,
	) {}

	/** The main n8n process (benchmarks read its memory from /proc). */
	get pid(): number | undefined {
		return this.process?.pid;
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	static async start(options: N8nOptions): Promise<N8n> {
		const runtime = n8nRuntime();
		const userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-e2e-'));
		const port = await freePort();
		const env: NodeJS.ProcessEnv = {
			...process.env,
			...quietEnv(),
			// jest sets NODE_ENV=test, which n8n reads as "running n8n's own test suite".
			NODE_ENV: 'production',
			PATH: `${runtime.nodeBin}:${process.env.PATH}`,
			NODE_OPTIONS: `--require ${path.join(__dirname, 'networkGuard.cjs')}`,
			NETWORK_GUARD_FILE: path.join(userFolder, 'network-violations.log'),
			N8N_USER_FOLDER: userFolder,
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...options.env,
		};
		const n8n = new N8n(userFolder, port, env);
		try {
			if (options.queue) Object.assign(env, n8n.startQueueServices());
			n8n.installPack(userFolder);
			await n8n.importFiles(options);
			const publishNow = options.publishWithCli ? (options.activate ?? []) : [];
			for (const id of publishNow) await n8n.cli(['publish:workflow', `--id=${id}`]);
			await n8n.serve();
			for (let index = 0; index < (options.queue?.workers ?? 0); index++) {
				await n8n.startWorker(index, options.queue?.concurrency ?? 10);
			}
			// n8n 2.41 applies a CLI publication asynchronously (an outbox drained after start): until it has, a
			// sub-workflow such as an ITSM's settings flow answers "not active" to the flows that call it.
			for (const id of publishNow) await n8n.publication(id);
			// Otherwise published the way the editor's Publish button does, in the order given (sub-workflows
			// such as an ITSM's settings flow first), each waited for until n8n has applied it. An `n8n
			// publish:workflow` before the start costs a whole CLI start (~5 s here), 33 of them across the suites.
			for (const id of options.publishWithCli ? [] : (options.activate ?? [])) {
				const published = await n8n.publish(id);
				if (published.status !== 200) throw new Error(`publishing ${id} failed (${published.status}): ${published.message}`);
			}
		} catch (error) {
			await n8n.stop();
			throw error;
		}
		return n8n;
	}

	private startQueueServices(): Record<string, string> {
		this.queueDir = path.join(this.userFolder, 'queue');
		return {
			...startQueueServices(this.queueDir),
			// Workers report to main on their own; main does not run executions itself.
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		};
	}

	/** `n8n worker` with its own user folder and its own copy of the pack, as on another machine. */
	private async startWorker(index: number, concurrency: number): Promise<void> {
		const { n8nBin } = n8nRuntime();
		const folder = path.join(this.userFolder, `worker-${index}`);
		mkdirSync(folder, { recursive: true });
		this.installPack(folder);
		const healthPort = await freePort();
		const env = {
			...this.env,
			N8N_USER_FOLDER: folder,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			NETWORK_GUARD_FILE: path.join(this.userFolder, 'network-violations.log'),
		};
		const child = spawn('node', [n8nBin, 'worker', `--concurrency=${concurrency}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		const worker: Worker = { index, process: child, log: '' };
		const append = (chunk: Buffer) => {
			worker.log = (worker.log + chunk.toString()).slice(-2_000_000);
		};
		child.stdout!.on('data', append);
		child.stderr!.on('data', append);
		this.workers.push(worker);
		const deadline = Date.now() + 90_000;
		for (;;) {
			if (child.exitCode !== null) throw new Error(`n8n worker ${index} exited (${child.exitCode}):\n${worker.log.slice(-4000)}`);
			const ready = await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`).then((r) => r.ok, () => false);
			if (ready) return;
			if (Date.now() > deadline) throw new Error(`n8n worker ${index} did not become ready:\n${worker.log.slice(-4000)}`);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}

	/** Execution ids each worker ran, from its own log ("Worker started execution N"). */
	executionsPerWorker(): number[][] {
		return this.workers.map((worker) => [...worker.log.matchAll(/Worker started execution (\d+)/g)].map((match) => Number(match[1])));
	}

	private installPack(userFolder: string): void {
		const nodesDir = path.join(userFolder, '.n8n/nodes');
		const target = path.join(nodesDir, 'node_modules/n8n-nodes-teamviewer');
		mkdirSync(target, { recursive: true });
		const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
		writeFileSync(
			path.join(nodesDir, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [manifest.name]: manifest.version } }),
		);
		// The package has no dependencies, so unpacking it is what `npm install <tgz>` would leave.
		execFileSync('tar', ['-xzf', packedPackage(), '--strip-components=1', '-C', target]);
	}

	private async importFiles({ credentials, workflows }: N8nOptions): Promise<void> {
		const staging = path.join(this.userFolder, 'import');
		mkdirSync(path.join(staging, 'workflows'), { recursive: true });
		writeFileSync(path.join(staging, 'credentials.json'), JSON.stringify(credentials));
		workflows.forEach((file, index) =>
			writeFileSync(path.join(staging, 'workflows', `${index}-${path.basename(file)}`), readFileSync(file)),
		);
		await this.cli(['import:credentials', `--input=${path.join(staging, 'credentials.json')}`]);
		if (workflows.length) {
			await this.cli(['import:workflow', '--separate', `--input=${path.join(staging, 'workflows')}`]);
		}
	}

	/**
	 * Runs an n8n CLI command in this instance's user folder, with its own task-broker port. A port found free
	 * can be taken before n8n binds it (another suite's connections use the same ephemeral range): when n8n
	 * says so, the command runs again on another port, up to three times.
	 */
	async cli(args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
		const { n8nBin } = n8nRuntime();
		for (let attempt = 1; ; attempt++) {
			const env = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
			try {
				const { stdout, stderr } = await run('node', [n8nBin, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
				return { stdout, stderr, exitCode: 0 };
			} catch (error) {
				const failed = error as { stdout?: string; stderr?: string; code?: number };
				if (attempt < 3 && /Task Broker's port \d+ is already in use/.test(`${failed.stdout}${failed.stderr}`)) continue;
				if (args[0] === 'execute' && failed.stdout) {
					return { stdout: failed.stdout, stderr: failed.stderr ?? '', exitCode: failed.code ?? 1 };
				}
				throw new Error(`n8n ${args.join(' ')} failed (${failed.code}):\n${failed.stderr ?? ''}\n${failed.stdout ?? ''}`);
			}
		}
	}

	/** `n8n execute --id` (manual workflows), read from the JSON n8n prints. */
	async execute(workflowId: string): Promise<CliExecution> {
		const { stdout, exitCode } = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		const start = stdout.search(/^\{$/m);
		if (start < 0) throw new Error(`n8n execute printed no result:\n${stdout.slice(-4000)}`);
		let result: { status: string; data: IRunExecutionData };
		try {
			// The result object ends at the first "}" in column 0; n8n may print an error report after it.
			const end = stdout.slice(start).search(/^\}$/m);
			result = JSON.parse(stdout.slice(start, end < 0 ? undefined : start + end + 1)) as { status: string; data: IRunExecutionData };
		} catch (error) {
			const position = Number(/position (\d+)/.exec(String(error))?.[1] ?? 0);
			throw new Error(`n8n execute printed more than its result (${String(error)}):\n${stdout.slice(start + position - 200, start + position + 800)}`);
		}
		return {
			exitCode,
			status: result.status,
			data: result.data,
			output: (node) =>
				(result.data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json),
		};
	}

	/** Stops n8n and starts it again on the same database and port, as an admin's restart would. */
	async restart(): Promise<void> {
		await this.kill();
		this.log = '';
		await this.serve(false);
	}

	private async serve(firstStart = true): Promise<void> {
		const { n8nBin } = n8nRuntime();
		this.process = spawn('node', [n8nBin, 'start'], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
		const append = (chunk: Buffer) => {
			this.log = (this.log + chunk.toString()).slice(-200_000);
		};
		this.process.stdout!.on('data', append);
		this.process.stderr!.on('data', append);
		const deadline = Date.now() + 90_000;
		while (!/Editor is now accessible/.test(this.log)) {
			if (this.process.exitCode !== null) throw new Error(`n8n exited (${this.process.exitCode}): ${this.logTail()}`);
			if (Date.now() > deadline) throw new Error(`n8n did not become ready:\n${this.logTail()}`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		if (firstStart) await this.setupOwner();
	}

	private async setupOwner(): Promise<void> {
		const setup = await fetch(`${this.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		const cookie = setup.headers.get('set-cookie')?.split(';')[0] ?? '';
		const key = await fetch(`${this.url}/rest/api-keys`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie },
			body: JSON.stringify({
				label: 'e2e',
				expiresAt: null,
				scopes: ['workflow:read', 'workflow:list', 'execution:read', 'execution:list'],
			}),
		});
		const body = (await key.json()) as { data?: { rawApiKey?: string } };
		if (!body.data?.rawApiKey) throw new Error(`Could not create an API key (${key.status})`);
		this.apiKey = body.data.rawApiKey;
	}

	/** Calls a production webhook; retries while n8n is still registering it. */
	async webhook(
		webhookPath: string,
		init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
	): Promise<{ status: number; body: unknown }> {
		for (let attempt = 0; ; attempt++) {
			const response = await fetch(`${this.url}/webhook/${webhookPath}`, {
				method: init.method ?? 'POST',
				headers: { 'content-type': 'application/json', ...init.headers },
				body: init.body === undefined ? undefined : JSON.stringify(init.body),
			});
			const text = await response.text();
			// Only n8n's own "not registered (yet)" 404 is retried; a flow may answer 404 itself.
			const registering = response.status === 404 && /is not registered/.test(text);
			if (!registering || attempt >= 50) {
				let body: unknown = text;
				try {
					body = JSON.parse(text);
				} catch {
					// not JSON: keep the text
				}
				return { status: response.status, body };
			}
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}

	/** The editor's session: n8n's REST API signed in as the owner. */
	private async rest(method: string, route: string, body?: unknown): Promise<{ status: number; body: { data?: IDataObject; message?: string } }> {
		if (!this.cookie) {
			const login = await fetch(`${this.url}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
			});
			this.cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
		}
		const response = await fetch(`${this.url}/rest${route}`, {
			method,
			headers: { 'content-type': 'application/json', cookie: this.cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json().catch(() => ({}))) as { data?: IDataObject; message?: string } };
	}

	/**
	 * Publishes a workflow the way the editor's Publish button does: n8n's checks apply, e.g. that every
	 * sub-workflow it calls is published.
	 */
	async publish(workflowId: string): Promise<{ status: number; message?: string }> {
		const current = await this.rest('GET', `/workflows/${workflowId}`);
		const answer = await this.rest('POST', `/workflows/${workflowId}/activate`, { versionId: current.body.data?.versionId });
		if (answer.status === 200) await this.publication(workflowId);
		return { status: answer.status, message: answer.body.message };
	}

	/**
	 * Waits until n8n has applied a workflow's publication (its publication status leaves "in_progress" and
	 * "not_published"), as the editor's Publish button does before it says "Published"; returns the status.
	 */
	async publication(workflowId: string, timeoutMs = 60_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const status = String((await this.rest('GET', `/workflows/${workflowId}/publication-status`)).body.data?.status);
			if (!['in_progress', 'not_published', 'undefined'].includes(status)) return status;
			if (Date.now() > deadline) throw new Error(`n8n did not apply the publication of ${workflowId} (status ${status})`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/** Saves a change to a workflow the way the editor's Save does: the draft changes, the published version stays. */
	async saveDraft(workflowId: string, change: (nodes: IDataObject[]) => void): Promise<void> {
		const current = (await this.rest('GET', `/workflows/${workflowId}`)).body.data!;
		const nodes = current.nodes as IDataObject[];
		change(nodes);
		const answer = await this.rest('PATCH', `/workflows/${workflowId}`, { nodes, connections: current.connections, versionId: current.versionId });
		if (answer.status !== 200) throw new Error(`Saving workflow ${workflowId} failed (${answer.status}): ${answer.body.message}`);
	}

	/** Executions of a workflow, newest first, with their data (public REST API). */
	async executions(
		workflowId: string,
		{ limit = 100, includeData = true }: { limit?: number; includeData?: boolean } = {},
	): Promise<Array<{ id: string; status: string; mode: string; startedAt: string; data: IRunExecutionData }>> {
		const response = await fetch(`${this.url}/api/v1/executions?workflowId=${workflowId}&includeData=${includeData}&limit=${limit}`, {
			headers: { 'X-N8N-API-KEY': this.apiKey },
		});
		const body = (await response.json()) as { data: Array<{ id: string; status: string; mode: string; startedAt: string; data: IRunExecutionData }> };
		return body.data;
	}

	async workflow(workflowId: string): Promise<IDataObject> {
		const response = await fetch(`${this.url}/api/v1/workflows/${workflowId}`, { headers: { 'X-N8N-API-KEY': this.apiKey } });
		return (await response.json()) as IDataObject;
	}

	/** Non-loopback connections the n8n processes attempted (and were refused). */
	networkViolations(): string[] {
		try {
			return readFileSync(path.join(this.userFolder, 'network-violations.log'), 'utf8').trim().split('\n').filter(Boolean);
		} catch {
			return [];
		}
	}

	logTail(lines = 60): string {
		const tail = (log: string) => log.split('\n').slice(-lines).join('\n');
		return [tail(this.log), ...this.workers.map((worker) => `--- worker ${worker.index} ---\n${tail(worker.log)}`)].join('\n');
	}

	private async kill(): Promise<void> {
		await terminate(this.process);
	}

	async stop(): Promise<void> {
		await Promise.all(this.workers.map(async (worker) => await terminate(worker.process)));
		await this.kill();
		if (this.queueDir) {
			execFileSync('bash', [QUEUE_SERVICES, 'stop', this.queueDir], { stdio: 'ignore' });
		}
		rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. */
export async function terminate(child: ChildProcess | undefined): Promise<void> {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(timeout);
}

/** Keeps n8n off the network: no telemetry, version checks, templates or registry lookups. */
export function quietEnv(): Record<string, string> {
	return {
		N8N_ENCRYPTION_KEY: 'e2e-encryption-key-0123456789abcdef',
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
	};
}
