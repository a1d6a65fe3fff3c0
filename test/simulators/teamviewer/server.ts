import type { IncomingHttpHeaders, IncomingMessage, RequestListener, ServerResponse } from 'http';
import { setTimeout as delay } from 'timers/promises';

import { bearerToken } from './auth';
import { toIso } from './clock';
import type { RequestContext } from './context';
import { handleControl } from './control';
import { ApiError } from './errors';
import { faultReply } from './faults';
import { Input } from './input';
import { loggedHeaders, queryRecord, type LoggedRequest } from './requestLog';
import { json, writeReply, type Reply } from '../common/reply';
import { dispatch, unknownRoute } from './router';
import { API_ROUTES } from './routes';
import type { TeamViewerSimulator } from './simulator';

interface ParsedBody {
	value: unknown;
	error?: string;
}

const API_PATH = /^\/api\/v1(\/|$)/i;

function readRaw(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** JSON (`application/json`, `text/json`) and form bodies are parsed; anything else stays text. */
function parseBody(raw: string, contentType: string | undefined): ParsedBody {
	if (raw === '') return { value: undefined };
	const type = (contentType ?? '').toLowerCase();
	if (type.includes('application/x-www-form-urlencoded')) {
		return { value: Object.fromEntries(new URLSearchParams(raw)) };
	}
	if (!type.includes('json')) return { value: raw };
	try {
		return { value: JSON.parse(raw) };
	} catch {
		return { value: raw, error: 'The request body is not valid JSON.' };
	}
}

/** A bug in the simulator, reported in the API's error shape so that it shows up in test output. */
function serverError(error: unknown): Reply {
	const description = error instanceof Error ? error.message : String(error);
	return json({ error: 'server_error', error_description: description, error_code: 500 }, 500);
}

function route(
	sim: TeamViewerSimulator,
	method: string,
	url: URL,
	headers: IncomingHttpHeaders,
	body: ParsedBody,
): Reply {
	const nowMs = sim.clock.nowMs();
	const ctx: RequestContext = {
		state: sim.state,
		config: sim.config,
		now: toIso(nowMs),
		nowMs,
		url,
		headers,
		params: {},
		query: new Input(queryRecord(url.searchParams)),
		body: new Input(body.value),
		rawBody: body.value,
	};
	try {
		return dispatch(API_ROUTES, method, ctx, body.error);
	} catch (error) {
		return error instanceof ApiError ? error.toReply() : serverError(error);
	}
}

/**
 * The account's request limit (config `rateLimit`): a request beyond `requestsPerSecond` in the last
 * second (wall clock) is refused with 429 and not carried out; only accepted requests count.
 */
function rateLimited(sim: TeamViewerSimulator): Reply | undefined {
	const limit = sim.config.rateLimit;
	if (!limit) return undefined;
	const now = Date.now();
	const window = sim.acceptedRequestTimes;
	while (window.length > 0 && window[0] <= now - 1000) window.shift();
	if (window.length >= limit.requestsPerSecond) {
		const reply = new ApiError(429, 'too_many_requests', 'Too many requests. Please try again later.').toReply();
		if (limit.retryAfterSeconds === null) return reply;
		return { ...reply, headers: { ...reply.headers, 'Retry-After': String(limit.retryAfterSeconds) } };
	}
	window.push(now);
	return undefined;
}

/**
 * Log, then fault or route. A `reset` fault drops the socket after the whole request arrived and
 * before it is handled; `resetAfter` after it was handled (the entry keeps the real status).
 */
async function handleApi(
	sim: TeamViewerSimulator,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	raw: string,
) {
	const method = (req.method ?? 'GET').toUpperCase();
	const body = parseBody(raw, req.headers['content-type']);
	const entry: LoggedRequest = {
		seq: sim.log.nextSeq(),
		at: sim.clock.nowIso(),
		realAt: Date.now(),
		method,
		path: url.pathname,
		query: queryRecord(url.searchParams),
		headers: loggedHeaders(req.headers),
		token: bearerToken(req.headers),
		body: body.value,
		status: 0,
	};
	const fault = sim.faults.take(method, url.pathname);
	entry.fault = fault?.kind;
	if (fault?.kind === 'reset') {
		sim.log.add(entry);
		req.socket.destroy();
		return;
	}
	if (fault?.kind === 'latency') await delay(fault.delayMs ?? 0);
	const halfTrip = sim.config.latencyMs / 2;
	if (halfTrip > 0) await delay(halfTrip);
	const reply =
		fault?.kind === 'status'
			? faultReply(fault)
			: (rateLimited(sim) ?? route(sim, method, url, req.headers, body));
	if (halfTrip > 0) await delay(halfTrip);
	entry.status = reply.status;
	sim.log.add(entry);
	if (fault?.kind === 'resetAfter') {
		req.socket.destroy();
		return;
	}
	if (fault?.kind === 'slowReply') await delay(fault.delayMs ?? 0);
	if (res.destroyed) return;
	// Like any web server, TeamViewer states its time; here it is the simulator clock.
	writeReply(res, { ...reply, headers: { Date: new Date(sim.clock.nowMs()).toUTCString(), ...reply.headers } });
}

/** `/__*` control endpoints, `/api/v1/**` API, anything else the ASP.NET 404. */
async function serve(sim: TeamViewerSimulator, req: IncomingMessage, res: ServerResponse) {
	const origin = req.headers.host ? `http://${req.headers.host}` : sim.url;
	const url = new URL(req.url ?? '/', origin);
	const raw = await readRaw(req);
	if (url.pathname.startsWith('/__')) {
		writeReply(res, handleControl(sim, req.method ?? 'GET', url, raw));
	} else if (API_PATH.test(url.pathname)) {
		await handleApi(sim, req, res, url, raw);
	} else {
		writeReply(res, unknownRoute(url, sim.config.unknownRouteStatus));
	}
}

export function createRequestListener(sim: TeamViewerSimulator): RequestListener {
	return (req, res) => {
		serve(sim, req, res).catch((error: Error) => {
			if (res.headersSent) return;
			writeReply(res, serverError(error));
		});
	};
}
