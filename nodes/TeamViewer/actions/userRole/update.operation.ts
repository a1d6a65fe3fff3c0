import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { userRoleRLC } from '../../descriptions/rlc.description';
import { grantedPermissions, roleField, roleOutput } from '../../helpers/userRoles';
import { teamViewerApiRequest } from '../../transport';
import { permissionNames, permissionsField, roleNameField } from './create.operation';
import { forRole, getRole, getRoleId } from './get.operation';

const properties: INodeProperties[] = [
	userRoleRLC,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{
				...permissionsField,
				description: `The role's whole list of permissions: those not chosen are taken away. ${permissionsField.description}`,
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['userRole'], operation: ['update'] } },
	properties,
);

/**
 * PUT /userroles {UserRoleId, Name, Permissions[]} (TeamViewerPS Set-TeamViewerRole.ps1). The call replaces
 * the name and the whole permission list, so the role is read first and what the user left out is sent as it
 * is (an update of the name alone does not take every permission away); then read back.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const roleId = getRoleId(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	if (fields.name === undefined && fields.permissions === undefined) {
		throw new NodeOperationError(this.getNode(), 'No fields to update were set', {
			itemIndex,
			description: 'Add at least one field under "Update Fields".',
		});
	}
	const name = fields.name === undefined ? undefined : roleNameField(this, itemIndex, fields.name);
	const permissions = fields.permissions === undefined ? undefined : permissionNames(this, itemIndex, fields.permissions);
	const current = await getRole.call(this, roleId, itemIndex);
	const body = {
		UserRoleId: roleId,
		Name: name ?? String(roleField(current, 'Name')),
		Permissions: permissions ?? grantedPermissions(current),
	};
	await forRole(this, roleId, itemIndex, async () =>
		await teamViewerApiRequest.call(this, { method: 'PUT', path: '/userroles', body, itemIndex }),
	);
	return [roleOutput(await getRole.call(this, roleId, itemIndex))];
}
