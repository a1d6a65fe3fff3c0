import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { DEFAULT_WINDOWS, parallelWindows, returnAllOrLimit } from '../../descriptions/common.description';
import { isUuid } from '../../helpers/ids';
import { dateField, emailField, invalidField, textOf } from '../../helpers/params';
import type { PagedRequest } from '../../transport';
import { isoSecond, teamViewerPages, teamViewerWindowedItems } from '../../transport';

const EVENT_TYPES = [
	'CompanyAddressBook',
	'CompanyAdministration',
	'CompanySettings',
	'ConditionalAccess',
	'CustomModules',
	'DeviceGroupManagement',
	'DeviceManagement',
	'GroupManagement',
	'LicenseManagement',
	'OrganizationalUnit',
	'Policy',
	'Session',
	'SingleSignOnManagement',
	'TFAEnforcement',
	'UserGroups',
	'UserProfile',
	'UserRole',
];

const properties: INodeProperties[] = [
	{ displayName: 'Start', name: 'startDate', type: 'dateTime', required: true, default: '', description: 'Events at or after this time' },
	{ displayName: 'End', name: 'endDate', type: 'dateTime', required: true, default: '', description: 'Events before this time' },
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Account Emails', name: 'accountEmails', type: 'string', default: '', description: 'Events by these accounts (comma-separated)' },
			{
				displayName: 'Affected Item',
				name: 'affectedItem',
				type: 'string',
				default: '',
				placeholder: 'e.g. u1234567',
				description: 'Only events about this item. TeamViewer then leaves out all session events.',
			},
			{ displayName: 'Event Names', name: 'eventNames', type: 'string', default: '', placeholder: 'e.g. StartedSession, EndedSession', description: 'Comma-separated' },
			{
				displayName: 'Event Types',
				name: 'eventTypes',
				type: 'multiOptions',
				default: [],
				options: EVENT_TYPES.map((type) => ({ name: titleCase(type), value: type })),
			},
			{
				displayName: 'Remote Control Session ID',
				name: 'rcSessionGuid',
				type: 'string',
				default: '',
				placeholder: 'e.g. 0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11',
				description: 'Only the events of this remote-control session (its GUID). TeamViewer then leaves out all events that are not about sessions.',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [parallelWindows('With Return All, the range from Start to End')],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['eventLog'], operation: ['getAll'] } },
	properties,
);

/** `SingleSignOnManagement` → `Single Sign On Management`, `TFAEnforcement` → `TFA Enforcement`. */
function titleCase(identifier: string): string {
	return identifier.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
}

const list = (value: unknown) =>
	String(value ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);

// POST /EventLogging, 50 per page, paged with ContinuationToken
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const start = dateField(this, itemIndex, this.getNodeParameter('startDate', itemIndex, ''), 'Start');
	const end = dateField(this, itemIndex, this.getNodeParameter('endDate', itemIndex, ''), 'End');
	if (Date.parse(start) >= Date.parse(end)) invalidField(this, itemIndex, 'Start', start, 'a time before "End"');
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const body: IDataObject = { StartDate: start, EndDate: end };
	const names = list(filters.eventNames);
	if (names.length) body.EventNames = names;
	if (Array.isArray(filters.eventTypes) && filters.eventTypes.length) body.EventTypes = filters.eventTypes;
	const emails = list(filters.accountEmails).map((email) => emailField(this, itemIndex, email, 'Account Emails'));
	if (emails.length) body.AccountEmails = emails;
	// AffectedItem and RCSessionGuid: TeamViewer's OpenAPI document (AuditLogParameters) and TeamViewerPS Get-TeamViewerEventLog.ps1
	const affectedItem = textOf(filters.affectedItem);
	if (affectedItem) body.AffectedItem = affectedItem;
	const rcSession = textOf(filters.rcSessionGuid);
	if (rcSession) {
		body.RCSessionGuid = isUuid(rcSession)
			? rcSession.toLowerCase()
			: invalidField(this, itemIndex, 'Remote Control Session ID', rcSession, 'a session GUID such as 0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11');
	}
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	const request = (from: string, to: string): PagedRequest => ({
		request: { method: 'POST', path: '/EventLogging', body: { ...body, StartDate: from, EndDate: to }, idempotent: true, itemIndex },
		cursor: 'ContinuationToken',
		itemsKey: 'AuditEvents',
		onPage: (page) => {
			if (page.ParsingError) {
				throw new NodeOperationError(this.getNode(), `TeamViewer could not read the event log filter: ${String(page.ParsingError)}`, {
					itemIndex,
					description: 'Check the fields under "Filters".',
				});
			}
		},
	});
	const windows = Number((this.getNodeParameter('options', itemIndex, {}) as IDataObject).windows ?? DEFAULT_WINDOWS);
	if (returnAll && windows > 1) {
		return await teamViewerWindowedItems.call(this, {
			from: Date.parse(start),
			to: Date.parse(end),
			windows,
			kind: 'slices',
			request: (lower, upper) =>
				request(lower === undefined ? start : isoSecond(lower - 1000), upper === undefined ? end : isoSecond(upper)),
			dateOf: (event) => Date.parse(String(event.Timestamp)),
		});
	}
	const events: IDataObject[] = [];
	for await (const page of teamViewerPages.call(this, request(start, end))) {
		events.push(...page);
		if (limit !== undefined && events.length >= limit) return events.slice(0, limit);
	}
	return events;
}
