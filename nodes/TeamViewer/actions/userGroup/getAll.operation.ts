import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common.description';
import { teamViewerPages } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['userGroup'], operation: ['getAll'] } },
	returnAllOrLimit as INodeProperties[],
);

/** Largest `limit` the node asks for per page (TeamViewerPS does not send one; the maximum is not documented). */
export const USER_GROUP_PAGE_LIMIT = 100;

/**
 * Pages of a user-group list (`resources`, `nextPaginationToken`), asking for no more than still needed
 * with `limit`, until `limit` items are read or the list ends.
 */
export async function readUserGroupPages(
	this: IExecuteFunctions,
	path: string,
	itemIndex: number,
	limit?: number,
): Promise<IDataObject[]> {
	const collected: IDataObject[] = [];
	const pageLimit = Math.min(limit ?? USER_GROUP_PAGE_LIMIT, USER_GROUP_PAGE_LIMIT);
	for await (const items of teamViewerPages.call(this, {
		request: { method: 'GET', path, qs: { limit: pageLimit }, itemIndex },
		cursor: 'paginationToken',
		itemsKey: 'resources',
	})) {
		collected.push(...items);
		if (limit !== undefined && collected.length >= limit) return collected.slice(0, limit);
	}
	return collected;
}

// GET /usergroups?paginationToken=&limit= → { resources, nextPaginationToken }
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	return await readUserGroupPages.call(this, '/usergroups', itemIndex, limit);
}
