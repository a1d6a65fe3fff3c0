import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyOutput } from '../../descriptions/common.description';
import { emailField, invalidField, textOf } from '../../helpers/params';
import { simplifyUser } from '../../helpers/simplify';
import { teamViewerApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				default: '',
				placeholder: 'e.g. nathan@example.com',
				description: 'Users with this email address; several separated by commas',
			},
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Users whose name contains this text' },
			{
				displayName: 'Permissions',
				name: 'permissions',
				type: 'string',
				default: '',
				placeholder: 'e.g. ManageUsers, ModifyConnections',
				description: 'Users who have all of these permissions, separated by commas (TeamViewer marks this filter as deprecated)',
			},
		],
	},
	simplifyOutput,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getAll'] } },
	properties,
);

// GET /users?full_list=true (unpaged)
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { full_list: true };
	if (textOf(filters.email)) {
		qs.email = textOf(filters.email)
			.split(',')
			.map((email) => email.trim())
			.filter(Boolean)
			.map((email) => emailField(this, itemIndex, email, 'Email'))
			.join(',');
	}
	if (textOf(filters.name)) qs.name = textOf(filters.name);
	const permissions = textOf(filters.permissions).split(',').map((name) => name.trim()).filter(Boolean);
	if (permissions.some((name) => !/^[A-Za-z]+$/.test(name))) {
		invalidField(this, itemIndex, 'Permissions', filters.permissions, 'permission names separated by commas, e.g. ManageUsers, ModifyConnections');
	}
	// Sent as TeamViewerPS Get-TeamViewerUser.ps1 sends it: one comma-joined `permissions` parameter.
	if (permissions.length > 0) qs.permissions = permissions.join(',');
	const response = await teamViewerApiRequest.call(this, { method: 'GET', path: '/users', qs, itemIndex });
	let users = (response.users as IDataObject[] | undefined) ?? [];
	if (!(this.getNodeParameter('returnAll', itemIndex, false) as boolean)) {
		users = users.slice(0, Number(this.getNodeParameter('limit', itemIndex, 50)));
	}
	return (this.getNodeParameter('simplify', itemIndex, true) as boolean) ? users.map(simplifyUser) : users;
}
