/**
 * A fault-injecting HTTP proxy for the fault-soak suite: clients call it instead of the TeamViewer
 * simulator, and it forwards every request, except that a share of them (`rate`) meets one of the
 * faults a real day on the internet brings, picked at random (seeded):
 *
 * | kind            | what the proxy does                                   | did TeamViewer do the work? |
 * | --------------- | ----------------------------------------------------- | --------------------------- |
 * | `429`           | answers 429 `Retry-After: 0` without forwarding        | no                          |
 * | `429-bare`      | answers 429 without Retry-After, without forwarding    | no                          |
 * | `502`, `503`    | answers it without forwarding                          | no                          |
 * | `504`           | forwards, waits for the answer, then answers 504       | yes                         |
 * | `reset-before`  | drops the connection without forwarding                | no                          |
 * | `reset-after`   | forwards, waits for the answer, drops the connection   | yes                         |
 * | `slow-answer`   | forwards, holds the answer `slowMs` (past the client's timeout) | yes                |
 * | `slow-request`  | holds the request `slowMs`, then forwards it (the work happens after the client gave up) | yes, late |
 *
 * The bodies are the API's error shape, `{error, error_description, error_code}`. Every fault is counted by kind.
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { closeHttpServer, listenOnLoopback } from '../common/listen';
import { Random } from '../teamviewer/random';

export const FAULT_KINDS = [
	'429',
	'429-bare',
	'502',
	'503',
	'504',
	'reset-before',
	'reset-after',
	'slow-answer',
	'slow-request',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultProxyOptions {
	/** Where requests go, e.g. the simulator's `http://127.0.0.1:PORT`. */
	target: string;
	/** Share of requests that meet a fault, 0–1. */
	rate: number;
	/** How long slow faults hold the request or the answer. */
	slowMs: number;
	seed?: number;
	kinds?: readonly FaultKind[];
}

export interface FaultProxy {
	/** The proxy's origin; the API is under `${url}/api/v1`. */
	readonly url: string;
	readonly counts: Record<FaultKind, number>;
	/** Requests seen (faulted or not). */
	readonly requests: number;
	/** Stops injecting (requests are forwarded unchanged) or starts again. */
	setRate(rate: number): void;
	close(): Promise<void>;
}

interface Upstream {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		stream.on('data', (chunk: Buffer) => chunks.push(chunk));
		stream.on('end', () => resolve(Buffer.concat(chunks)));
		stream.on('error', reject);
	});
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Upstream> {
	return new Promise((resolve, reject) => {
		const headers = { ...req.headers, host: target.host };
		const upstream = http.request(
			{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
			(res) => {
				readBody(res).then((data) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: data }), reject);
			},
		);
		upstream.on('error', reject);
		upstream.end(body);
	});
}

function errorBody(status: number): string {
	const [error, description] =
		status === 429 ? ['too_many_requests', 'Too many requests. Retry later.'] : ['server_error', `Upstream failure (${status}).`];
	return JSON.stringify({ error, error_description: description, error_code: status });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
	const target = new URL(options.target);
	const random = new Random(options.seed ?? 20261205);
	const kinds = options.kinds ?? FAULT_KINDS;
	const counts = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
	let rate = options.rate;
	let requests = 0;

	const reply = (res: ServerResponse, status: number, headers: Record<string, string> = {}) => {
		res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
		res.end(errorBody(status));
	};
	const pass = (res: ServerResponse, upstream: Upstream) => {
		if (res.destroyed) return;
		const headers = { ...upstream.headers };
		delete headers['transfer-encoding'];
		delete headers.connection;
		res.writeHead(upstream.status, headers);
		res.end(upstream.body);
	};

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const body = await readBody(req);
		requests++;
		const fault = random.chance(rate) ? random.pick(kinds) : undefined;
		if (fault) counts[fault]++;
		switch (fault) {
			case '429':
				return reply(res, 429, { 'Retry-After': '0' });
			case '429-bare':
			case '502':
			case '503':
				return reply(res, Number(fault.slice(0, 3)));
			case 'reset-before':
				return req.socket.destroy();
			case '504':
				await forward(target, req, body);
				return reply(res, 504);
			case 'reset-after':
				await forward(target, req, body);
				return req.socket.destroy();
			case 'slow-answer': {
				const upstream = await forward(target, req, body);
				await wait(options.slowMs);
				return pass(res, upstream);
			}
			case 'slow-request':
				await wait(options.slowMs);
				return pass(res, await forward(target, req, body));
			default:
				return pass(res, await forward(target, req, body));
		}
	};

	const server = http.createServer((req, res) => {
		handle(req, res).catch(() => {
			if (!res.headersSent && !res.destroyed) reply(res, 502);
		});
	});
	const port = await listenOnLoopback(server);
	return {
		url: `http://127.0.0.1:${port}`,
		counts,
		get requests() {
			return requests;
		},
		setRate(value: number) {
			rate = value;
		},
		close: async () => await closeHttpServer(server),
	};
}
