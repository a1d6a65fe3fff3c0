import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common.description';
import { userGroupRLC } from '../../descriptions/rlc.description';
import { getUserGroupId } from './get.operation';
import { readUserGroupPages } from './getAll.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['userGroup'], operation: ['getMembers'] } },
	[userGroupRLC, ...returnAllOrLimit],
);

/** A member `{ accountId, name }` with the user ID the rest of the API uses (`u` + account id). */
export function memberOutput(groupId: string, member: IDataObject): IDataObject {
	return { userGroupId: Number(groupId), userId: `u${String(member.accountId)}`, ...member };
}

// GET /usergroups/{id}/members?paginationToken= → { resources: [{ accountId, name }], nextPaginationToken }
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const groupId = getUserGroupId(this, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	const members = await readUserGroupPages.call(this, `/usergroups/${groupId}/members`, itemIndex, limit);
	return members.map((member) => memberOutput(groupId, member));
}
