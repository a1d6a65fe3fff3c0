import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { groupRLC } from '../../descriptions/rlc.description';
import { getPrefixedId } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['delete'] } },
	[
		{
			displayName:
				'Deleting a group that is only shared with you removes the share, not the group',
			name: 'deleteNotice',
			type: 'notice',
			default: '',
		},
		groupRLC,
	],
);

// DELETE /groups/{id} → 204
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const groupId = getPrefixedId(this, itemIndex, 'group', 'groupId', 'Group');
	await teamViewerApiRequest.call(this, { method: 'DELETE', path: `/groups/${groupId}`, itemIndex });
	return [{ id: groupId, deleted: true }];
}
