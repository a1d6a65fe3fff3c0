/*
 * The in-memory ServiceDesk Plus Cloud instance: one portal, its users, requests with their notes and
 * worklogs, the additional (UDF) fields requests may carry, and the Zoho OAuth grants that reach it.
 */

export const STATUSES = [
	'Open',
	'In Progress',
	'On Hold',
	'Resolved',
	'Closed',
	'Canceled',
] as const;
export type StatusName = (typeof STATUSES)[number];

/** A requester or technician; SDP v3 calls the email field `email_id`. */
export interface SdpUser {
	id: string;
	name: string;
	email_id: string | null;
	mobile: string | null;
	phone: string | null;
	is_technician: boolean;
}

export interface SdpRequest {
	id: string;
	display_id: string;
	subject: string;
	description: string;
	status: StatusName;
	priority: string | null;
	requesterId: string;
	technicianId: string | null;
	group: string | null;
	createdMs: number;
	updatedMs: number;
	udf_fields: Record<string, string | null>;
}

export interface SdpNote {
	id: string;
	requestId: string;
	description: string;
	show_to_requester: boolean;
	notify_technician: boolean;
	mark_first_response: boolean;
	add_to_linked_requests: boolean;
	addedMs: number;
	/** The user behind the access token. */
	addedBy: string;
}

export interface SdpWorklog {
	id: string;
	requestId: string;
	ownerId: string;
	description: string;
	startMs: number | null;
	endMs: number | null;
	hours: number;
	minutes: number;
	include_nonoperational_hours: boolean;
	createdMs: number;
	createdBy: string;
}

export interface AccessGrant {
	clientId: string;
	/** The technician the token acts as (who authorised the Zoho client). */
	userId: string;
	expiresAtMs: number;
}

export interface RefreshGrant {
	clientId: string;
	userId: string;
	/** Access tokens issued from it, for Zoho's "too many requests" limit. */
	issuedAtMs: number[];
}

export interface ServiceDeskPlusState {
	users: Map<string, SdpUser>;
	requests: Map<string, SdpRequest>;
	notes: SdpNote[];
	worklogs: SdpWorklog[];
	/** Additional fields requests may carry (`udf_sline_301` …); others are refused on update. */
	udfFields: Set<string>;
	/** Zoho client_id → client_secret. */
	oauthClients: Map<string, string>;
	refreshTokens: Map<string, RefreshGrant>;
	accessTokens: Map<string, AccessGrant>;
	/** API calls answered 401 because they came with `Authorization: Bearer …`. */
	bearerRejections: number;
	/** Successful refresh-token grants at the Zoho token endpoint. */
	tokenGrants: number;
	counters: { ids: number; displayIds: number; tokens: number };
}

export function createState(): ServiceDeskPlusState {
	return {
		users: new Map(),
		requests: new Map(),
		notes: [],
		worklogs: [],
		udfFields: new Set(),
		oauthClients: new Map(),
		refreshTokens: new Map(),
		accessTokens: new Map(),
		bearerRejections: 0,
		tokenGrants: 0,
		counters: { ids: 1, displayIds: 101, tokens: 1 },
	};
}

/** Empties `state` in place, so that references held by tests stay valid. */
export function resetState(state: ServiceDeskPlusState): void {
	Object.assign(state, createState());
}

/** SDP Cloud ids are 18-digit numbers beyond JavaScript's safe integers: always strings here. */
export function nextId(state: ServiceDeskPlusState): string {
	return `116058000000${String(state.counters.ids++).padStart(6, '0')}`;
}

export function nextDisplayId(state: ServiceDeskPlusState): string {
	return String(state.counters.displayIds++);
}

export function findUserByEmail(state: ServiceDeskPlusState, email: string): SdpUser | undefined {
	const wanted = email.trim().toLowerCase();
	return [...state.users.values()].find((user) => user.email_id?.toLowerCase() === wanted);
}

/** A JSON-friendly copy for `GET /__state`; OAuth secrets and tokens are left out. */
export function snapshotState(state: ServiceDeskPlusState): Record<string, unknown> {
	return {
		users: [...state.users.values()],
		requests: [...state.requests.values()],
		notes: state.notes,
		worklogs: state.worklogs,
		udfFields: [...state.udfFields],
		bearerRejections: state.bearerRejections,
		tokenGrants: state.tokenGrants,
	};
}
