import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { teamViewerAllItems } from '../../transport';
import { devicesRequest } from './getDevices.operation';
import { patchDeviceId } from './getMissingPatches.operation';

const properties: INodeProperties[] = [
	{
		displayName: 'TeamViewer IDs',
		name: 'teamViewerIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 123456789, 987654321',
		description: 'Devices to count for, separated by commas. Empty: every device with Patch Management activated.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Only Devices With Missing Patches',
				name: 'onlyMissing',
				type: 'boolean',
				default: true,
				description: 'Whether to leave out devices whose count is 0',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['patchManagement'], operation: ['getMissingPatchCounts'] } },
	properties,
);

/**
 * POST /patchmanagement/scanresultcounts {device_id_list, continuation_token} →
 * `{DeviceMissingPatchesCountInfoList: [{DeviceId, ErrorCode, ScanResultCount}], ContinuationToken}`
 * (TeamViewer's OpenAPI document). It names no default for an empty list, so the node always sends the IDs:
 * with none given, those of GET /patchmanagement/devices. Read-only, so safe to send again after a timeout.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const typed = String(this.getNodeParameter('teamViewerIds', itemIndex, '') ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean)
		.map((part) => Number(patchDeviceId(this, itemIndex, part)));
	const ids = typed.length
		? [...new Set(typed)]
		: (await teamViewerAllItems.call(this, devicesRequest(itemIndex))).map((device) => Number(device.teamviewer_id));
	if (ids.length === 0) return [];
	const counts = await teamViewerAllItems.call(this, {
		request: {
			method: 'POST',
			path: '/patchmanagement/scanresultcounts',
			body: { device_id_list: ids },
			idempotent: true,
			itemIndex,
		},
		cursor: 'continuation_token',
		itemsKey: 'DeviceMissingPatchesCountInfoList',
	});
	const onlyMissing = (this.getNodeParameter('options', itemIndex, {}) as IDataObject).onlyMissing !== false;
	return onlyMissing ? counts.filter((count) => Number(count.ScanResultCount) > 0) : counts;
}
