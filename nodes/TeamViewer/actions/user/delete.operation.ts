import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { userRLC } from '../../descriptions/rlc.description';
import { getPrefixedId } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['delete'] } },
	[
		userRLC,
		{
			displayName: 'Delete Permanently',
			name: 'permanent',
			type: 'boolean',
			default: false,
			description:
				'Whether to delete the TeamViewer account itself. Off: the user only leaves your company and keeps the account.',
		},
		{
			displayName: 'The account is deleted for good, with its contacts and settings; this cannot be undone',
			name: 'permanentNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { permanent: [true] } },
		},
	],
);

/**
 * DELETE /users/{id} → 204 removes the user from the company; `?isPermanentDelete=true` deletes the account
 * (TeamViewer's OpenAPI document; TeamViewerPS Remove-TeamViewerUser.ps1 -Permanent).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const userId = getPrefixedId(this, itemIndex, 'user', 'userId', 'User');
	const permanent = this.getNodeParameter('permanent', itemIndex, false) as boolean;
	await teamViewerApiRequest.call(this, {
		method: 'DELETE',
		path: `/users/${userId}`,
		qs: permanent ? { isPermanentDelete: true } : undefined,
		itemIndex,
	});
	return [{ id: userId, deleted: true, permanent }];
}
