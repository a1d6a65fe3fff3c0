#!/usr/bin/env node
// n8n's verification scanner, offline. `npx @n8n/scan-community-package <name>` first reads the package's
// npm provenance from the registry and stops there for anything not yet published with it; only then does
// it lint the source the provenance points at and the published tarball. This script calls those two lint
// legs directly, with the scanner's own ESLint config (inline `eslint-disable` comments ignored):
//   source:  analyzePackage(<repo>, SOURCE_FILE_PATTERNS)      package.json, {nodes,credentials}/**
//   tarball: analyzePackage(<npm pack, unpacked>, ['**/*.js', 'package.json'])
// Needs a built dist/ (`npm run build`). Exits 1 when either leg finds a violation.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
// The scanner makes a temporary folder when it is loaded and leaves it behind: put it inside ours.
process.env.TMPDIR = work;
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import('@n8n/scan-community-package/scanner/scanner.mjs');

let failed = false;
try {
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }),
	);
	const unpacked = path.join(work, 'package');
	mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', path.join(work, packed.filename), '-C', unpacked, '--strip-components=1']);

	const legs = [
		['source', root, SOURCE_FILE_PATTERNS],
		[`tarball ${packed.filename} (${packed.entryCount} files)`, unpacked, ['**/*.js', 'package.json']],
	];
	for (const [name, dir, patterns] of legs) {
		const result = await analyzePackage(dir, patterns);
		if (result.message === 'No files found to analyze') Object.assign(result, { passed: false });
		console.log(`${result.passed ? 'passed' : 'FAILED'}: ${name}${result.passed ? '' : ` (${result.message})`}`);
		if (result.details) console.log(result.details);
		failed ||= !result.passed;
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
