import type { SimState } from '../state';
import type { ManagedDevice } from '../types';

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

/** `ManagedDeviceDetailModel`. */
export function managedDeviceJson(device: ManagedDevice): Record<string, unknown> {
	return {
		...managedDeviceItemJson(device),
		teamviewerPolicyId: device.teamviewerPolicyId,
		teamViewerVersion: device.teamViewerVersion,
		deviceDescription: device.deviceDescription,
	};
}
