import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common.description';
import { groupRLC, optionalLocator } from '../../descriptions/rlc.description';
import { compactObject, emailField, optionalPrefixedId, textOf } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Email', name: 'email', type: 'string', default: '', placeholder: 'e.g. nathan@example.com', description: 'One or more emails, separated by commas' },
			optionalLocator(groupRLC, 'Group', 'groupId', 'Only contacts in this group'),
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{
				displayName: 'Online State',
				name: 'onlineState',
				type: 'options',
				default: 'online',
				options: [
					{ name: 'Away', value: 'away' },
					{ name: 'Busy', value: 'busy' },
					{ name: 'Offline', value: 'offline' },
					{ name: 'Online', value: 'online' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getAll'] } },
	properties,
);

// GET /contacts (unpaged)
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	// One or more addresses, comma-separated; sent trimmed and checked, like the user filter
	const emails = String(filters.email ?? '')
		.split(',')
		.map((email) => email.trim())
		.filter(Boolean)
		.map((email) => emailField(this, itemIndex, email, 'Email'));
	const qs = compactObject({
		name: textOf(filters.name),
		email: emails.join(','),
		online_state: filters.onlineState as string,
		groupid: optionalPrefixedId(this, itemIndex, 'group', filters.groupId, 'Group'),
	});
	const response = await teamViewerApiRequest.call(this, { method: 'GET', path: '/contacts', qs, itemIndex });
	const contacts = (response.contacts as IDataObject[] | undefined) ?? [];
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return contacts;
	return contacts.slice(0, Number(this.getNodeParameter('limit', itemIndex, 50)));
}
