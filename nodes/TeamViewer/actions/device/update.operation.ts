import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { deviceRLC, groupRLC, optionalLocator } from '../../descriptions/rlc.description';
import { compactObject, getPrefixedId, optionalPrefixedId, secretOf, textOf } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';
import { getDevice } from './get.operation';

const properties: INodeProperties[] = [
	deviceRLC,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Alias', name: 'alias', type: 'string', default: '' },
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			optionalLocator(groupRLC, 'Group', 'groupId', 'Move the device to this group'),
			{
				displayName: 'Password',
				name: 'password',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'The unattended-access password of the device',
			},
			{
				displayName: 'Policy ID',
				name: 'policyId',
				type: 'string',
				default: '',
				placeholder: 'e.g. inherit',
				description: 'A TeamViewer policy ID, "inherit" (from the group) or "none"',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['device'], operation: ['update'] } },
	properties,
);

// PUT /devices/{id} → 204, then the device is read back
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const deviceId = getPrefixedId(this, itemIndex, 'device', 'deviceId', 'Device');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = compactObject({
		alias: textOf(fields.alias),
		description: textOf(fields.description),
		password: secretOf(fields.password),
		policy_id: textOf(fields.policyId),
		groupid: optionalPrefixedId(this, itemIndex, 'group', fields.groupId, 'Group'),
	});
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No fields to update were set', {
			itemIndex,
			description: 'Add at least one field under "Update Fields".',
		});
	}
	await teamViewerApiRequest.call(this, { method: 'PUT', path: `/devices/${deviceId}`, body, itemIndex });
	return [await getDevice.call(this, deviceId, itemIndex)];
}
