import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { normalizeTeamViewerId } from '../../helpers/ids';
import { invalidField } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';

export const patchDeviceField: INodeProperties = {
	displayName: 'TeamViewer ID',
	name: 'teamViewerId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 123 456 789',
	description: 'The TeamViewer ID of a device with Patch Management activated (Patch Management → Get Many Devices lists them)',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['patchManagement'], operation: ['getMissingPatches'] } },
	[patchDeviceField],
);

export function patchDeviceId(context: IExecuteFunctions, itemIndex: number, raw: unknown): string {
	const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
	return (
		normalizeTeamViewerId(text) ??
		invalidField(context, itemIndex, 'TeamViewer ID', raw, 'a TeamViewer ID of 9 or 10 digits, e.g. 123 456 789')
	);
}

/**
 * GET /patchmanagement/devices/{deviceId}/patches/missing → `{device_id, patches: [MissingPatchData]}`
 * (TeamViewer's OpenAPI document: severity 0 not rated … 4 low, type 0 unknown … 5 custom actions).
 * `deviceId` is taken to be the TeamViewer ID: the patch-management device list identifies devices by nothing
 * else. One item per missing patch, each with the device's `device_id`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const deviceId = patchDeviceId(this, itemIndex, this.getNodeParameter('teamViewerId', itemIndex, ''));
	const response = await teamViewerApiRequest.call(this, {
		method: 'GET',
		path: `/patchmanagement/devices/${deviceId}/patches/missing`,
		itemIndex,
	});
	const patches = (response.patches as IDataObject[] | undefined) ?? [];
	return patches.map((patch) => ({ device_id: response.device_id ?? Number(deviceId), ...patch }));
}
