import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { compactObject, emailField, secretOf, textOf } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Current Password',
				name: 'oldPassword',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'The password the account has now; needed to set a new one',
			},
			{ displayName: 'Email', name: 'email', type: 'string', default: '', placeholder: 'e.g. nathan@example.com' },
			{
				displayName: 'Email Language',
				name: 'emailLanguage',
				type: 'string',
				default: '',
				placeholder: 'e.g. de',
				description: 'Language of the emails TeamViewer sends to the account, as a TeamViewer language code',
			},
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Display name (5 to 50 characters)' },
			{
				displayName: 'New Password',
				name: 'password',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'Needs "Current Password" too',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['update'] } },
	properties,
);

/**
 * PUT /account {name, email, password, oldpassword, email_language} → 204 (TeamViewer's OpenAPI document,
 * AccountPutParameters; TeamViewerPS Set-TeamViewerAccount.ps1 refuses a new password without the old one and
 * sends both as `password` / `oldpassword`), then GET /account. Passwords never reach the output, and the
 * transport cuts them out of any error TeamViewer's answer could echo them into.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const password = secretOf(fields.password) || undefined;
	const oldPassword = secretOf(fields.oldPassword) || undefined;
	if (password && !oldPassword) {
		throw new NodeOperationError(this.getNode(), 'A new password needs the current password', {
			itemIndex,
			description: 'Set "Current Password" under "Update Fields" next to "New Password" (TeamViewer checks it before changing the password).',
		});
	}
	if (oldPassword && !password) {
		throw new NodeOperationError(this.getNode(), '"Current Password" is set without a "New Password"', {
			itemIndex,
			description: 'Add "New Password", or remove "Current Password" from "Update Fields".',
		});
	}
	const email = textOf(fields.email);
	const body = compactObject({
		name: textOf(fields.name),
		email: email ? emailField(this, itemIndex, email, 'Email') : undefined,
		password,
		oldpassword: oldPassword,
		email_language: textOf(fields.emailLanguage),
	});
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No fields to update were set', {
			itemIndex,
			description: 'Add at least one field under "Update Fields".',
		});
	}
	await teamViewerApiRequest.call(this, {
		method: 'PUT',
		path: '/account',
		body,
		itemIndex,
		hint: 'Check the fields under "Update Fields": the name needs 5 to 50 characters, the email 6 to 100, a new password at least 6 and the current password must be right.',
	});
	return [await teamViewerApiRequest.call(this, { method: 'GET', path: '/account', itemIndex })];
}
