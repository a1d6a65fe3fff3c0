import type { INodeProperties } from 'n8n-workflow';

import * as assign from './assign.operation';
import * as create from './create.operation';
import * as deleteDevice from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { assign, create, deleteDevice as delete, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['device'] } },
		options: [
			{ name: 'Assign to Account', value: 'assign', description: 'Assign a device to this TeamViewer account for unattended access', action: 'Assign a device to the account' },
			{ name: 'Create', value: 'create', description: 'Add a device to Computers & Contacts', action: 'Create a device' },
			{ name: 'Delete', value: 'delete', description: 'Remove a device from Computers & Contacts', action: 'Delete a device' },
			{ name: 'Get', value: 'get', description: 'Get a device', action: 'Get a device' },
			{ name: 'Get Many', value: 'getAll', description: 'List devices in Computers & Contacts', action: 'Get many devices' },
			{ name: 'Update', value: 'update', description: 'Change a device', action: 'Update a device' },
		],
		default: 'getAll',
	},
	...assign.description,
	...create.description,
	...deleteDevice.description,
	...get.description,
	...getAll.description,
	...update.description,
];
