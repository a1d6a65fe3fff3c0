import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common.description';
import { managedList } from '../managedGroup/getAll.operation';
import { managedDeviceIdField } from './get.operation';
import { managedDeviceTarget } from './addManager.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['managedDevice'], operation: ['getManagers'] } },
	[managedDeviceIdField, ...returnAllOrLimit],
);

// GET /managed/devices/{id}/managers: the accounts and companies that manage the device (TeamViewerPS Get-TeamViewerManager.ps1 -Device), paged with `paginationToken`
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await managedList.call(this, `${managedDeviceTarget(this, itemIndex).path}/managers`, itemIndex);
}
