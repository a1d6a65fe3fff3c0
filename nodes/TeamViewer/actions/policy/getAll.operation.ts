import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common.description';
import { textOf } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Policies whose name contains this text (any case)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['policy'], operation: ['getAll'] } },
	properties,
);

/** Every policy of the company: GET /teamviewerpolicies → `{policies: [...]}`, unpaged. */
export async function listPolicies(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const response = await teamViewerApiRequest.call(this, { method: 'GET', path: '/teamviewerpolicies', itemIndex });
	return (response.policies as IDataObject[] | undefined) ?? [];
}

// GET /teamviewerpolicies (no filter parameters in TeamViewer's OpenAPI document: the name filter is applied here)
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const name = textOf(filters.name).toLowerCase();
	const policies = (await listPolicies.call(this, itemIndex)).filter(
		(policy) => !name || String(policy.name ?? '').toLowerCase().includes(name),
	);
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return policies;
	return policies.slice(0, Number(this.getNodeParameter('limit', itemIndex, 50)));
}
