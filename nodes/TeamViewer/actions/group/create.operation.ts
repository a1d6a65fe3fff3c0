import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createOnce, findInList } from '../../helpers/createOnce';
import { compactObject, invalidField, textOf } from '../../helpers/params';

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

/**
 * POST /groups {name, policy_id} → 200 Group. Once per name (any case, as
 * TeamViewer compares them; helpers/createOnce.ts): a group of that name that the token can see is
 * returned with `created: false`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const name = textOf(this.getNodeParameter('name', itemIndex, ''));
	if (!name) invalidField(this, itemIndex, 'Name', name, 'a group name');
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body = compactObject({ name, policy_id: textOf(fields.policyId) });
	const group = await createOnce(this, { method: 'POST', path: '/groups', body, itemIndex }, {
		what: `group "${name}"`,
		id: [name.toLowerCase()],
		find: findInList(this, '/groups', { name, shouldMatchFullName: true }, 'groups', (group) =>
			String(group.name).toLowerCase() === name.toLowerCase(), itemIndex),
		check: `Look for a group named "${name}" (Group → Get Many)`,
	});
	return [group];
}
