/**
 * The package contract n8n's verification checks, on the built pack: no runtime dependencies, compiled files that
 * exist, icons and codex next to them. It reads dist/, so it is not in mutation runs (Stryker's sandbox has no
 * dist/; test/package.test.ts keeps what the editor shows, read from the sources there).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { packageCredentialTypes, packageNodeTypes, PACKAGE_NAME } from '../harness/package';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const teamViewer = packageNodeTypes.get(`${PACKAGE_NAME}.teamViewer`)!;

describe('package contract of a verifiable community package', () => {
	it('has no runtime dependencies and only n8n-workflow as a peer', () => {
		expect(manifest.name).toBe('n8n-nodes-teamviewer');
		expect(manifest.license).toBe('MIT');
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.dependencies).toBeUndefined();
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		// only the compiled nodes, credentials and icons; test/package/tarball.test.ts checks the packed files one by one
		expect(manifest.files.filter((entry: string) => !entry.startsWith('!'))).toEqual(['dist/credentials', 'dist/icons', 'dist/nodes']);
		expect(Object.keys(manifest.scripts)).not.toEqual(expect.arrayContaining(['install', 'postinstall', 'preinstall', 'prepare']));
	});

	it('lists compiled files that exist, with icons and codex next to them', () => {
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
			expect(file).toMatch(/^dist\//);
			expect(existsSync(path.join(root, file))).toBe(true);
		}
		expect(existsSync(path.join(root, 'dist/icons/teamviewer.svg'))).toBe(true);
		expect(existsSync(path.join(root, 'dist/icons/teamviewer.dark.svg'))).toBe(true);
		const codex = JSON.parse(readFileSync(path.join(root, 'dist/nodes/TeamViewer/TeamViewer.node.json'), 'utf8'));
		expect(codex.node).toBe(`${PACKAGE_NAME}.${teamViewer.description.name}`);
		expect([...packageCredentialTypes.keys()].sort()).toEqual(['teamViewerApi', 'teamViewerOAuth2Api']);
	});
});
