import type { INodeProperties } from 'n8n-workflow';

import * as deleteReport from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { deleteReport as delete, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['connectionReport'] } },
		options: [
			{ name: 'Delete', value: 'delete', description: 'Delete a connection report', action: 'Delete a connection report' },
			{ name: 'Get', value: 'get', description: 'Get a connection report', action: 'Get a connection report' },
			{ name: 'Get Many', value: 'getAll', description: 'List connection reports, newest first', action: 'Get many connection reports' },
			{ name: 'Update', value: 'update', description: 'Set the notes or billing state of a connection report', action: 'Update a connection report' },
		],
		default: 'getAll',
	},
	...deleteReport.description,
	...get.description,
	...getAll.description,
	...update.description,
];
