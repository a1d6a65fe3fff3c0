import type { INodeProperties } from 'n8n-workflow';

export const sessionRLC: INodeProperties = {
	displayName: 'Service Case',
	name: 'sessionCode',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The service case (session) by its session code',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a service case…',
			typeOptions: { searchListMethod: 'searchSessions', searchable: true },
		},
		{
			displayName: 'By Session Code',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. s123-456-789',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*[sS]?\\d{3}[- ]?\\d{3}[- ]?\\d{3}\\s*$',
						errorMessage: 'Not a session code (e.g. s123-456-789)',
					},
				},
			],
		},
		{
			displayName: 'By Link',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://get.teamviewer.com/v15/s123456789',
			extractValue: { type: 'regex', regex: '[/=](s\\d{9})(?:[-&#?/]|$)' },
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^https?://.*[/=]s\\d{9}([-&#?/].*)?$',
						errorMessage: 'Not a TeamViewer session link',
					},
				},
			],
		},
	],
};

export const groupRLC: INodeProperties = {
	displayName: 'Group',
	name: 'groupId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'A group in Computers & Contacts',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a group…',
			typeOptions: { searchListMethod: 'searchGroups', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. g2720325',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\s*[gG]?\\d+\\s*$', errorMessage: 'Not a group ID (e.g. g2720325)' },
				},
			],
		},
	],
};

/** Session create also accepts a group name: TeamViewer then files the case under that group. */
export const groupOrNameRLC: INodeProperties = {
	...groupRLC,
	description:
		'The group the service case is filed under. "By Name" sends the name as is; TeamViewer uses the group of that name.',
	modes: [
		...(groupRLC.modes ?? []),
		{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. ServiceNow' },
	],
};

export const deviceRLC: INodeProperties = {
	displayName: 'Device',
	name: 'deviceId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'A device entry in Computers & Contacts',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a device…',
			typeOptions: { searchListMethod: 'searchDevices', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. d9876543',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\s*[dD]?\\d+\\s*$', errorMessage: 'Not a device ID (e.g. d9876543)' },
				},
			],
		},
	],
};

export const userRLC: INodeProperties = {
	displayName: 'User',
	name: 'userId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'A user of your TeamViewer company',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a user…',
			typeOptions: { searchListMethod: 'searchUsers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. u1234567',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\s*[uU]?\\d+\\s*$', errorMessage: 'Not a user ID (e.g. u1234567)' },
				},
			],
		},
	],
};

export const policyRLC: INodeProperties = {
	displayName: 'Policy',
	name: 'policyId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'A TeamViewer settings policy',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a policy…',
			typeOptions: { searchListMethod: 'searchPolicies', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$',
						errorMessage: 'Not a policy ID (e.g. 0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11)',
					},
				},
			],
		},
	],
};

/** A locator as an optional field of a collection (Additional Fields, Update Fields, Filters). */
export function optionalLocator(
	locator: INodeProperties,
	displayName: string,
	name: string,
	description: string,
): INodeProperties {
	return { ...locator, displayName, name, description, required: false };
}

export const managedGroupRLC: INodeProperties = {
	displayName: 'Managed Group',
	name: 'managedGroupId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'A managed group (device group) in the TeamViewer Management Console',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a managed group…',
			typeOptions: { searchListMethod: 'searchManagedGroups', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$',
						errorMessage: 'Not a managed group ID (a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6)',
					},
				},
			],
		},
	],
};

export const userRoleRLC: INodeProperties = {
	displayName: 'User Role',
	name: 'userRoleId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'A user role of your TeamViewer company',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a user role…',
			typeOptions: { searchListMethod: 'searchUserRoles', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$',
						errorMessage: 'Not a user role ID (a UUID, e.g. 0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11)',
					},
				},
			],
		},
	],
};

export const userGroupRLC: INodeProperties = {
	displayName: 'User Group',
	name: 'userGroupId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'A user group of your TeamViewer company',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a user group…',
			typeOptions: { searchListMethod: 'searchUserGroups', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 4242',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Not a user group ID (a number, e.g. 4242)' },
				},
			],
		},
	],
};
