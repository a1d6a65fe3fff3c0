import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteContact from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { create, deleteContact as delete, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Add a contact to Computers & Contacts', action: 'Create a contact' },
			{ name: 'Delete', value: 'delete', description: 'Remove a contact', action: 'Delete a contact' },
			{ name: 'Get', value: 'get', description: 'Get a contact', action: 'Get a contact' },
			{ name: 'Get Many', value: 'getAll', description: 'List contacts', action: 'Get many contacts' },
		],
		default: 'getAll',
	},
	...create.description,
	...deleteContact.description,
	...get.description,
	...getAll.description,
];
