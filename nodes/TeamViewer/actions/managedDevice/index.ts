import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as removeManagement from './removeManagement.operation';
import * as update from './update.operation';

export { get, getAll, removeManagement, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['managedDevice'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a managed device', action: 'Get a managed device' },
			{ name: 'Get Many', value: 'getAll', description: 'List managed devices', action: 'Get many managed devices' },
			{ name: 'Remove Management', value: 'removeManagement', description: 'Remove all managers and groups from a device', action: 'Remove management from a device' },
			{ name: 'Update', value: 'update', description: 'Rename a managed device or change its policy or group', action: 'Update a managed device' },
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...removeManagement.description,
	...update.description,
];
