/**
 * docker/: the compose files and the custom image, checked without a Docker daemon (none is available
 * where this project is tested). The compose files are validated against the Compose specification's
 * schema (dclint) and their structure checked: every n8n process on one database, one Redis and one
 * encryption key, main installing this package from the environment, workers getting it. The Dockerfile
 * is linted (dockerfile-utils), its paths compared with the official n8n image's layout, and its install
 * step and the entry point run as shell scripts with their absolute paths moved into a temporary folder.
 * test/e2e/install.e2e.test.ts checks the environment variable names against n8n 2.41.1's source.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { validate } from 'dockerfile-utils';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const dockerDir = path.join(root, 'docker');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
	name: string;
	version: string;
	n8n: { nodes: string[]; credentials: string[] };
};
/** The n8n version the e2e tier runs (scripts/runtime.sh installs it): the images must be the same. */
const testedN8n = (JSON.parse(readFileSync(path.join(root, '.ci/n8n-runtime/package.json'), 'utf8')) as { dependencies: { n8n: string } })
	.dependencies.n8n;

/**
 * The official image's layout (n8n-io/n8n, docker/images/n8n/Dockerfile and docker-entrypoint.sh): n8n in
 * /usr/local/lib/node_modules/n8n; `WORKDIR /home/node`; `mkdir -p /home/node/.n8n && chown -R node:node
 * /home/node`; `USER node`; `COPY docker/images/n8n/docker-entrypoint.sh /`; `ENTRYPOINT ["tini", "--",
 * "/docker-entrypoint.sh"]`, whose script runs `exec n8n "$@"`. n8n's user folder is N8N_USER_FOLDER or
 * else $HOME, its nodes folder <user folder>/.n8n/nodes (n8n 2.41.1: @n8n/config getN8nFolder, n8n-core
 * InstanceSettings.nodesDownloadDir; test/e2e/install.e2e.test.ts checks both in the installed n8n).
 */
const OFFICIAL = {
	image: 'docker.n8n.io/n8nio/n8n',
	user: 'node',
	home: '/home/node',
	userFolder: '/home/node/.n8n',
	nodesFolder: '/home/node/.n8n/nodes',
	entrypoint: ['tini', '--', '/docker-entrypoint.sh'],
};

type Environment = Record<string, unknown>;
interface Service {
	image?: string;
	build?: { context: string; args?: Record<string, string> };
	pull_policy?: string;
	command?: string;
	environment?: Environment;
	ports?: string[];
	volumes?: string[];
	depends_on?: Record<string, { condition: string }>;
	deploy?: { replicas?: number };
}
interface Compose {
	name?: string;
	services: Record<string, Service>;
	volumes?: Record<string, unknown>;
}

const read = (file: string): string => readFileSync(path.join(dockerDir, file), 'utf8');
// `merge: true`: YAML merge keys (<<), which the files use for what main and workers share.
const load = (file: string): Compose => parse(read(file), { merge: true }) as Compose;

/** What `docker compose -f a -f b` does with the keys these files use: maps merge by key, the rest is replaced. */
function override(base: Compose, extra: Compose): Compose {
	const merged: Compose = structuredClone(base);
	for (const [name, service] of Object.entries(extra.services)) {
		const target = (merged.services[name] ??= {}) as Record<string, unknown>;
		for (const [key, value] of Object.entries(service)) {
			const current = target[key];
			const isMap = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
			target[key] = isMap(current) && isMap(value) ? { ...(current as object), ...(value as object) } : value;
		}
	}
	return merged;
}

const n8nServices = (compose: Compose): Array<[string, Service]> =>
	Object.entries(compose.services).filter(([, service]) => service.image?.startsWith(OFFICIAL.image) || service.build);

interface Lint {
	filePath: string;
	messages: Array<{ rule: string; type: string; message: string }>;
}
/**
 * dclint's errors per file: the Compose specification's schema plus its error-level rules. Its warnings are
 * style preferences (key order, alphabetical services) and left aside.
 */
