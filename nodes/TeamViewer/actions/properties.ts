import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty } from '../descriptions/common.description';
import * as account from './account';
import * as connectionReport from './connectionReport';
import * as contact from './contact';
import * as device from './device';
import * as eventLog from './eventLog';
import * as group from './group';
import * as managedDevice from './managedDevice';
import * as session from './session';
import * as user from './user';

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
			{ name: 'Device (Computers & Contacts)', value: 'device' },
			{ name: 'Event Log', value: 'eventLog' },
			{ name: 'Group', value: 'group' },
			{ name: 'Managed Device', value: 'managedDevice' },
			{ name: 'Service Case (Session)', value: 'session' },
			{ name: 'User', value: 'user' },
		],
		default: 'session',
	},
	...account.description,
	...connectionReport.description,
	...contact.description,
	...device.description,
	...eventLog.description,
	...group.description,
	...managedDevice.description,
	...session.description,
	...user.description,
];
