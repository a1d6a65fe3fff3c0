import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { userGroupRLC } from '../../descriptions/rlc.description';
import { chunks, userIdList } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';
import { userIdsField } from '../userRole/assignToUsers.operation';
import { getUserGroupId } from './get.operation';
import { readUserGroupPages } from './getAll.operation';

/** TeamViewer takes at most 100 accounts per call (TeamViewerPS Add-TeamViewerUserGroupMember.ps1). */
const MEMBERS_PER_CALL = 100;

export const description = updateDisplayOptions(
	{ show: { resource: ['userGroup'], operation: ['addMembers', 'removeMembers'] } },
	[userGroupRLC, userIdsField],
);

/**
 * POST or DELETE /usergroups/{id}/members with a bare JSON array of numeric account ids (`u123` → 123),
 * 100 per call, as TeamViewerPS Add-/Remove-TeamViewerUserGroupMember.ps1 send them. The members are read
 * first and only users whose membership changes are sent, so a rerun changes nothing and fails on nothing
 * (what TeamViewer answers for a user who is already a member is not documented). One item per user.
 */
export async function changeMembers(this: IExecuteFunctions, itemIndex: number, add: boolean): Promise<IDataObject[]> {
	const groupId = getUserGroupId(this, itemIndex);
	const userIds = userIdList(this, itemIndex, this.getNodeParameter('userIds', itemIndex, ''), 'User IDs');
	const members = await readUserGroupPages.call(this, `/usergroups/${groupId}/members`, itemIndex);
	const current = new Set(members.map((member) => `u${String(member.accountId)}`));
	const toChange = userIds.filter((id) => current.has(id) !== add);
	for (const batch of chunks(toChange, MEMBERS_PER_CALL)) {
		await teamViewerApiRequest.call(this, {
			method: add ? 'POST' : 'DELETE',
			path: `/usergroups/${groupId}/members`,
			body: batch.map((id) => Number(id.slice(1))) as unknown as IDataObject[],
			// Not sent twice: a repeat of a call that was carried out would be refused (member already / no longer there).
			idempotent: false,
			itemIndex,
		});
	}
	return userIds.map((userId) => ({ userGroupId: Number(groupId), userId, member: add, changed: toChange.includes(userId) }));
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await changeMembers.call(this, itemIndex, true);
}
