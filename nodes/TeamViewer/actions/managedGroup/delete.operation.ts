import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { managedGroupRLC } from '../../descriptions/rlc.description';
import { teamViewerApiRequest } from '../../transport';
import { getManagedGroupId } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['managedGroup'], operation: ['delete'] } },
	[managedGroupRLC],
);

// DELETE /managed/groups/{id} → 204 (TeamViewerPS Remove-TeamViewerManagedGroup.ps1)
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = getManagedGroupId(this, itemIndex);
	await teamViewerApiRequest.call(this, { method: 'DELETE', path: `/managed/groups/${id}`, itemIndex });
	return [{ id, deleted: true }];
}
