import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { userRLC } from '../../descriptions/rlc.description';
import { compactObject, emailField, getPrefixedId, invalidField, textOf } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';
import { roleIdField, sharedUserFields, userFieldsBody } from './create.operation';
import { getUser } from './get.operation';

function roleList(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getUserRoles' },
		default: [],
		description: `${description}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

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
			roleList('Assign User Role Names or IDs', 'assignUserRoleIds', 'User roles to give the user'),
			sharedUserFields.customQuickJoinId,
			sharedUserFields.customQuickSupportId,
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'e.g. nathan@example.com', default: '' },
			sharedUserFields.licenseKey,
			sharedUserFields.logSessions,
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
			sharedUserFields.showCommentWindow,
			sharedUserFields.ssoCustomerId,
			{
				displayName: 'Two-Factor Authentication Enforced',
				name: 'tfaEnforcement',
				type: 'boolean',
				default: true,
				description: 'Whether the user must sign in with two-factor authentication',
			},
			roleList('Unassign User Role Names or IDs', 'unassignUserRoleIds', 'User roles to take from the user'),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['update'] } },
	properties,
);

/** Role IDs from the multi-select or an expression giving a list (the type check refuses anything else). */
function roleIds(context: IExecuteFunctions, itemIndex: number, value: unknown, field: string): string[] | undefined {
	const entries = Array.isArray(value) ? value : [];
	const ids = entries
		.map((entry) => (typeof entry === 'string' || typeof entry === 'number' ? String(entry).trim() : entry))
		.filter((entry) => entry !== '')
		.map((entry) =>
			typeof entry === 'string'
				? roleIdField(context, itemIndex, entry, field)!
				: invalidField(context, itemIndex, field, entry, 'user role IDs (UUIDs)'),
		);
	return ids.length > 0 ? [...new Set(ids)] : undefined;
}

/**
 * PUT /users/{id} → 204, then read back (TeamViewer's OpenAPI document). Role changes go as `assignUserRoleIds` /
 * `unassignUserRoleIds`, the spelling TeamViewerPS Set-TeamViewerUser.ps1 sends.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const userId = getPrefixedId(this, itemIndex, 'user', 'userId', 'User');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const assign = roleIds(this, itemIndex, fields.assignUserRoleIds, 'Assign User Roles');
	const unassign = roleIds(this, itemIndex, fields.unassignUserRoleIds, 'Unassign User Roles');
	const both = assign?.find((id) => unassign?.includes(id));
	if (both) {
		invalidField(this, itemIndex, 'Unassign User Roles', both, 'a role that is not also under Assign User Roles');
	}
	const body = compactObject({
		...userFieldsBody(fields),
		name: textOf(fields.name) || undefined,
		email: fields.email ? emailField(this, itemIndex, String(fields.email), 'Email') : undefined,
		active: fields.active as boolean | undefined,
		tfa_enforcement: fields.tfaEnforcement as boolean | undefined,
		assignUserRoleIds: assign,
		unassignUserRoleIds: unassign,
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
