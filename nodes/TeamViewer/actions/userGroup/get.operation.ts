import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { userGroupRLC } from '../../descriptions/rlc.description';
import { invalidField, textOf } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['userGroup'], operation: ['get'] } },
	[userGroupRLC],
);

/** A user group ID: the int64 of TeamViewer's OpenAPI document, as digits. */
export function getUserGroupId(context: IExecuteFunctions, itemIndex: number): string {
	const raw = textOf(context.getNodeParameter('userGroupId', itemIndex, '', { extractValue: true }));
	return /^\d{1,19}$/.test(raw) ? raw.replace(/^0+(?=\d)/, '') : invalidField(context, itemIndex, 'User Group', raw, 'a user group ID (a number, e.g. 4242)');
}

// GET /usergroups/{id} → { id, name, … }
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const groupId = getUserGroupId(this, itemIndex);
	return [await teamViewerApiRequest.call(this, { method: 'GET', path: `/usergroups/${groupId}`, itemIndex })];
}
