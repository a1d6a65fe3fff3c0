import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { teamViewerApiRequest } from '../../transport';
import { getUserGroupId } from '../userGroup/get.operation';
import { description as shared, roleOfGroup } from './assignToUserGroup.operation';
import { getRoleId } from './get.operation';

/** Shown with Assign to User Group's fields (the index lists them once); here for the router's type checks. */
export const description = shared;

/**
 * POST /userroles/unassign/usergroup {UserGroupId} (TeamViewerPS Remove-TeamViewerUserGroupFromRole.ps1). The
 * call names no role: it takes whatever role the group has. So the group's role is read first: the picked role
 * is taken away only if the group has it; a group without a role is left alone (`changed: false`), and a group
 * with another role is an error rather than losing that other role.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const roleId = getRoleId(this, itemIndex);
	const groupId = getUserGroupId(this, itemIndex);
	const current = await roleOfGroup.call(this, groupId, itemIndex);
	if (current !== null && current !== roleId) {
		throw new NodeOperationError(this.getNode(), `User group ${groupId} has another user role (${current}), not ${roleId}`, {
			itemIndex,
			description: 'Nothing was changed. Pick the role the group has (User Role → Get User Groups lists the groups of a role).',
		});
	}
	if (current === roleId) {
		await teamViewerApiRequest.call(this, {
			method: 'POST',
			path: '/userroles/unassign/usergroup',
			body: { UserGroupId: Number(groupId) },
			itemIndex,
		});
	}
	return [{ userRoleId: roleId, userGroupId: Number(groupId), assigned: false, changed: current === roleId }];
}
