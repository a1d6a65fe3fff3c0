/**
 * The OpenAI-compatible simulator: OpenAI's wire format (checked with OpenAI's own Node SDK, `openai`, which
 * parses responses, errors and server-sent events as it does against api.openai.com) and the scripted model.
 */
import OpenAI from 'openai';

import { DEFAULT_OPENAI_KEY, startOpenAiSimulator, type ChatRequest, type OpenAiSimulator, type ToolDefinition } from './index';

let sim: OpenAiSimulator;
let client: OpenAI;
const NOW = Date.parse('2026-12-06T12:00:00Z');

const tool = (name: string, properties: string[], description = `${name} tool`): ToolDefinition => ({
	type: 'function',
	function: {
		name,
		description,
		parameters: { type: 'object', properties: Object.fromEntries(properties.map((key) => [key, { type: 'string' }])), required: properties, additionalProperties: false },
	},
});
const TOOLS = [
	tool('Start_support_session', ['ticket', 'customer_name', 'customer_email']),
	tool('Email_the_customer', ['to', 'ticket', 'customer_name', 'session_code', 'customer_link']),
	tool('Find_connections', ['device_name', 'from', 'to']),
	tool('Find_devices', []),
];
const PROMPT = 'start a support session for ticket INC0010042 and email the customer Erika Muster <erika@example.com>';

async function raw(path: string, init: { method?: string; body?: unknown; key?: string | null; text?: string } = {}) {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (init.key !== null) headers.authorization = `Bearer ${init.key ?? DEFAULT_OPENAI_KEY}`;
	const response = await fetch(`${sim.url}${path}`, {
		method: init.method ?? (init.body === undefined && init.text === undefined ? 'GET' : 'POST'),
		headers,
		body: init.text ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
	});
	return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as any };
}

beforeAll(async () => {
	sim = await startOpenAiSimulator({ now: () => NOW });
	client = new OpenAI({ apiKey: DEFAULT_OPENAI_KEY, baseURL: sim.baseUrl, maxRetries: 0 });
});

afterAll(async () => {
	await sim.close();
});

beforeEach(() => sim.reset());

describe('models and keys', () => {
	it('lists the models as a list object (what n8n\'s credential test and model picker read)', async () => {
		const { status, body } = await raw('/v1/models');
		expect(status).toBe(200);
		expect(body).toEqual({
			object: 'list',
			data: [
				{ id: 'gpt-4.1-mini', object: 'model', created: 1_700_000_000, owned_by: 'system' },
				{ id: 'gpt-5-mini', object: 'model', created: 1_700_000_000, owned_by: 'system' },
			],
		});
		expect((await client.models.list()).data.map((model) => model.id)).toEqual(['gpt-4.1-mini', 'gpt-5-mini']);
	});

	it('answers a missing key and a wrong key with 401 and OpenAI\'s error object; a wrong key is shown masked', async () => {
		const missing = await raw('/v1/models', { key: null });
		expect(missing.status).toBe(401);
		expect(missing.body.error).toMatchObject({ type: 'invalid_request_error', param: null, code: null });
		expect(missing.body.error.message).toMatch(/^You didn't provide an API key\./);

		const wrong = await raw('/v1/chat/completions', { key: 'sk-proj-wrongwrongwrong1234', body: { model: 'gpt-4.1-mini', messages: [] } });
		expect(wrong.status).toBe(401);
		expect(wrong.body).toEqual({
			error: {
				message: 'Incorrect API key provided: sk-proj-***************1234. You can find your API key at https://platform.openai.com/account/api-keys.',
				type: 'invalid_request_error',
				param: null,
				code: 'invalid_api_key',
			},
		});
		expect(JSON.stringify(wrong.body)).not.toContain('wrongwrongwrong');

		const sdk = new OpenAI({ apiKey: 'sk-nope-0000000000000', baseURL: sim.baseUrl, maxRetries: 0 });
		await expect(sdk.models.list()).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
	});

	it('refuses an unknown model with 404 model_not_found', async () => {
		await expect(client.chat.completions.create({ model: 'gpt-0', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
			status: 404,
			code: 'model_not_found',
			message: expect.stringContaining('The model `gpt-0` does not exist or you do not have access to it.'),
		});
	});
});

describe('request validation as api.openai.com does it', () => {
	it('refuses a body field the API reference does not list (400 "Unrecognized request argument supplied"); the knob accepts it', async () => {
		const body = { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }], thinking: { type: 'enabled' } };
		const refused = await raw('/v1/chat/completions', { body });
		expect(refused.status).toBe(400);
		expect(refused.body).toEqual({ error: { message: 'Unrecognized request argument supplied: thinking', type: 'invalid_request_error', param: null, code: null } });

		sim.rejectUnknownFields = false;
		try {
			expect((await raw('/v1/chat/completions', { body })).status).toBe(200);
		} finally {
			sim.rejectUnknownFields = true;
		}
	});

	it('refuses JSON that does not parse, a missing messages list and an invalid tool name', async () => {
		const unparsable = await raw('/v1/chat/completions', { text: '{"model":' });
		expect(unparsable.status).toBe(400);
		expect(unparsable.body.error.message).toMatch(/^We could not parse the JSON body of your request\./);

		const noMessages = await raw('/v1/chat/completions', { body: { model: 'gpt-4.1-mini' } });
		expect(noMessages.body.error).toEqual({ message: "Missing required parameter: 'messages'.", type: 'invalid_request_error', param: 'messages', code: 'missing_required_parameter' });

		const badTool = await raw('/v1/chat/completions', { body: { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }], tools: [tool('Start support session', [])] } });
		expect(badTool.status).toBe(400);
		expect(badTool.body.error).toMatchObject({ param: 'tools[0].function.name', code: 'invalid_value' });
	});

	it('refuses a history in which a tool call has no tool answer', async () => {
		const messages = [
			{ role: 'user', content: PROMPT },
			{ role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'Find_devices', arguments: '{}' } }] },
			{ role: 'user', content: 'and?' },
		];
		const { status, body } = await raw('/v1/chat/completions', { body: { model: 'gpt-4.1-mini', messages } });
		expect(status).toBe(400);
		expect(body.error.message).toContain("An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: call_1");
	});
});

