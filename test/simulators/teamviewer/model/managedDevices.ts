import type { SimState } from '../state';
import type { ManagedDevice, ManagedGroupManager, ManagedPolicyType } from '../types';
import { accountManager } from './managedGroups';

export type ManagedDeviceSeed = Partial<ManagedDevice> & Pick<ManagedDevice, 'name'>;

export function createManagedDevice(
	state: SimState,
	seed: ManagedDeviceSeed,
	now: string,
): ManagedDevice {
	const isOnline = seed.isOnline ?? false;
	return {
		teamviewerId: Number(state.random.digits(10)),
		isOnline,
		last_seen: isOnline ? null : now,
		teamviewerPolicyId: null,
		teamViewerVersion: '15.60.3',
		deviceDescription: null,
		managedGroupId: null,
		managerIds: [],
		groupIds: [],
		pendingGroupIds: [],
		otherPolicies: {},
		...seed,
		id: seed.id ?? state.random.uuid(),
	};
}

/** List item of `GET /managed/devices[/company]`; `last_seen` only while offline. */
export function managedDeviceItemJson(device: ManagedDevice): Record<string, unknown> {
	return {
		id: device.id,
		teamviewerId: device.teamviewerId,
		name: device.name,
		isOnline: device.isOnline,
		...(device.isOnline ? {} : { last_seen: device.last_seen }),
	};
}

/** The policy of `type` a device has, or null. */
export function devicePolicy(device: ManagedDevice, type: ManagedPolicyType): string | null {
	return (type === 1 ? device.teamviewerPolicyId : device.otherPolicies[type]) ?? null;
}

/** `ManagedDeviceDetailModel`. */
export function managedDeviceJson(device: ManagedDevice): Record<string, unknown> {
	return {
		...managedDeviceItemJson(device),
		teamviewerPolicyId: device.teamviewerPolicyId,
		teamViewerVersion: device.teamViewerVersion,
		deviceDescription: device.deviceDescription,
	};
}

/**
 * The device's manager entries: on first use one account manager with every permission per user in
 * `managerIds` (what a device's owner gets when it is assigned under management).
 */
export function deviceManagers(state: SimState, device: ManagedDevice): ManagedGroupManager[] {
	device.managers ??= device.managerIds.map((userId) => accountManager(state, state.users.get(userId) ?? { id: userId, name: userId }));
	return device.managers;
}

/** `managerIds` after the managers changed: the users of its account managers. */
export function syncManagerIds(device: ManagedDevice): void {
	device.managerIds = (device.managers ?? []).flatMap((manager) => (manager.userId ? [manager.userId] : []));
}
