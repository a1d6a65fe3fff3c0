import { addOAuthClient, addToken, type AddOAuthClientOptions, type AddTokenOptions } from './auth';
import { createContact, type ContactSeed } from './model/contacts';
import { createDevice, type DeviceSeed } from './model/devices';
import { createEvent, type EventSeed } from './model/events';
import { createGroup, type GroupSeed } from './model/groups';
import { createManagedDevice, type ManagedDeviceSeed } from './model/managedDevices';
import { createManagedGroup, type ManagedGroupSeed } from './model/managedGroups';
import { createPatchDevice, type PatchDeviceSeed } from './model/patchManagement';
import { createPolicy, type PolicySeed } from './model/policies';
import { addReport, createReport, type ReportSeed } from './model/reports';
import { createSession, type SessionSeed } from './model/sessions';
import { createUserGroup, type UserGroupSeed } from './model/userGroups';
import { createUserRole, type UserRoleSeed } from './model/userRoles';
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
	userRoles?: UserRoleSeed[];
	/** Id of one of the seeded roles (or null) to make the company's predefined role. */
	predefinedRoleId?: string | null;
	userGroups?: UserGroupSeed[];
	groups?: GroupSeed[];
	devices?: DeviceSeed[];
	unassignedDevices?: Array<
		Pick<UnassignedDevice, 'teamviewerId' | 'password'> & Partial<UnassignedDevice>
	>;
	managedDevices?: ManagedDeviceSeed[];
	managedGroups?: ManagedGroupSeed[];
	contacts?: ContactSeed[];
	policies?: PolicySeed[];
	patchDevices?: PatchDeviceSeed[];
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
	for (const seed of data.userRoles ?? []) {
		const role = createUserRole(state, seed);
		state.userRoles.set(role.id, role);
	}
	if (data.predefinedRoleId !== undefined) state.predefinedRoleId = data.predefinedRoleId;
	for (const seed of data.userGroups ?? []) {
		const group = createUserGroup(state, seed);
		state.userGroups.set(group.id, group);
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
	for (const seed of data.managedGroups ?? []) {
		const group = createManagedGroup(state, seed);
		state.managedGroups.set(group.id, group);
	}
	for (const seed of data.contacts ?? []) {
		const contact = createContact(state, seed);
		state.contacts.set(contact.contact_id, contact);
	}
	for (const seed of data.policies ?? []) {
		const policy = createPolicy(state, seed);
		state.policies.set(policy.policy_id, policy);
	}
	for (const seed of data.patchDevices ?? []) {
		const device = createPatchDevice(state, seed, now);
		state.patchDevices.set(device.teamviewer_id, device);
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
