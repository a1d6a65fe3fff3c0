import { existsSync, readFileSync } from 'fs';

import { HttpSimulator, type Pipeline } from '../common';
import { handleApi } from './api';
import { issueToken, type TokenResponse } from './auth';
import { controlRoutes } from './control';
import { DEMO_OAUTH_CLIENT, SHIPPED_UPDATE_SET, seedDemo, type DemoInfo } from './demo';
import { fieldDef } from './dictionary';
import { snError } from './errors';
import type { SnAttachment } from './attachment';
import { installUpdateSet } from './install';
import { DEFAULT_KNOBS, type Knobs } from './knobs';
import { findRecord, invalidQueryFields, queryRecords, tableRecords } from './lookup';
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
import { parseUpdateSet, type ParsedUpdateSet } from './updateSet';

export interface StartOptions extends Partial<Knobs> {
	/** 0 (default) = a free port. */
	port?: number;
	/** The instance name: `dev12345` (default) answers as `dev12345.service-now.com`. */
	instance?: string;
	/** Update sets to commit first: file paths or XML text. 'demo' installs the shipped one anyway. */
	updateSets?: string[];
	/** Initial data; default 'empty'. */
	seed?: SeedData | 'demo' | 'empty';
}

/** A stateful stand-in for one ServiceNow instance's Table API, listening on 127.0.0.1. */
export class ServiceNowSimulator extends HttpSimulator {
	readonly state: ServiceNowState;

	constructor(
		readonly instance = 'dev12345',
		knobs: Partial<Knobs> = {},
	) {
		super();
		this.state = createState({ ...DEFAULT_KNOBS, ...knobs });
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

	/** Files attached through the Attachment API, oldest first (with their bytes). */
	get attachments(): SnAttachment[] {
		return this.state.attachments;
	}

	/** The behaviour switches (knobs.ts); change them freely, `reset()` keeps them. */
	get knobs(): Knobs {
		return this.state.knobs;
	}

	/** Empty instance: standard tables and the tables of installed update sets (with their roles); no log, no faults. */
	reset(): void {
		resetState(this.state);
		for (const parsed of this.state.updateSets) installUpdateSet(this.state, parsed);
		this.resetTraffic();
	}

	/**
	 * Commits an update set (a file path or the XML itself): its tables, fields, choices and roles.
	 * Survives `reset()`. Returns what was read, for tests to inspect.
	 */
	installUpdateSet(pathOrXml: string): ParsedUpdateSet {
		const xml = pathOrXml.trimStart().startsWith('<') ? pathOrXml : readFileSync(pathOrXml, 'utf8');
		const parsed = parseUpdateSet(xml);
		installUpdateSet(this.state, parsed);
		return parsed;
	}

	seed(data: SeedData): void {
		applySeed(this.state, data);
	}

	/** Installs the shipped update set (workflows/servicenow/teamviewer-update-set.xml) and adds the demo data. */
	seedDemo(): DemoInfo {
		if (!existsSync(SHIPPED_UPDATE_SET))
			throw new Error(`The shipped update set is missing: ${SHIPPED_UPDATE_SET}`);
		this.installUpdateSet(SHIPPED_UPDATE_SET);
		return seedDemo(this.state);
	}

	snapshot(): Record<string, unknown> {
		return snapshotState(this.state);
	}

	/** The stored record (raw values; Password (2 Way Encrypted) fields in clear); `task` finds an incident too. */
	record(table: string, sysId: string): SnRecord | undefined {
		return findRecord(this.state, table, sysId);
	}

	/** The clear text of a Password (2 Way Encrypted) field, as getDecryptedValue() gives it inside the instance. */
	decrypted(table: string, sysId: string, field: string): string {
		const record = findRecord(this.state, table, sysId);
		if (!record) throw new Error(`No ${table} record ${sysId}`);
		if (fieldDef(this.state.dictionary, record.sys_class_name, field)?.type !== 'password2') {
			throw new Error(
				`${record.sys_class_name}.${field} is not a Password (2 Way Encrypted) field`,
			);
		}
		return record[field] ?? '';
	}

	/**
	 * Records of `table` (and the tables extending it) that match an encoded query or a predicate.
	 * Unlike the API, a query naming a field the table lacks throws: a test helper should fail loudly.
	 */
	find(table: string, filter: string | ((record: SnRecord) => boolean) = () => true): SnRecord[] {
		if (typeof filter === 'function') return tableRecords(this.state, table).filter(filter);
		const query = parseEncodedQuery(filter);
		const invalid = invalidQueryFields(this.state, table, query);
		if (invalid.length > 0)
			throw new Error(`find('${table}', '${filter}'): ${table} has no field ${invalid.join(', ')}`);
		return queryRecords(this.state, table, query);
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
	const { port, instance, updateSets = [], seed, ...knobs } = options;
	const simulator = new ServiceNowSimulator(instance, knobs);
	for (const updateSet of updateSets) simulator.installUpdateSet(updateSet);
	await simulator.listen(port);
	if (seed === 'demo') simulator.seedDemo();
	else if (seed !== undefined && seed !== 'empty') simulator.seed(seed);
	return simulator;
}
