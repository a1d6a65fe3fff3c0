import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getUuid } from '../../helpers/params';
import type { ManagersTarget } from '../managedGroup/addManager.operation';
import { addManager, addManagerFields } from '../managedGroup/addManager.operation';
import { managedDeviceIdField } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['managedDevice'], operation: ['addManager'] } },
	[managedDeviceIdField, ...addManagerFields],
);

export function managedDeviceTarget(context: IExecuteFunctions, itemIndex: number): ManagersTarget {
	const id = getUuid(context, itemIndex, 'managedDeviceId', 'Managed Device ID');
	return { path: `/managed/devices/${id}`, output: { managedDeviceId: id } };
}

// POST /managed/devices/{id}/managers (TeamViewerPS Add-TeamViewerManager.ps1 -Device); reruns as for managed groups (managedGroup/addManager.operation.ts)
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await addManager(this, managedDeviceTarget(this, itemIndex), itemIndex);
}
