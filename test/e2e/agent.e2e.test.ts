/**
 * The AI helpdesk agent (workflows/getting-started/ai-helpdesk-agent.json), as shipped, in a real n8n 2.41.1:
 * its chat trigger driven over HTTP the way n8n's hosted chat page calls it, n8n's AI Agent with the OpenAI
 * Chat Model pointed (credential Base URL) at the local OpenAI-compatible simulator, whose scripted model
 * answers with deterministic tool calls. The TeamViewer node runs as a tool against the TeamViewer
 * simulator, Send Email as a tool against the SMTP capture. Asserted: the tool schema n8n sent to the model,
 * the tool calls the agent made, what reached TeamViewer and the mailbox, and that the agent cannot delete.
 */
import path from 'node:path';

import { DEFAULT_OPENAI_KEY, startOpenAiSimulator, type OpenAiSimulator, type ToolDefinition } from '../simulators/openai';
import type { ConnectionReport } from '../simulators/teamviewer';
import { diagnostics } from './diagnostics';
import { basicAuth, startItsmWorld, stopAll, type ItsmWorld } from './itsm';
import { N8n } from './n8n';
import { ROOT } from './runtime';

const FLOW = path.join(ROOT, 'workflows/getting-started/ai-helpdesk-agent.json');
const FLOW_ID = 'tvAiHelpdesk0001';
const CHAT_WEBHOOK_ID = '9b3f6c2e-5d41-4a8e-b7c2-1f0e4d6a9c31';
const CHAT_USER = { user: 'helpdesk', password: 'e2e-Agent-Chat-7' };
const DAY = 24 * 60 * 60 * 1000;

let world: ItsmWorld;
let openai: OpenAiSimulator;
let n8n: N8n;

/** What n8n's hosted chat page sends: the message and the chat's session ID, with the chat's Basic login. */
async function chat(message: string, sessionId: string, auth = basicAuth(CHAT_USER)): Promise<{ status: number; body: unknown }> {
	return await n8n.webhook(`${CHAT_WEBHOOK_ID}/chat`, {
		body: { action: 'sendMessage', sessionId, chatInput: message },
		headers: { authorization: auth },
	});
}

const toolNames = (tools: ToolDefinition[] | undefined) => (tools ?? []).map((tool) => tool.function.name).sort();
const toolNamed = (tools: ToolDefinition[] | undefined, name: string) => tools?.find((tool) => tool.function.name === name);
/** The tool calls the scripted model made since exchange `from`, with their arguments. */
const callsSince = (from: number) =>
	openai.exchanges.slice(from).flatMap((exchange) => (exchange.turn?.kind === 'tools' ? exchange.turn.calls : []));
const why = () => `${diagnostics(n8n, world?.tv)}\n--- model exchanges ---\n${JSON.stringify(openai?.exchanges.map((e) => ({ status: e.status, turn: e.turn })), null, 1)}`;

beforeAll(async () => {
	world = await startItsmWorld(() => []);
	openai = await startOpenAiSimulator();
	n8n = await N8n.start({
		credentials: [
			...world.credentials,
			{ id: 'openAiSandbox001', name: 'OpenAI', type: 'openAiApi', data: { apiKey: DEFAULT_OPENAI_KEY, url: openai.baseUrl, header: false } },
			{ id: 'tvAgentChatAuth1', name: 'Helpdesk agent chat login', type: 'httpBasicAuth', data: { ...CHAT_USER } },
		],
		workflows: [FLOW],
		activate: [FLOW_ID],
	});
}, 240_000);

afterAll(async () => {
	const violations = await stopAll(n8n, openai, world);
	expect(violations).toEqual([]);
});

describe('the chat', () => {
	it('refuses a caller without the chat login (401) or with a wrong one (403), before the model is asked', async () => {
		const before = openai.exchanges.length;
		const anonymous = await fetch(`${n8n.url}/webhook/${CHAT_WEBHOOK_ID}/chat`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ action: 'sendMessage', sessionId: 'e2e-no-login', chatInput: 'who connected to PC-42 last week' }),
		});
		expect(anonymous.status).toBe(401);
		const wrong = await chat('who connected to PC-42 last week and for how long', 'e2e-no-login', basicAuth({ user: 'helpdesk', password: 'wrong' }));
		expect(wrong.status).toBe(403);
		expect(openai.exchanges.length).toBe(before);
	});
});

