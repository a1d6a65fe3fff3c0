import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { userGroupRLC } from '../../descriptions/rlc.description';
import { teamViewerApiRequest } from '../../transport';
import { getUserGroupId } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['userGroup'], operation: ['delete'] } },
	[userGroupRLC],
);

// DELETE /usergroups/{id} → 204 (TeamViewerPS Remove-TeamViewerUserGroup.ps1); the members keep their accounts
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const groupId = getUserGroupId(this, itemIndex);
	await teamViewerApiRequest.call(this, { method: 'DELETE', path: `/usergroups/${groupId}`, itemIndex });
	return [{ id: Number(groupId), deleted: true }];
}
