import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { findDuplicates } from '../../helpers/deviceHygiene';
import { inventoryFields, readInventory, requireSources } from './inventory';

export const description = updateDisplayOptions(
	{ show: { resource: ['deviceHygiene'], operation: ['findDuplicates'] } },
	inventoryFields,
);

/**
 * GET /devices (twice: all, and offline) and GET /managed/devices[/company] (paged): one item per group of
 * records sharing a TeamViewer ID within one list, or a name across TeamViewer IDs.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	requireSources(this, itemIndex);
	return findDuplicates(await readInventory.call(this, itemIndex));
}
