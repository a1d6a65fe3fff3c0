/** A person BOSSDesk knows: a technician (agent) or a requester (end user). */
export interface BossUser {
	id: number;
	name: string;
	email: string;
	role: 'technician' | 'requester';
	/** For `POST /api/v1/sessions` (Basic auth → API key); technicians only. */
	password?: string;
}

export type TicketStatus = 'Open' | 'In Progress' | 'On Hold' | 'Resolved' | 'Closed';

export const TICKET_STATUSES: readonly TicketStatus[] = [
	'Open',
	'In Progress',
	'On Hold',
	'Resolved',
	'Closed',
];

/** A ticket as stored; `render` adds the requester and technician objects. */
export interface Ticket {
	/** Internal numeric id: what the API paths and the automation payload use. */
	id: number;
	/** The number agents and requesters see (`#1042`). */
	number: number;
	title: string;
	description: string;
	status: TicketStatus;
	/** `Low`, `Medium`, `High`, `Urgent`. */
	priority: string;
	/** `Support`, `PC`, `Network`, `Printer`, … */
	category: string;
	/** `Incident`, `Service Request`, `Request`. */
	type: string;
	/** `Technician Portal`, `User Portal`, `Email`, `Phone`. */
	source: string;
	requesterId: number;
	technicianId: number | null;
	created_at: string;
	updated_at: string;
	closed_at: string | null;
	/** Optimistic locking: a PUT that sends an older one gets 409. */
	lock_version: number;
}

export interface Comment {
	id: number;
	ticket_id: number;
	body: string;
	is_private: boolean;
	created_at: string;
	/** The user behind the API key (or the agent, for comments made in the UI). */
	authorId: number;
}

/** An automation rule's outbound webhook ("when a ticket is closed, POST to …"). UNCONFIRMED shape. */
export interface Automation {
	event: AutomationEvent;
	url: string;
	/** HTTP Basic credentials the rule sends, if any. */
	username?: string;
	password?: string;
}

export type AutomationEvent = 'ticket.closed';

/** One POST an automation made, and how the receiver answered. */
export interface Delivery {
	seq: number;
	event: AutomationEvent;
	url: string;
	payload: unknown;
	at: string;
	/** 0 until answered, and when the connection failed. */
	status: number;
	/** The answer, parsed as JSON when it is JSON. */
	response?: unknown;
	error?: string;
}

export interface BossDeskConfig {
	/** false: the plan has no API access; every authenticated call answers 402. */
	apiAccess: boolean;
	/** Tickets per page when the client does not say; at most `maxPerPage`. */
	perPage: number;
	maxPerPage: number;
	/**
	 * How a ticket shows its number and its lookups (status, priority, category, type, source).
	 * `bossdesk` (default, the stricter one): as BOSSDesk's public API shows its records — a numeric `id`
	 * plus a `friendly_id` (the number people see), and each lookup an object `{ id, friendly_id, name }`
	 * (docs.bossdesk.io/api: the user record `{ "id": 834, "friendly_id": 30, … }`; docs.bossdesk.io/api_v2:
	 * article categories `[{ "id": 1329, "friendly_id": 3, "name": "New Employee Setup" }]`); no `number`.
	 * `plain`: the older simplification, `number` and plain names.
	 */
	representation: 'bossdesk' | 'plain';
}

export const DEFAULT_CONFIG: BossDeskConfig = {
	apiAccess: true,
	perPage: 25,
	maxPerPage: 100,
	representation: 'bossdesk',
};

export interface BossDeskState {
	users: Map<number, BossUser>;
	tickets: Map<number, Ticket>;
	comments: Comment[];
	/** API key → the user it acts as. */
	apiKeys: Map<string, number>;
	automations: Automation[];
	deliveries: Delivery[];
	config: BossDeskConfig;
	counters: { user: number; ticket: number; number: number; comment: number; delivery: number };
}

export function createState(): BossDeskState {
	return {
		users: new Map(),
		tickets: new Map(),
		comments: [],
		apiKeys: new Map(),
		automations: [],
		deliveries: [],
		config: { ...DEFAULT_CONFIG },
		counters: { user: 7001, ticket: 48201, number: 1042, comment: 90001, delivery: 1 },
	};
}

/** Empties `state` in place, so references held by tests stay valid. */
export function resetState(state: BossDeskState): void {
	Object.assign(state, createState());
}

function withoutPassword<T extends { password?: string }>(record: T): Omit<T, 'password'> {
	const copy = { ...record };
	delete copy.password;
	return copy;
}

/** A JSON-friendly copy for `GET /__state`; passwords and API keys are left out. */
export function snapshotState(state: BossDeskState): Record<string, unknown> {
	return {
		users: [...state.users.values()].map((user) => withoutPassword(user)),
		tickets: [...state.tickets.values()],
		comments: state.comments,
		automations: state.automations.map((rule) => withoutPassword(rule)),
		deliveries: state.deliveries,
		config: state.config,
	};
}

/** Time as BOSSDesk writes it: ISO 8601 UTC with milliseconds (Rails' default JSON). */
export function nowIso(): string {
	return new Date().toISOString();
}
