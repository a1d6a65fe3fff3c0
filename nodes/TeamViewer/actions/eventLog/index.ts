import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['eventLog'] } },
		options: [
			{ name: 'Get Many', value: 'getAll', description: 'Read the audit event log of the company', action: 'Get many events' },
		],
		default: 'getAll',
	},
	...getAll.description,
];
