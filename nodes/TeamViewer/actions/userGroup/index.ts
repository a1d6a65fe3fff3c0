import type { INodeProperties } from 'n8n-workflow';

import * as addMembers from './addMembers.operation';
import * as create from './create.operation';
import * as deleteGroup from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getMembers from './getMembers.operation';
import * as removeMembers from './removeMembers.operation';
import * as update from './update.operation';

export { addMembers, create, deleteGroup as delete, get, getAll, getMembers, removeMembers, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['userGroup'] } },
		options: [
			{ name: 'Add Members', value: 'addMembers', description: 'Add users to a user group', action: 'Add members to a user group' },
			{ name: 'Create', value: 'create', description: 'Create a user group', action: 'Create a user group' },
			{ name: 'Delete', value: 'delete', description: 'Delete a user group', action: 'Delete a user group' },
			{ name: 'Get', value: 'get', description: 'Get a user group', action: 'Get a user group' },
			{ name: 'Get Many', value: 'getAll', description: 'List the user groups of your company', action: 'Get many user groups' },
			{ name: 'Get Members', value: 'getMembers', description: 'List the members of a user group', action: 'Get the members of a user group' },
			{ name: 'Remove Members', value: 'removeMembers', description: 'Remove users from a user group', action: 'Remove members from a user group' },
			{ name: 'Update', value: 'update', description: 'Rename a user group', action: 'Update a user group' },
		],
		default: 'getAll',
	},
	...addMembers.description,
	...create.description,
	...deleteGroup.description,
	...get.description,
	...getAll.description,
	...getMembers.description,
	...update.description,
];
