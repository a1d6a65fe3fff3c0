import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { managerIdField } from '../managedGroup/addManager.operation';
import { removeManager } from '../managedGroup/removeManager.operation';
import { managedDeviceTarget } from './addManager.operation';
import { managedDeviceIdField } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['managedDevice'], operation: ['removeManager'] } },
	[managedDeviceIdField, managerIdField],
);

// DELETE /managed/devices/{id}/managers/{managerId} (TeamViewerPS Remove-TeamViewerManager.ps1 -Device)
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await removeManager(this, managedDeviceTarget(this, itemIndex), itemIndex);
}
