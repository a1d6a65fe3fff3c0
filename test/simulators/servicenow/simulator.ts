import { createServer, type RequestListener, type Server } from 'http';

import {
	closeHttpServer,
	FaultQueue,
	listenOnLoopback,
	RequestLog,
	simulatorListener,
	type FaultRule,
	type LoggedRequest,
	type ProxyRoute,
} from '../common';
import { handleApi } from './api';
import { issueToken, type TokenResponse } from './auth';
import { controlRoutes } from './control';
import { DEMO_OAUTH_CLIENT, seedDemo, type DemoInfo } from './demo';
import { snError } from './errors';
import { findRecord, queryRecords, tableRecords } from './lookup';
import { parseEncodedQuery } from './query';
import { applySeed, type SeedData } from './seed';
import {
	createState,
	resetState,
	snapshotState,
	type JournalEntry,
	type ServiceNowState,
	type SnRecord,
} from './state';

export interface StartOptions {
	/** 0 (default) = a free port. */
	port?: number;
	/** The instance name: `dev12345` (default) answers as `dev12345.service-now.com`. */
	instance?: string;
	/** Initial data; default 'empty'. */
	seed?: SeedData | 'demo' | 'empty';
}

/** A stateful stand-in for one ServiceNow instance's Table API, listening on 127.0.0.1. */
export class ServiceNowSimulator {
	readonly state: ServiceNowState = createState();
	/** Every non-control request; `requests` is its list. */
	readonly log = new RequestLog();
	readonly faults = new FaultQueue();
	/** The HTTP handler, for the TLS proxy to dispatch `https://<instance>.service-now.com` to. */
	readonly listener: RequestListener;
	private readonly server: Server;
	private boundPort = 0;

	constructor(readonly instance = 'dev12345') {
		this.listener = simulatorListener({
			log: this.log,
			faults: this.faults,
			control: controlRoutes(this),
			handle: (request) => handleApi(this.state, request),
			internalError: (message) => snError(500, 'Simulator error', message),
		});
		this.server = createServer(this.listener);
	}

	get hostname(): string {
		return `${this.instance}.service-now.com`;
	}

	/** `{ host, listener }` for `startTlsProxy({ routes })`. */
	get proxyRoute(): ProxyRoute {
		const host = new RegExp(`^${this.hostname.replace(/\./g, '\\.')}$`, 'i');
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

	get journal(): JournalEntry[] {
		return this.state.journal;
	}

	async listen(port = 0): Promise<void> {
		this.boundPort = await listenOnLoopback(this.server, port);
	}

	/** Empty instance (standard tables only), no log, no faults. */
	reset(): void {
		resetState(this.state);
		this.log.reset();
		this.faults.clear();
	}

	seed(data: SeedData): void {
		applySeed(this.state, data);
	}

	seedDemo(): DemoInfo {
		return seedDemo(this.state);
	}

	snapshot(): Record<string, unknown> {
		return snapshotState(this.state);
	}

	/** The stored record (raw values); `task` finds an incident too. */
	record(table: string, sysId: string): SnRecord | undefined {
		return findRecord(this.state, table, sysId);
	}

	/** Records of `table` (and the tables extending it) that match an encoded query or a predicate. */
	find(table: string, filter: string | ((record: SnRecord) => boolean) = () => true): SnRecord[] {
		if (typeof filter === 'function') return tableRecords(this.state, table).filter(filter);
		return queryRecords(this.state, table, parseEncodedQuery(filter));
	}

	/** Issues an OAuth token pair for a user, as the password grant would (for pre-authorised credentials). */
	issueToken(userName: string, clientId = DEMO_OAUTH_CLIENT.clientId): TokenResponse {
		return issueToken(this.state, userName, clientId);
	}

	/** Every access token issued so far gets 401 from now on; refresh tokens keep working. */
	expireAccessTokens(): void {
		for (const token of this.state.accessTokens.values()) token.expiresAtMs = 0;
	}

	injectFault(rule: FaultRule): void {
		this.faults.add(rule);
	}

	clearFaults(): void {
		this.faults.clear();
	}

	close(): Promise<void> {
		return closeHttpServer(this.server);
	}
}

export async function startServiceNowSimulator(
	options: StartOptions = {},
): Promise<ServiceNowSimulator> {
	const simulator = new ServiceNowSimulator(options.instance);
	await simulator.listen(options.port);
	if (options.seed === 'demo') simulator.seedDemo();
	else if (options.seed !== undefined && options.seed !== 'empty') simulator.seed(options.seed);
	return simulator;
}
