import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteGroup from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as share from './share.operation';
import * as unshare from './unshare.operation';
import * as update from './update.operation';

export { create, deleteGroup as delete, get, getAll, share, unshare, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['group'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a group in Computers & Contacts', action: 'Create a group' },
			{ name: 'Delete', value: 'delete', description: 'Delete a group', action: 'Delete a group' },
			{ name: 'Get', value: 'get', description: 'Get a group', action: 'Get a group' },
			{ name: 'Get Many', value: 'getAll', description: 'List groups', action: 'Get many groups' },
			{ name: 'Share', value: 'share', description: 'Share a group with users', action: 'Share a group' },
			{ name: 'Unshare', value: 'unshare', description: 'Stop sharing a group with users', action: 'Unshare a group' },
			{ name: 'Update', value: 'update', description: 'Rename a group or change its policy', action: 'Update a group' },
		],
		default: 'getAll',
	},
	...create.description,
	...deleteGroup.description,
	...get.description,
	...getAll.description,
	...share.description,
	...unshare.description,
	...update.description,
];
