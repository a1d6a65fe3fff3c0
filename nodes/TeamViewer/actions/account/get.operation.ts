import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { teamViewerApiRequest } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['get'] } },
	[],
);

// GET /account
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return [await teamViewerApiRequest.call(this, { method: 'GET', path: '/account', itemIndex })];
}
