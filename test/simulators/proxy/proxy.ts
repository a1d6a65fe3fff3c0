import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { Duplex } from 'stream';
import { TLSSocket, type SecureContext } from 'tls';

import {
	closeHttpServer,
	listenOnLoopback,
	RequestLog,
	writeReply,
	type ProxyRoute,
} from '../common';
import { certificateAuthority, secureContextFor } from './ca';

/** One request the proxy handled: a CONNECT, a request inside a tunnel, or an absolute-URI request. */
export interface ProxiedRequest {
	seq: number;
	/** Arrival, ISO 8601 UTC. */
	at: string;
	method: string;
	/** The host asked for, lower case, without the port. */
	host: string;
	/** Path and query; `host:port` for CONNECT. */
	path: string;
	/** Whether it arrived decrypted from a CONNECT tunnel. */
	tunnel: boolean;
	/** 0 until answered; 200 for an accepted CONNECT, 502 when no route matches. */
	status: number;
}

export interface TlsProxyOptions {
	routes: ProxyRoute[];
	/** 0 (default) = a free port. */
	port?: number;
}

function hostnameOf(authority: string | undefined): string {
	return (authority ?? '').replace(/:\d+$/, '').toLowerCase();
}

function noRouteText(hostname: string): string {
	return `The test proxy has no simulator for host '${hostname}' and never connects out.`;
}

/**
 * An HTTP proxy on 127.0.0.1 that answers everything itself: `CONNECT host:443` is accepted for a
 * routed host and its TLS terminated with a certificate from the process's test CA; the decrypted
 * requests, and absolute-URI requests (`GET http://host/…`), go to the listener of the first route
 * whose `host` matches. It never opens an outbound connection.
 */
export class TlsProxy {
	readonly log = new RequestLog<ProxiedRequest>();
	caCertPath = '';
	private readonly server: Server;
	/** Parses the HTTP inside tunnels; never listens. */
	private readonly tunnels: Server;
	private readonly sockets = new Set<Duplex>();
	private boundPort = 0;

	constructor(private readonly routes: readonly ProxyRoute[]) {
		this.server = createServer((req, res) => this.forward(req, res));
		this.server.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
			this.connect(req, socket, head).catch(() => socket.destroy());
		});
		this.tunnels = createServer((req, res) => this.dispatch(req, res, true));
		this.tunnels.on('clientError', (_error, socket: Duplex) => socket.destroy());
	}

	get port(): number {
		return this.boundPort;
	}

	/** The value for HTTPS_PROXY / HTTP_PROXY. */
	get url(): string {
		return `http://127.0.0.1:${this.boundPort}`;
	}

	get requests(): ProxiedRequest[] {
		return this.log.entries;
	}

	async listen(port = 0): Promise<void> {
		this.caCertPath = (await certificateAuthority()).certPath;
		this.boundPort = await listenOnLoopback(this.server, port);
	}

	/** Stops listening and drops every open connection and tunnel. */
	async close(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await closeHttpServer(this.server);
	}

	private route(hostname: string): ProxyRoute | undefined {
		return this.routes.find((route) => route.host.test(hostname));
	}

	private track(socket: Duplex): void {
		this.sockets.add(socket);
		socket.once('close', () => this.sockets.delete(socket));
	}

	private record(method: string, host: string, path: string, tunnel: boolean): ProxiedRequest {
		return this.log.add({ at: new Date().toISOString(), method, host, path, tunnel, status: 0 });
	}

	private async connect(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
		this.track(socket);
		socket.on('error', () => socket.destroy());
		const hostname = hostnameOf(req.url);
		const entry = this.record('CONNECT', hostname, req.url ?? '', false);
		if (!this.route(hostname)) {
			const text = noRouteText(hostname);
			entry.status = 502;
			socket.end(
				`HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain; charset=utf-8\r\n` +
					`Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
			);
			return;
		}
		const context = await secureContextFor(hostname);
		entry.status = 200;
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		if (head.length > 0) socket.unshift(head);
		const tls = new TLSSocket(socket, {
			isServer: true,
			secureContext: context,
			SNICallback: (servername, callback) => this.sniContext(servername, context, callback),
		});
		this.track(tls);
		tls.on('error', () => tls.destroy());
		this.tunnels.emit('connection', tls);
	}

	/** A routed SNI name gets its own certificate; anything else the CONNECT host's. */
	private sniContext(
		servername: string,
		fallback: SecureContext,
		callback: (error: Error | null, context?: SecureContext) => void,
	): void {
		if (!this.route(hostnameOf(servername))) return callback(null, fallback);
		secureContextFor(servername).then((context) => callback(null, context), callback);
	}

	/** An absolute-URI request: rewritten to origin form, with the scheme in X-Forwarded-Proto. */
	private forward(req: IncomingMessage, res: ServerResponse): void {
		if (!/^https?:\/\//i.test(req.url ?? '')) {
			const entry = this.record(
				req.method ?? 'GET',
				hostnameOf(req.headers.host),
				req.url ?? '',
				false,
			);
			entry.status = 400;
			writeReply(res, {
				status: 400,
				body: 'This is a proxy: send CONNECT host:443 or an absolute URI (GET http://host/path).',
			});
			return;
		}
		const target = new URL(req.url ?? '');
		req.url = `${target.pathname}${target.search}`;
		req.headers.host = target.host;
		req.headers['x-forwarded-proto'] = target.protocol.slice(0, -1);
		delete req.headers['proxy-connection'];
		delete req.headers['proxy-authorization'];
		this.dispatch(req, res, false);
	}

	private dispatch(req: IncomingMessage, res: ServerResponse, tunnel: boolean): void {
		const hostname = hostnameOf(req.headers.host);
		const entry = this.record(req.method ?? 'GET', hostname, req.url ?? '/', tunnel);
		res.once('finish', () => {
			entry.status = res.statusCode;
		});
		const route = this.route(hostname);
		if (route) route.listener(req, res);
		else writeReply(res, { status: 502, body: noRouteText(hostname) });
	}
}

/** Starts the proxy on 127.0.0.1; `caCertPath` is ready when it resolves. */
export async function startTlsProxy(options: TlsProxyOptions): Promise<TlsProxy> {
	const proxy = new TlsProxy(options.routes);
	await proxy.listen(options.port);
	return proxy;
}
