import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { compactObject, invalidField } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';

export const policyIdField: INodeProperties = {
	displayName: 'Policy ID',
	name: 'policyId',
	type: 'string',
	default: '',
	description: 'TeamViewer policy applied to the devices of the group',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ServiceNow',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [policyIdField],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['create'] } },
	properties,
);

// POST /groups {name, policy_id} → 200 Group — reference §6.1
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const name = (this.getNodeParameter('name', itemIndex, '') as string).trim();
	if (!name) invalidField(this, itemIndex, 'Name', name, 'a group name');
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body = compactObject({ name, policy_id: fields.policyId as string });
	return [await teamViewerApiRequest.call(this, { method: 'POST', path: '/groups', body, itemIndex })];
}
