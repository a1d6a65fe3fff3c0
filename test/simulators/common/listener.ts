import type { IncomingHttpHeaders, IncomingMessage, RequestListener, ServerResponse } from 'http';
import type { TLSSocket } from 'tls';
import { setTimeout as delay } from 'timers/promises';

import { parseBody, readBodyBytes, type ParsedBody } from './body';
import { handleControl, type ControlRoute } from './control';
import type { FaultQueue } from './faults';
import { writeReply, type Reply } from './reply';
import { loggedHeaders, queryRecord, type RequestLog } from './requestLog';

/** What an API handler sees of a request. */
export interface ApiRequest {
	method: string;
	/** Absolute, with the origin the client used (see `requestOrigin`). */
	url: URL;
	headers: IncomingHttpHeaders;
	body: ParsedBody;
}

export interface Pipeline {
	log: RequestLog;
	faults: FaultQueue;
	control: readonly ControlRoute[];
	handle(request: ApiRequest): Reply;
	/** A bug in the simulator, in the service's own error shape so that it shows up in test output. */
	internalError(message: string): Reply;
}

/**
 * `https://<Host>` when the request came over TLS (a tunnel of the TLS proxy) or the proxy forwarded
 * an `https://` absolute URI (`X-Forwarded-Proto`), `http://<Host>` otherwise.
 */
export function requestOrigin(req: IncomingMessage): string {
	const forwarded = req.headers['x-forwarded-proto'];
	const encrypted = (req.socket as Partial<TLSSocket>).encrypted === true;
	const scheme = forwarded === 'https' || encrypted ? 'https' : 'http';
	return `${scheme}://${req.headers.host ?? '127.0.0.1'}`;
}

async function handleApi(
	pipeline: Pipeline,
	req: IncomingMessage,
	res: ServerResponse,
	request: ApiRequest,
): Promise<void> {
	const entry = pipeline.log.add({
		at: new Date().toISOString(),
		method: request.method,
		host: req.headers.host ?? '',
		path: request.url.pathname,
		query: queryRecord(request.url.searchParams),
		headers: loggedHeaders(req.headers),
		body: request.body.value,
		status: 0,
	});
	const fault = pipeline.faults.take(request.method, request.url.pathname);
	if (fault) entry.fault = fault.kind;
	if (fault?.kind === 'reset') {
		req.socket.destroy();
		return;
	}
	if (fault?.kind === 'latency') await delay(fault.delayMs ?? 0);
	let reply: Reply;
	if (fault?.kind === 'status') {
		reply = { status: fault.status ?? 500, headers: fault.headers, body: fault.body };
	} else {
		try {
			reply = pipeline.handle(request);
		} catch (error) {
			reply = pipeline.internalError(error instanceof Error ? error.message : String(error));
		}
	}
	entry.status = reply.status;
	writeReply(res, reply);
}

async function serve(pipeline: Pipeline, req: IncomingMessage, res: ServerResponse) {
	const method = (req.method ?? 'GET').toUpperCase();
	const url = new URL(req.url ?? '/', requestOrigin(req));
	const bytes = await readBodyBytes(req);
	const raw = bytes.toString('utf8');
	if (url.pathname.startsWith('/__')) {
		writeReply(res, handleControl(pipeline.control, method, url, raw));
		return;
	}
	const body = { ...parseBody(raw, req.headers['content-type']), bytes };
	await handleApi(pipeline, req, res, { method, url, headers: req.headers, body });
}

/** `/__*` goes to the control endpoints; everything else is logged, checked for faults and handled. */
export function simulatorListener(pipeline: Pipeline): RequestListener {
	return (req, res) => {
		serve(pipeline, req, res).catch((error: Error) => {
			if (!res.headersSent) writeReply(res, pipeline.internalError(error.message));
		});
	};
}
