/**
 * Engine tests load the compiled pack from dist/ (as n8n does). Refuse to run against a dist/ older
 * than the sources, so `npx jest <file>` after an edit cannot silently test stale code.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newest(dir: string, suffix: string): number {
	let latest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) latest = Math.max(latest, newest(full, suffix));
		else if (entry.name.endsWith(suffix)) latest = Math.max(latest, statSync(full).mtimeMs);
	}
	return latest;
}

export default function distIsFresh(): void {
	// Mutation testing loads the sources themselves (test/harness/package.ts): no dist/ to be stale.
	if (process.env.TEAMVIEWER_PACK_FROM === 'sources') return;
	const root = path.resolve(__dirname, '../..');
	const sources = Math.max(newest(path.join(root, 'nodes'), '.ts'), newest(path.join(root, 'credentials'), '.ts'));
	let built = 0;
	try {
		built = Math.min(newest(path.join(root, 'dist/nodes'), '.js'), newest(path.join(root, 'dist/credentials'), '.js'));
	} catch {
		built = 0;
	}
	if (built < sources) {
		throw new Error('dist/ is missing or older than nodes/ or credentials/: run `npm run build` first.');
	}
}
