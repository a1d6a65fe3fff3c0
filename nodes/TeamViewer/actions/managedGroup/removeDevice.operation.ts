import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { managedGroupRLC } from '../../descriptions/rlc.description';
import { getUuid } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';
import { managedDeviceIdField } from '../managedDevice/get.operation';
import { getManagedGroupId } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['managedGroup'], operation: ['removeDevice'] } },
	[managedGroupRLC, managedDeviceIdField],
);

// DELETE /managed/groups/{id}/devices/{deviceId} → 204 (TeamViewerPS Remove-TeamViewerManagedDevice.ps1); the device stays managed
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const groupId = getManagedGroupId(this, itemIndex);
	const deviceId = getUuid(this, itemIndex, 'managedDeviceId', 'Managed Device ID');
	await teamViewerApiRequest.call(this, {
		method: 'DELETE',
		path: `/managed/groups/${groupId}/devices/${deviceId}`,
		itemIndex,
	});
	return [{ managedGroupId: groupId, managedDeviceId: deviceId, removed: true }];
}
