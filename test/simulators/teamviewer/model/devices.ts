import type { SimulatorConfig } from '../config';
import { nextId } from '../ids';
import type { SimState } from '../state';
import type { Device } from '../types';
import { isGroupVisible } from './groups';
import { onlineStateJson } from './onlineState';

export type DeviceSeed = Partial<Device> & Pick<Device, 'groupid' | 'alias'>;

/** `teamviewer_id` and `remotecontrol_id` are two spellings of one number; give either (or neither). */
export function createDevice(state: SimState, seed: DeviceSeed, now: string): Device {
	const teamviewerId =
		seed.teamviewer_id ??
		(seed.remotecontrol_id
			? Number(seed.remotecontrol_id.slice(1))
			: Number(state.random.digits(9)));
	return {
		userid: null,
		description: null,
		online_state: 'Offline',
		policy_id: null,
		assigned_to: false,
		supported_features: 'remote_control',
		last_seen: now,
		password: null,
		...seed,
		device_id: seed.device_id ?? nextId(state, 'device'),
		teamviewer_id: teamviewerId,
		remotecontrol_id: `r${teamviewerId}`,
	};
}

export function isDeviceVisible(state: SimState, device: Device, userId: string): boolean {
	const group = state.groups.get(device.groupid);
	return group !== undefined && isGroupVisible(group, userId);
}

/** `GetDeviceResponse`; the unattended password never leaves the simulator. */
export function deviceJson(config: SimulatorConfig, device: Device): Record<string, unknown> {
	return {
		remotecontrol_id: device.remotecontrol_id,
		device_id: device.device_id,
		...(config.deviceTeamViewerId === 'omitted' ? {} : { teamviewer_id: device.teamviewer_id }),
		userid: device.userid,
		alias: device.alias,
		groupid: device.groupid,
		description: device.description,
		online_state: onlineStateJson(config, device.online_state),
		policy_id: device.policy_id,
		assigned_to: device.assigned_to,
		supported_features: device.supported_features,
		...(config.deviceLastSeen === 'omitted' ? {} : { last_seen: device.last_seen }),
	};
}
