import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { policyRLC } from '../../descriptions/rlc.description';
import { teamViewerApiRequest } from '../../transport';
import { getPolicyId } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['policy'], operation: ['delete'] } },
	[policyRLC],
);

// DELETE /teamviewerpolicies/{id} → 204
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const policyId = getPolicyId(this, itemIndex);
	await teamViewerApiRequest.call(this, { method: 'DELETE', path: `/teamviewerpolicies/${policyId}`, itemIndex });
	return [{ policy_id: policyId, deleted: true }];
}
