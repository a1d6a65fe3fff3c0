import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { DeviceRecord } from '../../helpers/deviceHygiene';
import { fromComputersAndContacts, fromManagedDevice } from '../../helpers/deviceHygiene';
import { passThroughError, teamViewerAllItems, teamViewerApiRequest } from '../../transport';

/** The device lists both hygiene operations read. */
export const inventoryFields: INodeProperties[] = [
	{
		displayName: 'Device Lists',
		name: 'sources',
		type: 'multiOptions',
		default: ['computersAndContacts', 'managedDevices'],
		description: 'Which device lists to check, together: a TeamViewer ID in both is one device',
		options: [
			{ name: 'Computers & Contacts', value: 'computersAndContacts' },
			{ name: 'Managed Devices', value: 'managedDevices' },
		],
	},
	{
		displayName: 'Managed Devices Scope',
		name: 'managedScope',
		type: 'options',
		default: 'company',
		displayOptions: { show: { sources: ['managedDevices'] } },
		options: [
			{ name: 'Company', value: 'company', description: 'Every managed device of the company (needs a company administrator\'s token)' },
			{ name: 'Managed by Me', value: 'managedByMe', description: 'Devices this account manages directly' },
		],
	},
];

/**
 * Every device record of the chosen lists. Request cost: Computers & Contacts is unpaged, two calls
 * (`GET /devices` and `GET /devices?online_state=offline`, so that "offline" does not depend on how
 * `online_state` is written on the wire: TeamViewer's OpenAPI document types it as an integer, TeamViewerPS
 * reads names); managed devices one call per page of `paginationToken` (transport/pagination.ts).
 */
export async function readInventory(this: IExecuteFunctions, itemIndex: number): Promise<DeviceRecord[]> {
	const sources = this.getNodeParameter('sources', itemIndex, []) as string[];
	const records: DeviceRecord[] = [];
	if (sources.includes('computersAndContacts')) {
		const all = await teamViewerApiRequest.call(this, { method: 'GET', path: '/devices', itemIndex });
		const offline = await teamViewerApiRequest.call(this, { method: 'GET', path: '/devices', qs: { online_state: 'offline' }, itemIndex });
		const offlineIds = new Set(((offline.devices as IDataObject[] | undefined) ?? []).map((device) => String(device.device_id)));
		for (const device of (all.devices as IDataObject[] | undefined) ?? []) {
			const record = fromComputersAndContacts(device, offlineIds);
			if (record) records.push(record);
		}
	}
	if (sources.includes('managedDevices')) {
		const company = this.getNodeParameter('managedScope', itemIndex, 'company') === 'company';
		let managed: IDataObject[];
		try {
			managed = await teamViewerAllItems.call(this, {
				request: { method: 'GET', path: company ? '/managed/devices/company' : '/managed/devices', itemIndex },
				cursor: 'paginationToken',
				itemsKey: 'resources',
			});
		} catch (error) {
			if (company && error instanceof NodeApiError && error.httpCode === '403') {
				error.description = `${error.description ?? ''} Or set "Managed Devices Scope" to "Managed by Me" to check only the devices this account manages.`.trim();
			}
			throw passThroughError(this.getNode(), error, itemIndex);
		}
		for (const device of managed) {
			const record = fromManagedDevice(device);
			if (record) records.push(record);
		}
	}
	return records;
}

export function requireSources(context: IExecuteFunctions, itemIndex: number): void {
	const sources = context.getNodeParameter('sources', itemIndex, []) as string[];
	if (sources.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Choose at least one device list', {
			itemIndex,
			description: 'Device Lists is empty: pick Computers & Contacts, Managed Devices or both.',
		});
	}
}
