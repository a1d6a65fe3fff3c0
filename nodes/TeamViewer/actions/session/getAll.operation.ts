import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyOutput } from '../../descriptions/common.description';
import { compactObject, normalizeIdField } from '../../helpers/params';
import { simplifySession } from '../../helpers/simplify';
import { teamViewerAllItems } from '../../transport';

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
				displayName: 'Assigned User ID',
				name: 'assignedUserId',
				type: 'string',
				default: '',
				placeholder: 'e.g. u1234567',
			},
			{
				displayName: 'Group ID',
				name: 'groupId',
				type: 'string',
				default: '',
				placeholder: 'e.g. g2720325',
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				default: 'open',
				options: [
					{ name: 'Closed', value: 'closed' },
					{ name: 'Open', value: 'open' },
				],
			},
		],
	},
	simplifyOutput,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['getAll'] } },
	properties,
);

export async function listSessions(
	this: IExecuteFunctions,
	qs: IDataObject,
	itemIndex: number,
	limit?: number,
): Promise<IDataObject[]> {
	return await teamViewerAllItems.call(
		this,
		{
			request: { method: 'GET', path: '/sessions', qs: { full_list: true, ...qs }, itemIndex },
			cursor: 'offset',
			itemsKey: 'sessions',
		},
		limit,
	);
}

// GET /sessions, paged with `offset` — reference §3.2
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const qs = compactObject({
		state: filters.state as string,
		groupid: filters.groupId
			? normalizeIdField(this, itemIndex, 'group', String(filters.groupId), 'Group ID')
			: undefined,
		assigned_userid: filters.assignedUserId
			? normalizeIdField(this, itemIndex, 'user', String(filters.assignedUserId), 'Assigned User ID')
			: undefined,
	});
	const sessions = await listSessions.call(this, qs, itemIndex, limit);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify ? sessions.map(simplifySession) : sessions;
}
