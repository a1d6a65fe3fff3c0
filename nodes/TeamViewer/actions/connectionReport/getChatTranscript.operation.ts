import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getUuid } from '../../helpers/params';
import { asList, chatTranscriptText } from '../../helpers/insights';
import { teamViewerApiRequest } from '../../transport';
import { reportIdField } from './get.operation';
import { transcriptOutput } from '../../descriptions/transcript.description';

const properties: INodeProperties[] = [reportIdField, transcriptOutput('message')];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectionReport'], operation: ['getChatTranscript'] } },
	properties,
);

// GET /reports/connections/{outgoingSessionReportId}/chat-transcript (OpenAPI: Connections_GetChatTranscript, an array of messages)
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const reportId = getUuid(this, itemIndex, 'reportId', 'Report ID');
	const answer = await teamViewerApiRequest.call(this, {
		method: 'GET',
		path: `/reports/connections/${reportId}/chat-transcript`,
		itemIndex,
	});
	const messages = asList(answer);
	if (this.getNodeParameter('output', itemIndex, 'transcript') === 'lines') {
		return messages.map((message) => ({ reportId, ...message }));
	}
	return [{ reportId, messages, text: chatTranscriptText(messages) }];
}