describe('the scripted model', () => {
	async function turn(messages: ChatRequest['messages']) {
		return await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: messages as never, tools: TOOLS as never });
	}

	it('starts the session, then emails the link it got, then answers: tool_calls with JSON-string arguments, then stop', async () => {
		const first = await turn([{ role: 'user', content: PROMPT }]);
		expect(first).toMatchObject({ object: 'chat.completion', model: 'gpt-4.1-mini', choices: [{ index: 0, finish_reason: 'tool_calls', message: { role: 'assistant', content: null } }] });
		expect(first.id).toMatch(/^chatcmpl-\w{29}$/);
		const [sessionCall] = first.choices[0].message.tool_calls!;
		expect(sessionCall).toMatchObject({ type: 'function', function: { name: 'Start_support_session' } });
		expect(sessionCall.id).toMatch(/^call_\w{24}$/);
		expect(JSON.parse(sessionCall.function.arguments)).toEqual({ ticket: 'INC0010042', customer_name: 'Erika Muster', customer_email: 'erika@example.com' });
		expect(first.usage!.total_tokens).toBe(first.usage!.prompt_tokens + first.usage!.completion_tokens);

		const session = { code: 's123-456-789', end_customer_link: 'https://get.teamviewer.com/v15/s123456789', created: true };
		const history: ChatRequest['messages'] = [
			{ role: 'user', content: PROMPT },
			first.choices[0].message as never,
			{ role: 'tool', tool_call_id: sessionCall.id, content: JSON.stringify([session]) },
		];
		const second = await turn(history);
		const [emailCall] = second.choices[0].message.tool_calls!;
		expect(emailCall.function.name).toBe('Email_the_customer');
		expect(JSON.parse(emailCall.function.arguments)).toEqual({
			to: 'erika@example.com',
			ticket: 'INC0010042',
			customer_name: 'Erika Muster',
			session_code: 's123-456-789',
			customer_link: 'https://get.teamviewer.com/v15/s123456789',
		});

		const third = await turn([...history, second.choices[0].message as never, { role: 'tool', tool_call_id: emailCall.id, content: '[{"accepted":["erika@example.com"]}]' }]);
		expect(third.choices[0]).toMatchObject({
			finish_reason: 'stop',
			message: { content: 'A new session s123-456-789 is ready for ticket INC0010042. I emailed the customer link to erika@example.com: https://get.teamviewer.com/v15/s123456789' },
		});
		expect(sim.exchanges.map((exchange) => exchange.turn?.kind)).toEqual(['tools', 'tools', 'text']);
	});

	it('asks "last week" from its clock and sums the durations it got back', async () => {
		const first = await turn([{ role: 'user', content: 'who connected to PC-42 last week and for how long' }]);
		const call = first.choices[0].message.tool_calls![0];
		expect(JSON.parse(call.function.arguments)).toEqual({ device_name: 'PC-42', from: '2026-11-29T12:00:00.000Z', to: '2026-12-06T12:00:00.000Z' });
		const reports = [
			{ username: 'Ada Agent', start_date: '2026-12-01T09:00:00Z', duration_seconds: 1500 },
			{ username: 'Ben Backoffice', start_date: '2026-12-02T10:00:00Z', duration_seconds: 2400 },
		];
		const answer = await turn([{ role: 'user', content: 'who connected to PC-42 last week and for how long' }, first.choices[0].message as never, { role: 'tool', tool_call_id: call.id, content: JSON.stringify(reports) }]);
		expect(answer.choices[0].message.content).toBe(
			'2 connection(s) to PC-42 in the last 7 days, 65 min in all:\n- Ada Agent: 2026-12-01T09:00:00Z, 25 min\n- Ben Backoffice: 2026-12-02T10:00:00Z, 40 min',
		);
	});

	it('reports a tool error instead of going on, and does not guess a parameter it cannot fill', async () => {
		const first = await turn([{ role: 'user', content: PROMPT }]);
		const call = first.choices[0].message.tool_calls![0];
		const failed = await turn([{ role: 'user', content: PROMPT }, first.choices[0].message as never, { role: 'tool', tool_call_id: call.id, content: '[{"error":"The TeamViewer token lacks the \'Session management\' permission"}]' }]);
		expect(failed.choices[0].message.content).toBe("TeamViewer did not start the session for ticket INC0010042: The TeamViewer token lacks the 'Session management' permission");

		const drifted = await client.chat.completions.create({
			model: 'gpt-4.1-mini',
			messages: [{ role: 'user', content: PROMPT }],
			tools: [tool('Start_support_session', ['ticket', 'group_id'])] as never,
		});
		expect(drifted.choices[0].message.content).toBe('I cannot start a support session for ticket INC0010042: the tool "Start_support_session" needs "group_id" and the request does not say it.');
	});

	it('calls a delete tool only when one is offered; without one it looks the device up and says it cannot delete', async () => {
		const prompt = 'delete device PC-RECEPTION';
		const first = await turn([{ role: 'user', content: prompt }]);
		const call = first.choices[0].message.tool_calls![0];
		expect(call.function.name).toBe('Find_devices');
		const answer = await turn([{ role: 'user', content: prompt }, first.choices[0].message as never, { role: 'tool', tool_call_id: call.id, content: '[{"alias":"PC-RECEPTION","device_id":"d42","online_state":"Online"}]' }]);
		expect(answer.choices[0].message.content).toMatch(/^PC-RECEPTION is device d42 \(Online\)\. I cannot delete devices/);

		const withDelete = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: prompt }], tools: [...TOOLS, tool('Delete_device', ['device_id'])] as never });
		expect(withDelete.choices[0].message.tool_calls![0].function).toEqual({ name: 'Delete_device', arguments: '{"device_id":"PC-RECEPTION"}' });
	});
});

