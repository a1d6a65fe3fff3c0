import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { groupRLC } from '../../descriptions/rlc.description';
import { createOnce, findInList } from '../../helpers/createOnce';
import { compactObject, emailField, getPrefixedId, textOf } from '../../helpers/params';

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

/**
 * POST /contacts → 200 Contact. Once per email and group (helpers/createOnce.ts):
 * a contact with that email in the group is returned with `created: false`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const email = emailField(this, itemIndex, this.getNodeParameter('email', itemIndex, ''), 'Email');
	const groupid = getPrefixedId(this, itemIndex, 'group', 'groupId', 'Group');
	const body = compactObject({
		email,
		groupid,
		name: textOf(fields.name),
		description: textOf(fields.description),
		invite: fields.invite as boolean | undefined,
	});
	const contact = await createOnce(this, { method: 'POST', path: '/contacts', body, itemIndex }, {
		what: `contact ${email} in group ${groupid}`,
		id: [email.toLowerCase(), groupid],
		find: findInList(this, '/contacts', { email, groupid }, 'contacts', (contact) =>
			String(contact.email).toLowerCase() === email.toLowerCase() && contact.groupid === groupid, itemIndex),
		check: `Look for ${email} in group ${groupid} (Contact → Get Many)`,
	});
	return [contact];
}
