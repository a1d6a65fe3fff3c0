import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { getPrefixedId } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{ displayName: 'Contact ID', name: 'contactId', type: 'string', required: true, default: '', placeholder: 'e.g. c5551234' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	properties,
);

// GET /contacts/{id} → the list model `{contacts: [one]}` (TeamViewer's OpenAPI document; TeamViewerPS Get-TeamViewerContact.ps1 reads `.contacts`)
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const contactId = getPrefixedId(this, itemIndex, 'contact', 'contactId', 'Contact ID');
	const response = await teamViewerApiRequest.call(this, { method: 'GET', path: `/contacts/${contactId}`, itemIndex });
	const contact = ((response.contacts as IDataObject[] | undefined) ?? [])[0];
	if (!contact) {
		throw new NodeOperationError(this.getNode(), `Contact "${contactId}" was not found in TeamViewer`, {
			itemIndex,
			description: 'TeamViewer answered without the contact. Check the ID: it may be mistyped, deleted, or in a group this token cannot see.',
		});
	}
	return [contact];
}
