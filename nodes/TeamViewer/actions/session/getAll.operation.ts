import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyOutput } from '../../descriptions/common.description';
import { groupRLC, optionalLocator, userRLC } from '../../descriptions/rlc.description';
import { compactObject, optionalPrefixedId } from '../../helpers/params';
import { simplifySession } from '../../helpers/simplify';
import { teamViewerAllItems, teamViewerNow } from '../../transport';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			optionalLocator(userRLC, 'Assigned User', 'assignedUserId', 'Only cases assigned to this supporter'),
			optionalLocator(groupRLC, 'Group', 'groupId', 'Only cases in this group'),
			{
				displayName: 'Link Validity',
				name: 'validity',
				type: 'options',
				default: 'any',
				description: "Judged on TeamViewer's clock, so a skewed n8n clock cannot misjudge it",
				options: [
					{ name: 'Any', value: 'any' },
					{ name: 'Expired (Past Valid Until)', value: 'expired' },
					{ name: 'Still Valid', value: 'valid' },
				],
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

async function listSessions(
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

// GET /sessions, paged with `offset`
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	const qs = compactObject({
		state: filters.state as string,
		groupid: optionalPrefixedId(this, itemIndex, 'group', filters.groupId, 'Group'),
		assigned_userid: optionalPrefixedId(this, itemIndex, 'user', filters.assignedUserId, 'Assigned User'),
	});
	const validity = (filters.validity as string | undefined) ?? 'any';
	// Validity is judged here, so Limit applies after it: page until enough cases match.
	let sessions = await listSessions.call(this, qs, itemIndex, validity === 'any' ? limit : undefined);
	if (validity !== 'any') {
		const now = teamViewerNow(this).getTime();
		sessions = sessions.filter((session) => (Date.parse(String(session.valid_until)) <= now) === (validity === 'expired'));
		if (limit !== undefined) sessions = sessions.slice(0, limit);
	}
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify ? sessions.map(simplifySession) : sessions;
}
