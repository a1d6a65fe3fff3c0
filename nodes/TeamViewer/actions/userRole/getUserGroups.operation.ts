import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common.description';
import { userRoleRLC } from '../../descriptions/rlc.description';
import { getRoleId } from './get.operation';
import { groupsWithRole } from './getUsers.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['userRole'], operation: ['getUserGroups'] } },
	[userRoleRLC, ...returnAllOrLimit],
);

// GET /userroles/assignments/usergroups?userRoleId= → { ContinuationToken, AssignedToGroups: [id, …] }
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const roleId = getRoleId(this, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	const groupIds = await groupsWithRole.call(this, roleId, itemIndex, limit);
	return groupIds.map((userGroupId) => ({ userRoleId: roleId, userGroupId }));
}
