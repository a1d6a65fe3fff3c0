import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { groupRLC } from '../../descriptions/rlc.description';
import { getPrefixedId, invalidField, normalizeIdField, textOf } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';
import { getGroup } from './get.operation';

const properties: INodeProperties[] = [
	groupRLC,
	{
		displayName: 'User IDs',
		name: 'userIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. u1234567, u7654321',
		description: 'Users to stop sharing the group with (comma-separated)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['unshare'] } },
	properties,
);

// POST /groups/{id}/unshare_group {users: ["u…"]}
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const groupId = getPrefixedId(this, itemIndex, 'group', 'groupId', 'Group');
	const raw = textOf(this.getNodeParameter('userIds', itemIndex, ''));
	const users = raw
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean)
		.map((id) => normalizeIdField(this, itemIndex, 'user', id, 'User IDs'));
	if (users.length === 0) invalidField(this, itemIndex, 'User IDs', raw, 'at least one user ID, e.g. u1234567');
	await teamViewerApiRequest.call(this, {
		method: 'POST',
		path: `/groups/${groupId}/unshare_group`,
		body: { users },
		idempotent: true,
		itemIndex,
	});
	return [await getGroup.call(this, groupId, itemIndex)];
}
