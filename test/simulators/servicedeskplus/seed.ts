import {
	nextDisplayId,
	nextId,
	STATUSES,
	type SdpUser,
	type ServiceDeskPlusState,
	type StatusName,
} from './state';
import { addRefreshToken } from './zoho';

export interface UserSeed {
	name: string;
	email_id?: string | null;
	mobile?: string | null;
	phone?: string | null;
}

export interface RequestSeed {
	subject: string;
	description?: string;
	/** Default 'Open'. */
	status?: StatusName;
	priority?: string | null;
	/** A requester (or technician) by name or id. */
	requester: string;
	/** A technician by name or id; none when absent. */
	technician?: string | null;
	group?: string | null;
	udf_fields?: Record<string, string | null>;
	/** ISO 8601; default now. */
	created?: string;
}

export interface SeedData {
	technicians?: UserSeed[];
	requesters?: UserSeed[];
	/** Additional fields requests may carry, e.g. `udf_sline_301`; every request gets them (null). */
	udfFields?: string[];
	/** In order; display ids count up from 101. */
	requests?: RequestSeed[];
	/** A Zoho client and the refresh token its one-time consent left, acting as `user` (name or id). */
	oauthClients?: Array<{
		clientId: string;
		clientSecret: string;
		refreshToken: string;
		user: string;
	}>;
}

function addUser(state: ServiceDeskPlusState, seed: UserSeed, isTechnician: boolean): SdpUser {
	const user: SdpUser = {
		id: nextId(state),
		name: seed.name,
		email_id: seed.email_id ?? null,
		mobile: seed.mobile ?? null,
		phone: seed.phone ?? null,
		is_technician: isTechnician,
	};
	state.users.set(user.id, user);
	return user;
}

export function findUser(state: ServiceDeskPlusState, nameOrId: string): SdpUser {
	const user =
		state.users.get(nameOrId) ??
		[...state.users.values()].find((candidate) => candidate.name === nameOrId);
	if (!user)
		throw new Error(
			`No user '${nameOrId}' to refer to; seed users before the records that name them.`,
		);
	return user;
}

export function applySeed(state: ServiceDeskPlusState, data: SeedData): void {
	for (const seed of data.technicians ?? []) addUser(state, seed, true);
	for (const seed of data.requesters ?? []) addUser(state, seed, false);
	for (const field of data.udfFields ?? []) {
		state.udfFields.add(field);
		for (const request of state.requests.values()) request.udf_fields[field] ??= null;
	}
	for (const seed of data.requests ?? []) {
		const status = seed.status ?? 'Open';
		if (!STATUSES.includes(status)) throw new Error(`Unknown status '${status}'.`);
		for (const field of Object.keys(seed.udf_fields ?? {})) {
			if (!state.udfFields.has(field))
				throw new Error(`Declare the additional field '${field}' in udfFields first.`);
		}
		const technician = seed.technician ? findUser(state, seed.technician) : undefined;
		if (technician && !technician.is_technician)
			throw new Error(`${technician.name} is not a technician.`);
		const createdMs = seed.created === undefined ? Date.now() : Date.parse(seed.created);
		if (Number.isNaN(createdMs)) throw new Error(`created is not a date-time: ${seed.created}`);
		const id = nextId(state);
		state.requests.set(id, {
			id,
			display_id: nextDisplayId(state),
			subject: seed.subject,
			description: seed.description ?? '',
			status,
			priority: seed.priority ?? null,
			requesterId: findUser(state, seed.requester).id,
			technicianId: technician?.id ?? null,
			group: seed.group ?? null,
			createdMs,
			updatedMs: createdMs,
			udf_fields: {
				...Object.fromEntries([...state.udfFields].map((field) => [field, null])),
				...seed.udf_fields,
			},
		});
	}
	for (const client of data.oauthClients ?? []) {
		state.oauthClients.set(client.clientId, client.clientSecret);
		addRefreshToken(state, client.refreshToken, client.clientId, findUser(state, client.user).id);
	}
}
