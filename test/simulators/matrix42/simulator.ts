import { HttpSimulator, type Pipeline } from '../common';
import { closeActivity, isActivity, type JournalMissingObject } from './activities';
import { handleApi } from './api';
import { issueAccessToken, type TokenResponse } from './auth';
import { SimClock } from '../teamviewer/clock';
import { controlRoutes } from './control';
import { seedDemo, type DemoInfo } from './demo';
import { m42Error } from './errors';
import { findFragments, queryFragments, type FragmentQuery } from './query';
import { findObject, renderObject, type MissingObject, type UnknownWriteNames } from './records';
import { ACTIVITY_STATE } from './schema';
import { applySeed, type SeedData } from './seed';
import {
	createState,
	resetState,
	snapshotState,
	type Delivery,
	type Fragment,
	type HookTarget,
	type JournalEntry,
	type M42Object,
	type Matrix42State,
} from './state';

export interface StartOptions {
	/** 0 (default) = a free port. */
	port?: number;
	/** The host name the TLS proxy routes here; default `matrix42.example.com`. */
	hostname?: string;
	/** Initial data; default 'empty'. */
	seed?: SeedData | 'demo' | 'empty';
	/** Lifetime of access tokens (RawToken); default 3600. */
	accessTokenLifetimeSeconds?: number;
	/** Most rows per fragments page whatever `pagesize` asks; default 100 (the docs name no limit: the stricter choice). */
	maxPageSize?: number;
	/** A name a `data/objects` write uses that the schema lacks: 'reject' (default, 400) or 'ignore' (README S26). */
	unknownWriteNames?: UnknownWriteNames;
	/** `GET data/objects/{ci}/{id}` of a missing object: 'null' (default, 200 `null` as the sources say) or '404' (README S23). */
	missingObject?: MissingObject;
	/** `journal/Add` for a missing object: '500' (default, ASP.NET's generic error; no source says) or '404' (README S33). */
	journalMissingObject?: JournalMissingObject;
}

/** A stateful stand-in for a Matrix42 Service Management (ESMP) `m42Services` API, on 127.0.0.1. */
export class Matrix42Simulator extends HttpSimulator {
	readonly state: Matrix42State = createState();

	readonly clock = new SimClock();
	accessTokenLifetimeSeconds: number;
	/** Knobs (README "Knobs"): the stricter side, or the sources' side, by default; `reset()` keeps them. */
	maxPageSize = 100;
	defaultPageSize = 100;
	unknownWriteNames: UnknownWriteNames = 'reject';
	missingObject: MissingObject = 'null';
	journalMissingObject: JournalMissingObject = '500';

	constructor(
		readonly hostname = 'matrix42.example.com',
		accessTokenLifetimeSeconds = 3600,
	) {
		super();
		this.accessTokenLifetimeSeconds = accessTokenLifetimeSeconds;
	}

	protected pipeline(): Omit<Pipeline, 'log' | 'faults'> {
		return {
			control: controlRoutes(this),
			handle: (request) =>
				handleApi(
					{
						state: this.state,
						clock: this.clock,
						accessTokenLifetimeSeconds: this.accessTokenLifetimeSeconds,
						maxPageSize: this.maxPageSize,
						defaultPageSize: this.defaultPageSize,
						unknownWriteNames: this.unknownWriteNames,
						missingObject: this.missingObject,
						journalMissingObject: this.journalMissingObject,
					},
					request,
				),
			internalError: (message) => m42Error(500, `Simulator error: ${message}`),
		};
	}

	protected hostnames(): string[] {
		return [this.hostname];
	}

	/** `https://matrix42.example.com/m42Services`: the value for the flows' Config node. */
	get publicBaseUrl(): string {
		return `https://${this.hostname}/m42Services`;
	}

	/** `http://127.0.0.1:PORT/m42Services`. */
	get baseUrl(): string {
		return `${this.url}/m42Services`;
	}

	get journal(): JournalEntry[] {
		return this.state.journal;
	}

	get deliveries(): Delivery[] {
		return this.state.deliveries;
	}

