import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getUuid } from '../../helpers/params';
import { asList, field } from '../../helpers/insights';
import { teamViewerApiRequest } from '../../transport';
import { reportIdField } from './get.operation';

const properties: INodeProperties[] = [
	reportIdField,
	{
		displayName: 'Download',
		name: 'download',
		type: 'boolean',
		default: true,
		description: 'Whether to download each screenshot as binary data; off lists them only',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put each screenshot in',
		displayOptions: { show: { download: [true] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectionReport'], operation: ['getScreenshots'] } },
	properties,
);

/** Items carry binary data: the router passes them on as they are (with pairedItem). */
export const binaryOutput = true;

/** `image/png` → `png`, for a file name TeamViewer did not give; bytes of no known type are `.bin`. */
function extension(mimeType: string): string {
	const subtype = mimeType.split('/')[1] ?? '';
	if (subtype === 'jpeg') return 'jpg';
	return subtype === 'octet-stream' ? 'bin' : subtype.replace(/[^a-z0-9]/gi, '') || 'bin';
}

/**
 * GET /reports/connections/{outgoingSessionReportId}/screenshots lists { screenshotId, fileName, mimeType, takenAt };
 * GET /reports/connections/{outgoingSessionReportId}/{screenshotId}/screenshot answers the file as
 * application/octet-stream (TeamViewer's OpenAPI document, Connections_GetScreenshots / Connections_GetScreenshot).
 * One item per screenshot; a report without screenshots gives no item.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const reportId = getUuid(this, itemIndex, 'reportId', 'Report ID');
	const download = this.getNodeParameter('download', itemIndex, true) as boolean;
	const property = download ? (this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string).trim() || 'data' : '';
	const answer = await teamViewerApiRequest.call(this, { method: 'GET', path: `/reports/connections/${reportId}/screenshots`, itemIndex });
	const items: INodeExecutionData[] = [];
	for (const screenshot of asList(answer)) {
		const screenshotId = String(field(screenshot, 'screenshotId') ?? '');
		const json: IDataObject = { reportId, ...screenshot };
		if (!download || screenshotId === '') {
			items.push({ json });
			continue;
		}
		const file = (await teamViewerApiRequest.call(this, {
			method: 'GET',
			path: `/reports/connections/${reportId}/${encodeURIComponent(screenshotId)}/screenshot`,
			itemIndex,
			binary: true,
		})) as unknown as { data: Buffer };
		// The download is declared application/octet-stream (TeamViewer's OpenAPI document): the listed type is the
		// only one there is, and a screenshot listed without one stays octet-stream.
		const listedType = field(screenshot, 'mimeType');
		const mimeType = typeof listedType === 'string' && listedType !== '' ? listedType : 'application/octet-stream';
		const listedName = field(screenshot, 'fileName');
		const fileName = typeof listedName === 'string' && listedName.trim() !== '' ? listedName.trim() : `${screenshotId}.${extension(mimeType)}`;
		const binary = await this.helpers.prepareBinaryData(file.data, fileName, mimeType);
		items.push({ json, binary: { [property]: binary } });
	}
	return items;
}
