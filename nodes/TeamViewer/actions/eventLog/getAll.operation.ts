import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common.description';
import { dateField, emailField, invalidField } from '../../helpers/params';
import { teamViewerPages } from '../../transport';

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
			{ displayName: 'Event Names', name: 'eventNames', type: 'string', default: '', placeholder: 'e.g. StartedSession, EndedSession', description: 'Comma-separated' },
			{
				displayName: 'Event Types',
				name: 'eventTypes',
				type: 'multiOptions',
				default: [],
				options: EVENT_TYPES.map((type) => ({ name: titleCase(type), value: type })),
			},
		],
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
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	const events: IDataObject[] = [];
	const pages = teamViewerPages.call(this, {
		request: { method: 'POST', path: '/EventLogging', body, idempotent: true, itemIndex },
		cursor: 'ContinuationToken',
		itemsKey: 'AuditEvents',
		onPage: (page) => {
			if (page.ParsingError) {
				throw new NodeOperationError(this.getNode(), `TeamViewer could not read the event log filter: ${String(page.ParsingError)}`, {
					itemIndex,
					description: 'Check Event Names, Event Types and Account Emails under "Filters".',
				});
			}
		},
	});
	for await (const page of pages) {
		events.push(...page);
		if (limit !== undefined && events.length >= limit) return events.slice(0, limit);
	}
	return events;
}