	/** No objects, tokens, journal, hooks or deliveries; empty log (sequence restarts); no faults; real clock. */
	reset(): void {
		resetState(this.state);
		this.resetTraffic();
		this.clock.reset();
	}

	seed(data: SeedData): void {
		applySeed(this.state, data);
	}

	seedDemo(): DemoInfo {
		return seedDemo(this.state, this.clock);
	}

	snapshot(): Record<string, unknown> {
		return snapshotState(this.state);
	}

	/** The stored object (live), or undefined. */
	object(id: string): M42Object | undefined {
		return findObject(this.state, id);
	}

	/** The object as `GET /data/objects/{ci}/{id}` renders it. */
	render(id: string): Record<string, unknown> | undefined {
		const object = this.object(id);
		return object && renderObject(object);
	}

	/** One fragment of an object (live), e.g. `fragment(assetId, 'SPSComputerClassBase')`. */
	fragment(objectId: string, dataDefinition: string): Fragment | undefined {
		return this.object(objectId)?.fragments.get(dataDefinition);
	}

	/** Rows as `GET /data/fragments/{dd}` answers them (no `columns`: only `ID` and `DisplayString`, S9). */
	query(dataDefinition: string, query: FragmentQuery = {}): Array<Record<string, unknown>> {
		return queryFragments(this.state, dataDefinition, { pageSize: 10_000, ...query });
	}

	/** `{ object, fragment }` pairs of `dataDefinition` matching an ASQL `where`. */
	find(dataDefinition: string, where = ''): Array<{ object: M42Object; fragment: Fragment }> {
		return findFragments(this.state, dataDefinition, where);
	}

	/** Journal entries of one object, oldest first. */
	journalOf(objectId: string): JournalEntry[] {
		return this.state.journal.filter((entry) => entry.ObjectId === objectId.toLowerCase());
	}

	/** Where to POST when an activity is closed (undefined: nowhere). */
	onActivityClosed(target: HookTarget | undefined): void {
		this.state.hooks.activityClosed = target;
	}

	/**
	 * Closes an activity as an agent would (State 204, ClosedDate, optional solution text in the
	 * journal) and, when a hook is set, POSTs the event; resolves with that delivery once answered.
	 */
	async closeActivity(id: string, comments?: string): Promise<Delivery | undefined> {
		const object = this.object(id);
		if (!isActivity(object)) throw new Error(`${id} is not an activity.`);
		if (object.fragments.get('SPSActivityClassBase')!.State === ACTIVITY_STATE.closed)
			throw new Error(`${id} is closed already.`);
		const before = this.state.deliveries.length;
		const user = [...this.state.apiTokens.values()][0]?.user ?? '';
		await closeActivity(this.state, this.clock, object, user, comments);
		return this.state.deliveries[before];
	}

	/** An access token as the exchange would issue it, for a seeded API token. */
	issueAccessToken(apiToken: string): TokenResponse {
		return issueAccessToken(
			this.state,
			apiToken,
			this.clock.nowMs(),
			this.accessTokenLifetimeSeconds,
		);
	}

	/** The RawTokens issued so far (in order). */
	get accessTokens(): string[] {
		return [...this.state.accessTokens.keys()];
	}

	/** Every access token issued so far gets 401 from now on; API tokens keep working. */
	expireAccessTokens(): void {
		for (const token of this.state.accessTokens.values()) token.validToMs = 0;
	}
}

export async function startMatrix42Simulator(
	options: StartOptions = {},
): Promise<Matrix42Simulator> {
	const simulator = new Matrix42Simulator(options.hostname, options.accessTokenLifetimeSeconds);
	if (options.maxPageSize !== undefined) simulator.maxPageSize = options.maxPageSize;
	if (options.unknownWriteNames !== undefined) simulator.unknownWriteNames = options.unknownWriteNames;
	if (options.missingObject !== undefined) simulator.missingObject = options.missingObject;
	if (options.journalMissingObject !== undefined) simulator.journalMissingObject = options.journalMissingObject;
	await simulator.listen(options.port);
	if (options.seed === 'demo') simulator.seedDemo();
	else if (options.seed !== undefined && options.seed !== 'empty') simulator.seed(options.seed);
	return simulator;
}
