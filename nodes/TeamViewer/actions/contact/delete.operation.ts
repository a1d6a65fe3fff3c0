import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getPrefixedId } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{ displayName: 'Contact ID', name: 'contactId', type: 'string', required: true, default: '', placeholder: 'e.g. c5551234' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['delete'] } },
	properties,
);

// DELETE /contacts/{id} → 204
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const contactId = getPrefixedId(this, itemIndex, 'contact', 'contactId', 'Contact ID');
	await teamViewerApiRequest.call(this, { method: 'DELETE', path: `/contacts/${contactId}`, itemIndex });
	return [{ contact_id: contactId, deleted: true }];
}
