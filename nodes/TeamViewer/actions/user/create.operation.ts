import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createOnce, findInList } from '../../helpers/createOnce';
import { compactObject, emailField, invalidField, secretOf, textOf } from '../../helpers/params';

const properties: INodeProperties[] = [
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'e.g. nathan@example.com', required: true, default: '' },
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', description: '2 to 50 characters' },
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		required: true,
		default: 'en',
		placeholder: 'e.g. en',
		description: 'Language code for emails TeamViewer sends the user',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Custom QuickJoin ID', name: 'customQuickJoinId', type: 'string', default: '' },
			{ displayName: 'Custom QuickSupport ID', name: 'customQuickSupportId', type: 'string', default: '' },
			{ displayName: 'Log Sessions', name: 'logSessions', type: 'boolean', default: true, description: 'Whether connections of the user are logged in connection reports' },
			{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '', description: 'Leave empty to let TeamViewer send an invitation' },
			{ displayName: 'Show Comment Window', name: 'showCommentWindow', type: 'boolean', default: false, description: 'Whether the user is asked for a comment after each session' },
			{ displayName: 'User Role ID', name: 'userRoleId', type: 'string', default: '', description: 'UUID of the user role to assign' },
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['create'] } },
	properties,
);

export function userFieldsBody(fields: IDataObject): IDataObject {
	return compactObject({
		password: secretOf(fields.password),
		userRoleId: textOf(fields.userRoleId),
		log_sessions: fields.logSessions as boolean | undefined,
		show_comment_window: fields.showCommentWindow as boolean | undefined,
		custom_quicksupport_id: textOf(fields.customQuickSupportId),
		custom_quickjoin_id: textOf(fields.customQuickJoinId),
	});
}

/**
 * POST /users → 200 User. Once per email (helpers/createOnce.ts): a user of the
 * company with that email is returned with `created: false`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const email = emailField(this, itemIndex, this.getNodeParameter('email', itemIndex, ''), 'Email');
	const name = textOf(this.getNodeParameter('name', itemIndex, ''));
	if (name.length < 2 || name.length > 50) invalidField(this, itemIndex, 'Name', name, '2 to 50 characters');
	const language = textOf(this.getNodeParameter('language', itemIndex, 'en'));
	if (!/^[a-z]{2}([-_][a-zA-Z]{2,4})?$/.test(language)) {
		invalidField(this, itemIndex, 'Language', language, 'a language code such as en, de or pt-BR');
	}
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body = { email, name, language, ...userFieldsBody(fields) };
	const user = await createOnce(this, { method: 'POST', path: '/users', body, itemIndex }, {
		what: `user ${email}`,
		id: [email.toLowerCase()],
		find: findInList(this, '/users', { email, full_list: true }, 'users', (user) =>
			String(user.email).toLowerCase() === email.toLowerCase(), itemIndex),
		check: `Look for ${email} among the company's users (User → Get Many)`,
	});
	return [{ email, ...user }];
}
