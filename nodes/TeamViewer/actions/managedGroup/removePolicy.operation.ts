import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { POLICY_TYPE_NAMES, policyTypeField } from '../../descriptions/managed.description';
import { managedGroupRLC } from '../../descriptions/rlc.description';
import { teamViewerApiRequest } from '../../transport';
import { getManagedGroup, getManagedGroupId } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['managedGroup'], operation: ['removePolicy'] } },
	[managedGroupRLC, { ...policyTypeField, description: 'Which of the group\'s policies to take off' }],
);

/**
 * PUT /managed/groups/{id}/policy/remove {policy_type} → 204, then read back
 * (TeamViewerPS Remove-TeamViewerPolicyFromManagedGroup.ps1 sends the type as an integer).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = getManagedGroupId(this, itemIndex);
	const policyType = Number(this.getNodeParameter('policyType', itemIndex, 1));
	await teamViewerApiRequest.call(this, {
		method: 'PUT',
		path: `/managed/groups/${id}/policy/remove`,
		body: { policy_type: policyType },
		itemIndex,
		hint: `Check that the group has a ${POLICY_TYPE_NAMES[policyType] ?? 'policy of this type'} assigned.`,
	});
	return [await getManagedGroup.call(this, id, itemIndex)];
}
