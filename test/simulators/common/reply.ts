import type { ServerResponse } from 'http';

/** What a handler answers. A string body goes out as text/plain, a Buffer as a file, anything else as JSON. */
export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export function json(body: unknown, status = 200, headers?: Record<string, string>): Reply {
	return { status, body, headers };
}

export function noContent(): Reply {
	return { status: 204 };
}

export function writeReply(res: ServerResponse, reply: Reply): void {
	const headers: Record<string, string> = { ...reply.headers };
	const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
	let payload: string | Buffer | undefined;
	if (Buffer.isBuffer(reply.body) && reply.status !== 204) {
		// A file: sent as is, under the type the handler set (application/octet-stream otherwise).
		payload = reply.body;
		if (!hasContentType) headers['Content-Type'] = 'application/octet-stream';
	} else if (reply.body !== undefined && reply.status !== 204) {
		const isText = typeof reply.body === 'string';
		payload = isText ? (reply.body as string) : JSON.stringify(reply.body);
		if (!hasContentType) {
			headers['Content-Type'] = isText
				? 'text/plain; charset=utf-8'
				: 'application/json; charset=utf-8';
		}
	}
	res.writeHead(reply.status, headers);
	res.end(payload);
}
