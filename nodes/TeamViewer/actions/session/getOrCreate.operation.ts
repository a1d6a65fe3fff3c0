import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidField } from '../../helpers/params';
import { isReusableSession } from '../../helpers/sessions';
import { teamViewerApiRequest, teamViewerNow, teamViewerPages } from '../../transport';
import { sessionCreateBody, sessionCreateFields } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Custom ID',
		name: 'customId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. incident:46d44a5dc0a80164000ad4e9ab7a8d5a',
		description:
			'Your key for the ticket, e.g. table and record ID. An open, unexpired service case with this custom ID is reused instead of creating a second one.',
	},
	...sessionCreateFields([], ['customApi']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Minimum Remaining Validity (Minutes)',
				name: 'minValidityMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Reuse a case only if its link stays valid at least this long; otherwise create a new one',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['getOrCreate'] } },
	properties,
);

/**
 * One ticket, one service case: looks for an open case carrying the custom ID (within the group when
 * the group is known by ID; paging stops at the first match) and creates one only when none can be
 * reused. The custom ID is also written to `custom_api`, because TeamViewer does not document
 * `customId` on reads; the Custom API Field is therefore not offered here. Output has `created`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const customId = (this.getNodeParameter('customId', itemIndex, '') as string).trim();
	if (!customId) {
		invalidField(this, itemIndex, 'Custom ID', customId, 'a non-empty key for the ticket, e.g. INC0010042');
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = sessionCreateBody(this, itemIndex);

	const minValidityMinutes = (options.minValidityMinutes as number) ?? 0;
	const pages = teamViewerPages.call(this, {
		request: {
			method: 'GET',
			path: '/sessions',
			qs: { full_list: true, state: 'open', ...(body.groupid ? { groupid: body.groupid } : {}) },
			itemIndex,
		},
		cursor: 'offset',
		itemsKey: 'sessions',
	});
	for await (const sessions of pages) {
		const now = teamViewerNow(this);
		const reusable = sessions.find((session) => isReusableSession(session, customId, now, minValidityMinutes));
		if (reusable) return [{ ...reusable, created: false }];
	}

	const session = await teamViewerApiRequest.call(this, {
		method: 'POST',
		path: '/sessions',
		body: { ...body, customId, custom_api: customId },
		itemIndex,
	});
	return [{ ...session, created: true }];
}
