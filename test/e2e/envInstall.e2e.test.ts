/**
 * n8n's environment-variable managed install on queue mode, for real, as docker/docker-compose.yml sets it
 * up: n8n 2.41.1 main with N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV and N8N_COMMUNITY_PACKAGES installs the pack
 * from the registry, and each worker gets it the way the README says. The registry is a stand-in served
 * through the e2e tier's TLS proxy (HTTPS_PROXY and its test CA, for n8n and the npm it runs) under npm's
 * own host name, read from n8n's source: a registry of one's own (N8N_COMMUNITY_PACKAGES_REGISTRY) needs an
 * n8n licence feature. It serves the packed tarball as version 0.1.0 and, repacked, as 0.1.1. PostgreSQL
 * and Redis are scripts/queue-services.sh's. Every n8n process runs with its own user folder, as on separate
 * machines, and with the network guard.
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startTlsProxy } from '../simulators/proxy';
import type { TlsProxy } from '../simulators/proxy';
import { freePort, quietEnv, startQueueServices, terminate } from './n8n';
import { n8nRuntime, packedPackage, ROOT } from './runtime';

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	version: string;
	n8n: { nodes: string[]; credentials: string[] };
};
const NEXT = '0.1.1';
if (manifest.version === NEXT) throw new Error(`the repacked release must differ from package.json's version ${manifest.version}`);

interface Release {
	bytes: Buffer;
	integrity: string;
}

/** A registry for one package: the packument, each version's manifest and tarball, and a log of requests. */
class Registry {
	readonly requests: string[] = [];

	/** `url`: the registry's public address, which the packument's tarball links use. */
	constructor(
		readonly url: string,
		private readonly releases: Record<string, Release>,
	) {}

	readonly listener = (request: IncomingMessage, response: ServerResponse): void => {
		const url = decodeURIComponent(request.url ?? '');
		this.requests.push(`${request.method} ${url}`);
		const tarball = /^\/n8n-nodes-teamviewer\/-\/n8n-nodes-teamviewer-([\d.]+)\.tgz$/.exec(url);
		if (tarball && this.releases[tarball[1]]) {
			response.writeHead(200, { 'content-type': 'application/octet-stream' });
			response.end(this.releases[tarball[1]].bytes);
			return;
		}
		const single = /^\/n8n-nodes-teamviewer\/([\d.]+)$/.exec(url);
		if (single && this.releases[single[1]]) return this.json(response, this.version(single[1]));
		if (url === '/n8n-nodes-teamviewer') {
			const versions = Object.keys(this.releases);
			return this.json(response, {
				name: manifest.name,
				'dist-tags': { latest: versions[versions.length - 1] },
				versions: Object.fromEntries(versions.map((version) => [version, this.version(version)])),
			});
		}
		response.writeHead(404, { 'content-type': 'application/json' });
		response.end('{"error":"Not found"}');
	};

	private version(version: string): object {
		const { bytes, integrity } = this.releases[version];
		return {
			...manifest,
			version,
			dist: {
				tarball: `${this.url}/n8n-nodes-teamviewer/-/n8n-nodes-teamviewer-${version}.tgz`,
				integrity,
				shasum: createHash('sha1').update(bytes).digest('hex'),
			},
		};
	}

	private json(response: ServerResponse, body: unknown): void {
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end(JSON.stringify(body));
	}
}

