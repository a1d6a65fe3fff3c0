import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { userRLC } from '../../descriptions/rlc.description';
import { getPrefixedId } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';
import { getUser } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['removeTfa'] } },
	[userRLC],
);

/**
 * DELETE /users/{id}/tfa (TeamViewer's OpenAPI document; TeamViewerPS Remove-TeamViewerUserTFA.ps1). The user
 * is read first: without two-factor authentication nothing is sent (`tfa_removed: false`), so a rerun does
 * not fail on a user whose second factor is already gone (what TeamViewer answers then is not documented).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const userId = getPrefixedId(this, itemIndex, 'user', 'userId', 'User');
	const before = await getUser.call(this, userId, itemIndex);
	if (before.tfa_enabled === false) return [{ id: userId, tfa_removed: false, tfa_enabled: false }];
	await teamViewerApiRequest.call(this, { method: 'DELETE', path: `/users/${userId}/tfa`, itemIndex });
	return [{ id: userId, tfa_removed: true, tfa_enabled: false }];
}
