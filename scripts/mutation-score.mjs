// Prints the mutation score per folder from Stryker's JSON report (mutation-testing-report-schema) and
// writes the undetected mutants to survivors.txt beside it. A survivor listed in test/mutation/equivalent.md
// (by `file:line Mutator`) is shown as such, with a question mark when several undetected mutants share that key;
// it still counts against the score, as Stryker counts it.
// Usage: node scripts/mutation-score.mjs [.ci/out/mutation/mutation.json ...]
// Several reports (the weekly job's one per scope) are added up; survivors.txt goes beside the first. A file in
// more than one report (a runtime scope and the load-time scope both mutate the credentials) counts each mutant
// once, with its best result: killed in any run means a test of the suite notices it; a load-time mutant that
// one run ignored takes the result of the run that tried it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const reports = process.argv.length > 2 ? process.argv.slice(2) : ['.ci/out/mutation/mutation.json'];
const file = reports[0];
const report = { files: {} };
const rank = (status) => ({ Killed: 4, Timeout: 4, Survived: 3, NoCoverage: 3, Ignored: 0 })[status] ?? 1;
const mutantKey = ({ location: { start, end }, mutatorName, replacement }) =>
	`${start.line}:${start.column}-${end.line}:${end.column} ${mutatorName} ${replacement ?? ''}`;
for (const each of reports) {
	if (!existsSync(each)) {
		console.error(`no mutation report at ${each}: Stryker wrote none`);
		process.exit(1);
	}
	for (const [name, result] of Object.entries(JSON.parse(readFileSync(each, 'utf8')).files)) {
		const relative = path.isAbsolute(name) ? path.relative(process.cwd(), name) : name;
		const known = report.files[relative];
		if (!known) {
			report.files[relative] = result;
			continue;
		}
		const mutants = new Map(known.mutants.map((mutant) => [mutantKey(mutant), mutant]));
		for (const mutant of result.mutants) {
			const before = mutants.get(mutantKey(mutant));
			if (!before || rank(mutant.status) > rank(before.status)) mutants.set(mutantKey(mutant), mutant);
		}
		known.mutants = [...mutants.values()];
	}
}
const equivalentFile = 'test/mutation/equivalent.md';
const equivalent = existsSync(equivalentFile) ? readFileSync(equivalentFile, 'utf8') : '';

const folders = [
	['transport', 'nodes/TeamViewer/transport/'],
	['helpers', 'nodes/TeamViewer/helpers/'],
	['actions', 'nodes/TeamViewer/actions/'],
	['node (methods, descriptions)', 'nodes/TeamViewer/'],
	['trigger', 'nodes/TeamViewerTrigger/'],
	['credentials', 'credentials/'],
];
const folderOf = (name) => folders.find(([, prefix]) => name.startsWith(prefix))?.[0] ?? 'other';

const empty = () => ({ Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, errors: 0 });
const totals = new Map();
const all = empty();
const undetected = [];
for (const [relative, result] of Object.entries(report.files)) {
	const folder = folderOf(relative);
	if (!totals.has(folder)) totals.set(folder, empty());
	const lines = result.source.split('\n');
	for (const mutant of result.mutants) {
		const key = mutant.status in all ? mutant.status : 'errors';
		totals.get(folder)[key]++;
		all[key]++;
		if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') {
			const { start, end } = mutant.location;
			const original = start.line === end.line ? lines[start.line - 1].slice(start.column - 1, end.column - 1) : `${lines[start.line - 1].slice(start.column - 1)} …`;
			const where = `${relative}:${start.line} ${mutant.mutatorName}`;
			undetected.push({ where, text: `${where} ${mutant.status}: ${original.trim().slice(0, 80)} → ${String(mutant.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80)}` });
		}
	}
}
// An entry names a line and a mutator; when several undetected mutants share both, the entry may cover only one
// of them (its text says which): they are marked for a look rather than taken as listed.
const sharing = new Map();
for (const { where } of undetected) sharing.set(where, (sharing.get(where) ?? 0) + 1);
const marked = undetected.map(({ where, text }) => {
	if (!equivalent.includes(`\`${where}\``)) return text;
	const count = sharing.get(where);
	return count > 1 ? `${text}  [equivalent.md? ${count} undetected share this line and mutator]` : `${text}  [equivalent.md]`;
});

const score = (t) => {
	const detected = t.Killed + t.Timeout;
	const valid = detected + t.Survived + t.NoCoverage;
	return valid ? ((100 * detected) / valid).toFixed(1).padStart(5) + ' %' : '    – ';
};
const row = (label, t) =>
	`${label.padEnd(30)} ${score(t)}   killed ${String(t.Killed + t.Timeout).padStart(4)}  survived ${String(t.Survived).padStart(3)}  no coverage ${String(t.NoCoverage).padStart(3)}  ignored ${String(t.Ignored).padStart(4)}${t.errors ? `  errors ${t.errors}` : ''}`;

console.log('\nmutation score (killed + timed out) / (killed + timed out + survived + no coverage)');
for (const [label] of [...folders, ['other']]) if (totals.has(label)) console.log(row(label, totals.get(label)));
console.log(row('all mutated files', all));
const survivorsFile = path.join(path.dirname(file), 'survivors.txt');
writeFileSync(survivorsFile, marked.join('\n') + (undetected.length ? '\n' : ''));
console.log(`${undetected.length} undetected mutants listed in ${survivorsFile}`);
