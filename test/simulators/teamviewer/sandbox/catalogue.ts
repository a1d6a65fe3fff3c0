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

/** Managed groups: members and pending members by MANAGED_DEVICES index; `byAda`: Ada is a manager. */
export const MANAGED_GROUPS: Array<{ name: string; members: number[]; pending: number[]; byAda: boolean; policy: boolean }> = [
	{ name: 'Engineering', members: [2, 3], pending: [], byAda: true, policy: true },
	{ name: 'HR Laptops', members: [0, 1], pending: [4], byAda: true, policy: false },
	{ name: 'Warehouse', members: [4, 5], pending: [], byAda: false, policy: false },
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

/**
 * User roles of the sandbox, with fixed ids (drawing them from the generator would change every later
 * random value of the sandbox). Users by position in USERS.
 */
export const USER_ROLES = [
	{ id: '3b9f1c52-7d1e-4c4e-9a1f-0c2d5e6f7a81', name: 'Administrator', permissions: ['AllowGroupSharing', 'ManageAdmins', 'ManageUsers'], users: [0] },
	{ id: '8e2d4a17-5b3c-4f6d-8e9a-1b2c3d4e5f60', name: 'Supporter', permissions: ['ManageConnections', 'ModifyConnections'], users: [1, 2] },
	{ id: 'c4a7e9f2-1d3b-4a5c-b6d7-e8f9a0b1c2d3', name: 'Viewer', permissions: [], users: [] },
] as const;

/** User groups of the sandbox: members by position in USERS; `role` names one of USER_ROLES. */
export const USER_GROUPS = [
	{ name: 'Helpdesk', members: [1, 2], role: 'Supporter' },
	{ name: 'Escalation', members: [3, 4], role: null },
] as const;
