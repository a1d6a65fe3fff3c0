import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { field } from '../../helpers/insights';
import { isUuid } from '../../helpers/ids';
import { teamViewerApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Report IDs',
		name: 'reportIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 7d0a6c2e-5b1f-4c59-9a53-2f3c1d0e9b11, 0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11',
		description: 'The connection reports to look up (UUIDs, separated by commas, spaces or new lines)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectionReport'], operation: ['getFeatures'] } },
	properties,
);

/** IDs per request: each one lengthens the URL by about 55 characters. */
const IDS_PER_REQUEST = 50;

function readIds(context: IExecuteFunctions, itemIndex: number): string[] {
	const raw = context.getNodeParameter('reportIds', itemIndex, '') as string;
	const parts = String(raw ?? '').split(/[\s,;]+/).map((part) => part.trim()).filter(Boolean);
	const bad = parts.find((part) => !isUuid(part));
	if (bad !== undefined || parts.length === 0) {
		throw new NodeOperationError(context.getNode(), `The Report IDs value "${bad ?? ''}" is not valid`, {
			itemIndex,
			description: 'Give one or more connection report IDs (UUIDs such as 7d0a6c2e-5b1f-4c59-9a53-2f3c1d0e9b11), separated by commas.',
		});
	}
	return [...new Set(parts.map((part) => part.toLowerCase()))];
}

/**
 * GET /reports/connections/features?sessionReportIds=… (exploded, TeamViewer's OpenAPI document,
 * Connections_GetSessionReportFeatures) → { SessionReportFeatures: [{ SessionReportId, FeatureName, FeatureId, Data }] }.
 * The POST /reports/connections/getFeatures twin is not used: its body is not shown in the document.
 * One item per report asked for, in the order given, with the names of its features.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const ids = readIds(this, itemIndex);
	const byReport = new Map<string, IDataObject[]>(ids.map((id) => [id, []]));
	for (let start = 0; start < ids.length; start += IDS_PER_REQUEST) {
		const answer = await teamViewerApiRequest.call(this, {
			method: 'GET',
			path: '/reports/connections/features',
			qs: { sessionReportIds: ids.slice(start, start + IDS_PER_REQUEST) },
			itemIndex,
		});
		const records = field(answer, 'SessionReportFeatures');
		for (const record of Array.isArray(records) ? (records as IDataObject[]) : []) {
			const id = String(field(record, 'SessionReportId') ?? '').toLowerCase();
			byReport.get(id)?.push(record);
		}
	}
	return ids.map((reportId) => {
		const records = byReport.get(reportId) ?? [];
		const names = [...new Set(records.map((record) => String(field(record, 'FeatureName') ?? '')).filter(Boolean))];
		return { reportId, features: names, records };
	});
}
