/*
 * The in-memory ServiceDesk Plus Cloud instance: one portal, its users, requests with their notes and
 * worklogs, the additional (UDF) fields requests may carry, and the Zoho OAuth grants that reach it.
 */

import type { SdpAttachment } from './attachments';

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

/**
 * Where SDP's documentation is silent about something the flows touch; see README "Knobs". Each default is the
 * stricter side. Knobs survive `reset()`.
 */
export interface ServiceDeskPlusKnobs {
	/**
	 * A key the simulator does not know in a write (`request` of `PUT /requests/{id}`, an undeclared additional
	 * field, `request_note`, `worklog`): 'reject' answers 400 (4001) naming it; 'ignore' drops it and writes the
	 * rest, as a portal that ignores unknown keys would. Default 'reject' (S11).
	 */
	unknownFields: 'reject' | 'ignore';
	/**
	 * What an entry of `GET /requests` carries: 'summary' leaves out `udf_fields` and `description`; 'whole' gives
	 * the request as `GET /requests/{id}` does. Default 'summary' (S14).
	 */
	requestListFields: 'summary' | 'whole';
	/**
	 * The status of a call whose OAuth token is unknown or expired (message code 4002 either way): SDP's status
	 * table pairs 4002 with 403, other clients report 401. Default 403 (S6).
	 */
	refusedTokenStatus: 403 | 401;
}

export const DEFAULT_KNOBS: ServiceDeskPlusKnobs = {
	unknownFields: 'reject',
	requestListFields: 'summary',
	refusedTokenStatus: 403,
};

const KNOB_VALUES: { [K in keyof ServiceDeskPlusKnobs]: ReadonlyArray<ServiceDeskPlusKnobs[K]> } = {
	unknownFields: ['reject', 'ignore'],
	requestListFields: ['summary', 'whole'],
	refusedTokenStatus: [403, 401],
};

/** Sets some knobs; an unknown knob or value throws (the control endpoint answers 400). */
export function applyKnobs(knobs: ServiceDeskPlusKnobs, changes: Record<string, unknown>): void {
	for (const [name, value] of Object.entries(changes)) {
		if (!(name in KNOB_VALUES)) {
			throw new Error(
				`There is no knob '${name}'; the knobs are ${Object.keys(KNOB_VALUES).join(', ')}.`,
			);
		}
		const allowed = KNOB_VALUES[name as keyof ServiceDeskPlusKnobs] as readonly unknown[];
		if (!allowed.includes(value)) {
			throw new Error(
				`Knob '${name}' takes ${allowed.map((entry) => `'${entry}'`).join(' or ')}; got ${JSON.stringify(value)}.`,
			);
		}
	}
	Object.assign(knobs, changes);
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
	knobs: ServiceDeskPlusKnobs;
	users: Map<string, SdpUser>;
	requests: Map<string, SdpRequest>;
	notes: SdpNote[];
	worklogs: SdpWorklog[];
	/** Files uploaded to requests (attachments.ts). */
	attachments: SdpAttachment[];
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
		knobs: { ...DEFAULT_KNOBS },
		users: new Map(),
		requests: new Map(),
		notes: [],
		worklogs: [],
		attachments: [],
		udfFields: new Set(),
		oauthClients: new Map(),
		refreshTokens: new Map(),
		accessTokens: new Map(),
		bearerRejections: 0,
		tokenGrants: 0,
		counters: { ids: 1, displayIds: 101, tokens: 1 },
	};
}

/** Empties `state` in place, so that references held by tests stay valid; the knobs stay as they are. */
export function resetState(state: ServiceDeskPlusState): void {
	const { knobs } = state;
	Object.assign(state, createState(), { knobs });
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
		knobs: state.knobs,
		users: [...state.users.values()],
		requests: [...state.requests.values()],
		notes: state.notes,
		worklogs: state.worklogs,
		attachments: state.attachments.map(({ content, ...attachment }) => ({ ...attachment, content: content.toString('base64') })),
		udfFields: [...state.udfFields],
		bearerRejections: state.bearerRejections,
		tokenGrants: state.tokenGrants,
	};
}
