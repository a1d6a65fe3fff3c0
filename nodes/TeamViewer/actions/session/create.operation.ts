import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mayHaveBeenCreated } from '../../helpers/createOnce';
import { getOrCreateCaseInGroup } from '../../helpers/oneCasePerKey';
import { invalidField, textOf } from '../../helpers/params';
import { isAmbiguousCreate, passThroughError, teamViewerApiRequest } from '../../transport';
import { sessionCreateBody, sessionCreateFields } from './fields';

const customIdField: INodeProperties = {
	displayName: 'Custom ID',
	name: 'customId',
	type: 'string',
	default: '',
	placeholder: 'e.g. INC0010042',
	description: 'Your own key for the case, e.g. the ticket number. Use "Get or Create" to reuse a case by it.',
};

const properties: INodeProperties[] = [
	{
		displayName:
			'Send the end customer the <b>end_customer_link</b>; open the <b>supporter_link</b> yourself',
		name: 'linksNotice',
		type: 'notice',
		default: '',
	},
	...sessionCreateFields([customIdField]),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				placeholder: 'e.g. INC0010042',
				description:
					'Makes Create safe to run again: the key is sent as the custom ID, and an open case that already carries it is returned instead of creating a second one (also after a timeout, a rerun or a retried execution). Output gets <code>created</code>.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['create'] } },
	properties,
);

/**
 * POST /sessions. Without an idempotency key a create whose outcome is unknown
 * (timeout, dropped connection, 500, 504) fails with "may have been created": a case has no other
 * key to look it up by. With a key, Create runs like Get or Create on that key
 * (helpers/oneCasePerKey.ts): one open case per key, whatever the retries and concurrency.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const body = sessionCreateBody(this, itemIndex);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const customId = textOf(fields.customId);
	const idempotencyKey = textOf((this.getNodeParameter('options', itemIndex, {}) as IDataObject).idempotencyKey);
	if (!idempotencyKey) {
		if (customId) body.customId = customId;
		try {
			return [await teamViewerApiRequest.call(this, { method: 'POST', path: '/sessions', body, itemIndex })];
		} catch (error) {
			if (!isAmbiguousCreate(error)) throw passThroughError(this.getNode(), error, itemIndex);
			throw mayHaveBeenCreated(
				this,
				error,
				'service case',
				`Look for an open case created just now (Session → Get Many), or set Options → Idempotency Key (e.g. the ticket number) so that the node can check by itself`,
				itemIndex,
			);
		}
	}
	if (customId && customId !== idempotencyKey) {
		invalidField(this, itemIndex, 'Custom ID', customId, `the same value as the Idempotency Key ("${idempotencyKey}") or empty: the key is sent as the custom ID`);
	}
	if (body.custom_api !== undefined && body.custom_api !== idempotencyKey) {
		invalidField(this, itemIndex, 'Custom API Field', body.custom_api, 'empty when an Idempotency Key is set: the key is also written there, so that reads can find the case');
	}
	const session = await getOrCreateCaseInGroup(
		this,
		{ customId: idempotencyKey, minValidityMinutes: 0, itemIndex },
		{ ...body, customId: idempotencyKey, custom_api: idempotencyKey },
	);
	return [session];
}