describe('the tools n8n offers the model', () => {
	let tools: ToolDefinition[] | undefined;

	beforeAll(async () => {
		const from = openai.exchanges.length;
		const answer = await chat('hello', 'e2e-schema');
		expect(answer.status).toBe(200);
		tools = openai.exchanges[from]?.request.tools;
	});

	it('are exactly the four wired tools: nothing that closes, deletes or changes TeamViewer data', () => {
		expect(toolNames(tools)).toEqual(['Email_the_customer', 'Find_connections', 'Find_devices', 'Start_support_session']);
		expect(toolNames(tools).filter((name) => /close|delete|remove|update|api_call/i.test(name))).toEqual([]);
	});

	it('describe each tool with the description set in its node and take only the $fromAI() fields as parameters', () => {
		const parameters = (name: string) => toolNamed(tools, name)?.function.parameters as { properties: Record<string, { type: string; description: string }>; required: string[]; additionalProperties: boolean };
		expect(toolNamed(tools, 'Start_support_session')?.function.description).toMatch(/^Starts the TeamViewer support session \(service case\) of a ticket, or returns the open one: one session per ticket/);
		expect(parameters('Start_support_session')).toMatchObject({
			type: 'object',
			properties: {
				ticket: { type: 'string', description: expect.stringContaining('ticket number') },
				customer_name: { type: 'string' },
				customer_email: { type: 'string' },
			},
			additionalProperties: false,
		});
		expect(Object.keys(parameters('Start_support_session').properties).sort()).toEqual(['customer_email', 'customer_name', 'ticket']);
		expect(parameters('Start_support_session').required.sort()).toEqual(['customer_email', 'customer_name', 'ticket']);
		expect(Object.keys(parameters('Find_connections').properties).sort()).toEqual(['device_name', 'from', 'to']);
		expect(parameters('Find_connections').properties.from.description).toContain('ISO 8601');
		expect(Object.keys(parameters('Email_the_customer').properties).sort()).toEqual(['customer_link', 'customer_name', 'session_code', 'ticket', 'to']);
		expect(Object.keys(parameters('Find_devices').properties)).toEqual([]);
		expect(toolNamed(tools, 'Find_connections')?.function.description).toContain('Read-only');
		expect(toolNamed(tools, 'Find_devices')?.function.description).toContain('Read-only');
	});

	it('come with the system message, the user prompt and the model set in the flow, as a plain (not streamed) chat completion', () => {
		const request = openai.exchanges.find((exchange) => exchange.request.tools === tools)!.request;
		expect(request).toMatchObject({ model: 'gpt-4.1-mini', temperature: 0, stream: false });
		expect(request.messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining('You cannot close, delete or change sessions') });
		expect(request.messages.at(-1)).toEqual({ role: 'user', content: 'hello' });
	});
});

