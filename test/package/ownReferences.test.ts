/**
 * Everything a user of the repository reads points only at what the repository holds or what is public: no
 * "reference §2.4", no `reference/teamviewer-webapi.md`, `../shared/…` or `vendor-guides/…`, no numbered
 * "UNCONFIRMED #14" of a list that is not here. Public sources (a vendor's help page, an RFC section) are fine.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SCANNED = ['README.md', 'CHANGELOG.md', 'workflows', 'nodes', 'credentials', 'docs', 'docker', 'scripts', 'bench', 'test', '.github'];
const TEXT = /\.(md|ts|js|mjs|cjs|json|sh|ya?ml|xml|txt)$|Dockerfile$/;
const OUTSIDE = [
	/\breference §/i,
	/(?<!RFC \d+ )§\d/,
	/\breference\/[\w-]+\.md/,
	/\.\.\/shared\b/,
	/\bvendor-guides\b/,
	/teamviewer-webapi\.md|itsm-integrations\.md/,
	/UNCONFIRMED #\d/,
];

function files(entry: string): string[] {
	const full = path.join(ROOT, entry);
	let stat;
	try {
		stat = statSync(full);
	} catch {
		return [];
	}
	if (stat.isFile()) return TEXT.test(entry) ? [entry] : [];
	return readdirSync(full)
		.filter((name) => name !== 'node_modules')
		.flatMap((name) => files(path.join(entry, name)));
}

const scanned = SCANNED.flatMap(files).filter((file) => file !== path.join('test', 'package', 'ownReferences.test.ts'));

it('scans the documentation, the shipped code, the flows and the tests', () => {
	expect(scanned).toEqual(expect.arrayContaining(['README.md', 'workflows/README.md', 'nodes/TeamViewer/transport/request.ts', 'workflows/servicenow/settings.json', 'test/simulators/teamviewer/README.md']));
});

it('names no document outside the repository', () => {
	const hits = scanned.flatMap((file) =>
		readFileSync(path.join(ROOT, file), 'utf8')
			.split('\n')
			.flatMap((line, index) => (OUTSIDE.some((pattern) => pattern.test(line)) ? [`${file}:${index + 1}: ${line.trim().slice(0, 120)}`] : [])),
	);
	expect(hits).toEqual([]);
});

it('catches such a reference', () => {
	for (const line of ['// GET /users/{id} — reference §6.2', 'Shapes follow `reference/itsm-integrations.md` §2.2', 'see ../shared/notes', 'the vendor guide (`vendor-guides/x.txt`)', '(UNCONFIRMED #14)']) {
		expect(OUTSIDE.some((pattern) => pattern.test(line))).toBe(true);
	}
	expect(OUTSIDE.some((pattern) => pattern.test('refuses with 550 (RFC 5321 §4.2.2)'))).toBe(false);
});
