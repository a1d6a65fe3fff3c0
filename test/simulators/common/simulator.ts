import { createServer, type RequestListener, type Server } from 'http';

import { FaultQueue, type FaultRule } from './faults';
import { closeHttpServer, listenOnLoopback, type ProxyRoute } from './listen';
import { simulatorListener, type Pipeline } from './listener';
import { RequestLog, type LoggedRequest } from './requestLog';

const escapeHost = (host: string) => host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What every ITSM simulator shares: a request log, a fault queue, one request handler (which the TLS
 * proxy dispatches the service's host names to) and a loopback HTTP server for direct use and the
 * control endpoints. A subclass supplies its API, control routes and error shape, and its host names.
 */
export abstract class HttpSimulator {
	/** Every non-control request; `requests` is its list. */
	readonly log = new RequestLog();
	readonly faults = new FaultQueue();
	private handler?: RequestListener;
	private server?: Server;
	private boundPort = 0;

	/** The service's own part of the request pipeline: control routes, API handler, error shape. */
	protected abstract pipeline(): Omit<Pipeline, 'log' | 'faults'>;

	/** The host names the TLS proxy hands to this simulator, e.g. `dev12345.service-now.com`. */
	protected abstract hostnames(): string[];

	/** The HTTP handler, for the TLS proxy to dispatch `https://<host>` to. */
	get listener(): RequestListener {
		this.handler ??= simulatorListener({ log: this.log, faults: this.faults, ...this.pipeline() });
		return this.handler;
	}

	/** `{ host, listener }` for `startTlsProxy({ routes })`. */
	get proxyRoute(): ProxyRoute {
		const host = new RegExp(`^(${this.hostnames().map(escapeHost).join('|')})$`, 'i');
		return { host, listener: this.listener };
	}

	get port(): number {
		return this.boundPort;
	}

	/** `http://127.0.0.1:PORT`, for direct use and the control endpoints. */
	get url(): string {
		return `http://127.0.0.1:${this.boundPort}`;
	}

	get requests(): LoggedRequest[] {
		return this.log.entries;
	}

	async listen(port = 0): Promise<void> {
		this.server = createServer(this.listener);
		this.boundPort = await listenOnLoopback(this.server, port);
	}

	injectFault(rule: FaultRule): void {
		this.faults.add(rule);
	}

	clearFaults(): void {
		this.faults.clear();
	}

	async close(): Promise<void> {
		if (this.server) await closeHttpServer(this.server);
	}

	/** Empty log (its sequence restarts) and no faults; part of every simulator's `reset()`. */
	protected resetTraffic(): void {
		this.log.reset();
		this.faults.clear();
	}
}
