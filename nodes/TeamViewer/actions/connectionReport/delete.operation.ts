import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getUuid } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';
import { reportIdField } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['connectionReport'], operation: ['delete'] } },
	[reportIdField],
);

// DELETE /reports/connections/{id} → 204
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = getUuid(this, itemIndex, 'reportId', 'Report ID');
	await teamViewerApiRequest.call(this, { method: 'DELETE', path: `/reports/connections/${id}`, itemIndex });
	return [{ id, deleted: true }];
}
