import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common.description';
import { getUuid } from '../../helpers/params';
import { managedList } from '../managedGroup/getAll.operation';
import { managedDeviceIdField } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['managedDevice'], operation: ['getGroups'] } },
	[managedDeviceIdField, ...returnAllOrLimit],
);

// GET /managed/devices/{id}/groups: the managed groups the device is in, paged with `paginationToken` (TeamViewerPS Get-TeamViewerManagedGroup.ps1 -Device)
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = getUuid(this, itemIndex, 'managedDeviceId', 'Managed Device ID');
	return await managedList.call(this, `/managed/devices/${id}/groups`, itemIndex);
}
