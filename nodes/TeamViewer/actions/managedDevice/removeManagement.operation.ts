import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getUuid } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';
import { managedDeviceIdField } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['managedDevice'], operation: ['removeManagement'] } },
	[managedDeviceIdField],
);

// DELETE /managed/devices/{id} removes its managers and groups → 204
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = getUuid(this, itemIndex, 'managedDeviceId', 'Managed Device ID');
	await teamViewerApiRequest.call(this, { method: 'DELETE', path: `/managed/devices/${id}`, itemIndex });
	return [{ id, managementRemoved: true }];
}
