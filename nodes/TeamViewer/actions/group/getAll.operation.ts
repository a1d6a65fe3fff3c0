import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common.description';
import { teamViewerApiRequest } from '../../transport';
import { textOf } from '../../helpers/params';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Groups whose name contains this text' },
			{
				displayName: 'Shared',
				name: 'shared',
				type: 'options',
				default: 'any',
				options: [
					{ name: 'Any', value: 'any' },
					{ name: 'Only Groups Shared With Me', value: 'shared' },
					{ name: 'Only My Own Groups', value: 'own' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getAll'] } },
	properties,
);

// GET /groups (unpaged)
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (textOf(filters.name)) qs.name = textOf(filters.name);
	if (filters.shared === 'shared' || filters.shared === 'own') qs.shared = filters.shared === 'shared';
	const response = await teamViewerApiRequest.call(this, { method: 'GET', path: '/groups', qs, itemIndex });
	const groups = (response.groups as IDataObject[] | undefined) ?? [];
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return groups;
	return groups.slice(0, Number(this.getNodeParameter('limit', itemIndex, 50)));
}
