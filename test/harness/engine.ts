/**
 * Runs workflows through n8n-core's real execution engine (WorkflowExecute) with the compiled pack,
 * over real HTTP. Tests build the same workflow JSON a user exports from the editor: a Manual
 * Trigger connected to a TeamViewer node. The run starts at the TeamViewer node with the Manual
 * Trigger's output (one empty item, or the items a test passes) as its input.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// n8n-core wants a user folder (it writes its instance settings there). Each test file (and each bench) loads
// this module afresh, so each makes one; it goes when the file's tests are done (a mutation run loads the
// harness thousands of times, and /tmp kept every folder).
if (process.env.N8N_USER_FOLDER === undefined) {
	const userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-teamviewer-engine-'));
	process.env.N8N_USER_FOLDER = userFolder;
	const cleanUp = (): void => rmSync(userFolder, { recursive: true, force: true });
	if (typeof afterAll === 'function') afterAll(cleanUp);
	else process.once('exit', cleanUp);
}
// n8n-core logs every failed node to the console; the tests read the errors from the run instead.
process.env.N8N_LOG_LEVEL ??= 'silent';

import { ExecutionLifecycleHooks, LoadOptionsContext, PollContext, TriggersAndPollers, WorkflowExecute } from 'n8n-core';
import type {
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeParameters,
	INodeType,
	INodeTypes,
	INodeTypeDescription,
	IRun,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowSettings,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import type { StoredCredential } from './credentials';
import { HarnessCredentialsHelper } from './credentials';
import { PACKAGE_NAME, packageNodeTypes } from './package';

export const TEAMVIEWER_NODE_TYPE = `${PACKAGE_NAME}.teamViewer`;
export const TEAMVIEWER_TRIGGER_TYPE = `${PACKAGE_NAME}.teamViewerTrigger`;
const TRIGGER_NAME = 'When clicking ‘Execute workflow’';

/**
 * What the nodes log through n8n's logger at `level` (n8n writes it when N8N_LOG_LEVEL allows): the logger is
 * n8n-core's own (its `@n8n/di` container hands every execution context the same one), watched while `during` runs.
 */
export async function n8nLogDuring(level: 'debug' | 'info' | 'warn' | 'error', during: () => Promise<unknown>): Promise<Array<[string, unknown]>> {
	const fromCore = { paths: [path.dirname(require.resolve('n8n-core'))] };
	const { Container } = require(require.resolve('@n8n/di', fromCore)) as { Container: { get(type: unknown): Record<string, (...args: unknown[]) => void> } };
	const { Logger } = require(require.resolve('@n8n/backend-common', fromCore)) as { Logger: unknown };
	const logger = Container.get(Logger);
	const lines: Array<[string, unknown]> = [];
	const original = logger[level];
	logger[level] = (message: unknown, meta?: unknown) => lines.push([String(message), meta]);
	try {
		await during();
	} finally {
		logger[level] = original;
	}
	return lines;
}

/** Only the pack's node types are loaded; the Manual Trigger is unknown here and never executed. */
const nodeTypes: INodeTypes = {
	getByName: (type) => packageNodeTypes.get(type) as INodeType,
	getByNameAndVersion: (type, version) => {
		const nodeType = packageNodeTypes.get(type);
		return (nodeType && NodeHelpers.getVersionedNodeType(nodeType, version)) as INodeType;
	},
	getKnownTypes: () => ({}),
};

export interface WorkflowJson {
	/** Workflow id; n8n keys a poll node's state by workflow and node. Default "engine". */
	id?: string;
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
}

export interface NodeUnderTest {
	parameters: INodeParameters;
	/** Credential id in the harness store; its type decides the `authentication` parameter. */
	credential: StoredCredential;
	continueOnFail?: boolean;
	name?: string;
	/** The workflow's time zone setting (n8n's default applies when absent). */
	timezone?: string;
}

