import {
	nowIso,
	TICKET_STATUSES,
	type Automation,
	type BossDeskConfig,
	type BossDeskState,
	type BossUser,
	type Ticket,
	type TicketStatus,
} from './state';

export interface UserSeed {
	id?: number;
	name: string;
	email: string;
	/** Default `requester`. */
	role?: BossUser['role'];
	password?: string;
}

export interface TicketSeed {
	id?: number;
	number?: number;
	title: string;
	description?: string;
	/** A seeded user, by email or name. */
	requester: string;
	/** A seeded technician, by email or name; null or absent = unassigned. */
	technician?: string | null;
	status?: TicketStatus;
	priority?: string;
	category?: string;
	type?: string;
	source?: string;
	created_at?: string;
	updated_at?: string;
}

export interface SeedData {
	/** In order: users before the tickets that name them. */
	users?: UserSeed[];
	tickets?: TicketSeed[];
	/** API key → the user (email or name) it acts as. */
	apiKeys?: Record<string, string>;
	automations?: Automation[];
	config?: Partial<BossDeskConfig>;
}

export function findUser(state: BossDeskState, reference: string): BossUser | undefined {
	const wanted = reference.trim().toLowerCase();
	return [...state.users.values()].find(
		(user) => user.email.toLowerCase() === wanted || user.name.toLowerCase() === wanted,
	);
}

function requireUser(state: BossDeskState, reference: string, what: string): BossUser {
	const user = findUser(state, reference);
	if (!user) throw new Error(`${what} "${reference}" is not a seeded user.`);
	return user;
}

function addUser(state: BossDeskState, seed: UserSeed): BossUser {
	const id = seed.id ?? state.counters.user++;
	if (state.users.has(id)) throw new Error(`User ${id} exists already.`);
	const user: BossUser = {
		id,
		name: seed.name,
		email: seed.email,
		role: seed.role ?? 'requester',
		...(seed.password === undefined ? {} : { password: seed.password }),
	};
	state.users.set(id, user);
	return user;
}

function addTicket(state: BossDeskState, seed: TicketSeed): Ticket {
	const id = seed.id ?? state.counters.ticket++;
	if (state.tickets.has(id)) throw new Error(`Ticket ${id} exists already.`);
	const status = seed.status ?? 'Open';
	if (!TICKET_STATUSES.includes(status)) throw new Error(`Unknown ticket status "${status}".`);
	const technician =
		seed.technician === undefined || seed.technician === null
			? null
			: requireUser(state, seed.technician, 'Technician');
	const created = seed.created_at ?? nowIso();
	const ticket: Ticket = {
		id,
		number: seed.number ?? state.counters.number++,
		title: seed.title,
		description: seed.description ?? '',
		status,
		priority: seed.priority ?? 'Medium',
		category: seed.category ?? 'Support',
		type: seed.type ?? 'Incident',
		source: seed.source ?? 'User Portal',
		requesterId: requireUser(state, seed.requester, 'Requester').id,
		technicianId: technician?.id ?? null,
		created_at: created,
		updated_at: seed.updated_at ?? created,
		closed_at: status === 'Closed' ? (seed.updated_at ?? created) : null,
		lock_version: 0,
	};
	state.tickets.set(id, ticket);
	return ticket;
}

export function applySeed(state: BossDeskState, data: SeedData): void {
	Object.assign(state.config, data.config ?? {});
	for (const seed of data.users ?? []) addUser(state, seed);
	for (const seed of data.tickets ?? []) addTicket(state, seed);
	for (const [key, reference] of Object.entries(data.apiKeys ?? {})) {
		state.apiKeys.set(key, requireUser(state, reference, 'API key user').id);
	}
	state.automations.push(...(data.automations ?? []));
}
