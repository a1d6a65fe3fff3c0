import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { managedGroupRLC } from '../../descriptions/rlc.description';
import { getUuid } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['managedGroup'], operation: ['get'] } },
	[managedGroupRLC],
);

/** The managed group of the item's locator, as a lower-case UUID (else a named-field error). */
export function getManagedGroupId(context: IExecuteFunctions, itemIndex: number): string {
	return getUuid(context, itemIndex, 'managedGroupId', 'Managed Group');
}

export async function getManagedGroup(this: IExecuteFunctions, id: string, itemIndex: number): Promise<IDataObject> {
	return await teamViewerApiRequest.call(this, { method: 'GET', path: `/managed/groups/${id}`, itemIndex });
}

// GET /managed/groups/{id}
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return [await getManagedGroup.call(this, getManagedGroupId(this, itemIndex), itemIndex)];
}
