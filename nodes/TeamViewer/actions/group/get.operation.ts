import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { groupRLC } from '../../descriptions/rlc.description';
import { getPrefixedId } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['get'] } },
	[groupRLC],
);

export async function getGroup(
	this: IExecuteFunctions,
	groupId: string,
	itemIndex: number,
): Promise<IDataObject> {
	return await teamViewerApiRequest.call(this, { method: 'GET', path: `/groups/${groupId}`, itemIndex });
}

// GET /groups/{id}
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return [await getGroup.call(this, getPrefixedId(this, itemIndex, 'group', 'groupId', 'Group'), itemIndex)];
}
