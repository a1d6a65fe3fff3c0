/**
 * Loads the pack the way n8n does: from the compiled files listed in package.json's `n8n` field.
 * A wrong path there, or a missing dist file, fails every engine test.
 *
 * With TEAMVIEWER_PACK_FROM=sources (set by stryker.config.mjs, for mutation testing) the same
 * manifest paths are mapped back to their TypeScript sources (`dist/nodes/X.node.js` →
 * `nodes/X.node.ts`), which ts-jest compiles with the same compiler options as the build.
 */
import path from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

const root = path.resolve(__dirname, '../..');
const fromSources = process.env.TEAMVIEWER_PACK_FROM === 'sources';
/** The file a manifest path (`dist/…js`) names, or its source when the pack is loaded from sources. */
const packFile = (file: string): string =>
	path.join(root, fromSources ? file.replace(/^dist\//, '').replace(/\.js$/, '.ts') : file);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require(path.join(root, 'package.json')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};

function loadClasses<T>(files: string[], suffix: string): Map<string, T> {
	const loaded = new Map<string, T>();
	for (const file of files) {
		const className = path.basename(file).replace(suffix, '');
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(packFile(file)) as Record<string, new () => T>;
		if (!exported[className]) throw new Error(`${file} does not export class ${className}`);
		loaded.set(className, new exported[className]());
	}
	return loaded;
}

const nodeClasses = loadClasses<INodeType>(manifest.n8n.nodes, '.node.js');
const credentialClasses = loadClasses<ICredentialType>(manifest.n8n.credentials, '.credentials.js');

export const PACKAGE_NAME = manifest.name;

/** Node types keyed the way n8n names a community node: `<package>.<description.name>`. */
export const packageNodeTypes = new Map(
	[...nodeClasses.values()].map((type) => [`${PACKAGE_NAME}.${type.description.name}`, type]),
);

export const packageCredentialTypes = new Map(
	[...credentialClasses.values()].map((type) => [type.name, type]),
);

/**
 * The transport module of the loaded pack (the same instance the nodes use), for tests that shorten
 * its documented constants (`RETRY.timeoutMs`, `RETRY.ambiguousLookupPausesMs`).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const packTransport = require(packFile('dist/nodes/TeamViewer/transport')) as typeof import('../../nodes/TeamViewer/transport');
