import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { teamViewerAllItems, teamViewerApiRequest } from '../../TeamViewer/transport';
import type { PollResult } from './window';

export type DeviceEvent = 'deviceOnline' | 'deviceOffline';
export type DeviceSource = 'computersAndContacts' | 'managed';

interface DeviceState extends IDataObject {
	online: Record<string, boolean>;
}

interface DeviceView {
	id: string;
	online: boolean;
	record: IDataObject;
}

async function currentDevices(context: IPollFunctions, source: DeviceSource, qs: IDataObject): Promise<DeviceView[]> {
	if (source === 'managed') {
		const devices = await teamViewerAllItems.call(context, {
			request: { method: 'GET', path: '/managed/devices' },
			cursor: 'paginationToken',
			itemsKey: 'resources',
		});
		return devices.map((device) => ({ id: String(device.id), online: device.isOnline === true, record: device }));
	}
	const response = await teamViewerApiRequest.call(context, { method: 'GET', path: '/devices', qs });
	return ((response.devices as IDataObject[] | undefined) ?? []).map((device) => ({
		id: String(device.device_id),
		online: String(device.online_state).toLowerCase() === 'online',
		record: device,
	}));
}

/** Devices whose online state flipped since the last poll; the first poll only records the states. */
export async function pollDevices(
	this: IPollFunctions,
	event: DeviceEvent,
	source: DeviceSource,
	qs: IDataObject,
	previous: DeviceState | undefined,
): Promise<PollResult> {
	const devices = await currentDevices(this, source, qs);
	const wantOnline = event === 'deviceOnline';
	const items = previous
		? devices
				.filter((device) => device.online === wantOnline && previous.online[device.id] === !wantOnline)
				.map((device) => device.record)
		: [];
	return { items, state: { online: Object.fromEntries(devices.map((device) => [device.id, device.online])) } };
}

export async function sampleDevice(
	this: IPollFunctions,
	event: DeviceEvent,
	source: DeviceSource,
	qs: IDataObject,
): Promise<IDataObject | undefined> {
	const devices = await currentDevices(this, source, qs);
	return (devices.find((device) => device.online === (event === 'deviceOnline')) ?? devices[0])?.record;
}
