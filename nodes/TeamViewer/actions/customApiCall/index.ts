import type { INodeProperties } from 'n8n-workflow';

import * as makeRequest from './makeRequest.operation';

export { makeRequest };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customApiCall'] } },
		options: [
			{
				name: 'Make a Request',
				value: 'makeRequest',
				description: 'Send any request to the TeamViewer Web API with this credential',
				action: 'Make a custom API call',
			},
		],
		default: 'makeRequest',
	},
	...makeRequest.description,
];
