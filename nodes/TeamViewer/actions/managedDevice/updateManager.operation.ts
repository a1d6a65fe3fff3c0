import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { managerIdField, managerPermissionsField } from '../managedGroup/addManager.operation';
import { updateManager } from '../managedGroup/updateManager.operation';
import { managedDeviceTarget } from './addManager.operation';
import { managedDeviceIdField } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['managedDevice'], operation: ['updateManager'] } },
	[managedDeviceIdField, managerIdField, { ...managerPermissionsField, description: 'The permissions the manager has afterwards (the list replaces the old one). None leaves read access only.' }],
);

// PUT /managed/devices/{id}/managers/{managerId} (TeamViewerPS Set-TeamViewerManager.ps1 -Device)
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await updateManager(this, managedDeviceTarget(this, itemIndex), itemIndex);
}
