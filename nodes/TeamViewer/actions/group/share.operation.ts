import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { groupRLC, optionalLocator, userRLC } from '../../descriptions/rlc.description';
import { getPrefixedId, invalidField, locatorValueOf, normalizeIdField } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';
import { getGroup } from './get.operation';

const properties: INodeProperties[] = [
	groupRLC,
	{
		displayName: 'Share With',
		name: 'shares',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add User',
		default: {},
		options: [
			{
				displayName: 'User',
				name: 'user',
				values: [
					optionalLocator(userRLC, 'User', 'userId', 'The user to share the group with'),
					{
						displayName: 'Permission',
						name: 'permissions',
						type: 'options',
						default: 'read',
						options: [
							{ name: 'Read', value: 'read' },
							{ name: 'Read and Write', value: 'readwrite' },
						],
					},
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['share'] } },
	properties,
);

// POST /groups/{id}/share_group {users: [{userid, permissions}]}
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const groupId = getPrefixedId(this, itemIndex, 'group', 'groupId', 'Group');
	const shares = (this.getNodeParameter('shares.user', itemIndex, []) as IDataObject[]).map((share) => ({
		userid: normalizeIdField(this, itemIndex, 'user', locatorValueOf(share.userId), 'User'),
		permissions: share.permissions === 'readwrite' ? 'readwrite' : 'read',
	}));
	if (shares.length === 0) invalidField(this, itemIndex, 'Share With', [], 'at least one user');
	await teamViewerApiRequest.call(this, {
		method: 'POST',
		path: `/groups/${groupId}/share_group`,
		body: { users: shares },
		idempotent: true,
		itemIndex,
	});
	return [await getGroup.call(this, groupId, itemIndex)];
}
