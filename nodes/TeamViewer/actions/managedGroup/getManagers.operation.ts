import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common.description';
import { managedGroupRLC } from '../../descriptions/rlc.description';
import { getManagedGroupId } from './get.operation';
import { managedList } from './getAll.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['managedGroup'], operation: ['getManagers'] } },
	[managedGroupRLC, ...returnAllOrLimit],
);

// GET /managed/groups/{id}/managers: the accounts and companies that manage the group (TeamViewerPS Get-TeamViewerManager.ps1 -Group), paged with `paginationToken`
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await managedList.call(this, `/managed/groups/${getManagedGroupId(this, itemIndex)}/managers`, itemIndex);
}
