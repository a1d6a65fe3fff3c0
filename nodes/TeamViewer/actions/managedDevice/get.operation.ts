import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getUuid } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';

export const managedDeviceIdField: INodeProperties = {
	displayName: 'Managed Device ID',
	name: 'managedDeviceId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6',
	description: 'The ID of the managed device (a UUID)',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['managedDevice'], operation: ['get'] } },
	[managedDeviceIdField],
);

export async function getManagedDevice(
	this: IExecuteFunctions,
	id: string,
	itemIndex: number,
): Promise<IDataObject> {
	return await teamViewerApiRequest.call(this, { method: 'GET', path: `/managed/devices/${id}`, itemIndex });
}

// GET /managed/devices/{id}
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = getUuid(this, itemIndex, 'managedDeviceId', 'Managed Device ID');
	return [await getManagedDevice.call(this, id, itemIndex)];
}
