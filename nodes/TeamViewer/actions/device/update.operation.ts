import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { deviceRLC, groupRLC, optionalLocator } from '../../descriptions/rlc.description';
import { compactObject, getPrefixedId, optionalPrefixedId, secretOf, textOf } from '../../helpers/params';
import { devicePolicyValue } from '../../helpers/policies';
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
				description:
					'A TeamViewer policy ID (Policy → Get Many lists them), "inherit" (the group\'s policy) or "none". Set together with Group, it is sent in a second call after the move.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['device'], operation: ['update'] } },
	properties,
);

/**
 * PUT /devices/{id} → 204, then the device is read back.
 *
 * Group and policy are never sent in one call: TeamViewerPS (Cmdlets/Public/Set-TeamViewerDevice.ps1) puts
 * `-Group` and `-Policy` in separate parameter sets and its Pester test requires that both together throw;
 * TeamViewer's OpenAPI document lists `groupid` and `policy_id` in one body without saying whether they combine.
 * So with both set, the device is moved first (with the other fields) and the policy set in a second PUT:
 * the policy then wins over whatever the new group passes on. Both calls are idempotent, so a rerun after a
 * failed second call is safe.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const deviceId = getPrefixedId(this, itemIndex, 'device', 'deviceId', 'Device');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const policy = textOf(fields.policyId);
	const body = compactObject({
		alias: textOf(fields.alias),
		description: textOf(fields.description),
		password: secretOf(fields.password),
		policy_id: policy ? devicePolicyValue(this, itemIndex, policy) : undefined,
		groupid: optionalPrefixedId(this, itemIndex, 'group', fields.groupId, 'Group'),
	});
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No fields to update were set', {
			itemIndex,
			description: 'Add at least one field under "Update Fields".',
		});
	}
	const path = `/devices/${deviceId}`;
	if (body.groupid === undefined || body.policy_id === undefined) {
		await teamViewerApiRequest.call(this, { method: 'PUT', path, body, itemIndex });
		return [await getDevice.call(this, deviceId, itemIndex)];
	}
	const { policy_id: policyId, ...move } = body;
	await teamViewerApiRequest.call(this, { method: 'PUT', path, body: move, itemIndex });
	try {
		await teamViewerApiRequest.call(this, { method: 'PUT', path, body: { policy_id: policyId }, itemIndex });
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new NodeOperationError(
			this.getNode(),
			`Device ${deviceId} was moved to group ${String(move.groupid)}, but its policy was not set to "${String(policyId)}"`,
			{
				itemIndex,
				description: `${reason.replace(/\.$/, '')}. TeamViewer changes a device's group and its policy in separate calls (Group first, then Policy ID). Run the item again (moving it to the same group again changes nothing), or update the device with only "Policy ID".`,
			},
		);
	}
	return [await getDevice.call(this, deviceId, itemIndex)];
}
