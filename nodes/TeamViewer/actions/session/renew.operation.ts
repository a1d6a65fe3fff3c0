import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { sessionRLC } from '../../descriptions/rlc.description';
import { getOrCreateCaseInGroup } from '../../helpers/oneCasePerKey';
import { dateField, getSessionCode, invalidField } from '../../helpers/params';
import { SESSION_TYPES } from '../../helpers/sessions';
import { closeSession } from './close.operation';
import { getSession } from './get.operation';
import { minValidityOption } from './fields';

const properties: INodeProperties[] = [
	{ ...sessionRLC, description: 'The service case to replace, e.g. the one the trigger reported as expiring soon' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			minValidityOption(
				'An open case of the ticket (same custom ID) is handed out instead of a new one only if its link stays valid longer than this. Use the same value as the flows that call Get or Create for these tickets.',
			),
			{
				displayName: 'Valid Until',
				name: 'validUntil',
				type: 'dateTime',
				default: '',
				description: 'When the new link stops working. TeamViewer uses 24 hours after creation when empty.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['renew'] } },
	properties,
);

const closed = (session: IDataObject) => String(session.state ?? '').toLowerCase() === 'closed';

/** `support_session_type` as TeamViewer reads it back ("Default", "Pilot") → the integer create takes. */
const sessionTypeOf = (session: IDataObject) =>
	/pilot|assist/i.test(String(session.support_session_type ?? '')) ? SESSION_TYPES.assistAr : SESSION_TYPES.remoteControl;

/**
 * Renew: the ticket keeps exactly one open case. The old case is closed FIRST, then the ticket's
 * case is taken with Get or Create by the old case's custom ID in its group (helpers/oneCasePerKey.ts).
 * Closing first is what makes concurrent and retried renewals safe: once closed, the old case is no
 * longer a candidate for anyone (it was created earliest, so it would otherwise win Get or Create
 * for a caller asking for less validity and make that caller close the new case), and every renewal,
 * and every ticket flow calling Get or Create meanwhile, converges on the same new case: one of them
 * creates it (`created: true`), the others get it (`created: false`). A rerun after the old case was
 * closed gets the same case again. A case the customer is online in is left alone (`renewed: false`).
 * Closing first also frees the licence channel the old case held before the new one takes one.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const code = getSessionCode(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const validUntil = options.validUntil ? dateField(this, itemIndex, options.validUntil, 'Valid Until') : undefined;
	if (validUntil !== undefined && Date.parse(validUntil) <= Date.now()) {
		invalidField(this, itemIndex, 'Valid Until', options.validUntil, 'a date and time in the future');
	}
	const old = await getSession.call(this, code, itemIndex);
	const customId = String(old.customId ?? old.custom_api ?? '').trim();
	if (!customId) {
		throw new NodeOperationError(this.getNode(), `Service case ${code} has no custom ID, so it cannot be renewed`, {
			itemIndex,
			description:
				'Renew keeps one open case per ticket by its custom ID. Create the cases with Session → Get or Create (or set Custom ID / Custom API Field), or close this case and create a new one.',
		});
	}
	if (!closed(old) && old.online === true) {
		return [{ ...old, renewed: false, reason: `The customer is online in service case ${code}; it was not replaced.` }];
	}
	if (!closed(old)) await closeSession(this, code, itemIndex);

	const body: IDataObject = {
		groupid: old.groupid,
		support_session_type: sessionTypeOf(old),
		customId,
		custom_api: customId,
	};
	for (const key of ['description', 'waiting_message', 'assigned_userid'] as const) {
		if (typeof old[key] === 'string' && old[key] !== '') body[key] = old[key];
	}
	const customer = old.end_customer as IDataObject | null | undefined;
	if (customer && (customer.name || customer.email)) {
		body.end_customer = Object.fromEntries(Object.entries({ name: customer.name, email: customer.email }).filter(([, value]) => value));
	}
	if (validUntil !== undefined) body.valid_until = validUntil;

	const renewed = await getOrCreateCaseInGroup(
		this,
		{ customId, minValidityMinutes: Number(options.minValidityMinutes ?? 0), itemIndex },
		body,
	);
	return [{ ...renewed, renewed: true, replacedCode: code }];
}
