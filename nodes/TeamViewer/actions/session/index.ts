import type { INodeProperties } from 'n8n-workflow';

import * as close from './close.operation';
import * as create from './create.operation';
import * as deleteSession from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getOrCreate from './getOrCreate.operation';
import * as renew from './renew.operation';
import * as update from './update.operation';

export { close, create, deleteSession as delete, get, getAll, getOrCreate, renew, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['session'] } },
		options: [
			{
				name: 'Close',
				value: 'close',
				description: 'Close a service case so its link stops working',
				action: 'Close a service case',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a service case and get the customer and supporter links',
				action: 'Create a service case',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a service case',
				action: 'Delete a service case',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a service case by its session code',
				action: 'Get a service case',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List service cases',
				action: 'Get many service cases',
			},
			{
				name: 'Get or Create',
				value: 'getOrCreate',
				description: 'Reuse the open service case of a ticket, or create it',
				action: 'Get or create a service case',
			},
			{
				name: 'Renew',
				value: 'renew',
				description: 'Replace a case whose link runs out: close it and give its ticket a new one, exactly once',
				action: 'Renew a service case',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change a service case',
				action: 'Update a service case',
			},
		],
		default: 'create',
	},
	...close.description,
	...create.description,
	...deleteSession.description,
	...get.description,
	...getAll.description,
	...getOrCreate.description,
	...renew.description,
	...update.description,
];
