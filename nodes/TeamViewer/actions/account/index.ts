import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as verifyToken from './verifyToken.operation';

export { get, verifyToken };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get the account the token belongs to, with its licence', action: 'Get the account' },
			{ name: 'Verify Token', value: 'verifyToken', description: 'Check that the token is valid', action: 'Verify the token' },
		],
		default: 'get',
	},
	...get.description,
	...verifyToken.description,
];
