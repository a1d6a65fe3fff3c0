import type { INodeProperties } from 'n8n-workflow';

import * as addManager from './addManager.operation';
import * as changeGroups from './changeGroups.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getGroups from './getGroups.operation';
import * as getManagers from './getManagers.operation';
import * as removeManagement from './removeManagement.operation';
import * as removeManager from './removeManager.operation';
import * as removePolicy from './removePolicy.operation';
import * as setDescription from './setDescription.operation';
import * as update from './update.operation';
import * as updateManager from './updateManager.operation';

export {
	addManager,
	changeGroups,
	get,
	getAll,
	getGroups,
	getManagers,
	removeManagement,
	removeManager,
	removePolicy,
	setDescription,
	update,
	updateManager,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['managedDevice'] } },
		options: [
			{ name: 'Add Manager', value: 'addManager', description: 'Make an account or the company a manager of a device', action: 'Add a manager to a managed device' },
			{ name: 'Change Groups', value: 'changeGroups', description: 'Add a device to managed groups, take it out of some, or move it', action: 'Change the groups of a managed device' },
			{ name: 'Get', value: 'get', description: 'Get a managed device', action: 'Get a managed device' },
			{ name: 'Get Groups', value: 'getGroups', description: 'List the managed groups a device is in', action: 'Get the groups of a managed device' },
			{ name: 'Get Managers', value: 'getManagers', description: 'List the accounts and companies that manage a device', action: 'Get the managers of a managed device' },
			{ name: 'Get Many', value: 'getAll', description: 'List managed devices', action: 'Get many managed devices' },
			{ name: 'Remove Management', value: 'removeManagement', description: 'Remove all managers and groups from a device', action: 'Remove management from a device' },
			{ name: 'Remove Manager', value: 'removeManager', description: 'Take a manager off a device', action: 'Remove a manager from a managed device' },
			{ name: 'Remove Policy', value: 'removePolicy', description: 'Take a policy of one type off a device', action: 'Remove a policy from a managed device' },
			{ name: 'Set Description', value: 'setDescription', description: 'Set or clear the description of a device', action: 'Set the description of a managed device' },
			{ name: 'Update', value: 'update', description: 'Rename a managed device or change its policy or group', action: 'Update a managed device' },
			{ name: 'Update Manager Permissions', value: 'updateManager', description: 'Replace the permissions of a manager of a device', action: 'Update the permissions of a managed device manager' },
		],
		default: 'getAll',
	},
	...addManager.description,
	...changeGroups.description,
	...get.description,
	...getAll.description,
	...getGroups.description,
	...getManagers.description,
	...removeManagement.description,
	...removeManager.description,
	...removePolicy.description,
	...setDescription.description,
	...update.description,
	...updateManager.description,
];
