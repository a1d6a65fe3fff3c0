/**
 * eslint.config.mjs is @n8n/node-cli's default config with one addition: test/, bench/ and scripts/ are
 * ignored, so `n8n-node lint` passes from the repository root. Because the file then differs from the
 * template, package.json sets "n8n.strict": false (n8n-node lint would refuse it otherwise); this test
 * stands in for strict mode's check: every shipped source gets exactly the default config's rules, and
 * nothing but development folders is ignored.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

// ESLint loads its config with import(), which jest's module system does not run: ask a plain node.
const probe = `
import { ESLint } from 'eslint';
import { config } from '@n8n/node-cli/eslint';
import ours from './eslint.config.mjs';
const files = process.argv.slice(1);
const project = new ESLint({ cwd: process.cwd() });
const template = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: config });
const differing = [];
for (const file of files) {
	const [mine, theirs] = await Promise.all([project.calculateConfigForFile(file), template.calculateConfigForFile(file)]);
	if (JSON.stringify(mine?.rules) !== JSON.stringify(theirs?.rules)) differing.push(file);
}
const ignored = [];
for (const file of ['test/package.test.ts', 'bench/x.ts', 'scripts/x.ts', ...files]) {
	if (await project.isPathIgnored(file)) ignored.push(file);
}
console.log(JSON.stringify({
	first: ours[0],
	restIsTemplate: ours.length === config.length + 1 && ours.slice(1).every((entry, i) => entry === config[i]),
	differing,
	ignored,
}));
`;

describe('lint scope (n8n-node lint from the repository root)', () => {
	it('is the template config plus ignores for test/, bench/ and scripts/, with strict mode off', () => {
		const shippedSources = [
			'package.json',
			'nodes/TeamViewer/TeamViewer.node.ts',
			'nodes/TeamViewer/transport/request.ts',
			'nodes/TeamViewerTrigger/TeamViewerTrigger.node.ts',
			'credentials/TeamViewerApi.credentials.ts',
			'credentials/TeamViewerOAuth2Api.credentials.ts',
		];
		const result = JSON.parse(
			execFileSync('node', ['--input-type=module', '-e', probe, ...shippedSources], { cwd: root, encoding: 'utf8' }),
		);
		expect(result.first.ignores).toEqual(['test/', 'bench/', 'scripts/']);
		expect(result.restIsTemplate).toBe(true);
		expect(result.differing).toEqual([]);
		expect(result.ignored).toEqual(['test/package.test.ts', 'bench/x.ts', 'scripts/x.ts']);
		expect(manifest.n8n.strict).toBe(false);
	});
});
