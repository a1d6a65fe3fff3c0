import type { INodeProperties } from 'n8n-workflow';

import * as findDuplicates from './findDuplicates.operation';
import * as findStale from './findStale.operation';
import * as removeListed from './removeListed.operation';

export { findDuplicates, findStale, removeListed };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['deviceHygiene'] } },
		options: [
			{
				name: 'Find Duplicates',
				value: 'findDuplicates',
				description: 'Find devices listed twice: same TeamViewer ID, or same name on several TeamViewer IDs, across Computers & Contacts and managed devices',
				action: 'Find duplicate devices',
			},
			{
				name: 'Find Stale',
				value: 'findStale',
				description: 'Find devices offline for at least a number of days, across Computers & Contacts and managed devices',
				action: 'Find stale devices',
			},
			{
				name: 'Remove Listed Devices',
				value: 'removeListed',
				description: 'Remove the devices a reported finding lists for removal, after checking each one again',
				action: 'Remove devices listed in a hygiene finding',
			},
		],
		default: 'findDuplicates',
	},
	...findDuplicates.description,
	...findStale.description,
	...removeListed.description,
];
