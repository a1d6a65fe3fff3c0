import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { policyTypeField } from '../../descriptions/managed.description';
import { managedGroupRLC } from '../../descriptions/rlc.description';
import { isUuid } from '../../helpers/ids';
import { invalidField, textOf } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';
import { getManagedGroup, getManagedGroupId } from './get.operation';

const properties: INodeProperties[] = [
	managedGroupRLC,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'New name (1 to 100 characters)' },
			{
				displayName: 'Policy ID',
				name: 'policyId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11',
				description: 'Policy (UUID) to assign to the group, of the kind chosen under Policy Type',
			},
			{ ...policyTypeField, description: 'Kind of the policy in Policy ID (TeamViewer policy if not set)' },
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['managedGroup'], operation: ['update'] } },
	properties,
);

/**
 * PUT /managed/groups/{id} {name, policy: {policy_id, policy_type}} → 204, then read back. The policy
 * ID and its type go together (TeamViewerPS Set-TeamViewerManagedGroup.ps1 refuses one without the
 * other); the type defaults to the TeamViewer policy.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = getManagedGroupId(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	const name = textOf(fields.name);
	if (name) {
		if (name.length > 100) invalidField(this, itemIndex, 'Name', name, 'at most 100 characters');
		body.name = name;
	}
	const policyId = textOf(fields.policyId);
	if (policyId) {
		if (!isUuid(policyId)) {
			invalidField(this, itemIndex, 'Policy ID', policyId, 'a UUID such as 0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11');
		}
		body.policy = { policy_id: policyId.toLowerCase(), policy_type: Number(fields.policyType ?? 1) };
	} else if (fields.policyType !== undefined) {
		throw new NodeOperationError(this.getNode(), 'Policy Type was set without a Policy ID', {
			itemIndex,
			description: 'Add "Policy ID" under "Update Fields", or remove "Policy Type". To take a policy off the group, use Managed Group → Remove Policy.',
		});
	}
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No fields to update were set', {
			itemIndex,
			description: 'Add "Name" or "Policy ID" under "Update Fields".',
		});
	}
	await teamViewerApiRequest.call(this, {
		method: 'PUT',
		path: `/managed/groups/${id}`,
		body,
		itemIndex,
		hint: 'TeamViewer refuses an update that changes nothing, and a policy ID it does not know.',
	});
	return [await getManagedGroup.call(this, id, itemIndex)];
}
