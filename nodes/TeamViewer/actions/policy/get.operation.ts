import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { policyRLC } from '../../descriptions/rlc.description';
import { getUuid } from '../../helpers/params';
import { onlyPolicy } from '../../helpers/policies';
import { teamViewerApiRequest } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['policy'], operation: ['get'] } },
	[policyRLC],
);

/** GET /teamviewerpolicies/{id} answers the list model `{policies: [one]}` (TeamViewer's OpenAPI document; TeamViewerPS reads `.policies`). */
export async function getPolicy(this: IExecuteFunctions, policyId: string, itemIndex: number): Promise<IDataObject> {
	const response = await teamViewerApiRequest.call(this, { method: 'GET', path: `/teamviewerpolicies/${policyId}`, itemIndex });
	return onlyPolicy(this, itemIndex, response, policyId);
}

export function getPolicyId(context: IExecuteFunctions, itemIndex: number): string {
	return getUuid(context, itemIndex, 'policyId', 'Policy');
}

// GET /teamviewerpolicies/{id}
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return [await getPolicy.call(this, getPolicyId(this, itemIndex), itemIndex)];
}
