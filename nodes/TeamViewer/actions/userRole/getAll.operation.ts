import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common.description';
import { textOf } from '../../helpers/params';
import { roleField, roleOutput } from '../../helpers/userRoles';
import { listRoles } from './get.operation';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Roles whose name contains this text (matched by the node; TeamViewer has no filter)' },
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['userRole'], operation: ['getAll'] } },
	properties,
);

// GET /userroles → { Roles } (unpaged)
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const name = textOf(filters.name).toLowerCase();
	let roles = (await listRoles.call(this, itemIndex)).filter(
		(role) => !name || String(roleField(role, 'Name')).toLowerCase().includes(name),
	);
	if (!(this.getNodeParameter('returnAll', itemIndex, false) as boolean)) {
		roles = roles.slice(0, Number(this.getNodeParameter('limit', itemIndex, 50)));
	}
	return roles.map(roleOutput);
}
