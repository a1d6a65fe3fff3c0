import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { deviceRLC } from '../../descriptions/rlc.description';
import { getPrefixedId } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['device'], operation: ['delete'] } },
	[deviceRLC],
);

// DELETE /devices/{id} → 204
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const deviceId = getPrefixedId(this, itemIndex, 'device', 'deviceId', 'Device');
	await teamViewerApiRequest.call(this, { method: 'DELETE', path: `/devices/${deviceId}`, itemIndex });
	return [{ device_id: deviceId, deleted: true }];
}
