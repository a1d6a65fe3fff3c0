import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	deviceTeamViewerIdFilter,
	hasCodeFilter,
	returnAllOrLimit,
	sessionTypeFilter,
	simplifyOutput,
} from '../../descriptions/common.description';
import { optionalLocator, userRLC } from '../../descriptions/rlc.description';
import { reportQuery } from '../../helpers/reports';
import { simplifyReport, withDuration } from '../../helpers/simplify';
import { teamViewerAllItems } from '../../transport';

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
];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectionReport'], operation: ['getAll'] } },
	properties,
);

// GET /reports/connections, newest first, paged with `offset_id`
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	const records = await teamViewerAllItems.call(
		this,
		{
			request: { method: 'GET', path: '/reports/connections', qs: reportQuery(this, itemIndex, filters), itemIndex },
			cursor: 'offset_id',
			itemsKey: 'records',
		},
		limit,
	);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	return records.map(simplify ? simplifyReport : withDuration);
}
