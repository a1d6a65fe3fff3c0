import { bearerToken, controlRoute, done, HttpSimulator, isRecord, json, standardControlRoutes, type ApiRequest, type Pipeline, type Reply } from '../common';
import {
	completion,
	incorrectKey,
	invalidRequest,
	missingKey,
	openAiError,
	stableId,
	streamChunks,
	unknownModel,
	validateChatRequest,
	type ChatRequest,
	type Completion,
	type ModelTurn,
} from './protocol';
import { DEFAULT_SCRIPT_TOOLS, scriptedTurn, type ScriptTools } from './script';

/** The key the sandbox's and the tests' OpenAI credential carry (never a real one). */
export const DEFAULT_OPENAI_KEY = 'sk-simulator-0123456789abcdefABCDEF';
/** Models `GET /v1/models` lists and chat completions accept. */
export const DEFAULT_MODELS = ['gpt-4.1-mini', 'gpt-5-mini'];

export interface OpenAiSimulatorOptions {
	/** 0 (default) = a free port. */
	port?: number;
	apiKeys?: string[];
	models?: string[];
	/** The tool names the scripted model calls; default the ones of the shipped helpdesk agent flow. */
	tools?: Partial<ScriptTools>;
	/** The model's "now" (epoch ms) for "last week"; default the real clock. */
	now?: () => number;
	/**
	 * A body field OpenAI's API reference does not list is refused with 400 "Unrecognized request argument
	 * supplied" (what api.openai.com does). `false` accepts them, as many OpenAI-compatible servers do.
	 */
	rejectUnknownFields?: boolean;
}

/** One chat completion request as received, with what the scripted model answered. */
export interface ChatExchange {
	request: ChatRequest;
	/** The assistant turn answered; undefined when the request was refused. */
	turn?: ModelTurn;
	status: number;
}

/**
 * An OpenAI-compatible Chat Completions endpoint on 127.0.0.1 whose "model" is a deterministic script
 * (script.ts). Point an n8n OpenAI credential's Base URL at `baseUrl`.
 */
export class OpenAiSimulator extends HttpSimulator {
	readonly apiKeys: Set<string>;
	readonly models: string[];
	readonly exchanges: ChatExchange[] = [];
	readonly tools: ScriptTools;
	rejectUnknownFields: boolean;
	private readonly now: () => number;
	private counter = 0;

	constructor(options: OpenAiSimulatorOptions = {}) {
		super();
		this.apiKeys = new Set(options.apiKeys ?? [DEFAULT_OPENAI_KEY]);
		this.models = options.models ?? DEFAULT_MODELS;
		this.tools = { ...DEFAULT_SCRIPT_TOOLS, ...options.tools };
		this.now = options.now ?? Date.now;
		this.rejectUnknownFields = options.rejectUnknownFields ?? true;
	}

	/** `http://127.0.0.1:PORT/v1`: the Base URL for n8n's OpenAI credential. */
	get baseUrl(): string {
		return `${this.url}/v1`;
	}

	protected hostnames(): string[] {
		return ['api.openai.com'];
	}

	protected pipeline(): Omit<Pipeline, 'log' | 'faults'> {
		return {
			control: [
				...standardControlRoutes(this),
				controlRoute('GET', '/__exchanges', () => json(this.exchanges)),
				controlRoute('POST', '/__knobs', (body) => done(() => {
					if (typeof body.rejectUnknownFields === 'boolean') this.rejectUnknownFields = body.rejectUnknownFields;
				})),
			],
			handle: (request) => this.handle(request),
			internalError: (message) => openAiError(500, `The server had an error while processing your request: ${message}`, 'server_error'),
		};
	}

	reset(): void {
		this.resetTraffic();
		this.exchanges.length = 0;
		this.counter = 0;
	}

	snapshot(): { exchanges: ChatExchange[] } {
		return { exchanges: this.exchanges };
	}

	private handle(request: ApiRequest): Reply {
		const key = bearerToken(request.headers);
		const path = request.url.pathname.replace(/\/+$/, '');
		if (!['/v1/models', '/v1/chat/completions'].includes(path) && !path.startsWith('/v1/models/')) {
			// OpenAI answers an unknown route with 404 and its error object (type invalid_request_error).
			return openAiError(404, `Invalid URL (${request.method} ${request.url.pathname})`, 'invalid_request_error');
		}
		if (!key) return missingKey();
		if (!this.apiKeys.has(key)) return incorrectKey(key);
		if (path === '/v1/models' && request.method === 'GET') {
			return json({ object: 'list', data: this.models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'system' })) });
		}
		if (path.startsWith('/v1/models/') && request.method === 'GET') {
			const id = decodeURIComponent(path.slice('/v1/models/'.length));
			return this.models.includes(id) ? json({ id, object: 'model', created: 1_700_000_000, owned_by: 'system' }) : unknownModel(id);
		}
		if (path === '/v1/chat/completions' && request.method === 'POST') return this.chat(request);
		return openAiError(404, `Invalid URL (${request.method} ${request.url.pathname})`, 'invalid_request_error');
	}

	private chat(request: ApiRequest): Reply {
		const body = request.body.value;
		const exchange: ChatExchange = { request: (isRecord(body) ? body : {}) as ChatRequest, status: 0 };
		this.exchanges.push(exchange);
		const answer = (reply: Reply): Reply => {
			exchange.status = reply.status;
			return reply;
		};
		const problem = validateChatRequest(body, request.body.error, { rejectUnknownFields: this.rejectUnknownFields });
		if (problem) return answer(problem);
		const chat = body as ChatRequest;
		if (typeof chat.model !== 'string' || !this.models.includes(chat.model)) return answer(unknownModel(String(chat.model)));
		if (chat.n !== undefined && chat.n !== 1) return answer(invalidRequest('The simulator answers one choice only (n = 1).', 'n'));
		const turn = scriptedTurn(chat, this.tools, this.now());
		exchange.turn = turn;
		this.counter += 1;
		const id = stableId('chatcmpl-', `completion/${this.counter}`, 29);
		const full: Completion = completion(chat, turn, id, Math.floor(this.now() / 1000));
		if (chat.stream === true) {
			return answer({ status: 200, body: streamChunks(chat, full), headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' } });
		}
		return answer(json(full));
	}
}

export async function startOpenAiSimulator(options: OpenAiSimulatorOptions = {}): Promise<OpenAiSimulator> {
	const simulator = new OpenAiSimulator(options);
	await simulator.listen(options.port);
	return simulator;
}
