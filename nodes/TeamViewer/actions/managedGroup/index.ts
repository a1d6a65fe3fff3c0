import type { INodeProperties } from 'n8n-workflow';

import * as addDevice from './addDevice.operation';
import * as addManager from './addManager.operation';
import * as create from './create.operation';
import * as deleteManagedGroup from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getDevices from './getDevices.operation';
import * as getManagers from './getManagers.operation';
import * as getPendingDevices from './getPendingDevices.operation';
import * as removeDevice from './removeDevice.operation';
import * as removeManager from './removeManager.operation';
import * as removePolicy from './removePolicy.operation';
import * as update from './update.operation';
import * as updateManager from './updateManager.operation';

export {
	addDevice,
	addManager,
	create,
	deleteManagedGroup as delete,
	get,
	getAll,
	getDevices,
	getManagers,
	getPendingDevices,
	removeDevice,
	removeManager,
	removePolicy,
	update,
	updateManager,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['managedGroup'] } },
		options: [
			{ name: 'Add Device', value: 'addDevice', description: 'Add a managed device to the group', action: 'Add a device to a managed group' },
			{ name: 'Add Manager', value: 'addManager', description: 'Make an account or the company a manager of a group', action: 'Add a manager to a managed group' },
			{ name: 'Create', value: 'create', description: 'Create a managed group, or return the one of that name', action: 'Create a managed group' },
			{ name: 'Delete', value: 'delete', description: 'Delete a managed group (its devices stay managed)', action: 'Delete a managed group' },
			{ name: 'Get', value: 'get', description: 'Get a managed group', action: 'Get a managed group' },
			{ name: 'Get Devices', value: 'getDevices', description: 'List the devices in a managed group', action: 'Get the devices of a managed group' },
			{ name: 'Get Managers', value: 'getManagers', description: 'List the accounts and companies that manage a group', action: 'Get the managers of a managed group' },
			{ name: 'Get Many', value: 'getAll', description: 'List managed groups', action: 'Get many managed groups' },
			{ name: 'Get Pending Devices', value: 'getPendingDevices', description: 'List devices added to the group that have not joined it yet', action: 'Get the pending devices of a managed group' },
			{ name: 'Remove Device', value: 'removeDevice', description: 'Take a device out of the group', action: 'Remove a device from a managed group' },
			{ name: 'Remove Manager', value: 'removeManager', description: 'Take a manager off a group', action: 'Remove a manager from a managed group' },
			{ name: 'Remove Policy', value: 'removePolicy', description: 'Take a policy of one type off the group', action: 'Remove a policy from a managed group' },
			{ name: 'Update', value: 'update', description: 'Rename a managed group or set its policy', action: 'Update a managed group' },
			{ name: 'Update Manager Permissions', value: 'updateManager', description: 'Replace the permissions of a manager of a group', action: 'Update the permissions of a managed group manager' },
		],
		default: 'getAll',
	},
	...addDevice.description,
	...addManager.description,
	...create.description,
	...deleteManagedGroup.description,
	...get.description,
	...getAll.description,
	...getDevices.description,
	...getManagers.description,
	...getPendingDevices.description,
	...removeDevice.description,
	...removeManager.description,
	...removePolicy.description,
	...update.description,
	...updateManager.description,
];
