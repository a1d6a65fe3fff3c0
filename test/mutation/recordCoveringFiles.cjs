/**
 * Stryker only (stryker.config.mjs adds it to the engine tier's setupFilesAfterEnv): during the initial
 * run, records which mutants each test file reached, so that `coveringFilesSequencer.cjs` can run only
 * those files for a mutant. A mutant counts for a file when the hit counters Stryker's instrumented code
 * keeps (`__stryker__.mutantCoverage`, per test and "static") grew while the file ran: in a test, a hook
 * or while the file loaded the pack. Stryker runs jest in band, so files run one after another and the
 * counters' growth belongs to the file running.
 */
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const MAP = path.join(process.cwd(), '.stryker-covering-files.json');
const stryker = globalThis.__stryker__;

/** Hits per mutant, summed over every test and the static part. */
function totals() {
	const coverage = stryker && stryker.mutantCoverage;
	const sums = new Map();
	if (!coverage) return sums;
	for (const counters of [coverage.static, ...Object.values(coverage.perTest)]) {
		for (const [mutant, hits] of Object.entries(counters ?? {})) sums.set(mutant, (sums.get(mutant) ?? 0) + hits);
	}
	return sums;
}

// Mutant runs (an active mutant) only read the map; without Stryker this file does nothing.
if (stryker && process.env.__STRYKER_ACTIVE_MUTANT__ === undefined) {
	const before = totals();
	afterAll(() => {
		const reached = [...totals()].filter(([mutant, hits]) => hits > (before.get(mutant) ?? 0)).map(([mutant]) => mutant);
		let map = {};
		try {
			map = JSON.parse(readFileSync(MAP, 'utf8'));
		} catch {
			map = {};
		}
		map[expect.getState().testPath] = reached;
		writeFileSync(MAP, JSON.stringify(map));
	});
}
