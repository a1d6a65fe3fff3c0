import type { INode, INodeParameters, INodeProperties } from 'n8n-workflow';

/** What a password parameter shows in the node copy attached to an error. */
export const MASK = '__hidden__';

/** Parameter paths (`devicePassword`, `additionalFields.password`) whose type is a password. */
export function passwordPaths(properties: INodeProperties[]): string[][] {
	const paths: string[][] = [];
	for (const property of properties) {
		if (property.typeOptions?.password) paths.push([property.name]);
		if (property.type === 'collection') {
			for (const field of (property.options ?? []) as INodeProperties[]) {
				if (field.typeOptions?.password) paths.push([property.name, field.name]);
			}
		}
	}
	return paths;
}

/**
 * A copy of `node` whose password parameters read MASK. n8n attaches the node (with its
 * parameters) to every error: it lands in saved executions and in n8n's log, so a password typed
 * into the node must not travel with it. An expression (`={{ … }}`) is kept: it names where the
 * value comes from, not the value.
 */
export function maskPasswords(node: INode, paths: string[][]): INode {
	let parameters: INodeParameters | undefined;
	for (const path of paths) {
		const parent = path.length === 1 ? node.parameters : (node.parameters[path[0]] as INodeParameters | undefined);
		const key = path[path.length - 1];
		const value = parent?.[key];
		if (value === undefined || value === '' || (typeof value === 'string' && value.startsWith('='))) continue;
		parameters ??= structuredClone(node.parameters);
		const target = path.length === 1 ? parameters : (parameters[path[0]] as INodeParameters);
		target[key] = MASK;
	}
	return parameters ? { ...node, parameters } : node;
}
