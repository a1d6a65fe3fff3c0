import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getUuid } from '../../helpers/params';
import { aiSummaryText } from '../../helpers/insights';
import { teamViewerApiRequest } from '../../transport';
import { reportIdField } from './get.operation';

const properties: INodeProperties[] = [
	{
		...reportIdField,
		description:
			'The ID of the connection report (a UUID). Session Insights must be activated for the company, the remote side must consent, and the remote device must run Windows or macOS.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectionReport'], operation: ['getAiSummary'] } },
	properties,
);

// GET /reports/connections/{outgoingSessionReportId}/ai-summary (TeamViewer's OpenAPI document, Connections_GetAiSummary)
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const reportId = getUuid(this, itemIndex, 'reportId', 'Report ID');
	const summary = await teamViewerApiRequest.call(this, { method: 'GET', path: `/reports/connections/${reportId}/ai-summary`, itemIndex });
	// TeamViewer's fields as sent, plus the report ID and the summary as text for a ticket note.
	return [{ reportId, ...summary, text: aiSummaryText(summary) }];
}
