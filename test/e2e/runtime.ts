/**
 * Where the real n8n lives: scripts/runtime.sh installs Node 24 and the pinned n8n outside the repo
 * (first time only) and prints their paths; the pack is built and packed once per test run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export interface Runtime {
	nodeBin: string;
	n8nDir: string;
	n8nBin: string;
}

let runtime: Runtime | undefined;

export function n8nRuntime(): Runtime {
	if (runtime) return runtime;
	const output = execFileSync('bash', [path.join(ROOT, 'scripts/runtime.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	const values = Object.fromEntries(output.trim().split('\n').map((line) => line.split('=') as [string, string]));
	runtime = {
		nodeBin: values.NODE24_BIN,
		n8nDir: values.N8N_DIR,
		n8nBin: path.join(values.N8N_DIR, 'node_modules/n8n/bin/n8n'),
	};
	return runtime;
}

let tarball: string | undefined;

/** `npm pack` of the built pack: exactly what the community-package installer would download. */
export function packedPackage(): string {
	if (tarball) return tarball;
	// One folder per jest worker: suites may run in parallel.
	const outDir = path.join(ROOT, '.ci/out/pack', String(process.pid));
	mkdirSync(outDir, { recursive: true });
	for (const file of readdirSync(outDir)) if (file.endsWith('.tgz')) execFileSync('rm', ['-f', path.join(outDir, file)]);
	const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', outDir], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
	tarball = path.join(outDir, name);
	return tarball;
}
