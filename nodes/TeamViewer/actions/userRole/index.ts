import type { INodeProperties } from 'n8n-workflow';

import * as assignToUserGroup from './assignToUserGroup.operation';
import * as assignToUsers from './assignToUsers.operation';
import * as create from './create.operation';
import * as deleteRole from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getUserGroups from './getUserGroups.operation';
import * as getUsers from './getUsers.operation';
import * as unassignFromUserGroup from './unassignFromUserGroup.operation';
import * as unassignFromUsers from './unassignFromUsers.operation';
import * as update from './update.operation';

export {
	assignToUserGroup,
	assignToUsers,
	create,
	deleteRole as delete,
	get,
	getAll,
	getUserGroups,
	getUsers,
	unassignFromUserGroup,
	unassignFromUsers,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['userRole'] } },
		options: [
			{ name: 'Assign to User Group', value: 'assignToUserGroup', description: 'Give a user group the role (replaces the role the group had)', action: 'Assign a user role to a user group' },
			{ name: 'Assign to Users', value: 'assignToUsers', description: 'Give users the role', action: 'Assign a user role to users' },
			{ name: 'Create', value: 'create', description: 'Create a user role with permissions', action: 'Create a user role' },
			{ name: 'Delete', value: 'delete', description: 'Delete a user role', action: 'Delete a user role' },
			{ name: 'Get', value: 'get', description: 'Get a user role and its permissions', action: 'Get a user role' },
			{ name: 'Get Many', value: 'getAll', description: 'List the user roles of your company', action: 'Get many user roles' },
			{ name: 'Get User Groups', value: 'getUserGroups', description: 'List the user groups that have the role', action: 'Get the user groups of a user role' },
			{ name: 'Get Users', value: 'getUsers', description: 'List the users who have the role', action: 'Get the users of a user role' },
			{ name: 'Unassign From User Group', value: 'unassignFromUserGroup', description: 'Take the role away from a user group', action: 'Unassign a user role from a user group' },
			{ name: 'Unassign From Users', value: 'unassignFromUsers', description: 'Take the role away from users', action: 'Unassign a user role from users' },
			{ name: 'Update', value: 'update', description: 'Rename a user role or change its permissions', action: 'Update a user role' },
		],
		default: 'getAll',
	},
	...assignToUserGroup.description,
	...assignToUsers.description,
	...create.description,
	...deleteRole.description,
	...get.description,
	...getAll.description,
	...getUserGroups.description,
	...getUsers.description,
	...update.description,
];