describe('streaming (stream: true)', () => {
	it('sends server-sent chat.completion.chunk events that OpenAI\'s SDK reassembles into the same tool call, then the usage chunk and [DONE]', async () => {
		const plain = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: PROMPT }], tools: TOOLS as never });
		sim.reset();
		const stream = await client.chat.completions.create({
			model: 'gpt-4.1-mini',
			messages: [{ role: 'user', content: PROMPT }],
			tools: TOOLS as never,
			stream: true,
			stream_options: { include_usage: true },
		});
		let name = '';
		let args = '';
		let id = '';
		let finish: string | null = null;
		let usage: unknown;
		for await (const chunk of stream) {
			expect(chunk.object).toBe('chat.completion.chunk');
			const choice = chunk.choices[0];
			if (chunk.usage) usage = chunk.usage;
			if (!choice) continue;
			for (const part of choice.delta.tool_calls ?? []) {
				id ||= part.id ?? '';
				name += part.function?.name ?? '';
				args += part.function?.arguments ?? '';
			}
			finish = choice.finish_reason ?? finish;
		}
		const expected = plain.choices[0].message.tool_calls![0];
		expect({ id, name, args, finish }).toEqual({ id: expected.id, name: expected.function.name, args: expected.function.arguments, finish: 'tool_calls' });
		expect(usage).toEqual(plain.usage);

		const { type } = await fetch(`${sim.baseUrl}/chat/completions`, {
			method: 'POST',
			headers: { authorization: `Bearer ${DEFAULT_OPENAI_KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }], stream: true }),
		}).then(async (response) => ({ type: response.headers.get('content-type'), text: await response.text() }));
		expect(type).toMatch(/^text\/event-stream/);
	});

	it('streams a text answer in pieces that add up to the text', async () => {
		const stream = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hello' }], stream: true });
		let text = '';
		let pieces = 0;
		for await (const chunk of stream) {
			if (chunk.choices[0]?.delta.content) pieces += 1;
			text += chunk.choices[0]?.delta.content ?? '';
		}
		expect(pieces).toBeGreaterThan(1);
		expect(text).toMatch(/^I can start a TeamViewer support session for a ticket/);
	});
});
