/**
 * scripts/mutation-score.mjs adds the weekly job's reports up (one per scope, plus the load-time scope that
 * mutates some of the same files): each mutant counts once, with its best result.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

type Status = 'Killed' | 'Survived' | 'NoCoverage' | 'Ignored' | 'Timeout';

/** A Stryker JSON report (mutation-testing-report-schema) of one file with one mutant per line. */
function report(file: string, statuses: Status[]): object {
	const source = statuses.map((_, index) => `const a${index} = 1 + ${index};`).join('\n');
	return {
		schemaVersion: '2',
		thresholds: { high: 90, low: 85 },
		files: {
			[path.join(root, file)]: {
				language: 'typescript',
				source,
				mutants: statuses.map((status, index) => ({
					id: String(index),
					mutatorName: 'ArithmeticOperator',
					replacement: `1 - ${index}`,
					status,
					location: { start: { line: index + 1, column: 12 }, end: { line: index + 1, column: 16 + String(index).length } },
				})),
			},
		},
	};
}

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'mutation-score-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function score(...reports: object[]): { output: string; survivors: string } {
	const files = reports.map((each, index) => {
		const file = path.join(dir, `scope${index}`, 'mutation.json');
		execFileSync('mkdir', ['-p', path.dirname(file)]);
		writeFileSync(file, JSON.stringify(each));
		return file;
	});
	const output = execFileSync('node', ['scripts/mutation-score.mjs', ...files], { cwd: root, encoding: 'utf8' });
	return { output, survivors: readFileSync(path.join(dir, 'scope0', 'survivors.txt'), 'utf8') };
}

it('a file two scopes mutate counts each mutant once, with its best result', () => {
	// The runtime scope ignored the load-time mutants 0 and 1 and left 2 alive; the load-time scope tried 0 and 1
	// (killed one, not the other) and, with fewer tests, did not kill 3.
	const { output, survivors } = score(
		report('credentials/Example.credentials.ts', ['Ignored', 'Ignored', 'Survived', 'Killed']),
		report('credentials/Example.credentials.ts', ['Killed', 'Survived', 'Survived', 'Survived']),
	);
	expect(output).toMatch(/credentials\s+50\.0 %\s+killed\s+2\s+survived\s+2\s+no coverage\s+0\s+ignored\s+0/);
	expect(survivors.trim().split('\n')).toEqual([
		'credentials/Example.credentials.ts:2 ArithmeticOperator Survived: 1 + 1 → 1 - 1',
		'credentials/Example.credentials.ts:3 ArithmeticOperator Survived: 1 + 2 → 1 - 2',
	]);
});

it('reports of different files are added up', () => {
	const { output } = score(
		report('nodes/TeamViewer/transport/example.ts', ['Killed', 'Timeout', 'NoCoverage']),
		report('nodes/TeamViewerTrigger/example.ts', ['Killed', 'Survived']),
	);
	expect(output).toMatch(/transport\s+66\.7 %\s+killed\s+2\s+survived\s+0\s+no coverage\s+1/);
	expect(output).toMatch(/trigger\s+50\.0 %\s+killed\s+1\s+survived\s+1/);
	expect(output).toMatch(/all mutated files\s+60\.0 %\s+killed\s+3\s+survived\s+1\s+no coverage\s+1/);
});
