import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common.description';
import { teamViewerAllItems } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['managedGroup'], operation: ['getAll'] } },
	returnAllOrLimit,
);

/**
 * A managed list (`/managed/...`): every page (`paginationToken` ← `nextPaginationToken`, items in
 * `resources`) or the first Limit items, as the item's Return All and Limit say.
 */
export async function managedList(this: IExecuteFunctions, path: string, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	return await teamViewerAllItems.call(
		this,
		{ request: { method: 'GET', path, itemIndex }, cursor: 'paginationToken', itemsKey: 'resources' },
		limit,
	);
}

// GET /managed/groups, paged with `paginationToken`
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await managedList.call(this, '/managed/groups', itemIndex);
}
