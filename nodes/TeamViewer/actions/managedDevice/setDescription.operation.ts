import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { getUuid, invalidField } from '../../helpers/params';
import { passThroughError, teamViewerApiRequest } from '../../transport';
import { getManagedDevice, managedDeviceIdField } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['managedDevice'], operation: ['setDescription'] } },
	[
		managedDeviceIdField,
		{
			displayName: 'Description',
			name: 'deviceDescription',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			placeholder: 'e.g. 3rd floor, reception desk',
			description: 'The device description. Empty clears it.',
		},
	],
);

/**
 * PUT /managed/devices/{id}/description {deviceDescription} → 204, then read back. An empty string
 * clears the description; TeamViewer refuses (400) a description the device already has (both in
 * TeamViewer's OpenAPI document), which on a rerun the node answers with the device as it is.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = getUuid(this, itemIndex, 'managedDeviceId', 'Managed Device ID');
	const value = this.getNodeParameter('deviceDescription', itemIndex, '');
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text.length > 2048) invalidField(this, itemIndex, 'Description', text, 'at most 2048 characters');
	try {
		await teamViewerApiRequest.call(this, {
			method: 'PUT',
			path: `/managed/devices/${id}/description`,
			body: { deviceDescription: text },
			itemIndex,
		});
	} catch (error) {
		if (!(error instanceof NodeApiError && error.httpCode === '400')) throw passThroughError(this.getNode(), error, itemIndex);
		const device = await getManagedDevice.call(this, id, itemIndex).catch(() => undefined);
		if (!device || String(device.deviceDescription ?? '') !== text) throw passThroughError(this.getNode(), error, itemIndex);
		return [device];
	}
	return [await getManagedDevice.call(this, id, itemIndex)];
}
