/**
 * Loads the pack the way n8n does, with n8n-core's loader, from the compiled files listed in package.json's
 * `n8n` field. A wrong path there, or a missing dist file, fails every engine test.
 *
 * With TEAMVIEWER_PACK_FROM=sources (set by stryker.config.mjs, for mutation testing) the same
 * manifest paths are mapped back to their TypeScript sources (`dist/nodes/X.node.js` →
 * `nodes/X.node.ts`), which ts-jest compiles with the same compiler options as the build.
 */
import path from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType, INodeType } from 'n8n-workflow';

const root = path.resolve(__dirname, '../..');
const fromSources = process.env.TEAMVIEWER_PACK_FROM === 'sources';
/** What a path in the built pack (`dist/…`) is read from: itself, or its source when loading from sources. */
const fromBuild = (file: string): string => (fromSources ? file.replace(/^dist\//, '').replace(/\.js$/, '.ts') : file);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require(path.join(root, 'package.json')) as {
	name: string;
	version: string;
	n8n: { nodes: string[]; credentials: string[] };
};

/**
 * n8n-core's own loader for a community package, the one n8n runs on ~/.n8n/nodes/node_modules/<package>:
 * it reads the manifest, loads each class, and does to them what n8n does before any workflow sees them
 * (the codex from `*.node.json`, icon paths, `pollTimes` added to polling nodes, a description check). From
 * sources, every path it resolves under `dist/` is taken from the source tree instead (`.js` → `.ts`).
 */
class PackLoader extends PackageDirectoryLoader {
	override resolvePath(file: string): string {
		return super.resolvePath(fromBuild(file));
	}
}

const loader = new PackLoader(root);
// What PackageDirectoryLoader.loadAll does, called one by one so that a failure throws here and now.
for (const file of manifest.n8n.nodes) loader.loadNodeFromFile(file, manifest.version);
for (const file of manifest.n8n.credentials) loader.loadCredentialFromFile(file);
// (private in the typings; loadAll's last step: which nodes use each credential)
(loader as unknown as { inferSupportedNodes(): void }).inferSupportedNodes();

export const PACKAGE_NAME = manifest.name;

/** Node types keyed the way n8n names a community node: `<package>.<description.name>`. */
export const packageNodeTypes = new Map(
	Object.entries(loader.nodeTypes).map(([name, { type }]) => [`${PACKAGE_NAME}.${name}`, type as INodeType]),
);

export const packageCredentialTypes = new Map(
	Object.values(loader.credentialTypes).map(({ type }) => [type.name, type as ICredentialType]),
);

/**
 * The transport module of the loaded pack (the same instance the nodes use), for tests that shorten
 * its documented constants (`RETRY.timeoutMs`, `RETRY.ambiguousLookupPausesMs`).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const packTransport = require(path.join(root, fromBuild('dist/nodes/TeamViewer/transport'))) as typeof import('../../nodes/TeamViewer/transport');

/**
 * n8n starting again, in a new process: the pack's own modules are evaluated afresh in an isolated module
 * registry, so whatever they kept in memory between polls is gone, and the node types the engine looks up
 * are replaced in place. n8n-core (its loader) and what the pack imports (n8n-workflow, luxon) stay the
 * instances the engine and the tests already hold, as one n8n process has one of each.
 */
export function newProcess(): void {
	const shared = ['n8n-core', 'n8n-workflow', 'luxon'].map((name) => [name, require(name)] as const);
	// Mutation testing only: Stryker's instrumented code counts what runs while a module loads (descriptions,
	// constants) as "static" unless a test is running, and a static mutant can only be tried by loading the
	// pack again with it, so with every test that reads it (STRYKER_STATIC=run) or not at all. Loaded again here,
	// in a test, that code would count for this test alone, and Stryker would try such a mutant with this test
	// only, switched on after the first load (most of them then "survive" untested). So the load counts as
	// static, as in a new n8n process.
	const stryker = (globalThis as { __stryker__?: { currentTestId?: string } }).__stryker__;
	const testId = stryker?.currentTestId;
	if (stryker) stryker.currentTestId = undefined;
	try {
		jest.isolateModules(() => {
			for (const [name, instance] of shared) jest.doMock(name, () => instance);
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const fresh = require('./package') as typeof import('./package');
			for (const [name, type] of fresh.packageNodeTypes) packageNodeTypes.set(name, type);
		});
	} finally {
		if (stryker) stryker.currentTestId = testId;
	}
}
