import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { teamViewerApiRequest } from '../../transport';
import { sessionCreateBody, sessionCreateFields } from './fields';

const properties: INodeProperties[] = [
	{
		displayName:
			'Send the end customer the <b>end_customer_link</b>; open the <b>supporter_link</b> yourself',
		name: 'linksNotice',
		type: 'notice',
		default: '',
	},
	...sessionCreateFields,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['create'] } },
	properties,
);

// POST /sessions — reference §3.1
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const body = sessionCreateBody(this, itemIndex);
	const session = await teamViewerApiRequest.call(this, {
		method: 'POST',
		path: '/sessions',
		body,
		itemIndex,
	});
	return [session];
}
