/**
 * Stryker only (stryker.config.mjs sets it as the engine tier's testSequencer). With perTest coverage
 * Stryker's jest runner filters a mutant's tests by name only: jest still loads every test file of the
 * tier (each loads n8n-core, the harness and its simulators), ~14 s a mutant here for tests that take
 * well under a second. This sequencer keeps the files whose tests reached the active mutant in the
 * initial run (recorded by `recordCoveringFiles.cjs`); the others have no test that runs its code.
 * Without an active mutant (the initial run) or a record of it, every file runs, as jest would.
 */
const { readFileSync } = require('node:fs');
const path = require('node:path');

const Sequencer = require('@jest/test-sequencer').default;

class CoveringFilesSequencer extends Sequencer {
	sort(tests) {
		const sorted = super.sort(tests);
		const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
		if (mutant === undefined) return sorted;
		let map;
		try {
			map = JSON.parse(readFileSync(path.join(process.cwd(), '.stryker-covering-files.json'), 'utf8'));
		} catch {
			return sorted;
		}
		const covering = sorted.filter((test) => map[test.path]?.includes(mutant));
		return covering.length ? covering : sorted;
	}
}

module.exports = CoveringFilesSequencer;