const release = (bytes: Buffer): Release => ({ bytes, integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}` });

/** The packed tarball with another version in its package.json. */
function repack(tarball: string, version: string, work: string): Buffer {
	const dir = path.join(work, `repack-${version}`);
	mkdirSync(dir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', dir]);
	const file = path.join(dir, 'package/package.json');
	writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), version }, null, 2));
	const out = path.join(work, `n8n-nodes-teamviewer-${version}.tgz`);
	execFileSync('tar', ['-czf', out, '-C', dir, 'package']);
	return readFileSync(out);
}

interface Process {
	name: string;
	child: ChildProcess;
	log: string;
	folder: string;
}

let work = '';
let registry: Registry;
let proxy: TlsProxy | undefined;
let proxyEnv: Record<string, string> = {};
let releases: Record<string, Release> = {};
let queueEnv: Record<string, string> = {};
let main: Process | undefined;
const workers: Process[] = [];

function baseEnv(folder: string): NodeJS.ProcessEnv {
	const { nodeBin } = n8nRuntime();
	return {
		...process.env,
		...quietEnv(),
		...queueEnv,
		NODE_ENV: 'production',
		PATH: `${nodeBin}:${process.env.PATH}`,
		NODE_OPTIONS: `--require ${path.join(__dirname, 'networkGuard.cjs')}`,
		NETWORK_GUARD_FILE: path.join(work, 'network-violations.log'),
		...proxyEnv,
		N8N_USER_FOLDER: folder,
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	};
}

async function launch(name: string, args: string[], env: NodeJS.ProcessEnv, ready: (log: string) => Promise<boolean> | boolean): Promise<Process> {
	const { n8nBin } = n8nRuntime();
	const child = spawn('node', [n8nBin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	const proc: Process = { name, child, log: '', folder: env.N8N_USER_FOLDER! };
	const append = (chunk: Buffer) => {
		proc.log = (proc.log + chunk.toString()).slice(-500_000);
	};
	child.stdout!.on('data', append);
	child.stderr!.on('data', append);
	const deadline = Date.now() + 90_000;
	while (!(await ready(proc.log))) {
		if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${proc.log.slice(-4000)}`);
		if (Date.now() > deadline) throw new Error(`${name} did not become ready:\n${proc.log.slice(-4000)}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return proc;
}

async function startMain(packages: object[], extra: Record<string, string> = {}): Promise<Process> {
	const folder = path.join(work, 'main');
	mkdirSync(folder, { recursive: true });
	const env = {
		...baseEnv(folder),
		N8N_PORT: String(await freePort()),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV: 'true',
		N8N_COMMUNITY_PACKAGES: JSON.stringify(packages),
		N8N_REINSTALL_MISSING_PACKAGES: 'true',
		...extra,
	};
	return await launch('main', ['start'], env, (log) => /Editor is now accessible/.test(log));
}

async function startWorker(name: string, extra: Record<string, string>): Promise<Process> {
	const folder = path.join(work, name);
	mkdirSync(folder, { recursive: true });
	const healthPort = await freePort();
	const env = {
		...baseEnv(folder),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		...extra,
	};
	const worker = await launch(name, ['worker', '--concurrency=2'], env, async () =>
		fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`).then((response) => response.ok, () => false),
	);
	workers.push(worker);
	return worker;
}


/** The version of the pack on a process's disk (its nodes folder), or undefined. */
function installedVersion(proc: Process): string | undefined {
	const file = path.join(proc.folder, '.n8n/nodes/node_modules', manifest.name, 'package.json');
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : undefined;
}

