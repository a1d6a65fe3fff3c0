import { HttpSimulator, type Pipeline } from '../common';
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
export class ServiceNowSimulator extends HttpSimulator {
	readonly state: ServiceNowState = createState();

	constructor(readonly instance = 'dev12345') {
		super();
	}

	protected pipeline(): Omit<Pipeline, 'log' | 'faults'> {
		return {
			control: controlRoutes(this),
			handle: (request) => handleApi(this.state, request),
			internalError: (message) => snError(500, 'Simulator error', message),
		};
	}

	protected hostnames(): string[] {
		return [this.hostname];
	}

	get hostname(): string {
		return `${this.instance}.service-now.com`;
	}

	get journal(): JournalEntry[] {
		return this.state.journal;
	}

	/** Empty instance (standard tables only), no log, no faults. */
	reset(): void {
		resetState(this.state);
		this.resetTraffic();
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
