import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	DEFAULT_WINDOWS,
	deviceTeamViewerIdFilter,
	hasCodeFilter,
	parallelWindows,
	returnAllOrLimit,
	sessionTypeFilter,
	simplifyOutput,
} from '../../descriptions/common.description';
import { optionalLocator, userRLC } from '../../descriptions/rlc.description';
import { reportQuery } from '../../helpers/reports';
import { simplifyReport, withDuration } from '../../helpers/simplify';
import { isoSecond, teamViewerAllItems, teamViewerWindowedItems } from '../../transport';

/** Reports per item in "One Item per Page": TeamViewer's own page size (GET /reports/connections in TeamViewer's OpenAPI document). */
const PAGE_SIZE = 1000;

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Device Name',
				name: 'deviceName',
				type: 'string',
				default: '',
				description: 'Only connections to the device with this name',
			},
			deviceTeamViewerIdFilter,
			{
				displayName: 'Features',
				name: 'features',
				type: 'string',
				default: '',
				placeholder: 'e.g. AiSummary, ChatTranscript',
				description: 'Only reports having these session report features (comma-separated)',
			},
			{
				displayName: 'From',
				name: 'fromDate',
				type: 'dateTime',
				default: '',
				description: 'Only connections that started at or after this time',
			},
			{
				displayName: 'Group ID',
				name: 'groupId',
				type: 'string',
				default: '',
				placeholder: 'e.g. g2720325',
				description: 'Only connections to devices in this group; 0 for devices in no group',
			},
			hasCodeFilter,
			{
				displayName: 'Session Code',
				name: 'sessionCode',
				type: 'string',
				default: '',
				placeholder: 'e.g. s123-456-789',
				description: 'Only connections of this service case',
			},
			sessionTypeFilter,
			{
				displayName: 'To',
				name: 'toDate',
				type: 'dateTime',
				default: '',
				description: 'Only connections that ended before this time',
			},
			optionalLocator(userRLC, 'User', 'userId', 'Only connections of this TeamViewer account'),
			{
				displayName: 'User Name',
				name: 'userName',
				type: 'string',
				default: '',
				description: 'Only connections of the user with this name',
			},
		],
	},
	simplifyOutput,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				default: 'records',
				options: [
					{
						name: 'One Item per Page',
						value: 'pages',
						description: 'Items of up to 1000 reports each (`records`), newest first: a year of reports through Loop Over Items',
					},
					{ name: 'One Item per Report', value: 'records' },
				],
			},
			parallelWindows('With Return All and a From date, the range'),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectionReport'], operation: ['getAll'] } },
	properties,
);

// GET /reports/connections, newest first, paged with `offset_id`; with Return All and From, in date windows
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	const qs = reportQuery(this, itemIndex, filters);
	const paged = { request: { method: 'GET' as const, path: '/reports/connections', qs, itemIndex }, cursor: 'offset_id' as const, itemsKey: 'records' };
	const windows = Number(options.windows ?? DEFAULT_WINDOWS);
	const records =
		returnAll && qs.from_date && windows > 1
			? await teamViewerWindowedItems.call(this, {
					from: Date.parse(qs.from_date as string),
					to: qs.to_date ? Date.parse(qs.to_date as string) : undefined,
					windows,
					kind: 'sortedDescending',
					request: (_lower, upper) => (upper === undefined ? paged : { ...paged, request: { ...paged.request, qs: { ...qs, to_date: isoSecond(upper) } } }),
					dateOf: (record) => Date.parse(String(record.end_date)),
					identity: 'id',
				})
			: await teamViewerAllItems.call(this, paged, limit);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const shaped = records.map(simplify ? simplifyReport : withDuration);
	if (options.output !== 'pages') return shaped;
	const pages: IDataObject[] = [];
	for (let start = 0; start < shaped.length; start += PAGE_SIZE) {
		pages.push({ page: pages.length + 1, count: Math.min(PAGE_SIZE, shaped.length - start), records: shaped.slice(start, start + PAGE_SIZE) });
	}
	return pages;
}