/** The workflow a user would export: Manual Trigger → TeamViewer. */
export function teamViewerWorkflow({ parameters, credential, continueOnFail, name = 'TeamViewer', timezone }: NodeUnderTest): WorkflowJson {
	const authentication = credential.type === 'teamViewerOAuth2Api' ? 'oAuth2' : 'accessToken';
	return {
		name: `Engine test: ${String(parameters.resource)} ${String(parameters.operation)}`,
		nodes: [
			{
				id: '3f0f1c66-1b0c-4f36-9d0a-000000000001',
				name: TRIGGER_NAME,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '3f0f1c66-1b0c-4f36-9d0a-000000000002',
				name,
				type: TEAMVIEWER_NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters: { authentication, ...parameters },
				credentials: { [credential.type]: { id: credential.id, name: credential.name } },
				...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
		connections: {
			[TRIGGER_NAME]: { main: [[{ node: name, type: 'main', index: 0 }]] },
		},
		...(timezone ? { settings: { timezone } } : {}),
	};
}

function workflowData(json: WorkflowJson): IWorkflowBase {
	const now = new Date();
	return { id: 'engine', ...json, active: false, isArchived: false, createdAt: now, updatedAt: now, activeVersionId: null } as IWorkflowBase;
}

/** An active workflow with only the TeamViewer Trigger, as a user builds it before adding steps. */
export function teamViewerTriggerWorkflow({ parameters, credential }: NodeUnderTest): WorkflowJson {
	const authentication = credential.type === 'teamViewerOAuth2Api' ? 'oAuth2' : 'accessToken';
	return {
		name: `Engine test: trigger ${String(parameters.event)}`,
		nodes: [
			{
				id: '3f0f1c66-1b0c-4f36-9d0a-000000000010',
				name: 'TeamViewer Trigger',
				type: TEAMVIEWER_TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { authentication, pollTimes: { item: [{ mode: 'everyMinute' }] }, ...parameters },
				credentials: { [credential.type]: { id: credential.id, name: credential.name } },
			},
		],
		connections: {},
	};
}

export interface EngineResult {
	run: IRun;
	status: IRun['status'];
	/** The TeamViewer node's output items (json and pairedItem). */
	items: INodeExecutionData[];
	json: IDataObject[];
	error?: IRun['data']['resultData']['error'];
}

export class Engine {
	readonly credentials = new Map<string, StoredCredential>();
	readonly credentialsHelper = new HarnessCredentialsHelper(this.credentials);
	private sequence = 0;

	addCredential(type: string, data: StoredCredential['data'], name = `${type} ${this.sequence + 1}`): StoredCredential {
		const credential = { id: `cred${++this.sequence}`, name, type, data };
		this.credentials.set(credential.id, credential);
		return credential;
	}

	/** What n8n's server hands the engine for a run; features a TeamViewer node never uses throw. */
	private additionalData(hooks: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
		const unavailable = (what: string) => async () => {
			throw new Error(`${what} is not available in the engine harness`);
		};
		return {
			hooks,
			credentialsHelper: this.credentialsHelper,
			executeWorkflow: unavailable('Executing a sub-workflow'),
			getRunExecutionData: unavailable('Reading another execution'),
			getRuntimeCredential: unavailable('A runtime credential'),
			startRunnerTask: unavailable('The task runner'),
			logAiEvent: () => {},
			currentNodeExecutionIndex: 0,
			variables: {},
			restApiUrl: 'http://127.0.0.1:5678/rest',
			instanceBaseUrl: 'http://127.0.0.1:5678/',
			formBaseUrl: 'http://127.0.0.1:5678/form',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
			mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
			mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	workflow(json: WorkflowJson): Workflow {
		return new Workflow({ id: 'engine', name: json.name, nodes: json.nodes, connections: json.connections, settings: json.settings, active: false, nodeTypes });
	}

	async run(json: WorkflowJson, input: IDataObject[] = [{}], mode: WorkflowExecuteMode = 'manual'): Promise<EngineResult> {
		const workflow = this.workflow(json);
		const target = json.nodes.find((node) => node.type === TEAMVIEWER_NODE_TYPE)!;
		const hooks = new ExecutionLifecycleHooks(mode, 'engine-execution', workflowData(json));
		let finish!: (run: IRun) => void;
		const finished = new Promise<IRun>((resolve) => (finish = resolve));
		hooks.addHandler('workflowExecuteAfter', (run) => finish(run));
		const runData = {
			version: 1,
			resultData: { runData: {} },
			executionData: {
				metadata: {},
				contextData: {},
				waitingExecution: {},
				waitingExecutionSource: null,
				nodeExecutionStack: [
					{
						node: workflow.getNode(target.name)!,
						data: { main: [input.map((json) => ({ json }))] },
						source: { main: [{ previousNode: TRIGGER_NAME }] },
					},
				],
			},
		} as unknown as IRunExecutionData;
		await new WorkflowExecute(this.additionalData(hooks), mode, runData).processRunExecutionData(workflow);
		const run = await finished;
		const items = run.data.resultData.runData[target.name]?.[0]?.data?.main?.[0] ?? [];
		return { run, status: run.status, items, json: items.map((item) => item.json), error: run.data.resultData.error };
	}

	/** Whether the last `poll` changed the static data (n8n's ObservableObject flag). */
	staticDataChanged = false;

	/**
	 * One poll of the trigger, the way n8n's active-workflow manager runs it: n8n-core's
	 * TriggersAndPollers with a real PollContext. `staticData` is the workflow's static data, kept by
	 * the caller between polls as n8n keeps it in the database.
	 */
	async poll(
		json: WorkflowJson,
		staticData: IDataObject,
		mode: 'trigger' | 'manual' = 'trigger',
		options: { pollBudgetMs?: number } = {},
	): Promise<IDataObject[] | null> {
		const workflow = new Workflow({ id: json.id ?? 'engine', name: json.name, nodes: json.nodes, connections: json.connections, active: true, nodeTypes, staticData });
		const node = workflow.getNode(json.nodes[0].name)!;
		const hooks = new ExecutionLifecycleHooks(mode, 'engine-poll', workflowData(json));
		const budget = options.pollBudgetMs === undefined ? undefined : () => options.pollBudgetMs!;
		const context = new PollContext(workflow, node, this.additionalData(hooks), mode, 'activate', undefined, undefined, undefined, undefined, undefined, budget);
		const output = await new TriggersAndPollers().runPollFunction(workflow, node, context);
		// What n8n's saveStaticData checks before writing the static data to its database.
		this.staticDataChanged = (workflow.staticData as IDataObject & { __dataChanged?: boolean }).__dataChanged === true;
		Object.assign(staticData, workflow.staticData);
		return output ? output[0].map((item) => item.json) : null;
	}

	/** Runs a listSearch method through n8n-core's real LoadOptionsContext; `paginationToken` is the editor's "load more". */
	async listSearch(json: WorkflowJson, method: string, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const workflow = this.workflow(json);
		const node = json.nodes.find((candidate) => candidate.type === TEAMVIEWER_NODE_TYPE)!;
		const hooks = new ExecutionLifecycleHooks('manual', 'engine-load-options', workflowData(json));
		const context = new LoadOptionsContext(workflow, workflow.getNode(node.name)!, this.additionalData(hooks), '');
		const type = packageNodeTypes.get(TEAMVIEWER_NODE_TYPE)!;
		const search = type.methods?.listSearch?.[method];
		if (!search) throw new Error(`No listSearch method ${method}`);
		return await search.call(context, filter, paginationToken);
	}

	/** Runs a loadOptions method (the options of a multi-select) through n8n-core's real LoadOptionsContext. */
	async loadOptions(json: WorkflowJson, method: string): Promise<INodePropertyOptions[]> {
		const workflow = this.workflow(json);
		const node = json.nodes.find((candidate) => candidate.type === TEAMVIEWER_NODE_TYPE)!;
		const hooks = new ExecutionLifecycleHooks('manual', 'engine-load-options', workflowData(json));
		const context = new LoadOptionsContext(workflow, workflow.getNode(node.name)!, this.additionalData(hooks), '');
		const type = packageNodeTypes.get(TEAMVIEWER_NODE_TYPE)!;
		const load = type.methods?.loadOptions?.[method];
		if (!load) throw new Error(`No loadOptions method ${method}`);
		return await load.call(context);
	}

	/** The built TeamViewer node's description, as the editor gets it. */
	nodeDescription(): INodeTypeDescription {
		return packageNodeTypes.get(TEAMVIEWER_NODE_TYPE)!.description;
	}
}
