import type { INodeProperties } from 'n8n-workflow';

import * as getDevices from './getDevices.operation';
import * as getMissingPatchCounts from './getMissingPatchCounts.operation';
import * as getMissingPatches from './getMissingPatches.operation';

export { getDevices, getMissingPatchCounts, getMissingPatches };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['patchManagement'] } },
		options: [
			{
				name: 'Get Devices With Missing Patches',
				value: 'getMissingPatchCounts',
				description: 'Count the missing patches of devices (scan results), leaving out devices without any',
				action: 'Get devices with missing patches',
			},
			{
				name: 'Get Many Devices',
				value: 'getDevices',
				description: 'List the devices with Patch Management activated',
				action: 'Get many patch management devices',
			},
			{
				name: 'Get Missing Patches',
				value: 'getMissingPatches',
				description: 'List the missing patches a device\'s last scan found',
				action: 'Get the missing patches of a device',
			},
		],
		default: 'getMissingPatchCounts',
	},
	...getDevices.description,
	...getMissingPatchCounts.description,
	...getMissingPatches.description,
];
