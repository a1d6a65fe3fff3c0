import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { userRoleRLC } from '../../descriptions/rlc.description';
import { chunks, userIdList } from '../../helpers/params';
import { teamViewerAllItems, teamViewerApiRequest } from '../../transport';
import { forRole, getRoleId } from './get.operation';

/** TeamViewerPS sends at most 100 accounts per call (Cmdlets/Public/Add-TeamViewerUserToRole.ps1). */
export const ACCOUNTS_PER_CALL = 100;

export const userIdsField: INodeProperties = {
	displayName: 'User IDs',
	name: 'userIds',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. u1234567, u7654321',
	description: 'Users of your company, separated by commas',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['userRole'], operation: ['assignToUsers', 'unassignFromUsers'] } },
	[userRoleRLC, userIdsField],
);

/** The user IDs that have the role: GET /userroles/assignments/account, paged with `continuationToken`. */
export async function usersWithRole(this: IExecuteFunctions, roleId: string, itemIndex: number, limit?: number): Promise<string[]> {
	const entries = await forRole(this, roleId, itemIndex, async () =>
		await teamViewerAllItems.call(
			this,
			{
				request: { method: 'GET', path: '/userroles/assignments/account', qs: { userRoleId: roleId }, itemIndex },
				cursor: 'continuationToken',
				itemsKey: 'AssignedToUsers',
			},
			limit,
		),
	);
	return (entries as unknown[]).map(String);
}

/**
 * POST /userroles/assign/account or /unassign/account {UserIds, UserRoleId}, 100 accounts per call
 * (TeamViewerPS Add-TeamViewerUserToRole.ps1, Remove-TeamViewerUserFromRole.ps1). The role's users are read
 * first and only users whose assignment changes are sent, so a rerun changes nothing and fails on nothing
 * (what TeamViewer answers for a user who already has the role is not documented). One item per user:
 * `changed` says whether this run changed it.
 */
export async function changeAssignments(this: IExecuteFunctions, itemIndex: number, assign: boolean): Promise<IDataObject[]> {
	const roleId = getRoleId(this, itemIndex);
	const userIds = userIdList(this, itemIndex, this.getNodeParameter('userIds', itemIndex, ''), 'User IDs');
	const current = new Set(await usersWithRole.call(this, roleId, itemIndex));
	const toChange = userIds.filter((id) => current.has(id) !== assign);
	// The role exists (its users were just read): a 404 now names a user, which TeamViewer's text says.
	for (const batch of chunks(toChange, ACCOUNTS_PER_CALL)) {
		await teamViewerApiRequest.call(this, {
			method: 'POST',
			path: assign ? '/userroles/assign/account' : '/userroles/unassign/account',
			body: { UserIds: batch, UserRoleId: roleId },
			itemIndex,
		});
	}
	return userIds.map((userId) => ({ userRoleId: roleId, userId, assigned: assign, changed: toChange.includes(userId) }));
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await changeAssignments.call(this, itemIndex, true);
}