function dclint(files: string[]): Lint[] {
	const result = spawnSync(process.execPath, [path.join(root, 'node_modules/dclint/bin/dclint.cjs'), ...files, '--formatter', 'json', '--color', 'false'], {
		cwd: root,
		encoding: 'utf8',
	});
	const results = JSON.parse(result.stdout) as Lint[];
	return files.map((file) => {
		const found = results.find((entry) => path.resolve(root, entry.filePath) === file);
		if (!found) throw new Error(`dclint did not report on ${file}:\n${result.stdout}${result.stderr}`);
		return { ...found, messages: found.messages.filter((message) => message.type === 'error') };
	});
}

/** A Dockerfile's instructions: comments dropped, continuation lines joined (backslash is the escape). */
function instructions(text: string): Array<{ keyword: string; args: string }> {
	const joined = text
		.split('\n')
		.filter((line) => !/^\s*#/.test(line))
		.join('\n')
		.replace(/\\\n/g, ' ');
	return joined
		.split('\n')
		.filter((line) => line.trim())
		.map((line) => {
			const [, keyword, args] = /^\s*(\w+)\s+(.*)$/.exec(line)!;
			return { keyword: keyword.toUpperCase(), args: args.trim() };
		});
}

let tarball = '';
let work = '';
beforeAll(() => {
	work = mkdtempSync(path.join(tmpdir(), 'docker-test-'));
	mkdirSync(path.join(work, 'pack'));
	const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', path.join(work, 'pack')], { cwd: root, encoding: 'utf8' })
		.trim()
		.split('\n')
		.pop()!;
	tarball = path.join(work, 'pack', name);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('docker-compose.yml and docker-compose.image.yml', () => {
	it('are valid for the Compose specification (dclint), which does catch a broken file', () => {
		const broken = path.join(work, 'broken-compose.yml');
		writeFileSync(broken, read('docker-compose.yml').replace('command: worker', 'comand: worker'));
		const files = [path.join(dockerDir, 'docker-compose.yml'), path.join(dockerDir, 'docker-compose.image.yml'), broken];
		const [compose, image, brokenResult] = dclint(files);
		expect(compose.messages).toEqual([]);
		expect(image.messages).toEqual([]);
		expect(brokenResult.messages.map((message) => message.rule)).toEqual(['invalid-schema']);
		expect(brokenResult.messages[0].message).toContain('/services/n8n-worker');
	});

	const compose = load('docker-compose.yml');
	const main = compose.services.n8n;
	const worker = compose.services['n8n-worker'];

	it('runs n8n on queue mode: PostgreSQL, Redis, one main and at least two workers, on the tested n8n version', () => {
		expect(Object.keys(compose.services).sort()).toEqual(['n8n', 'n8n-worker', 'postgres', 'redis']);
		expect(n8nServices(compose).map(([name]) => name)).toEqual(['n8n', 'n8n-worker']);
		for (const [, service] of n8nServices(compose)) expect(service.image).toBe(`${OFFICIAL.image}:${testedN8n}`);
		expect(main.command).toBeUndefined();
		expect(worker.command).toBe('worker');
		expect(worker.deploy?.replicas).toBeGreaterThanOrEqual(2);
		expect(main.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
		expect(worker.depends_on).toEqual({ n8n: { condition: 'service_started' } });
		// The editor is published on loopback only.
		expect(main.ports).toEqual(['127.0.0.1:5678:5678']);
	});

	it('gives main and every worker the same database, Redis and encryption key, as strings', () => {
		const postgres = compose.services.postgres.environment!;
		for (const [name, service] of n8nServices(compose)) {
			const env = service.environment!;
			for (const [key, value] of Object.entries(env)) expect([name, key, typeof value]).toEqual([name, key, 'string']);
			expect(env).toMatchObject({
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: 'postgres',
				DB_POSTGRESDB_DATABASE: postgres.POSTGRES_DB,
				DB_POSTGRESDB_USER: postgres.POSTGRES_USER,
				DB_POSTGRESDB_PASSWORD: postgres.POSTGRES_PASSWORD,
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: 'redis',
			});
			expect(env.N8N_ENCRYPTION_KEY).toMatch(/^\$\{N8N_ENCRYPTION_KEY:\?/);
		}
		// The secrets come from docker/.env, whose template names them.
		const template = read('.env.example');
		for (const variable of ['POSTGRES_PASSWORD', 'N8N_ENCRYPTION_KEY']) expect(template).toMatch(new RegExp(`^${variable}=`, 'm'));
		expect(read('.gitignore').split('\n')).toContain('.env');
	});

	it('main installs this package, at this version, from N8N_COMMUNITY_PACKAGES (the fields n8n accepts)', () => {
		const env = main.environment!;
		expect(env.N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV).toBe('true');
		const packages = JSON.parse(String(env.N8N_COMMUNITY_PACKAGES)) as Array<Record<string, string>>;
		expect(packages).toEqual([{ name: manifest.name, version: manifest.version }]);
		// n8n 2.41.1's schema for each entry is strict: name, and optionally version and checksum.
		for (const entry of packages) for (const key of Object.keys(entry)) expect(['name', 'version', 'checksum']).toContain(key);
		expect(env.WEBHOOK_URL).toBeDefined();
		expect(main.volumes).toEqual(['n8n_data:/home/node/.n8n']);
	});

	it('workers get the pack: missing packages reinstalled at start, unverified packages allowed, no shared user folder', () => {
		const env = worker.environment!;
		expect(env.N8N_REINSTALL_MISSING_PACKAGES).toBe('true');
		expect(env.N8N_UNVERIFIED_PACKAGES_ENABLED).toBe('true');
		// The list is read by `n8n start` only; a worker does not need it.
		expect(env.N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV).toBeUndefined();
		expect(worker.volumes ?? []).toEqual([]);
	});

	it('with docker-compose.image.yml, main and workers run the custom image with the install from the environment off', () => {
		const merged = override(compose, load('docker-compose.image.yml'));
		const services = n8nServices(merged);
		expect(services.map(([name]) => name)).toEqual(['n8n', 'n8n-worker']);
		for (const [, service] of services) {
			expect(service.build).toEqual({ context: '.', args: { N8N_VERSION: testedN8n } });
			expect(existsSync(path.join(dockerDir, service.build!.context, 'Dockerfile'))).toBe(true);
			expect(service.image).toBe('n8n-teamviewer:local');
			expect(service.pull_policy).toBe('build');
			expect(service.environment!.N8N_REINSTALL_MISSING_PACKAGES).toBe('false');
			// Everything else (database, Redis, key) is still the base file's.
			expect(service.environment!.EXECUTIONS_MODE).toBe('queue');
		}
		expect(merged.services.n8n.environment!.N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV).toBe('false');
		expect(merged.services['n8n-worker'].command).toBe('worker');
	});
});

describe('Dockerfile', () => {
	const text = read('Dockerfile');
	const steps = instructions(text);
	const run = steps.filter((step) => step.keyword === 'RUN');

	it('passes dockerfile-utils, which does catch a broken one', () => {
		expect(validate(text)).toEqual([]);
		const broken = text.replace('USER node\n', 'USR node\n').replace('COPY packages/', 'COPY --chmod packages/');
		expect(validate(broken).map((problem) => problem.message).sort()).toEqual(['Missing a value on flag: chmod', 'Unknown instruction: USR']);
	});

	it('builds on the official image of the tested n8n version and keeps its user and entry point', () => {
		expect(steps[0]).toEqual({ keyword: 'ARG', args: `N8N_VERSION=${testedN8n}` });
		expect(steps[1]).toEqual({ keyword: 'FROM', args: `${OFFICIAL.image}:\${N8N_VERSION}` });
		expect(steps.filter((step) => step.keyword === 'USER').pop()!.args).toBe(OFFICIAL.user);
		const entrypoint = JSON.parse(steps.find((step) => step.keyword === 'ENTRYPOINT')!.args) as string[];
		expect(entrypoint).toEqual([OFFICIAL.entrypoint[0], OFFICIAL.entrypoint[1], '/teamviewer-entrypoint.sh']);
		// The wrapper hands over to the official entry point.
		expect(read('teamviewer-entrypoint.sh')).toContain(`exec "\${TEAMVIEWER_NEXT_ENTRYPOINT:-${OFFICIAL.entrypoint[2]}}" "$@"`);
	});

	it('copies only files that are in docker/, and uses no path of the image besides the documented ones', () => {
		for (const copy of steps.filter((step) => step.keyword === 'COPY')) {
			const sources = copy.args.split(/\s+/).slice(0, -1);
			for (const source of sources) expect([source, existsSync(path.join(dockerDir, source))]).toEqual([source, true]);
		}
		const script = run.map((step) => step.args).join('\n');
		const paths = new Set(script.match(/(?<![\w.$-])\/[\w./*-]+/g));
		const allowed = [OFFICIAL.nodesFolder, OFFICIAL.userFolder, '/tmp/teamviewer-packages', '/opt/n8n-nodes-teamviewer', '/teamviewer-entrypoint.sh'];
		for (const used of paths) expect([used, allowed.some((prefix) => used === prefix || used.startsWith(`${prefix}/`))]).toEqual([used, true]);
		expect(script).toContain(`cd ${OFFICIAL.nodesFolder}`);
	});

	it('checks in the image that every file of package.json\'s n8n field is installed', () => {
		const script = run.map((step) => step.args).join('\n');
		const checked = [...script.matchAll(/test -f node_modules\/n8n-nodes-teamviewer\/(\S+);/g)].map((match) => match[1]).sort();
		expect(checked).toEqual([...manifest.n8n.nodes, ...manifest.n8n.credentials].sort());
	});

	/** The RUN step as a shell script, its absolute paths moved under `base`, chown left out (no user node here). */
	function runStep(base: string): string {
		expect(run).toHaveLength(1);
		return run[0].args
			.replace(/\/tmp\/teamviewer-packages/g, `${base}/tmp/teamviewer-packages`)
			.replace(/\/home\/node/g, `${base}/home/node`)
			.replace(/\/opt\//g, `${base}/opt/`)
			.replace(/ \/teamviewer-entrypoint\.sh/g, ` ${base}/teamviewer-entrypoint.sh`)
			.replace(/chown -R node:node \S+;/, 'true;');
	}

	function build(name: string, tarballs: string[]): { base: string; status: number | null; stderr: string } {
		const base = path.join(work, name);
		mkdirSync(path.join(base, 'tmp/teamviewer-packages'), { recursive: true });
		mkdirSync(path.join(base, 'opt'));
		cpSync(path.join(dockerDir, 'teamviewer-entrypoint.sh'), path.join(base, 'teamviewer-entrypoint.sh'));
		for (const file of tarballs) cpSync(tarball, path.join(base, 'tmp/teamviewer-packages', file));
		const result = spawnSync('sh', ['-c', runStep(base)], {
			encoding: 'utf8',
			// Installing a tarball needs no registry: offline makes sure of it.
			env: { ...process.env, TEAMVIEWER_VERSION: manifest.version, npm_config_offline: 'true' },
		});
		return { base, status: result.status, stderr: result.stderr };
	}

	it('its install step puts the pack from docker/packages into the nodes folder, without n8n-workflow', () => {
		const { base, status, stderr } = build('image', [path.basename(tarball)]);
		expect({ status, stderr }).toMatchObject({ status: 0 });
		const nodes = path.join(base, OFFICIAL.nodesFolder);
		const installed = path.join(nodes, 'node_modules', manifest.name);
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) expect(existsSync(path.join(installed, file))).toBe(true);
		expect(readdirSync(path.join(nodes, 'node_modules')).filter((entry) => !entry.startsWith('.'))).toEqual([manifest.name]);
		// The version is recorded, as n8n's installer does, not the deleted tarball's path.
		expect(JSON.parse(readFileSync(path.join(nodes, 'package.json'), 'utf8'))).toEqual({
			name: 'installed-nodes',
			private: true,
			dependencies: { [manifest.name]: manifest.version },
		});
		expect(readdirSync(path.join(base, 'opt/n8n-nodes-teamviewer')).sort()).toEqual(readdirSync(installed).sort());
		expect(existsSync(path.join(base, 'tmp/teamviewer-packages'))).toBe(false);
	});

	it('its install step refuses two tarballs rather than pick one', () => {
		const { status, stderr } = build('two-tarballs', [path.basename(tarball), `${manifest.name}-0.0.9.tgz`]);
		expect(status).not.toBe(0);
		expect(stderr).toContain('docker/packages holds more than one tarball');
	});
});

describe('teamviewer-entrypoint.sh', () => {
	let pack = '';
	let next = '';
	beforeAll(() => {
		pack = path.join(work, 'opt-pack');
		mkdirSync(pack);
		execFileSync('tar', ['-xzf', tarball, '--strip-components=1', '-C', pack]);
		// Stands in for the official /docker-entrypoint.sh: prints its arguments.
		next = path.join(work, 'next-entrypoint.sh');
		writeFileSync(next, '#!/bin/sh\necho "next: $*"\n', { mode: 0o755 });
	});

	function start(env: Record<string, string>, args: string[]): string {
		return execFileSync('sh', [path.join(dockerDir, 'teamviewer-entrypoint.sh'), ...args], {
			encoding: 'utf8',
			env: { PATH: process.env.PATH, TEAMVIEWER_PACK_DIR: pack, TEAMVIEWER_NEXT_ENTRYPOINT: next, ...env },
		});
	}

	it('puts the pack into an empty user folder and hands the arguments to the official entry point', () => {
		const home = path.join(work, 'home-empty');
		mkdirSync(home);
		expect(start({ HOME: home }, ['worker', '--concurrency=5'])).toBe('next: worker --concurrency=5\n');
		const nodes = path.join(home, '.n8n/nodes');
		expect(JSON.parse(readFileSync(path.join(nodes, 'package.json'), 'utf8'))).toMatchObject({ name: 'installed-nodes' });
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
			expect(existsSync(path.join(nodes, 'node_modules', manifest.name, file))).toBe(true);
		}
		expect(readdirSync(nodes).sort()).toEqual(['node_modules', 'package.json']);
	});

	it('replaces an older copy on a volume, keeps other packages and package.json, honours N8N_USER_FOLDER', () => {
		const folder = path.join(work, 'volume');
		const nodes = path.join(folder, '.n8n/nodes');
		const old = path.join(nodes, 'node_modules', manifest.name);
		mkdirSync(path.join(old, 'dist'), { recursive: true });
		writeFileSync(path.join(old, 'package.json'), JSON.stringify({ name: manifest.name, version: '0.0.1' }));
		writeFileSync(path.join(old, 'dist/removed-in-new-version.js'), '');
		mkdirSync(path.join(nodes, 'node_modules/n8n-nodes-other'), { recursive: true });
		const ownManifest = JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { 'n8n-nodes-other': '1.0.0' } });
		writeFileSync(path.join(nodes, 'package.json'), ownManifest);

		expect(start({ HOME: path.join(work, 'elsewhere'), N8N_USER_FOLDER: folder }, [])).toBe('next: \n');
		expect(JSON.parse(readFileSync(path.join(old, 'package.json'), 'utf8')).version).toBe(manifest.version);
		expect(existsSync(path.join(old, 'dist/removed-in-new-version.js'))).toBe(false);
		expect(readdirSync(path.join(nodes, 'node_modules')).sort()).toEqual(['n8n-nodes-other', manifest.name]);
		expect(readFileSync(path.join(nodes, 'package.json'), 'utf8')).toBe(ownManifest);
		expect(existsSync(path.join(work, 'elsewhere'))).toBe(false);
	});
});
