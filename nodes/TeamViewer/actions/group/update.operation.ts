import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { groupRLC } from '../../descriptions/rlc.description';
import { compactObject, getPrefixedId, textOf } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';
import { policyIdField } from './create.operation';
import { getGroup } from './get.operation';

const properties: INodeProperties[] = [
	groupRLC,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [{ displayName: 'Name', name: 'name', type: 'string', default: '' }, policyIdField],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['update'] } },
	properties,
);

// PUT /groups/{id} → 204, then read back
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const groupId = getPrefixedId(this, itemIndex, 'group', 'groupId', 'Group');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = compactObject({
		name: textOf(fields.name) || undefined,
		policy_id: textOf(fields.policyId),
	});
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No fields to update were set', {
			itemIndex,
			description: 'Add "Name" or "Policy ID" under "Update Fields".',
		});
	}
	await teamViewerApiRequest.call(this, { method: 'PUT', path: `/groups/${groupId}`, body, itemIndex });
	return [await getGroup.call(this, groupId, itemIndex)];
}
