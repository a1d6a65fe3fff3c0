import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { compactObject, getUuid, invalidField, textOf } from '../../helpers/params';
import { isUuid } from '../../helpers/ids';
import { teamViewerApiRequest } from '../../transport';
import { getManagedDevice, managedDeviceIdField } from './get.operation';

const properties: INodeProperties[] = [
	managedDeviceIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Managed Group ID', name: 'managedGroupId', type: 'string', default: '', description: 'Move the device to this managed group (UUID)' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Display name (1 to 100 characters)' },
			{ displayName: 'Policy ID', name: 'teamviewerPolicyId', type: 'string', default: '', description: 'TeamViewer policy to apply (UUID)' },
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['managedDevice'], operation: ['update'] } },
	properties,
);

// PUT /managed/devices/{id} → 204, then read back
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = getUuid(this, itemIndex, 'managedDeviceId', 'Managed Device ID');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = compactObject({
		name: textOf(fields.name) || undefined,
		teamviewerPolicyId: textOf(fields.teamviewerPolicyId),
		managedGroupId: textOf(fields.managedGroupId),
	});
	for (const [key, label] of [['teamviewerPolicyId', 'Policy ID'], ['managedGroupId', 'Managed Group ID']] as const) {
		if (body[key] !== undefined && !isUuid(String(body[key]))) {
			invalidField(this, itemIndex, label, body[key], 'a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6');
		}
	}
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No fields to update were set', {
			itemIndex,
			description: 'Add at least one field under "Update Fields".',
		});
	}
	await teamViewerApiRequest.call(this, { method: 'PUT', path: `/managed/devices/${id}`, body, itemIndex });
	return [await getManagedDevice.call(this, id, itemIndex)];
}
