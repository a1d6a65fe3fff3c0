/**
 * The shipped workflow files as files: faults an admin would only meet on a real day — a Switch that sends
 * rejects to an output that does not exist (n8n then answers 500), a webhook branch that never answers, a
 * Code node that does not parse, Config nodes of one folder that disagree. The e2e tier runs the flows; this
 * reads every one of them, including branches no e2e test takes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface WorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	onError?: string;
}
interface Workflow {
	id: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string }> | null> }>;
}

const ROOT = path.join(__dirname, '..', 'workflows');
const files = readdirSync(ROOT, { withFileTypes: true })
	.filter((entry) => entry.isDirectory())
	.flatMap((folder) =>
		readdirSync(path.join(ROOT, folder.name))
			.filter((file) => file.endsWith('.json'))
			.map((file) => path.join(folder.name, file)),
	);
const load = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Workflow;
const outputs = (flow: Workflow, node: string) => flow.connections[node]?.main ?? [];
const connected = (flow: Workflow, node: string, index: number) => (outputs(flow, node)[index] ?? []).length > 0;

/** Every node reachable from `start` along connections. */
function reachable(flow: Workflow, start: string): Set<string> {
	const seen = new Set<string>([start]);
	const queue = [start];
	while (queue.length > 0) {
		for (const targets of outputs(flow, queue.shift()!)) {
			for (const { node } of targets ?? []) if (!seen.has(node)) seen.add(node) && queue.push(node);
		}
	}
	return seen;
}

describe.each(files)('%s', (file) => {
	const flow = load(file);
	const byName = new Map(flow.nodes.map((node) => [node.name, node]));

	it('connects only nodes that exist', () => {
		const dangling = Object.entries(flow.connections).flatMap(([from, { main }]) =>
			[from, ...main.flatMap((targets) => (targets ?? []).map(({ node }) => node))].filter((name) => !byName.has(name)),
		);
		expect(dangling).toEqual([]);
	});

	it('has Code nodes that parse', () => {
		const broken = flow.nodes
			.filter((node) => node.type === 'n8n-nodes-base.code')
			.filter((node) => {
				try {
					new Function('$', '$input', `return (async () => {${String(node.parameters.jsCode)}\n})`);
					return false;
				} catch {
					return true;
				}
			})
			.map((node) => node.name);
		expect(broken).toEqual([]);
	});

	it('gives every Switch output it can choose a node, and says how many outputs it has', () => {
		const problems = flow.nodes
			.filter((node) => node.type === 'n8n-nodes-base.switch' && node.parameters.mode === 'expression')
			.flatMap((node) => {
				const count = Number(node.parameters.numberOutputs ?? 4);
				const wired = outputs(flow, node.name).length;
				return Array.from({ length: count }, (_, index) => index)
					.filter((index) => !connected(flow, node.name, index))
					.map((index) => `${node.name}: output ${index} of ${count} leads nowhere`)
					.concat(wired > count ? [`${node.name}: wired to ${wired} outputs but has ${count}`] : []);
			});
		expect(problems).toEqual([]);
	});

	const hooks = flow.nodes.filter((node) => node.type === 'n8n-nodes-base.webhook' && node.parameters.responseMode === 'responseNode');
	if (hooks.length > 0) {
		it('answers every webhook call: each If/Switch branch and each error output under the webhook leads to a node', () => {
			const under = new Set(hooks.flatMap((hook) => [...reachable(flow, hook.name)]));
			const problems = [...under].flatMap((name) => {
				const node = byName.get(name)!;
				if (node.type === 'n8n-nodes-base.if') return [0, 1].filter((index) => !connected(flow, name, index)).map((index) => `${name}: ${index === 0 ? 'true' : 'false'} branch leads nowhere`);
				if (node.onError === 'continueErrorOutput' && !connected(flow, name, 1)) return [`${name}: its error output leads nowhere`];
				return [];
			});
			expect(problems).toEqual([]);
		});
	}
});

describe('Config nodes', () => {
	const folders = [...new Set(files.map((file) => path.dirname(file)))];
	it.each(folders)('give a setting the same value in every flow of %s that has it', (folder) => {
		const values = new Map<string, Map<string, string[]>>();
		for (const file of files.filter((candidate) => path.dirname(candidate) === folder)) {
			const config = load(file).nodes.find((node) => node.name === 'Config');
			for (const { name, value } of (config?.parameters.assignments as { assignments?: Array<{ name: string; value: unknown }> } | undefined)?.assignments ?? []) {
				const byValue = values.get(name) ?? new Map<string, string[]>();
				byValue.set(JSON.stringify(value), [...(byValue.get(JSON.stringify(value)) ?? []), path.basename(file)]);
				values.set(name, byValue);
			}
		}
		const disagreeing = [...values].filter(([, byValue]) => byValue.size > 1).map(([name, byValue]) => `${name}: ${[...byValue].map(([value, in_]) => `${value} in ${in_.join(', ')}`).join(' vs ')}`);
		expect(disagreeing).toEqual([]);
	});
});
