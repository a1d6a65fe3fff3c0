import type { Permission } from '../permissions';
import type { EndCustomer, OnlineState } from '../types';

// The fixed cast of the sandbox company; the generator in index.ts adds ids, times and history.

export type GroupName = 'Customers' | 'ServiceNow' | 'Servers' | 'Shared with me';

export interface ServiceCase {
	groupName: GroupName;
	creator: number;
	assignee?: number;
	hoursAgo: number;
	description: string;
	customer: EndCustomer;
	customId?: string;
	/** Connected 5 minutes after creation and closed this many minutes after creation. */
	closedAfterMinutes?: number;
}

export const LIMITED_PERMISSIONS: Permission[] = [
	'account.read',
	'users.read',
	'sessions.viewOwn',
	'sessions.editOwn',
	'groups.read',
	'devices.read',
	'contacts.read',
	'managedDevices.read',
];

export const USERS: Array<{ name: string; online_state: OnlineState }> = [
	{ name: 'Ada Agent', online_state: 'Online' },
	{ name: 'Ben Backoffice', online_state: 'Busy' },
	{ name: 'Chloe Field', online_state: 'Online' },
	{ name: 'Dana Ops', online_state: 'Away' },
	{ name: 'Emil Escalation', online_state: 'Offline' },
];

export const DEVICES: Array<[group: GroupName, alias: string, description: string | null]> = [
	['Customers', 'PC-ACCOUNTING-01', '2nd floor, accounting'],
	['Customers', 'PC-ACCOUNTING-02', '2nd floor, accounting'],
	['Customers', 'PC-RECEPTION', 'Front desk'],
	['Customers', 'LAPTOP-SALES-07', null],
	['Customers', 'MAC-DESIGN-03', 'Design studio'],
	['Servers', 'SRV-DB-01', 'PostgreSQL primary'],
	['Servers', 'SRV-WEB-01', 'Web frontend'],
	['Servers', 'SRV-WEB-02', 'Web frontend'],
	['Servers', 'SRV-BACKUP-01', null],
	['ServiceNow', 'KIOSK-LOBBY', 'Visitor kiosk'],
	['ServiceNow', 'POS-STORE-12', 'Store 12 till'],
	['Shared with me', 'NAS-ARCHIVE', 'Archive storage'],
];

export const MANAGED_DEVICES = [
	'LAPTOP-HR-01',
	'LAPTOP-HR-02',
	'WS-ENGINEERING-04',
	'WS-ENGINEERING-05',
	'TABLET-WAREHOUSE-1',
	'SRV-FILE-02',
];

export const CUSTOMERS = {
	erika: { name: 'Erika Muster', email: 'erika.muster@customer.example' },
	john: { name: 'John Doe', email: 'john.doe@acme.example' },
	li: { name: 'Li Wei', email: 'li.wei@globex.example' },
	maria: { name: 'Maria Rossi', email: 'maria.rossi@initech.example' },
	ahmed: { name: 'Ahmed Khan', email: 'ahmed.khan@umbrella.example' },
} satisfies Record<string, EndCustomer>;

/** Two open, one open but expired (created 30 h ago), two closed with a connection each. */
export const SERVICE_CASES: ServiceCase[] = [
	{
		groupName: 'ServiceNow',
		creator: 0,
		assignee: 0,
		hoursAgo: 2,
		description: 'Printer does not print',
		customer: CUSTOMERS.erika,
		customId: 'INC0010001',
	},
	{
		groupName: 'Customers',
		creator: 0,
		hoursAgo: 0.7,
		description: 'VPN drops every few minutes',
		customer: CUSTOMERS.john,
	},
	{
		groupName: 'ServiceNow',
		creator: 1,
		assignee: 1,
		hoursAgo: 30,
		description: 'Outlook keeps asking for the password',
		customer: CUSTOMERS.li,
	},
	{
		groupName: 'Customers',
		creator: 0,
		assignee: 0,
		hoursAgo: 74,
		description: 'Install the new printer driver',
		customer: CUSTOMERS.maria,
		closedAfterMinutes: 45,
	},
	{
		groupName: 'ServiceNow',
		creator: 0,
		assignee: 2,
		hoursAgo: 26,
		description: 'Teams camera not detected',
		customer: CUSTOMERS.ahmed,
		closedAfterMinutes: 30,
	},
];

/** Event names beyond the documented session events are the simulator's own. */
export const ADMIN_EVENTS: Array<[type: string, name: string]> = [
	['UserProfile', 'ChangedDisplayName'],
	['GroupManagement', 'SharedGroup'],
	['DeviceManagement', 'ChangedDeviceAlias'],
	['Policy', 'ChangedPolicy'],
	['CompanyAdministration', 'AddedUser'],
	['LicenseManagement', 'AssignedLicense'],
];
