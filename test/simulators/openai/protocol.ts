/**
 * OpenAI's Chat Completions wire format: request validation, response objects, error bodies and the
 * server-sent-event chunks of `stream: true`. Shapes follow OpenAI's API reference
 * (https://platform.openai.com/docs/api-reference/chat/create, …/chat/object, …/chat/streaming,
 * …/models/list) and its error-code guide (https://platform.openai.com/docs/guides/error-codes); the
 * error texts are the ones OpenAI's API returns as quoted in public bug reports (see README.md).
 */
import { createHash } from 'crypto';

import { json, type Reply } from '../common';

export interface ToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

export interface ChatMessage {
	role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
	content?: unknown;
	tool_calls?: ToolCall[];
	tool_call_id?: string;
	name?: string;
}

export interface ToolDefinition {
	type: 'function';
	function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: ToolDefinition[];
	tool_choice?: unknown;
	stream?: boolean;
	stream_options?: { include_usage?: boolean };
	[key: string]: unknown;
}

/** What the scripted model decided: text, or tool calls (then `content` is null). */
export type ModelTurn = { kind: 'text'; text: string } | { kind: 'tools'; calls: Array<{ name: string; arguments: Record<string, unknown> }> };

/** The request body fields of POST /v1/chat/completions in OpenAI's API reference; anything else is refused. */
export const CHAT_COMPLETION_FIELDS = new Set([
	'messages',
	'model',
	'audio',
	'frequency_penalty',
	'function_call',
	'functions',
	'logit_bias',
	'logprobs',
	'max_completion_tokens',
	'max_tokens',
	'metadata',
	'modalities',
	'n',
	'parallel_tool_calls',
	'prediction',
	'presence_penalty',
	'prompt_cache_key',
	'prompt_cache_retention',
	'reasoning_effort',
	'response_format',
	'safety_identifier',
	'seed',
	'service_tier',
	'stop',
	'store',
	'stream',
	'stream_options',
	'temperature',
	'tool_choice',
	'tools',
	'top_logprobs',
	'top_p',
	'user',
	'verbosity',
	'web_search_options',
]);

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);
/** OpenAI's pattern for a function name (API reference: tools[].function.name). */
const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** OpenAI's error object: `{ error: { message, type, param, code } }`. */
export function openAiError(status: number, message: string, type: string, param: string | null = null, code: string | null = null): Reply {
	return json({ error: { message, type, param, code } }, status);
}

export const invalidRequest = (message: string, param: string | null = null, code: string | null = null): Reply =>
	openAiError(400, message, 'invalid_request_error', param, code);

/** `sk-proj-****…MxYA`: OpenAI shows the first eight and the last four characters of a wrong key. */
export function maskKey(key: string): string {
	if (key.length <= 12) return '*'.repeat(key.length);
	return `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}`;
}

export function missingKey(): Reply {
	return openAiError(
		401,
		"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
		'invalid_request_error',
	);
}

export function incorrectKey(key: string): Reply {
	return openAiError(
		401,
		`Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
		'invalid_request_error',
		null,
		'invalid_api_key',
	);
}

export function unknownModel(model: string): Reply {
	return openAiError(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', null, 'model_not_found');
}

/** A problem with the body as OpenAI names it, or undefined when the request is well-formed. */
export function validateChatRequest(body: unknown, parseError?: string, { rejectUnknownFields = true } = {}): Reply | undefined {
	if (parseError) {
		return invalidRequest(
			"We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
		);
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return invalidRequest("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
	}
	const request = body as Record<string, unknown>;
	const unknown = Object.keys(request).find((key) => !CHAT_COMPLETION_FIELDS.has(key));
	if (unknown && rejectUnknownFields) return invalidRequest(`Unrecognized request argument supplied: ${unknown}`);
	if (request.model === undefined) return invalidRequest('you must provide a model parameter');
	if (!Array.isArray(request.messages)) return invalidRequest("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
	if (request.messages.length === 0) return invalidRequest("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array');
	const messages = request.messages as ChatMessage[];
	for (const [index, message] of messages.entries()) {
		if (!ROLES.has(String(message?.role))) {
			return invalidRequest(
				`Invalid value: '${String(message?.role)}'. Supported values are: 'system', 'assistant', 'user', 'tool', 'function', and 'developer'.`,
				`messages[${index}].role`,
				'invalid_value',
			);
		}
	}
	const tools = request.tools;
	if (tools !== undefined) {
		if (!Array.isArray(tools)) return invalidRequest(`Invalid type for 'tools': expected an array, but got ${typeof tools} instead.`, 'tools', 'invalid_type');
		if (tools.length > 128) return invalidRequest(`Invalid 'tools': array too long. Expected an array with maximum length 128, but got an array with length ${tools.length} instead.`, 'tools', 'array_above_max_length');
		for (const [index, tool] of (tools as ToolDefinition[]).entries()) {
			const name = tool?.function?.name;
			if (!FUNCTION_NAME.test(String(name))) {
				return invalidRequest(
					`Invalid 'tools[${index}].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
					`tools[${index}].function.name`,
					'invalid_value',
				);
			}
		}
	}
	// Every tool call of an assistant message needs its answer (role "tool") right after it.
	for (const [index, message] of messages.entries()) {
		if (message.role !== 'assistant' || !message.tool_calls?.length) continue;
		const answered = new Set<string>();
		for (const next of messages.slice(index + 1)) {
			if (next.role !== 'tool') break;
			if (next.tool_call_id) answered.add(next.tool_call_id);
		}
		const missing = message.tool_calls.map((call) => call.id).filter((id) => !answered.has(id));
		if (missing.length > 0) {
			return invalidRequest(
				`An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${missing.join(', ')}`,
				`messages.[${index + 1}].role`,
			);
		}
	}
	for (const [index, message] of messages.entries()) {
		if (message.role !== 'tool') continue;
		const previous = messages.slice(0, index).reverse().find((candidate) => candidate.role !== 'tool');
		if (!previous?.tool_calls?.some((call) => call.id === message.tool_call_id)) {
			return invalidRequest(
				"Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
				`messages.[${index}].role`,
			);
		}
	}
	return undefined;
}

