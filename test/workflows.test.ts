/**
 * The shipped workflow files as files: faults an admin would only meet on a real day — a Switch that sends
 * rejects to an output that does not exist (n8n then answers 500), a webhook branch that never answers, a
 * Code node that does not parse, a flow with its own copy of its ITSM's settings. The e2e tier runs the flows;
 * this reads every one of them, including branches no e2e test takes.
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
	/** By connection type: `main`, and `ai_languageModel`, `ai_tool`, … for an AI Agent's sub-nodes. */
	connections: Record<string, Record<string, Array<Array<{ node: string }> | null> | undefined>>;
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
const byNameOf = (flow: Workflow, name: string) => flow.nodes.find((node) => node.name === name)!;

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
		const dangling = Object.entries(flow.connections).flatMap(([from, byType]) =>
			[from, ...Object.values(byType).flatMap((outputs) => (outputs ?? []).flatMap((targets) => (targets ?? []).map(({ node }) => node)))].filter((name) => !byName.has(name)),
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

/** Setting names a flow reads from Config: `$('Config').first().json.<name>`, and `config.<name>` in Code nodes that set `config` to it. */
function settingsRead(flow: Workflow): Set<string> {
	const names = new Set<string>();
	const texts = flow.nodes.flatMap((node) => {
		const all: string[] = [];
		const walk = (value: unknown): void => {
			if (typeof value === 'string') all.push(value);
			else if (value && typeof value === 'object') Object.values(value).forEach(walk);
		};
		walk(node.parameters);
		return all;
	});
	for (const text of texts) {
		for (const [, name] of text.matchAll(/\$\('Config'\)\.first\(\)\.json\.(\w+)/g)) names.add(name);
		if (/\bconfig = \$\('Config'\)\.first\(\)\.json;/.test(text)) for (const [, name] of text.matchAll(/\bconfig\.(\w+)/g)) names.add(name);
	}
	return names;
}

const SET = 'n8n-nodes-base.set';
const assignmentsOf = (node: WorkflowNode) =>
	(node.parameters.assignments as { assignments?: Array<{ name: string; value: unknown }> } | undefined)?.assignments ?? [];

describe('settings: one place per ITSM', () => {
	const folders = [...new Set(files.map((file) => path.dirname(file)))];
	const readers = (folder: string) => files.filter((file) => path.dirname(file) === folder && path.basename(file) !== 'settings.json' && settingsRead(load(file)).size > 0);
	const itsmFolders = folders.filter((folder) => readers(folder).length > 0);

	it('every folder with flows that read settings is an ITSM folder with a settings flow', () => {
		expect(itsmFolders.sort()).toEqual(['bossdesk', 'cherwell', 'matrix42', 'servicedeskplus', 'servicenow']);
		expect(itsmFolders.filter((folder) => !files.includes(path.join(folder, 'settings.json')))).toEqual([]);
		expect(files.filter((file) => path.basename(file) === 'settings.json').map(path.dirname).sort()).toEqual(itsmFolders.sort());
	});

	describe.each(itsmFolders)('%s', (folder) => {
		const settingsFlow = load(path.join(folder, 'settings.json')) as Workflow & { name: string; settings: Record<string, unknown> };
		const trigger = settingsFlow.nodes.filter((node) => node.type === 'n8n-nodes-base.executeWorkflowTrigger');
		const values = settingsFlow.nodes.filter((node) => node.type === SET);
		const names = values.flatMap(assignmentsOf).map(({ name }) => name);

		it('has a settings flow: Execute Workflow Trigger (accept all data) → one Set node, nothing else that runs', () => {
			expect(settingsFlow.name).toMatch(/^[A-Za-z0-9 ]+: settings$/);
			expect(trigger).toHaveLength(1);
			expect(trigger[0].parameters).toEqual({ inputSource: 'passthrough' });
			expect(values.map((node) => node.name)).toEqual(['Settings']);
			expect(values[0].parameters.includeOtherFields).toBeUndefined();
			expect(settingsFlow.connections).toEqual({ [trigger[0].name]: { main: [[{ node: 'Settings', type: 'main', index: 0 }]] } });
			expect(settingsFlow.nodes.filter((node) => !['n8n-nodes-base.stickyNote', SET, 'n8n-nodes-base.executeWorkflowTrigger'].includes(node.type))).toEqual([]);
			expect(new Set(names).size).toBe(names.length);
		});

		it('keeps no run of the settings flow (it is handed the caller\'s item) and lets only the same owner call it', () => {
			expect(settingsFlow.settings).toMatchObject({ executionOrder: 'v1', saveDataSuccessExecution: 'none', saveDataErrorExecution: 'none', callerPolicy: 'workflowsFromSameOwner' });
		});

		it('documents every setting in a sticky note of the settings flow', () => {
			const notes = settingsFlow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote').map((node) => String(node.parameters.content));
			expect(names.filter((name) => !notes.some((note) => note.includes(`\`${name}\`:`)))).toEqual([]);
		});

		it.each(readers(folder))('%s reads its settings from the settings flow: Config runs it once with all items, a failure stops with the reason', (file) => {
			const flow = load(file);
			const config = flow.nodes.find((node) => node.name === 'Config');
			expect(config).toMatchObject({
				type: 'n8n-nodes-base.executeWorkflow',
				onError: 'continueErrorOutput',
				parameters: { workflowId: { __rl: true, value: settingsFlow.id, cachedResultName: settingsFlow.name } },
			});
			expect(config!.parameters.source ?? 'database').toBe('database');
			expect(config!.parameters.mode ?? 'once').toBe('once');
			expect((config!.parameters.options as Record<string, unknown>).waitForSubWorkflow ?? true).toBe(true);
			const failure = [...reachable(flow, outputs(flow, 'Config')[1]?.[0]?.node ?? 'Config')].map((name) => byNameOf(flow, name));
			expect(failure.map((node) => node.type)).toContain('n8n-nodes-base.stopAndError');
			expect(failure.every((node) => ['n8n-nodes-base.respondToWebhook', 'n8n-nodes-base.stopAndError'].includes(node.type))).toBe(true);
			for (const node of failure) expect(JSON.stringify(node.parameters)).toContain(`The settings flow \\"${settingsFlow.name}\\" (workflows/${folder}/settings.json) could not be run: ' + $json.error`);
		});

		it.each(readers(folder))('%s reads only settings that exist', (file) => {
			expect([...settingsRead(load(file))].filter((name) => !names.includes(name))).toEqual([]);
		});

		it.each(readers(folder))('%s keeps no copy of the values: no Set node assigns a setting', (file) => {
			const copies = load(file)
				.nodes.filter((node) => node.type === SET)
				.flatMap((node) => assignmentsOf(node).filter(({ name }) => names.includes(name)).map(({ name }) => `${node.name}: ${name}`));
			expect(copies).toEqual([]);
		});

		it.each(readers(folder))('%s: the nodes right after Config read the settings or name their source, never Config\'s items as if they were the trigger\'s', (file) => {
			const flow = load(file);
			const next = (outputs(flow, 'Config')[0] ?? []).map(({ node }) => byNameOf(flow, node));
			const problems = next.flatMap((node) => {
				const text = JSON.stringify(node.parameters);
				const json = [...text.matchAll(/\$json\.(\w+)/g)].map(([, name]) => name).filter((name) => !names.includes(name));
				return [...(text.includes('$input') ? [`${node.name} reads $input`] : []), ...json.map((name) => `${node.name} reads $json.${name}`)];
			});
			expect(problems).toEqual([]);
		});
	});
});

describe('the tour (getting-started/teamviewer-tour.json) cleans up after itself', () => {
	const tour = load('getting-started/teamviewer-tour.json') as Workflow & { settings: Record<string, unknown> };
	const node = (name: string) => byNameOf(tour, name);
	const steps = tour.nodes.filter((candidate) => candidate.type === 'n8n-nodes-teamviewer.teamViewer' && !reachable(tour, 'Did the tour create a case?').has(candidate.name));
	const cleanup = reachable(tour, 'Did the tour create a case?');

	it('sends the error of every step to "A step failed", which leads nowhere else', () => {
		expect(steps.length).toBeGreaterThanOrEqual(12);
		expect(steps.filter((step) => step.onError !== 'continueErrorOutput' || outputs(tour, step.name)[1]?.[0]?.node !== 'A step failed').map((step) => step.name)).toEqual([]);
		expect(outputs(tour, 'A step failed')).toEqual([]);
	});

	it('runs the clean-up as a branch of its own after the tour branch (v1 order: the lower branch runs once the upper one has ended)', () => {
		expect(tour.settings.executionOrder).toBe('v1');
		const branches = (outputs(tour, 'Start the tour')[0] ?? []).map(({ node: name }) => node(name) as WorkflowNode & { position: [number, number] });
		expect(branches.map((branch) => branch.name)).toEqual(['Verify token', 'Did the tour create a case?']);
		expect(branches[1].position[1]).toBeGreaterThan(branches[0].position[1]);
		expect(steps.every((step) => !cleanup.has(step.name))).toBe(true);
	});

	it('deletes the case and removes the group it created, even when a clean-up call fails, then stops with the first error', () => {
		const removals = ["Delete the tour's case", 'Remove tour group'].map(node);
		expect(removals.map((removal) => [removal.parameters.resource, removal.parameters.operation, removal.onError])).toEqual([
			['session', 'delete', 'continueRegularOutput'],
			['group', 'delete', 'continueRegularOutput'],
		]);
		expect(removals.every((removal) => cleanup.has(removal.name))).toBe(true);
		// Both If nodes lead on whichever way they decide.
		for (const name of ['Did the tour create a case?', 'Did the tour create a group?']) expect([0, 1].map((index) => connected(tour, name, index))).toEqual([true, true]);
		expect(cleanup.has('Stop: the tour failed') && node('Stop: the tour failed').type === 'n8n-nodes-base.stopAndError').toBe(true);
	});
});