async function until(what: string, check: () => boolean, proc: Process, ms = 25_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`${what}: not after ${ms} ms. ${proc.name} log:\n${proc.log.slice(-4000)}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

beforeAll(async () => {
	work = mkdtempSync(path.join(tmpdir(), 'env-install-e2e-'));
	const tarball = packedPackage();
	releases = { [manifest.version]: release(readFileSync(tarball)), [NEXT]: release(repack(tarball, NEXT, work)) };
	// n8n's default registry (its service always passes it to npm and reads from it).
	const service = readFileSync(path.join(n8nRuntime().n8nDir, 'node_modules/n8n/dist/modules/community-packages/community-packages.config.js'), 'utf8');
	const defaultRegistry = /this\.registry = '([^']+)'/.exec(service)![1];
	registry = new Registry(defaultRegistry, releases);
	const host = new URL(defaultRegistry).hostname;
	proxy = await startTlsProxy({ routes: [{ host: new RegExp(`^${host.replace(/\./g, '\\.')}$`), listener: registry.listener }] });
	proxyEnv = {
		HTTPS_PROXY: proxy.url,
		HTTP_PROXY: proxy.url,
		NO_PROXY: '127.0.0.1,localhost,::1',
		NODE_EXTRA_CA_CERTS: proxy.caCertPath,
		// npm does not take NODE_EXTRA_CA_CERTS into account; its own setting does.
		npm_config_cafile: proxy.caCertPath,
	};
	queueEnv = startQueueServices(path.join(work, 'queue'));
	main = await startMain([{ name: manifest.name, version: manifest.version }]);
}, 120_000);

afterAll(async () => {
	await Promise.all(workers.map((worker) => terminate(worker.child)));
	await terminate(main?.child);
	// Each process's log, for a failure's diagnosis.
	const logs = path.join(ROOT, '.ci/out/env-install');
	mkdirSync(logs, { recursive: true });
	for (const proc of [main, ...workers]) if (proc) writeFileSync(path.join(logs, `${proc.name}.log`), proc.log);
	if (proxy) writeFileSync(path.join(logs, 'registry.log'), [...registry.requests, ...proxy.log.entries.map((entry) => JSON.stringify(entry))].join('\n'));
	if (work) {
		execFileSync('bash', [path.join(ROOT, 'scripts/queue-services.sh'), 'stop', path.join(work, 'queue')], { stdio: 'ignore' });
		rmSync(work, { recursive: true, force: true });
	}
	await proxy?.close();
});

describe('environment-variable managed install on queue mode (n8n 2.41.1)', () => {
	let late: Process;
	let strict: Process;
	let without: Process;

	it('main installs the listed version from the registry at start', () => {
		expect(main!.log).toContain(`Installed community package '${manifest.name}@${manifest.version}' from env`);
		expect(installedVersion(main!)).toBe(manifest.version);
		const installed = path.join(main!.folder, '.n8n/nodes/node_modules', manifest.name);
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) expect([file, existsSync(path.join(installed, file))]).toEqual([file, true]);
		expect(registry.requests).toContain(`GET /n8n-nodes-teamviewer/-/n8n-nodes-teamviewer-${manifest.version}.tgz`);
	});

	it('workers started after main: installed from the database record only with N8N_REINSTALL_MISSING_PACKAGES, and for an unverified package only with N8N_UNVERIFIED_PACKAGES_ENABLED', async () => {
		[late, strict, without] = await Promise.all([
			startWorker('worker-reinstall', { N8N_REINSTALL_MISSING_PACKAGES: 'true' }),
			startWorker('worker-strict', { N8N_REINSTALL_MISSING_PACKAGES: 'true', N8N_UNVERIFIED_PACKAGES_ENABLED: 'false' }),
			startWorker('worker-without', { N8N_REINSTALL_MISSING_PACKAGES: 'false' }),
		]);
		expect([late.log.includes('Packages reinstalled successfully'), installedVersion(late)]).toEqual([true, manifest.version]);
		expect(strict.log).toContain('Installation of unverified community packages is forbidden!');
		expect(installedVersion(strict)).toBeUndefined();
		expect(without.log).toContain('n8n detected that some packages are missing');
		expect(installedVersion(without)).toBeUndefined();
	}, 60_000);

	it('a new version in the list: main updates at its restart and running workers follow over Redis, with the checksum also where unverified packages are off', async () => {
		await terminate(main?.child);
		// The checksum n8n wants is the tarball's integrity, as `npm view <name>@<version> dist.integrity` prints it.
		const checksum = releases[NEXT].integrity;
		main = await startMain([{ name: manifest.name, version: NEXT, checksum }], { N8N_UNVERIFIED_PACKAGES_ENABLED: 'false' });
		expect(main.log).toContain(`Updated community package '${manifest.name}' from ${manifest.version} to ${NEXT} from env`);
		expect(installedVersion(main)).toBe(NEXT);
		await until('the worker with the flag follows', () => installedVersion(late) === NEXT, late);
		await until('the worker without the flag follows with the checksum', () => installedVersion(strict) === NEXT, strict);
		await until('the worker without reinstall follows', () => installedVersion(without) === NEXT, without);
	}, 60_000);

	it('n8n stayed on loopback, apart from its own service it asks about packages (refused)', () => {
		const violations = existsSync(path.join(work, 'network-violations.log'))
			? readFileSync(path.join(work, 'network-violations.log'), 'utf8').trim().split('\n').filter(Boolean)
			: [];
		const service = /const N8N_BACKEND_SERVICE_URL = '([^']+)'/.exec(
			readFileSync(path.join(n8nRuntime().n8nDir, 'node_modules/n8n/dist/modules/community-packages/community-packages.service.js'), 'utf8'),
		)![1];
		const allowed = new URL(service).hostname;
		expect(violations.map((line) => line.split(' ')[1]).filter((host) => host !== allowed)).toEqual([]);
	});
});
