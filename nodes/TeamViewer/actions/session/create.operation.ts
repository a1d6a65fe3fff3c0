import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { teamViewerApiRequest } from '../../transport';
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
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['create'] } },
	properties,
);

// POST /sessions — reference §3.1
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const body = sessionCreateBody(this, itemIndex);
	const { customId } = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	if (typeof customId === 'string' && customId.trim()) body.customId = customId.trim();
	const session = await teamViewerApiRequest.call(this, {
		method: 'POST',
		path: '/sessions',
		body,
		itemIndex,
	});
	return [session];
}
