import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as update from './update.operation';
import * as verifyToken from './verifyToken.operation';

export { get, update, verifyToken };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get the account the token belongs to, with its licence', action: 'Get the account' },
			{ name: 'Update', value: 'update', description: 'Change the name, email, password or email language of the account the token belongs to', action: 'Update the account' },
			{ name: 'Verify Token', value: 'verifyToken', description: 'Check that the token is valid', action: 'Verify the token' },
		],
		default: 'get',
	},
	...get.description,
	...update.description,
	...verifyToken.description,
];
