import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deletePolicy from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, deletePolicy as delete, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['policy'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a TeamViewer settings policy', action: 'Create a policy' },
			{ name: 'Delete', value: 'delete', description: 'Delete a policy', action: 'Delete a policy' },
			{ name: 'Get', value: 'get', description: 'Get a policy with its settings', action: 'Get a policy' },
			{ name: 'Get Many', value: 'getAll', description: 'List the policies of the company', action: 'Get many policies' },
			{ name: 'Update', value: 'update', description: 'Rename a policy or replace its settings', action: 'Update a policy' },
		],
		default: 'getAll',
	},
	...create.description,
	...deletePolicy.description,
	...get.description,
	...getAll.description,
	...update.description,
];
