import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidField } from '../../helpers/params';
import { isReusableSession } from '../../helpers/sessions';
import { teamViewerApiRequest } from '../../transport';
import { sessionCreateBody, sessionCreateFields } from './fields';
import { listSessions } from './getAll.operation';

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
	...sessionCreateFields(),
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
 * the group is known by ID) and creates one only when none can be reused. Output has `created`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const customId = (this.getNodeParameter('customId', itemIndex, '') as string).trim();
	if (!customId) {
		invalidField(this, itemIndex, 'Custom ID', customId, 'a non-empty key for the ticket, e.g. INC0010042');
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = sessionCreateBody(this, itemIndex);

	const open = await listSessions.call(
		this,
		{ state: 'open', ...(body.groupid ? { groupid: body.groupid } : {}) },
		itemIndex,
	);
	const now = new Date();
	const reusable = open.find((session) =>
		isReusableSession(session, customId, now, (options.minValidityMinutes as number) ?? 0),
	);
	if (reusable) return [{ ...reusable, created: false }];

	const session = await teamViewerApiRequest.call(this, {
		method: 'POST',
		path: '/sessions',
		body: { ...body, customId, custom_api: body.custom_api ?? customId },
		itemIndex,
	});
	return [{ ...session, created: true }];
}