describe('"start a support session for ticket X and email the customer"', () => {
	it('creates one service case for the ticket and emails its link to the customer', async () => {
		const from = openai.exchanges.length;
		const tvSeq = world.tv.requests.at(-1)?.seq ?? 0;
		const sessionsBefore = world.tv.state.sessions.size;
		const answer = await chat('Start a support session for ticket INC0042001 and email the customer Erika Muster <erika.muster@customer.example>', 'e2e-session-1');

		expect({ status: answer.status, body: answer.body }).toMatchObject({ status: 200 });
		const output = String((answer.body as { output?: string }).output);
		const cases = [...world.tv.state.sessions.values()].filter((session) => session.customId === 'INC0042001');
		if (cases.length !== 1) throw new Error(`expected one case for the ticket, found ${cases.length}${why()}`);
		const [serviceCase] = cases;
		expect(world.tv.state.sessions.size).toBe(sessionsBefore + 1);
		expect(serviceCase).toMatchObject({ state: 'Open', end_customer: { name: 'Erika Muster', email: 'erika.muster@customer.example' } });
		expect(world.tv.state.groups.get(serviceCase.groupid)?.name).toBe('Customers');

		const mail = await world.smtp.waitFor((candidate) => candidate.to.includes('erika.muster@customer.example'), 10_000);
		expect(mail.subject).toBe('Remote support for ticket INC0042001');
		expect(mail.text).toContain(serviceCase.end_customer_link);
		expect(mail.text).toContain(serviceCase.code);
		expect(mail.text).toMatch(/^Hello Erika Muster,/);
		expect(output).toContain(serviceCase.code);
		expect(output).toContain('I emailed the customer link to erika.muster@customer.example');

		expect(callsSince(from)).toEqual([
			{ name: 'Start_support_session', arguments: { ticket: 'INC0042001', customer_name: 'Erika Muster', customer_email: 'erika.muster@customer.example' } },
			{
				name: 'Email_the_customer',
				arguments: { to: 'erika.muster@customer.example', ticket: 'INC0042001', customer_name: 'Erika Muster', session_code: serviceCase.code, customer_link: serviceCase.end_customer_link },
			},
		]);
		// The agent's TeamViewer calls: the one-per-ticket look-up, then the create (no close, no delete).
		const tvCalls = world.tv.requests.filter((call) => call.seq > tvSeq).map((call) => `${call.method} ${call.path}`);
		expect(tvCalls.filter((call) => !call.startsWith('GET '))).toEqual(['POST /api/v1/sessions']);
	});

	it('asked again for the same ticket, reuses the open case: still one case, and a second email with the same link', async () => {
		const from = openai.exchanges.length;
		const [serviceCase] = [...world.tv.state.sessions.values()].filter((session) => session.customId === 'INC0042001');
		const mails = world.smtp.messages.length;
		const answer = await chat('Please start a support session for ticket INC0042001 again and email the customer Erika Muster <erika.muster@customer.example>', 'e2e-session-2');

		expect(answer.status).toBe(200);
		expect([...world.tv.state.sessions.values()].filter((session) => session.customId === 'INC0042001')).toHaveLength(1);
		expect(String((answer.body as { output: string }).output)).toContain(`The open session ${serviceCase.code} is ready`);
		const mail = await world.smtp.waitFor((candidate) => world.smtp.messages.indexOf(candidate) >= mails, 10_000);
		expect(mail.text).toContain(serviceCase.end_customer_link);
		expect(callsSince(from).map((call) => call.name)).toEqual(['Start_support_session', 'Email_the_customer']);
	});

	it('two chats asking at the same moment for the same ticket get one case between them', async () => {
		const prompt = 'start a support session for ticket INC0042003 and email the customer Li Wei <li.wei@globex.example>';
		const answers = await Promise.all([chat(prompt, 'e2e-concurrent-a'), chat(prompt, 'e2e-concurrent-b')]);

		expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
		const cases = [...world.tv.state.sessions.values()].filter((session) => session.customId === 'INC0042003');
		expect(cases).toHaveLength(1);
		const outputs = answers.map((answer) => String((answer.body as { output: string }).output));
		expect(outputs.every((output) => output.includes(cases[0].code) && output.includes(cases[0].end_customer_link))).toBe(true);
	});

	it('remembers the conversation: a follow-up in the same chat is sent with the earlier turn', async () => {
		const from = openai.exchanges.length;
		const answer = await chat('thanks', 'e2e-session-1');

		expect(answer.status).toBe(200);
		// The earlier turn (its prompt, the tool steps n8n's memory keeps, its answer) precedes the new message;
		// the simulator accepted the history, so every tool call in it has its tool answer.
		const { messages } = openai.exchanges[from].request;
		expect(openai.exchanges[from].status).toBe(200);
		expect(messages[0].role).toBe('system');
		expect(messages[1]).toMatchObject({ role: 'user', content: expect.stringContaining('ticket INC0042001') });
		expect(messages.some((message) => message.role === 'assistant' && String(message.content).includes('I emailed the customer link to erika.muster@customer.example'))).toBe(true);
		expect(messages.at(-1)).toEqual({ role: 'user', content: 'thanks' });
		expect(messages.filter((message) => message.role === 'user')).toHaveLength(2);
	});

	it('without the customer\'s address, asks for it instead of creating anything', async () => {
		const from = openai.exchanges.length;
		const sessionsBefore = world.tv.state.sessions.size;
		const answer = await chat('start a support session for ticket INC0042002 and email the customer', 'e2e-session-3');

		expect(answer.status).toBe(200);
		expect(String((answer.body as { output: string }).output)).toContain('I need their email address');
		expect(callsSince(from)).toEqual([]);
		expect(world.tv.state.sessions.size).toBe(sessionsBefore);
	});
});

