import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common.description';
import { teamViewerAllItems } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Scope',
		name: 'scope',
		type: 'options',
		default: 'managedByMe',
		options: [
			{
				name: 'Company',
				value: 'company',
				description: 'All devices managed by the company (needs a company administrator)',
			},
			{
				name: 'Managed by Me',
				value: 'managedByMe',
				description: 'Devices this account manages directly',
			},
		],
	},
	...returnAllOrLimit,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['managedDevice'], operation: ['getAll'] } },
	properties,
);

// GET /managed/devices[/company], paged with `paginationToken`
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const scope = this.getNodeParameter('scope', itemIndex, 'managedByMe') as string;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	return await teamViewerAllItems.call(
		this,
		{
			request: {
				method: 'GET',
				path: scope === 'company' ? '/managed/devices/company' : '/managed/devices',
				itemIndex,
			},
			cursor: 'paginationToken',
			itemsKey: 'resources',
		},
		limit,
	);
}
