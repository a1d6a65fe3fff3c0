// Mutation testing (Stryker, issue #17): `npm run mutation` (scripts/mutation.sh) runs it with Node 24.
//
// What is mutated: the TypeScript sources in nodes/ and credentials/, not dist/. The engine tier normally
// loads the compiled pack from dist/ (test/harness/package.ts, as n8n does). Stryker instead puts every
// mutant into the sources at once ("mutant switching") and the engine tier loads those sources when
// TEAMVIEWER_PACK_FROM=sources: the harness maps each manifest path `dist/…js` back to its `.ts`, which
// ts-jest compiles with the build's own compiler options (tsconfig.test.json extends tsconfig.json).
// Why not mutate dist/: its mutants would be reported against generated JavaScript (tsc's helpers and
// import rewrites become noise mutants), a survivor could not be read next to the code people edit,
// and the incremental file would be keyed on build output that changes with every compiler update.
// Mutating the sources keeps report lines = source lines; the tests still go through n8n-core's
// WorkflowExecute against the simulator exactly as with dist/.
import path from 'node:path';

import jestConfig from './jest.config.js';

process.env.TEAMVIEWER_PACK_FROM = 'sources'; // inherited by the jest workers Stryker starts
// The trigger-costs suite at a fiftieth of its desk (test/nodes/triggerCosts.test.ts): its rotation, pass and
// restart behaviours are the only tests of parts of the open-case events, and at full size (75 s) they would be
// re-run for every mutant they reach.
process.env.TRIGGER_COSTS_SCALE = 'small';

// MUTATE=<glob>[,<glob>…] narrows the run (scripts/mutation.sh); default: everything shipped.
// Commas inside braces belong to the glob: `actions/{session,device}/**/*.ts` is one pattern.
const mutate = process.env.MUTATE
	? process.env.MUTATE.split(/,(?![^{]*\})/).map((glob) => glob.trim()).filter(Boolean)
	: ['nodes/**/*.ts', 'credentials/**/*.ts'];

// MUTATION_TESTS=<glob>[,<glob>…] (paths from the project root) runs only those test files: a focused local
// run. The transport is reached by every engine test, so each of its survivors re-runs the whole tier
// (~2 min here) and a full run of its ~800 mutants takes hours; its own test files take seconds. A mutant
// the focused files kill is killed by the full tier too, so a focused score is a lower bound of the full one.
const focused = process.env.MUTATION_TESTS
	? process.env.MUTATION_TESTS.split(/,(?![^{]*\})/).map((glob) => glob.trim()).filter(Boolean)
	: undefined;

// Reports (and the incremental file) per scope: .ci/out/mutation/ for the whole pack, a subfolder named
// after MUTATE otherwise (with `-focused` for a focused run), so that runs of different folders or test
// sets neither overwrite nor invalidate each other.
const reports = process.env.MUTATE
	? `.ci/out/mutation/${process.env.MUTATE.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 80)}${focused ? '-focused' : ''}`
	: `.ci/out/mutation${focused ? '/focused' : ''}`;
