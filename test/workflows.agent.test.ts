/**
 * The AI helpdesk agent (workflows/getting-started/ai-helpdesk-agent.json) as a file: what the agent may do is
 * decided by the tools wired to it, so this pins them. Read-only TeamViewer operations, plus Get or Create (one
 * session per ticket); never Close, Delete, Update or Custom API Call; the model fills only the $fromAI() fields,
 * and the email's sender, subject and wording stay fixed. test/e2e/agent.e2e.test.ts runs the flow.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface FlowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}
interface Flow {
	id: string;
	nodes: FlowNode[];
	connections: Record<string, Record<string, Array<Array<{ node: string; type: string }>>>>;
}

const flow = JSON.parse(readFileSync(path.join(__dirname, '../workflows/getting-started/ai-helpdesk-agent.json'), 'utf8')) as Flow;
const node = (name: string) => flow.nodes.find((candidate) => candidate.name === name)!;
const AGENT = 'Helpdesk agent';
/** Nodes wired into the agent as `type` (ai_tool, ai_languageModel, ai_memory). */
const wired = (type: string) =>
	Object.entries(flow.connections)
		.filter(([, byType]) => (byType[type] ?? []).some((targets) => targets.some((target) => target.node === AGENT && target.type === type)))
		.map(([name]) => node(name));
const fromAiKeys = (value: unknown): string[] => [...JSON.stringify(value).matchAll(/\$fromAI\('(\w+)'/g)].map(([, key]) => key);

/** TeamViewer operations a tool of this flow may use: reads, and Get or Create (at most one case per ticket). */
const ALLOWED = new Set(['session:getOrCreate', 'connectionReport:getAll', 'device:getAll']);

describe('AI helpdesk agent: what the model may call', () => {
	const tools = wired('ai_tool');

	it('has a chat trigger behind a login, one OpenAI chat model on the Chat Completions API and a memory', () => {
		expect(node('Chat with the helpdesk agent')).toMatchObject({
			type: '@n8n/n8n-nodes-langchain.chatTrigger',
			parameters: { public: true, authentication: 'basicAuth' },
			credentials: { httpBasicAuth: { id: 'tvAgentChatAuth1' } },
		});
		expect(wired('ai_languageModel').map((model) => [model.type, model.parameters.responsesApiEnabled, model.credentials?.openAiApi?.id])).toEqual([
			['@n8n/n8n-nodes-langchain.lmChatOpenAi', false, 'openAiSandbox001'],
		]);
		expect(wired('ai_memory').map((memory) => memory.type)).toEqual(['@n8n/n8n-nodes-langchain.memoryBufferWindow']);
	});

	it('wires four tools, each with its own description; the TeamViewer ones only read or get-or-create', () => {
		expect(tools.map((tool) => tool.name).sort()).toEqual(['Email the customer', 'Find connections', 'Find devices', 'Start support session']);
		expect(tools.filter((tool) => tool.parameters.descriptionType !== 'manual' || String(tool.parameters.toolDescription).length < 60).map((tool) => tool.name)).toEqual([]);
		const teamViewer = tools.filter((tool) => tool.type === 'n8n-nodes-teamviewer.teamViewerTool');
		expect(teamViewer).toHaveLength(3);
		expect(teamViewer.map((tool) => `${String(tool.parameters.resource)}:${String(tool.parameters.operation)}`).filter((op) => !ALLOWED.has(op))).toEqual([]);
		expect(tools.filter((tool) => !['n8n-nodes-teamviewer.teamViewerTool', 'n8n-nodes-base.emailSendTool'].includes(tool.type))).toEqual([]);
	});

	it('lets the model fill only the ticket and customer of a session; the group, type and validity are fixed', () => {
		const session = node('Start support session');
		expect(session.parameters).toMatchObject({ groupId: { __rl: true, mode: 'name', value: 'Customers' }, sessionType: 'remoteControl', options: { minValidityMinutes: 30 } });
		expect([...new Set(fromAiKeys(session.parameters))].sort()).toEqual(['customer_email', 'customer_name', 'ticket']);
		expect(JSON.stringify(session.parameters.groupId)).not.toContain('$fromAI');
	});

	it('keeps the email\'s sender, subject frame and wording fixed; the model fills the address, names and the link', () => {
		const email = node('Email the customer');
		expect(String(email.parameters.fromEmail)).not.toContain('$fromAI');
		expect(String(email.parameters.subject)).toMatch(/^=Remote support for ticket \{\{ \$fromAI\('ticket'/);
		expect([...new Set(fromAiKeys(email.parameters))].sort()).toEqual(['customer_link', 'customer_name', 'session_code', 'ticket', 'to']);
		expect(email.parameters.emailFormat).toBe('text');
	});

	it('uses the same description and type for a $fromAI() key wherever it appears (n8n refuses the tool otherwise)', () => {
		const seen = new Map<string, string>();
		const clashes: string[] = [];
		for (const tool of tools) {
			const local = new Map<string, string>();
			for (const [, key, rest] of JSON.stringify(tool.parameters).matchAll(/\$fromAI\('(\w+)', (.*?)\) \}\}/g)) {
				if (local.has(key) && local.get(key) !== rest) clashes.push(`${tool.name}: ${key}`);
				local.set(key, rest);
				seen.set(key, rest);
			}
		}
		expect(clashes).toEqual([]);
		expect(seen.size).toBeGreaterThanOrEqual(8);
	});

	it('tells the model, in its system message, that it cannot close or delete', () => {
		const options = node(AGENT).parameters.options as { systemMessage: string; maxIterations: number };
		expect(options.systemMessage).toContain('You cannot close, delete or change sessions, devices, users or groups');
		expect(options.maxIterations).toBeLessThanOrEqual(10);
	});
});
