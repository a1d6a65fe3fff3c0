/**
 * What `npm pack` puts in the tarball, file by file: what n8n loads (compiled nodes and credentials, their
 * codex JSON, the icons) plus package.json, README.md and LICENSE.md, nothing else (no source maps, type
 * declarations, tsbuildinfo, sources, docs). Every relative require and every `file:` icon in the shipped
 * code points into the tarball. README images use absolute URLs into the repository, so that they render
 * on the npm package page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

type PackResult = { entryCount: number; size: number; files: Array<{ path: string }> };
const packed = (JSON.parse(
	execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }),
) as PackResult[])[0];
const files = packed.files.map((file) => file.path).sort();
const shipped = new Set(files);

function walk(dir: string): string[] {
	return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
		const relative = `${dir}/${entry.name}`;
		return entry.isDirectory() ? walk(relative) : [relative];
	});
}

/** The build's output that n8n loads, derived from the sources: .ts → .js, codex .json and icons as they are. */
function expectedFiles(): string[] {
	const compiled = [...walk('nodes'), ...walk('credentials')].flatMap((source) => {
		if (source.endsWith('.d.ts')) return [];
		if (source.endsWith('.ts')) return [`dist/${source.replace(/\.ts$/, '.js')}`];
		if (/\.(json|svg|png)$/.test(source)) return [`dist/${source}`];
		return [];
	});
	const icons = walk('icons').map((icon) => `dist/${icon}`);
	return [...compiled, ...icons, 'LICENSE.md', 'README.md', 'package.json'].sort();
}

describe('npm pack', () => {
	it('packs exactly what n8n loads, plus package.json, README.md and LICENSE.md', () => {
		expect(files).toEqual(expectedFiles());
		expect(files.filter((file) => /\.(map|d\.ts|tsbuildinfo|ts)$/.test(file))).toEqual([]);
		for (const entry of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) expect(shipped.has(entry)).toBe(true);
		// 87 files, 56 kB packed on 2026-12-06 (was 250 files, 210 kB with maps, declarations, tsbuildinfo)
		expect(packed.size).toBeLessThan(150_000);
	});

	it('ships every file the shipped code requires or names as an icon', () => {
		const missing: string[] = [];
		for (const file of files.filter((name) => name.endsWith('.js'))) {
			const code = readFileSync(path.join(root, file), 'utf8');
			const dir = path.posix.dirname(file);
			for (const [, target] of code.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
				const base = path.posix.join(dir, target);
				const candidates = [base, `${base}.js`, `${base}.json`, `${base}/index.js`];
				if (!candidates.some((candidate) => shipped.has(candidate))) missing.push(`${file} requires ${target}`);
			}
			for (const [, icon] of code.matchAll(/['"]file:([^'"]+)['"]/g)) {
				if (!shipped.has(path.posix.join(dir, icon))) missing.push(`${file} names icon ${icon}`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('README images are absolute raw URLs into the repository of package.json, of files that exist', () => {
		const [, owner, repo] = /github\.com\/([\w.-]+)\/([\w.-]+?)\.git$/.exec(manifest.repository.url)!;
		const prefix = `https://raw.githubusercontent.com/${owner}/${repo}/HEAD/`;
		const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
		const images = [
			...[...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((match) => match[1]),
			...[...readme.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1]),
		];
		expect(images.length).toBeGreaterThan(0);
		for (const image of images) {
			expect({ image, absolute: image.startsWith(prefix) }).toEqual({ image, absolute: true });
			expect({ image, exists: existsSync(path.join(root, image.slice(prefix.length))) }).toEqual({ image, exists: true });
		}
	});
});