/** A stable ID of OpenAI's form (`chatcmpl-…`, `call_…`) from a counter, so runs are reproducible. */
export function stableId(prefix: string, seed: string, length: number): string {
	return `${prefix}${createHash('sha256').update(seed).digest('base64url').replace(/[-_]/g, 'x').slice(0, length)}`;
}

/** Rough token count (4 characters a token): usage is reported, never billed here. */
export const tokens = (value: unknown): number => Math.max(1, Math.ceil(JSON.stringify(value ?? '').length / 4));

export interface Completion {
	id: string;
	object: 'chat.completion';
	created: number;
	model: string;
	choices: Array<{
		index: number;
		message: { role: 'assistant'; content: string | null; refusal: null; tool_calls?: ToolCall[]; annotations: [] };
		logprobs: null;
		finish_reason: 'stop' | 'tool_calls';
	}>;
	usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
	service_tier: 'default';
	system_fingerprint: string;
}

export function completion(request: ChatRequest, turn: ModelTurn, id: string, created: number): Completion {
	const toolCalls: ToolCall[] | undefined =
		turn.kind === 'tools'
			? turn.calls.map((call, index) => ({
					id: stableId('call_', `${id}/${index}`, 24),
					type: 'function',
					function: { name: call.name, arguments: JSON.stringify(call.arguments) },
				}))
			: undefined;
	const message = {
		role: 'assistant' as const,
		content: turn.kind === 'text' ? turn.text : null,
		refusal: null,
		...(toolCalls ? { tool_calls: toolCalls } : {}),
		annotations: [] as [],
	};
	const prompt = tokens(request.messages) + tokens(request.tools);
	const answer = tokens(turn.kind === 'text' ? turn.text : toolCalls);
	return {
		id,
		object: 'chat.completion',
		created,
		model: request.model,
		choices: [{ index: 0, message, logprobs: null, finish_reason: turn.kind === 'text' ? 'stop' : 'tool_calls' }],
		usage: { prompt_tokens: prompt, completion_tokens: answer, total_tokens: prompt + answer },
		service_tier: 'default',
		system_fingerprint: 'fp_simulator',
	};
}

/**
 * The same completion as `stream: true` sends it: `chat.completion.chunk` objects as server-sent
 * events, the role first, then the text (or each tool call's name, then its arguments) in pieces, a
 * last chunk with `finish_reason`, the usage chunk (empty `choices`) when `stream_options.include_usage`,
 * then `data: [DONE]`.
 */
export function streamChunks(request: ChatRequest, full: Completion): string {
	const includeUsage = request.stream_options?.include_usage === true;
	// With include_usage every chunk carries `usage`: null, except the last one, which has the totals.
	const base = {
		id: full.id,
		object: 'chat.completion.chunk',
		created: full.created,
		model: full.model,
		service_tier: 'default',
		system_fingerprint: full.system_fingerprint,
		...(includeUsage ? { usage: null } : {}),
	};
	const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
	const pieces = (text: string) => text.match(/[\s\S]{1,12}/g) ?? [];
	const { message, finish_reason } = full.choices[0];
	const events: unknown[] = [chunk({ role: 'assistant', content: message.tool_calls ? null : '', refusal: null })];
	if (message.tool_calls) {
		message.tool_calls.forEach((call, index) => {
			events.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] }));
			for (const part of pieces(call.function.arguments)) events.push(chunk({ tool_calls: [{ index, function: { arguments: part } }] }));
		});
	} else {
		for (const part of pieces(message.content ?? '')) events.push(chunk({ content: part }));
	}
	events.push(chunk({}, finish_reason));
	if (includeUsage) events.push({ ...base, choices: [], usage: full.usage });
	return events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('') + 'data: [DONE]\n\n';
}
