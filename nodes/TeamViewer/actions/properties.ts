import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty } from '../descriptions/common.description';
import * as account from './account';
import * as connectionReport from './connectionReport';
import * as contact from './contact';
import * as customApiCall from './customApiCall';
import * as device from './device';
import * as deviceHygiene from './deviceHygiene';
import * as eventLog from './eventLog';
import * as group from './group';
import * as managedDevice from './managedDevice';
import * as managedGroup from './managedGroup';
import * as patchManagement from './patchManagement';
import * as policy from './policy';
import * as session from './session';
import * as user from './user';
import * as userGroup from './userGroup';
import * as userRole from './userRole';

export const properties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Account', value: 'account' },
			{ name: 'Connection Report', value: 'connectionReport' },
			{ name: 'Contact', value: 'contact' },
			{ name: 'Custom API Call', value: 'customApiCall' },
			{ name: 'Device (Computers & Contacts)', value: 'device' },
			{ name: 'Device Hygiene', value: 'deviceHygiene' },
			{ name: 'Event Log', value: 'eventLog' },
			{ name: 'Group', value: 'group' },
			{ name: 'Managed Device', value: 'managedDevice' },
			{ name: 'Managed Group', value: 'managedGroup' },
			{ name: 'Patch Management', value: 'patchManagement' },
			{ name: 'Policy', value: 'policy' },
			{ name: 'Service Case (Session)', value: 'session' },
			{ name: 'User', value: 'user' },
			{ name: 'User Group', value: 'userGroup' },
			{ name: 'User Role', value: 'userRole' },
		],
		default: 'session',
	},
	...account.description,
	...connectionReport.description,
	...contact.description,
	...customApiCall.description,
	...device.description,
	...deviceHygiene.description,
	...eventLog.description,
	...group.description,
	...managedDevice.description,
	...managedGroup.description,
	...patchManagement.description,
	...policy.description,
	...session.description,
	...user.description,
	...userGroup.description,
	...userRole.description,
];
