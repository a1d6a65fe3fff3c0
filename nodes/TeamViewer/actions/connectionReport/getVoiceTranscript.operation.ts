import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getUuid } from '../../helpers/params';
import { asList, voiceTranscriptText } from '../../helpers/insights';
import { teamViewerApiRequest } from '../../transport';
import { reportIdField } from './get.operation';
import { transcriptOutput } from '../../descriptions/transcript.description';

const properties: INodeProperties[] = [reportIdField, transcriptOutput('line')];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectionReport'], operation: ['getVoiceTranscript'] } },
	properties,
);

// GET /reports/connections/{outgoingSessionReportId}/voice-transcript (OpenAPI: Connections_GetVoiceTranscript, an array of lines)
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const reportId = getUuid(this, itemIndex, 'reportId', 'Report ID');
	const answer = await teamViewerApiRequest.call(this, {
		method: 'GET',
		path: `/reports/connections/${reportId}/voice-transcript`,
		itemIndex,
	});
	const lines = asList(answer);
	if (this.getNodeParameter('output', itemIndex, 'transcript') === 'lines') {
		return lines.map((line) => ({ reportId, ...line }));
	}
	return [{ reportId, lines, text: voiceTranscriptText(lines) }];
}
