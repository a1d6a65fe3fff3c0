import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteUser from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as removeTfa from './removeTfa.operation';
import * as update from './update.operation';

export { create, deleteUser as delete, get, getAll, removeTfa, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a user in your TeamViewer company', action: 'Create a user' },
			{ name: 'Delete', value: 'delete', description: 'Remove a user from your company, or delete the account', action: 'Delete a user' },
			{ name: 'Get', value: 'get', description: 'Get a user', action: 'Get a user' },
			{ name: 'Get Many', value: 'getAll', description: 'List users, e.g. find a supporter by email', action: 'Get many users' },
			{ name: 'Remove Two-Factor Authentication', value: 'removeTfa', description: 'Turn off two-factor authentication for a user who lost their second factor', action: 'Remove two factor authentication of a user' },
			{ name: 'Update', value: 'update', description: 'Change a user, e.g. assign user roles', action: 'Update a user' },
		],
		default: 'getAll',
	},
	...create.description,
	...deleteUser.description,
	...get.description,
	...getAll.description,
	...removeTfa.description,
	...update.description,
];
