import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { groupRLC } from '../../descriptions/rlc.description';
import { compactObject, emailField, getPrefixedId } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'e.g. nathan@example.com', required: true, default: '' },
	groupRLC,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{ displayName: 'Invite', name: 'invite', type: 'boolean', default: false, description: 'Whether TeamViewer emails the contact an invitation' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Display name (5 to 50 characters)' },
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	properties,
);

// POST /contacts → 200 Contact — reference §5.2
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body = compactObject({
		email: emailField(this, itemIndex, this.getNodeParameter('email', itemIndex, '') as string, 'Email'),
		groupid: getPrefixedId(this, itemIndex, 'group', 'groupId', 'Group'),
		name: fields.name as string,
		description: fields.description as string,
		invite: fields.invite as boolean | undefined,
	});
	return [await teamViewerApiRequest.call(this, { method: 'POST', path: '/contacts', body, itemIndex })];
}
