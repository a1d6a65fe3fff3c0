/** A stored attribute value: strings (dates as ISO 8601, relations as fragment ids), numbers or null. */
export type Value = string | number | boolean | null;

/** One data-definition row of an object. `ID` is the fragment id, not the object id. */
export interface Fragment {
	ID: string;
	[attribute: string]: Value;
}

export interface M42Object {
	/** The object id (what `[Expression-ObjectID]` returns). */
	ID: string;
	/** Its configuration item, e.g. `SPSActivityTypeTicket`. */
	ci: string;
	/** Data definition → fragment. */
	fragments: Map<string, Fragment>;
}

export interface JournalEntry {
	ID: string;
	/** The object the entry belongs to. */
	ObjectId: string;
	Comments: string;
	EntryType: number;
	/** `SPSUserClassBase` fragment id: the `Creator` sent, else the token's user. */
	Creator: string;
	VisibleInPortal: boolean;
	Publish: boolean;
	Parameters: unknown[];
	FileIds: unknown[];
	/** ISO 8601 UTC on the simulator clock. */
	CreatedDate: string;
}

export interface ApiTokenRecord {
	/** `SPSUserClassBase` fragment id of the person the token acts for. */
	user: string;
	name: string;
	/** ms on the simulator clock; null = never expires. */
	expiresAtMs: number | null;
	disabled: boolean;
}

export interface AccessTokenRecord {
	user: string;
	apiToken: string;
	validToMs: number;
}

/** A POST the simulator made to an outside webhook (the Matrix42 side of an event). */
export interface Delivery {
	event: 'activityClosed';
	url: string;
	body: Record<string, unknown>;
	/** 0 when the request failed. */
	status: number;
	response: unknown;
	error?: string;
}

export interface HookTarget {
	url: string;
	headers?: Record<string, string>;
}

export interface Matrix42State {
	objects: Map<string, M42Object>;
	journal: JournalEntry[];
	apiTokens: Map<string, ApiTokenRecord>;
	accessTokens: Map<string, AccessTokenRecord>;
	deliveries: Delivery[];
	hooks: { activityClosed?: HookTarget };
	counters: { guids: number; rowVersion: bigint; tickets: number };
}

export function createState(): Matrix42State {
	return {
		objects: new Map(),
		journal: [],
		apiTokens: new Map(),
		accessTokens: new Map(),
		deliveries: [],
		hooks: {},
		counters: { guids: 1, rowVersion: 0x7d0n, tickets: 100 },
	};
}

/** Empties `state` in place, so references held by tests stay valid. */
export function resetState(state: Matrix42State): void {
	Object.assign(state, createState());
}

/** JSON-friendly copy for `GET /__state`; tokens are left out. */
export function snapshotState(state: Matrix42State): Record<string, unknown> {
	return {
		objects: [...state.objects.values()].map((object) => ({
			ID: object.ID,
			ci: object.ci,
			fragments: Object.fromEntries(object.fragments),
		})),
		journal: state.journal,
		deliveries: state.deliveries,
	};
}
