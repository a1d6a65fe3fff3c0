import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common.description';
import { managedGroupRLC } from '../../descriptions/rlc.description';
import { getManagedGroupId } from './get.operation';
import { managedList } from './getAll.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['managedGroup'], operation: ['getPendingDevices'] } },
	[managedGroupRLC, ...returnAllOrLimit],
);

// GET /managed/groups/{id}/pending-devices: devices added to the group that have not joined it yet (TeamViewerPS Get-TeamViewerManagedDevice.ps1 -Group -Pending), paged with `paginationToken`
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await managedList.call(this, `/managed/groups/${getManagedGroupId(this, itemIndex)}/pending-devices`, itemIndex);
}
