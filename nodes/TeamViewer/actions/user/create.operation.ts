import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionalLocator, userRoleRLC } from '../../descriptions/rlc.description';
import { createOnce, findInList } from '../../helpers/createOnce';
import { LANGUAGE_CODES, LANGUAGE_OPTIONS, normalizeLanguage } from '../../helpers/languages';
import { compactObject, emailField, invalidField, locatorValueOf, secretOf, textOf } from '../../helpers/params';
import { isUuid } from '../../helpers/ids';

/** Fields Create and Update share, under the same names. */
export const sharedUserFields: Record<string, INodeProperties> = {
	customQuickJoinId: { displayName: 'Custom QuickJoin ID', name: 'customQuickJoinId', type: 'string', default: '' },
	customQuickSupportId: { displayName: 'Custom QuickSupport ID', name: 'customQuickSupportId', type: 'string', default: '' },
	licenseKey: {
		displayName: 'License Key',
		name: 'licenseKey',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'TeamViewer licence key to activate for the user',
	},
	logSessions: { displayName: 'Log Sessions', name: 'logSessions', type: 'boolean', default: true, description: 'Whether connections of the user are logged in connection reports' },
	showCommentWindow: { displayName: 'Show Comment Window', name: 'showCommentWindow', type: 'boolean', default: false, description: 'Whether the user is asked for a comment after each session' },
	ssoCustomerId: {
		displayName: 'SSO Customer ID',
		name: 'ssoCustomerId',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'Customer identifier of the company\'s single sign-on setup (Management Console → Single Sign-On)',
	},
};

const properties: INodeProperties[] = [
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'e.g. nathan@example.com', required: true, default: '' },
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', description: '2 to 50 characters' },
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		required: true,
		options: LANGUAGE_OPTIONS,
		default: 'en',
		description:
			'Language of the emails TeamViewer sends the user. An expression may also give a locale such as de-DE or zh-CN; it is converted to TeamViewer\'s code.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Active', name: 'active', type: 'boolean', default: true, description: 'Whether the user can sign in right away' },
			sharedUserFields.customQuickJoinId,
			sharedUserFields.customQuickSupportId,
			{
				displayName: 'Ignore Predefined Role',
				name: 'ignorePredefinedRole',
				type: 'boolean',
				default: false,
				description: 'Whether to leave the user without the company\'s predefined role when no User Role is given',
			},
			sharedUserFields.licenseKey,
			sharedUserFields.logSessions,
			{
				displayName: 'Meeting License Key',
				name: 'meetingLicenseKey',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'Licence key for TeamViewer Meeting to activate for the user',
			},
			{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '', description: 'Leave empty to let TeamViewer send an invitation' },
			sharedUserFields.showCommentWindow,
			sharedUserFields.ssoCustomerId,
			{ displayName: 'Subscribe to Newsletter', name: 'subscribeNewsletter', type: 'boolean', default: false, description: 'Whether the user receives TeamViewer\'s newsletter' },
			optionalLocator(userRoleRLC, 'User Role', 'userRoleId', 'The user role to give the user instead of the company\'s predefined role'),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['create'] } },
	properties,
);

/** TeamViewer's language code for the Language field; old workflows may hold a free-text locale. */
export function languageField(context: IExecuteFunctions, itemIndex: number): string {
	const raw = textOf(context.getNodeParameter('language', itemIndex, 'en'));
	return (
		normalizeLanguage(raw) ??
		invalidField(
			context,
			itemIndex,
			'Language',
			raw,
			`one of TeamViewer's language codes (${LANGUAGE_CODES.join(', ')}); a locale such as de-DE or zh-CN is converted`,
		)
	);
}

/** A user role ID from a locator or text: a UUID, lower case. */
export function roleIdField(context: IExecuteFunctions, itemIndex: number, value: unknown, field: string): string | undefined {
	const raw = locatorValueOf(value);
	if (!raw) return undefined;
	return isUuid(raw) ? raw.toLowerCase() : invalidField(context, itemIndex, field, raw, 'a user role ID (a UUID, e.g. 0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11)');
}

/** Body fields Create and Update share, in TeamViewer's names. */
export function userFieldsBody(fields: IDataObject): IDataObject {
	return compactObject({
		password: secretOf(fields.password),
		sso_customer_id: secretOf(fields.ssoCustomerId),
		log_sessions: fields.logSessions as boolean | undefined,
		show_comment_window: fields.showCommentWindow as boolean | undefined,
		custom_quicksupport_id: textOf(fields.customQuickSupportId),
		custom_quickjoin_id: textOf(fields.customQuickJoinId),
		license_key: textOf(fields.licenseKey),
	});
}

/**
 * POST /users → 200 User (TeamViewer's OpenAPI document; fields as TeamViewerPS New-TeamViewerUser.ps1 sends
 * them). Once per email (helpers/createOnce.ts): before creating, the company's users are looked up by email
 * and a user with it is returned with `created: false`, so a rerun makes no second account.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const email = emailField(this, itemIndex, this.getNodeParameter('email', itemIndex, ''), 'Email');
	const name = textOf(this.getNodeParameter('name', itemIndex, ''));
	if (name.length < 2 || name.length > 50) invalidField(this, itemIndex, 'Name', name, '2 to 50 characters');
	const language = languageField(this, itemIndex);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body = compactObject({
		email,
		name,
		language,
		...userFieldsBody(fields),
		userRoleId: roleIdField(this, itemIndex, fields.userRoleId, 'User Role'),
		// TeamViewerPS sends the flag only when it is set.
		ignorePredefinedRole: fields.ignorePredefinedRole === true ? true : undefined,
		active: fields.active as boolean | undefined,
		subscribe_newsletter: fields.subscribeNewsletter as boolean | undefined,
		meeting_license_key: textOf(fields.meetingLicenseKey),
	});
	const user = await createOnce(this, { method: 'POST', path: '/users', body, itemIndex }, {
		what: `user ${email}`,
		id: [email.toLowerCase()],
		find: findInList(this, '/users', { email, full_list: true }, 'users', (user) =>
			String(user.email).toLowerCase() === email.toLowerCase(), itemIndex),
		check: `Look for ${email} among the company's users (User → Get Many)`,
	});
	return [{ email, ...user }];
}
