import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidField, textOf } from '../../helpers/params';
import { getOrCreateCaseInGroup } from '../../helpers/oneCasePerKey';
import { minValidityOption, sessionCreateBody, sessionCreateFields } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Custom ID',
		name: 'customId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. incident:46d44a5dc0a80164000ad4e9ab7a8d5a',
		description:
			'Your key for the ticket, e.g. table and record ID. An open, unexpired service case with this custom ID is reused instead of creating a second one, also when several executions ask at once.',
	},
	...sessionCreateFields([], ['customApi']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			minValidityOption(
				'Reuse a case only if its link stays valid longer than this; otherwise create a new one',
			),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['getOrCreate'] } },
	properties,
);

/**
 * One ticket, one service case: reuses the open case carrying the custom ID in the group (a name is
 * resolved to the group's ID) and creates one only when none can be reused. Concurrent calls converge
 * on one case (see helpers/oneCasePerKey.ts). The custom ID is also written to `custom_api`, because
 * TeamViewer does not document `customId` on reads; the Custom API Field is therefore not offered
 * here. Output has `created`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const customId = textOf(this.getNodeParameter('customId', itemIndex, ''));
	if (!customId) {
		invalidField(this, itemIndex, 'Custom ID', customId, 'a non-empty key for the ticket, e.g. INC0010042');
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = sessionCreateBody(this, itemIndex);

	const session = await getOrCreateCaseInGroup(
		this,
		{ customId, minValidityMinutes: Number(options.minValidityMinutes ?? 0), itemIndex },
		{ ...body, customId, custom_api: customId },
	);
	return [session];
}
