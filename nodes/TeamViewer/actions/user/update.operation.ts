import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { userRLC } from '../../descriptions/rlc.description';
import { compactObject, emailField, getPrefixedId, textOf } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';
import { userFieldsBody } from './create.operation';
import { getUser } from './get.operation';

const properties: INodeProperties[] = [
	userRLC,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Active', name: 'active', type: 'boolean', default: true, description: 'Whether the user can sign in' },
			{ displayName: 'Custom QuickJoin ID', name: 'customQuickJoinId', type: 'string', default: '' },
			{ displayName: 'Custom QuickSupport ID', name: 'customQuickSupportId', type: 'string', default: '' },
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'e.g. nathan@example.com', default: '' },
			{ displayName: 'Log Sessions', name: 'logSessions', type: 'boolean', default: true, description: 'Whether connections of the user are logged in connection reports' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
			{ displayName: 'Show Comment Window', name: 'showCommentWindow', type: 'boolean', default: false, description: 'Whether the user is asked for a comment after each session' },
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['update'] } },
	properties,
);

// PUT /users/{id} → 204, then read back
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const userId = getPrefixedId(this, itemIndex, 'user', 'userId', 'User');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = compactObject({
		...userFieldsBody(fields),
		name: textOf(fields.name) || undefined,
		email: fields.email ? emailField(this, itemIndex, String(fields.email), 'Email') : undefined,
		active: fields.active as boolean | undefined,
	});
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No fields to update were set', {
			itemIndex,
			description: 'Add at least one field under "Update Fields".',
		});
	}
	await teamViewerApiRequest.call(this, { method: 'PUT', path: `/users/${userId}`, body, itemIndex });
	return [await getUser.call(this, userId, itemIndex)];
}
