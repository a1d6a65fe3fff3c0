import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { policyRLC } from '../../descriptions/rlc.description';
import { compactObject, textOf } from '../../helpers/params';
import { policySettings } from '../../helpers/policies';
import { teamViewerApiRequest } from '../../transport';
import { settingsField } from './create.operation';
import { getPolicy, getPolicyId } from './get.operation';

const properties: INodeProperties[] = [
	policyRLC,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{
				...settingsField,
				description: `${settingsField.description}. Replaces all settings of the policy.`,
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['policy'], operation: ['update'] } },
	properties,
);

// PUT /teamviewerpolicies/{id} {name, settings} → 204 (TeamViewerPS Set-TeamViewerPolicy.ps1), then read back
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const policyId = getPolicyId(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = compactObject({
		name: textOf(fields.name) || undefined,
		settings: fields.settings === undefined ? undefined : policySettings(this, itemIndex, fields.settings),
	});
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No fields to update were set', {
			itemIndex,
			description: 'Add "Name" or "Settings" under "Update Fields".',
		});
	}
	await teamViewerApiRequest.call(this, { method: 'PUT', path: `/teamviewerpolicies/${policyId}`, body, itemIndex });
	return [await getPolicy.call(this, policyId, itemIndex)];
}
