import { addOAuthClient, addToken, type AddOAuthClientOptions, type AddTokenOptions } from './auth';
import { createContact, type ContactSeed } from './model/contacts';
import { createDevice, type DeviceSeed } from './model/devices';
import { createEvent, type EventSeed } from './model/events';
import { createGroup, type GroupSeed } from './model/groups';
import { createManagedDevice, type ManagedDeviceSeed } from './model/managedDevices';
import { addReport, createReport, type ReportSeed } from './model/reports';
import { createSession, type SessionSeed } from './model/sessions';
import { createUser, type UserSeed } from './model/users';
import type { SimState } from './state';
import type { Account, UnassignedDevice } from './types';

/**
 * Entities to add to the simulator. Each one needs only its identifying fields; everything else gets
 * a default, and ids left out are generated. Give ids explicitly to cross-reference within one seed.
 */
export interface SeedData {
	account?: Partial<Account>;
	users?: UserSeed[];
	groups?: GroupSeed[];
	devices?: DeviceSeed[];
	unassignedDevices?: Array<
		Pick<UnassignedDevice, 'teamviewerId' | 'password'> & Partial<UnassignedDevice>
	>;
	managedDevices?: ManagedDeviceSeed[];
	contacts?: ContactSeed[];
	sessions?: SessionSeed[];
	reports?: ReportSeed[];
	events?: EventSeed[];
	tokens?: AddTokenOptions[];
	oauthClients?: AddOAuthClientOptions[];
}

/** Merges `data` into `state`: entities with an existing id replace it. */
export function applySeed(state: SimState, data: SeedData, now: string): void {
	Object.assign(state.account, data.account);
	for (const seed of data.users ?? []) {
		const user = createUser(state, seed, now);
		state.users.set(user.id, user);
	}
	for (const seed of data.groups ?? []) {
		const group = createGroup(state, seed);
		state.groups.set(group.id, group);
	}
	for (const seed of data.devices ?? []) {
		const device = createDevice(state, seed, now);
		state.devices.set(device.device_id, device);
	}
	for (const seed of data.unassignedDevices ?? []) {
		state.unassignedDevices.set(seed.teamviewerId, {
			alias: `TV-${seed.teamviewerId}`,
			groupid: null,
			...seed,
		});
	}
	for (const seed of data.managedDevices ?? []) {
		const device = createManagedDevice(state, seed, now);
		state.managedDevices.set(device.id, device);
	}
	for (const seed of data.contacts ?? []) {
		const contact = createContact(state, seed);
		state.contacts.set(contact.contact_id, contact);
	}
	for (const seed of data.sessions ?? []) {
		const session = createSession(state, seed, now);
		state.sessions.set(session.code, session);
	}
	for (const seed of data.reports ?? []) addReport(state, createReport(state, seed));
	for (const seed of data.events ?? []) state.events.push(createEvent(seed));
	for (const options of data.tokens ?? []) addToken(state, options);
	for (const options of data.oauthClients ?? []) addOAuthClient(state, options);
}