process.env.STRYKER_REPORTS = path.resolve(reports); // for test/mutation/survivorsReporter.mjs

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	packageManager: 'npm',
	testRunner: 'jest',
	mutate,
	jest: {
		projectType: 'custom',
		configFile: 'jest.config.js',
		config: {
			// The tiers that exercise the pack's behaviour: engine (test/nodes, test/credentials) and the
			// pure helpers. test/package/ checks files and tools (tarball, Docker, workflows YAML, lint
			// scope), test/workflows.test.ts the shipped workflow files, test/simulators/ the simulators
			// themselves: none of them runs pack code (and the sandbox has no dist/, which test/package/manifest.test.ts
			// reads). test/package.test.ts stays in: it reads the nodes' descriptions as n8n's loader leaves them
			// (icons, subtitles, credentials, option lists). The fault soak (2 000 operations under faults, 70 s) would be re-run
			// for every surviving mutant it reaches; the transport behaviours it load-tests have their own fast
			// tests (transport.test.ts, rateLimit.test.ts, createOnce.test.ts). The trigger-costs suite runs small (above).
			...(focused ? { testMatch: focused.map((glob) => `<rootDir>/${glob}`) } : {}),
			testPathIgnorePatterns: [
				'/node_modules/',
				'<rootDir>/test/e2e/',
				'<rootDir>/test/package/',
				'<rootDir>/test/workflows.test.ts',
				'<rootDir>/test/simulators/',
				'<rootDir>/test/nodes/faultSoak.test.ts',
			],
			// perTest coverage narrows a mutant's tests by name only, so jest would still load all ~50 files
			// of the tier for each mutant (~20 s a mutant here, for tests that take well under a second): the
			// initial run records which files reached which mutants, and the sequencer runs only those.
			setupFilesAfterEnv: [...jestConfig.setupFilesAfterEnv, '<rootDir>/test/mutation/recordCoveringFiles.cjs'],
			testSequencer: '<rootDir>/test/mutation/coveringFilesSequencer.cjs',
		},
		// The harness loads the pack by a computed path, so jest's dependency graph relates no test to
		// a source file: "related tests" would be none. perTest coverage picks the tests instead.
		enableFindRelatedTests: false,
	},
	// Each mutant runs only the tests that reached it in the initial (coverage) run.
	coverageAnalysis: 'perTest',
	// Two shared cores: one jest at a time leaves room for the simulator servers and others' work.
	concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
	// A mutant's time limit is its covering tests' time in the initial run × 1.5 + timeoutMS. After a
	// time-out Stryker starts a new jest process, and that process's first run also loads jest, ts-jest and
	// n8n-core for every covering test file (10–30 s here for the trigger's files), which the initial run's
	// test times do not include. At 5 s one time-out (a real hang, or two cores busy elsewhere) made every
	// later mutant of the trigger node time out in turn: 75 of 201 "timed out" (counted as detected) before
	// that run was stopped. 30 s covers a new process's load; a real hang (retry delays, paging loops)
	// costs that much. STRYKER_TIMEOUT_MS overrides it.
	timeoutMS: Number(process.env.STRYKER_TIMEOUT_MS ?? 30_000),
	timeoutFactor: 1.5,
	// Each jest run loads n8n-core afresh and the process grows until it runs out of memory (seen at
	// about 80 runs): start a new one every 25 runs instead.
	maxTestRunnerReuse: 25,
	// Mutants in code that only runs while a module loads (descriptions, constants, credential fields) force a
	// reload and the whole suite per mutant; they are counted (as "ignored") rather than run. The harness's
	// `newProcess()` (a trigger test's restart) loads the pack again inside a test; it counts that load as static
	// too (test/harness/package.ts), else Stryker would take such a mutant as covered by the restart tests alone,
	// switch it on after the first load, and report it survived or timed out without a test that reads it.
	// Load-time code is measured by a focused run: STRYKER_STATIC=run with MUTATION_TESTS set to the tests that
	// read it (README, "Mutation testing").
	ignoreStatic: process.env.STRYKER_STATIC !== 'run',
	incremental: process.env.STRYKER_INCREMENTAL === 'true',
	incrementalFile: `${reports}/incremental.json`,
	// survivors-live: each undetected mutant as soon as it is known (a whole run takes hours).
	appendPlugins: ['./test/mutation/survivorsReporter.mjs'],
	reporters: ['html', 'json', 'progress', 'survivors-live'],
	htmlReporter: { fileName: `${reports}/mutation.html` },
	jsonReporter: { fileName: `${reports}/mutation.json` },
	// The sandbox needs the sources, tests (some simulators read workflows/), configs and node_modules
	// (linked): skip build output, reports and the docs.
	ignorePatterns: ['dist', '.ci/out', 'docs', 'bench', '.sandbox', 'coverage'],
	tempDirName: '.stryker-tmp',
	thresholds: { high: 90, low: 85, break: null },
};
