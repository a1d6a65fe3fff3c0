import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common.description';
import type { PagedRequest } from '../../transport';
import { teamViewerAllItems } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['patchManagement'], operation: ['getDevices'] } },
	[...returnAllOrLimit],
);

/** GET /patchmanagement/devices?continuationToken= → `{devices: [{teamviewer_id, activation_time}], continuation_token}` (TeamViewer's OpenAPI document). */
export function devicesRequest(itemIndex: number): PagedRequest {
	return {
		request: { method: 'GET', path: '/patchmanagement/devices', itemIndex },
		cursor: 'continuationToken',
		itemsKey: 'devices',
	};
}

// Devices with Patch Management activated, page after page
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	return await teamViewerAllItems.call(this, devicesRequest(itemIndex), limit);
}