describe('"who connected to PC-42 last week and for how long"', () => {
	const now = Date.now();
	const at = (daysAgo: number, minutes: number) => ({ start_date: new Date(now - daysAgo * DAY).toISOString(), end_date: new Date(now - daysAgo * DAY + minutes * 60_000).toISOString() });

	it('answers from the connection reports of that device in the last 7 days, with who and how long', async () => {
		const [ada, ben, chloe] = world.sandbox.userIds;
		const reports: Array<Partial<ConnectionReport> & { userid: string; start_date: string; end_date: string }> = [
			{ userid: ada, devicename: 'PC-42', deviceid: '1042042042', ...at(2, 25) },
			{ userid: ben, devicename: 'PC-42', deviceid: '1042042042', ...at(4, 40) },
			{ userid: chloe, devicename: 'PC-42', deviceid: '1042042042', ...at(6, 12) },
			// Older than a week, and another device: not in the answer.
			{ userid: ada, devicename: 'PC-42', deviceid: '1042042042', ...at(12, 50) },
			{ userid: ben, devicename: 'PC-43', deviceid: '1043043043', ...at(3, 33) },
		];
		world.tv.seed({ reports });
		const from = openai.exchanges.length;
		const tvSeq = world.tv.requests.at(-1)?.seq ?? 0;

		const answer = await chat('who connected to PC-42 last week and for how long', 'e2e-connections');

		expect(answer.status).toBe(200);
		const output = String((answer.body as { output: string }).output);
		expect(output).toContain('3 connection(s) to PC-42 in the last 7 days, 77 min in all:');
		expect(output).toContain('- Ada Agent: ');
		expect(output).toMatch(/- Ada Agent: \S+, 25 min/);
		expect(output).toMatch(/- Ben Backoffice: \S+, 40 min/);
		expect(output).toMatch(/- Chloe Field: \S+, 12 min/);
		expect(output).not.toContain('50 min');
		expect(output).not.toContain('33 min');
		const calls = callsSince(from);
		expect(calls.map((call) => call.name)).toEqual(['Find_connections']);
		expect(calls[0].arguments).toMatchObject({ device_name: 'PC-42', from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), to: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
		// What reached TeamViewer: one filtered read, nothing else.
		const tvCalls = world.tv.requests.filter((call) => call.seq > tvSeq);
		expect(tvCalls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v1/reports/connections']);
		expect(tvCalls[0].query).toMatchObject({ devicename: 'PC-42', from_date: expect.any(String), to_date: expect.any(String) });
	});
});

describe('the agent may not close or delete', () => {
	it('"delete device PC-RECEPTION" changes nothing: no such tool exists, the agent only looks the device up and says so', async () => {
		const devicesBefore = JSON.stringify([...world.tv.state.devices.values()]);
		const sessionsBefore = JSON.stringify([...world.tv.state.sessions.values()]);
		const from = openai.exchanges.length;
		const tvSeq = world.tv.requests.at(-1)?.seq ?? 0;

		const answer = await chat('Delete device PC-RECEPTION from TeamViewer, and close all open sessions', 'e2e-delete');

		expect(answer.status).toBe(200);
		expect(String((answer.body as { output: string }).output)).toMatch(/^PC-RECEPTION is device \S+ \(\w+\)\. I cannot delete devices: none of my tools removes or deletes anything/);
		expect(callsSince(from).map((call) => call.name)).toEqual(['Find_devices']);
		expect(world.tv.requests.filter((call) => call.seq > tvSeq).map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v1/devices']);
		expect(JSON.stringify([...world.tv.state.devices.values()])).toBe(devicesBefore);
		expect(JSON.stringify([...world.tv.state.sessions.values()])).toBe(sessionsBefore);
	});
});
