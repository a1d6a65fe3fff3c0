import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyOutput } from '../../descriptions/common.description';
import { normalizeSessionCode, normalizeTeamViewerId } from '../../helpers/ids';
import { optionalLocator, userRLC } from '../../descriptions/rlc.description';
import {
	compactObject,
	dateField,
	invalidField,
	normalizeIdField,
	optionalPrefixedId,
} from '../../helpers/params';
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
			{
				displayName: 'Device TeamViewer ID',
				name: 'deviceId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 123 456 789',
				description: 'Only connections to the device with this TeamViewer ID',
			},
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
			{
				displayName: 'Has Session Code',
				name: 'hasCode',
				type: 'options',
				default: 'any',
				options: [
					{ name: 'Any', value: 'any' },
					{ name: 'No (Unattended and Direct Connections)', value: 'no' },
					{ name: 'Yes (Service Cases)', value: 'yes' },
				],
			},
			{
				displayName: 'Session Code',
				name: 'sessionCode',
				type: 'string',
				default: '',
				placeholder: 'e.g. s123-456-789',
				description: 'Only connections of this service case',
			},
			{
				displayName: 'Session Type',
				name: 'sessionType',
				type: 'options',
				default: 'any',
				options: [
					{ name: 'Any', value: 'any' },
					{ name: 'Remote Connection', value: '1' },
					{ name: 'Remote Support', value: '2' },
					{ name: 'Remote Support via SDK', value: '3' },
				],
			},
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

/** Maps the Filters collection to the query of GET /reports/connections (reference §4.1). */
export function reportQuery(
	context: IExecuteFunctions,
	itemIndex: number,
	filters: IDataObject,
): IDataObject {
	const text = (key: string) => String(filters[key] ?? '').trim();
	const qs: IDataObject = compactObject({
		username: text('userName'),
		devicename: text('deviceName'),
		from_date: filters.fromDate ? dateField(context, itemIndex, filters.fromDate, 'From') : undefined,
		to_date: filters.toDate ? dateField(context, itemIndex, filters.toDate, 'To') : undefined,
	});
	const user = optionalPrefixedId(context, itemIndex, 'user', filters.userId, 'User');
	if (user) qs.userid = user;
	if (text('groupId')) {
		qs.groupid = text('groupId') === '0' ? '0' : normalizeIdField(context, itemIndex, 'group', text('groupId'), 'Group ID');
	}
	if (text('deviceId')) {
		qs.deviceid =
			normalizeTeamViewerId(text('deviceId')) ??
			invalidField(context, itemIndex, 'Device TeamViewer ID', text('deviceId'), 'a TeamViewer ID of 9 or 10 digits, e.g. 123 456 789');
	}
	if (text('sessionCode')) {
		qs.session_code =
			normalizeSessionCode(text('sessionCode')) ??
			invalidField(context, itemIndex, 'Session Code', text('sessionCode'), 'a session code such as s123-456-789');
	}
	if (filters.hasCode === 'yes' || filters.hasCode === 'no') qs.has_code = filters.hasCode === 'yes';
	if (filters.sessionType && filters.sessionType !== 'any') qs.support_session_type = filters.sessionType;
	const features = text('features')
		.split(',')
		.map((feature) => feature.trim())
		.filter(Boolean);
	if (features.length) qs.sessionReportFeatures = features;
	if (qs.from_date && qs.to_date && Date.parse(qs.from_date as string) >= Date.parse(qs.to_date as string)) {
		invalidField(context, itemIndex, 'From', filters.fromDate, 'a time before "To"');
	}
	return qs;
}

// GET /reports/connections, newest first, paged with `offset_id` — reference §4.1
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
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
