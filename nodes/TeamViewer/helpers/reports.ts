import type { IDataObject } from 'n8n-workflow';

import { normalizeSessionCode, normalizeTeamViewerId } from './ids';
import type { NodeContext } from './params';
import {
	compactObject,
	dateField,
	invalidField,
	locatorValueOf,
	normalizeIdField,
	optionalPrefixedId,
} from './params';

/** Maps the Filters collection to the query of GET /reports/connections. */
export function reportQuery(
	context: NodeContext,
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
	const group = locatorValueOf(filters.groupId);
	if (group) qs.groupid = group === '0' ? '0' : normalizeIdField(context, itemIndex, 'group', group, 'Group ID');
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
