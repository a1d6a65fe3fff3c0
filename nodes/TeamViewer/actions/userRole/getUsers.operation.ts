import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common.description';
import { userRoleRLC } from '../../descriptions/rlc.description';
import { teamViewerAllItems } from '../../transport';
import { usersWithRole } from './assignToUsers.operation';
import { forRole, getRoleId } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['userRole'], operation: ['getUsers'] } },
	[userRoleRLC, ...returnAllOrLimit],
);

// GET /userroles/assignments/account?userRoleId= → { ContinuationToken, AssignedToUsers: ["u…"] }
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const roleId = getRoleId(this, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	const userIds = await usersWithRole.call(this, roleId, itemIndex, limit);
	return userIds.map((userId) => ({ userRoleId: roleId, userId }));
}

/** The user groups that have the role: GET /userroles/assignments/usergroups, paged with `continuationToken`. */
export async function groupsWithRole(this: IExecuteFunctions, roleId: string, itemIndex: number, limit?: number): Promise<number[]> {
	const entries = await forRole(this, roleId, itemIndex, async () =>
		await teamViewerAllItems.call(
			this,
			{
				request: { method: 'GET', path: '/userroles/assignments/usergroups', qs: { userRoleId: roleId }, itemIndex },
				cursor: 'continuationToken',
				itemsKey: 'AssignedToGroups',
			},
			limit,
		),
	);
	return (entries as unknown[]).map(Number);
}
