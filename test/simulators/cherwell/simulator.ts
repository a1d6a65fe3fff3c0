import { HttpSimulator, type LoggedRequest, type Pipeline } from '../common';
import { SimClock } from '../teamviewer/clock';
import { handleApi } from './api';
import { DEFAULT_LIFETIMES, issueToken, type TokenLifetimes, type TokenResponse } from './auth';
import { controlRoutes } from './control';
import { DEMO_API_CLIENT, DEMO_API_USER, seedDemo, type DemoInfo } from './demo';
import { cwError } from './errors';
import { businessObject } from './schema';
import { applySeed, type SeedData } from './seed';
import {
	createState,
	type CherwellKnobs,
	recordsOf,
	resetState,
	snapshotState,
	type CherwellState,
	type CwFields,
	type CwRecord,
} from './state';

export interface StartOptions {
	/** 0 (default) = a free port. */
	port?: number;
	/** The host name the flows call (through the TLS proxy); default `cherwell.example.com`. */
	hostname?: string;
	/** Initial data; default 'empty'. */
	seed?: SeedData | 'demo' | 'empty';
	/** Access-token lifetime; default 1200 (CSM's 20 minutes). */
	accessTokenLifetimeSeconds?: number;
	refreshTokenLifetimeSeconds?: number;
	/** Knobs (README "Knobs"); defaults in `DEFAULT_KNOBS`. */
	knobs?: Partial<CherwellKnobs>;
}

/** A stateful stand-in for one Cherwell Service Management REST API (`/CherwellAPI`), on 127.0.0.1. */
export class CherwellSimulator extends HttpSimulator {
	readonly state: CherwellState = createState();
	/** Token expiry and record timestamps follow this clock (real time until set or advanced). */
	readonly clock = new SimClock();
	readonly lifetimes: TokenLifetimes;
	constructor(
		readonly hostname = 'cherwell.example.com',
		lifetimes: Partial<TokenLifetimes> = {},
	) {
		super();
		this.lifetimes = { ...DEFAULT_LIFETIMES, ...lifetimes };
	}

	protected pipeline(): Omit<Pipeline, 'log' | 'faults'> {
		return {
			control: controlRoutes(this),
			handle: (request) =>
				handleApi(
					{ state: this.state, nowMs: () => this.clock.nowMs(), lifetimes: this.lifetimes },
					request,
				),
			internalError: (message) => cwError(500, 'GENERALFAILURE', `Simulator error: ${message}`),
		};
	}

	protected hostnames(): string[] {
		return [this.hostname];
	}

	/** The URL the flows' Config node holds: `https://<hostname>/CherwellAPI`. */
	get apiUrl(): string {
		return `https://${this.hostname}/CherwellAPI`;
	}

	/** The `POST /CherwellAPI/token` requests, oldest first. */
	get tokenRequests(): LoggedRequest[] {
		return this.log.entries.filter((entry) => /^\/cherwellapi\/token\/?$/i.test(entry.path));
	}

	/** No records, users, clients or tokens; empty log (sequence restarts); no faults; real-time clock. */
	reset(): void {
		resetState(this.state);
		this.resetTraffic();
		this.clock.reset();
	}

	seed(data: SeedData): CwRecord[] {
		return applySeed(this.state, data, this.clock.nowMs());
	}

	seedDemo(): DemoInfo {
		return seedDemo(this.state, this.clock.nowMs());
	}

	snapshot(): Record<string, unknown> {
		return snapshotState(this.state);
	}

	/** The live field values of every record of a business object (ID or name), optionally filtered. */
	records(busOb: string, filter: (fields: CwFields) => boolean = () => true): CwFields[] {
		return recordsOf(this.state, busOb)
			.map((record) => record.fields)
			.filter(filter);
	}

	record(busOb: string, recId: string): CwFields | undefined {
		const definition = businessObject(busOb);
		return definition ? this.state.records.get(definition.busObId)?.get(recId)?.fields : undefined;
	}

	/** Journal - Note records of one parent (an incident's RecID), oldest first. */
	journalNotes(parentRecId: string): CwFields[] {
		return this.records('JournalNote', (fields) => fields.ParentRecID === parentRecId);
	}

	/** TeamViewer Session records related to an incident (by its RecID), oldest first. */
	teamViewerSessions(incidentRecId: string): CwFields[] {
		return this.records('TeamViewerSession', (fields) => fields.IncidentRecID === incidentRecId);
	}

	/** A token pair as the password grant gives, without a request (the demo user and client by default). */
	issueToken(
		username = DEMO_API_USER.username,
		clientId = DEMO_API_CLIENT.clientId,
	): TokenResponse {
		return issueToken(this.state, username, clientId, this.clock.nowMs(), this.lifetimes);
	}

	/** Every access token issued so far gets 401 from now on; refresh tokens keep working. */
	expireAccessTokens(): void {
		for (const grant of this.state.accessTokens.values()) grant.expiresAtMs = 0;
	}
}

export async function startCherwellSimulator(
	options: StartOptions = {},
): Promise<CherwellSimulator> {
	const simulator = new CherwellSimulator(options.hostname, {
		...(options.accessTokenLifetimeSeconds === undefined
			? {}
			: { accessTokenSeconds: options.accessTokenLifetimeSeconds }),
		...(options.refreshTokenLifetimeSeconds === undefined
			? {}
			: { refreshTokenSeconds: options.refreshTokenLifetimeSeconds }),
	});
	Object.assign(simulator.state.knobs, options.knobs ?? {});
	await simulator.listen(options.port);
	if (options.seed === 'demo') simulator.seedDemo();
	else if (options.seed !== undefined && options.seed !== 'empty') simulator.seed(options.seed);
	return simulator;
}
