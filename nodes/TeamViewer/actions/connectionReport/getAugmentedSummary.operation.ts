import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getUuid } from '../../helpers/params';
import { augmentedSummaryText } from '../../helpers/insights';
import { teamViewerApiRequest } from '../../transport';
import { reportIdField } from './get.operation';

const properties: INodeProperties[] = [reportIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectionReport'], operation: ['getAugmentedSummary'] } },
	properties,
);

// GET /reports/connections/{outgoingSessionReportId}/augmented-session-summary (OpenAPI: Connections_GetCallSummary, { summary, title })
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const reportId = getUuid(this, itemIndex, 'reportId', 'Report ID');
	const summary = await teamViewerApiRequest.call(this, {
		method: 'GET',
		path: `/reports/connections/${reportId}/augmented-session-summary`,
		itemIndex,
	});
	return [{ reportId, ...summary, text: augmentedSummaryText(summary) }];
}
