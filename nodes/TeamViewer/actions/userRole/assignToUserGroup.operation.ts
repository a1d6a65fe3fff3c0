import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { userGroupRLC, userRoleRLC } from '../../descriptions/rlc.description';
import { teamViewerApiRequest } from '../../transport';
import { getUserGroupId } from '../userGroup/get.operation';
import { forRole, getRoleId } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['userRole'], operation: ['assignToUserGroup', 'unassignFromUserGroup'] } },
	[userRoleRLC, userGroupRLC],
);

/** The role a user group has: GET /usergroups/{id}/userroles → `{ assignedRoleId }` (TeamViewerPS Get-TeamViewerRoleByUserGroup.ps1). */
export async function roleOfGroup(this: IExecuteFunctions, groupId: string, itemIndex: number): Promise<string | null> {
	const response = await teamViewerApiRequest.call(this, { method: 'GET', path: `/usergroups/${groupId}/userroles`, itemIndex });
	const id = response.assignedRoleId;
	return typeof id === 'string' && id !== '' ? id.toLowerCase() : null;
}

/**
 * POST /userroles/assign/usergroup {UserRoleId, UserGroupId} (TeamViewerPS Add-TeamViewerUserGroupToRole.ps1):
 * members of the group get the role. A group has one role, so this replaces the one it had (`previousRoleId`).
 * The group's role is read first; a group that has the role already is left alone (`changed: false`).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const roleId = getRoleId(this, itemIndex);
	const groupId = getUserGroupId(this, itemIndex);
	const previous = await roleOfGroup.call(this, groupId, itemIndex);
	if (previous !== roleId) {
		await forRole(this, roleId, itemIndex, async () =>
			await teamViewerApiRequest.call(this, {
				method: 'POST',
				path: '/userroles/assign/usergroup',
				body: { UserRoleId: roleId, UserGroupId: Number(groupId) },
				itemIndex,
			}),
		);
	}
	return [{ userRoleId: roleId, userGroupId: Number(groupId), assigned: true, changed: previous !== roleId, previousRoleId: previous }];
}
