import type { IDataObject } from 'n8n-workflow';

import { teamViewerWorkflow } from '../harness/engine';
import { locator, useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

/** The sandbox's roles: Administrator (Ada), Supporter (Ben, Chloe; user group Helpdesk), Viewer (nobody). */
const ADMINISTRATOR = '3b9f1c52-7d1e-4c4e-9a1f-0c2d5e6f7a81';
const SUPPORTER = '8e2d4a17-5b3c-4f6d-8e9a-1b2c3d4e5f60';
const VIEWER = 'c4a7e9f2-1d3b-4a5c-b6d7-e8f9a0b1c2d3';
const UNKNOWN = '0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11';
const HELPDESK = 4001;
const ESCALATION = 4002;
const ALL_PERMISSIONS = ['AllowGroupSharing', 'AssignBackupPolicies', 'ManageAdmins', 'ManageConnections', 'ManageUsers', 'ModifyConnections'];

/** A role as the node outputs it, from the simulator's state. */
function roleOut(id: string): IDataObject {
	const role = tv.sim.state.userRoles.get(id)!;
	return {
		id,
		name: role.name,
		permissions: Object.fromEntries(ALL_PERMISSIONS.map((name) => [name, role.permissions.includes(name)])),
		grantedPermissions: [...role.permissions],
	};
}

const user = (index: number) => tv.sandbox.userIds[index];
const rolesOf = (index: number) => tv.sim.state.users.get(user(index))!.roleIds;
const limited = () => tv.tokenCredential(tv.sandbox.tokens.limited);

describe('User Role: Get Many and Get', () => {
	it('lists the roles with their permission map and the granted ones', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'getAll', returnAll: true });

		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v1/userroles']);
		expect(result.json).toEqual([ADMINISTRATOR, SUPPORTER, VIEWER].map(roleOut));
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('returns at most Limit roles, filtered by part of the name', async () => {
		const limitedResult = await tv.run({ resource: 'userRole', operation: 'getAll', returnAll: false, limit: 1 });
		const named = await tv.run({ resource: 'userRole', operation: 'getAll', returnAll: true, filters: { name: 'PORT' } });

		expect(limitedResult.json).toEqual([roleOut(ADMINISTRATOR)]);
		expect(named.json).toEqual([roleOut(SUPPORTER)]);
	});

	it('gets one role by ID from the list (there is no single-role path)', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'get', userRoleId: locator(` ${SUPPORTER.toUpperCase()} `) });

		expect(tv.calls().map((call) => call.path)).toEqual(['/api/v1/userroles']);
		expect(result.json).toEqual([roleOut(SUPPORTER)]);
	});

	it('names a role TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'get', userRoleId: locator(UNKNOWN) });

		expect(result.error?.message).toBe(`User role "${UNKNOWN}" was not found in TeamViewer`);
	});

	it('refuses an ID that is not a UUID before calling TeamViewer', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'get', userRoleId: locator('={{ $json.role }}') }, { input: [{ role: 'Supporter' }] });

		expect(result.error?.message).toBe('The User Role "Supporter" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});

	it('names the permission a token without user-role access lacks', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'getAll', returnAll: true }, { credential: limited() });

		expect(result.error?.message).toBe('The TeamViewer token lacks the permission "User roles → View user roles"');
	});
});

describe('User Role: Create', () => {
	it('creates a role with permissions, sent as TeamViewerPS sends them', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'create', name: ' First Level ', permissions: ['ModifyConnections', 'AllowGroupSharing'] });

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v1/userroles', 'POST /api/v1/userroles']);
		expect(tv.calls('POST')[0].body).toEqual({ Name: 'First Level', Permissions: ['ModifyConnections', 'AllowGroupSharing'] });
		const made = [...tv.sim.state.userRoles.values()].find((role) => role.name === 'First Level')!;
		expect(result.json).toEqual([{ ...roleOut(made.id), created: true }]);
		expect(result.json[0].grantedPermissions).toEqual(['AllowGroupSharing', 'ModifyConnections']);
	});

	it('returns the role of that name (any case) with created: false instead of making a second one', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'create', name: 'supporter', permissions: [] });

		expect(tv.calls('POST')).toHaveLength(0);
		expect(result.json).toEqual([{ ...roleOut(SUPPORTER), created: false }]);
		expect(tv.sim.state.userRoles.size).toBe(3);
	});

	it('creates one role for several items with the same name', async () => {
		const result = await tv.run(
			{ resource: 'userRole', operation: 'create', name: '={{ $json.name }}', permissions: [] },
			{ input: [{ name: 'Night Shift' }, { name: 'night shift' }, { name: 'Night Shift' }] },
		);

		expect(tv.calls('POST')).toHaveLength(1);
		expect(result.json.map((role) => role.created)).toEqual([true, false, false]);
		expect(new Set(result.json.map((role) => role.id)).size).toBe(1);
	});

	it('passes on TeamViewer\'s refusal of an unknown permission', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'create', name: 'Odd', permissions: ['FlyToTheMoon'] });

		expect(result.error?.message).toMatch(/^TeamViewer refused the request: Unknown permission\(s\): FlyToTheMoon/);
	});

	it.each([
		['an empty name', { name: '  ' }, 'The Name "" is not valid'],
		['a permission that is not a name', { name: 'Odd', permissions: ['Manage Users!'] }, 'The Permissions "Manage Users!" is not valid'],
	])('refuses %s before calling TeamViewer', async (_case, overrides, message) => {
		const result = await tv.run({ resource: 'userRole', operation: 'create', permissions: [], ...overrides });

		expect(result.error?.message).toBe(message);
		expect(tv.calls()).toHaveLength(0);
	});

	it('offers the permission names TeamViewer lists, sorted', async () => {
		const workflow = teamViewerWorkflow({ parameters: { resource: 'userRole', operation: 'create' }, credential: tv.credential });

		const options = await tv.engine.loadOptions(workflow, 'getUserRolePermissions');

		expect(options).toEqual(ALL_PERMISSIONS.map((name) => ({ name, value: name })));
		expect(tv.calls().map((call) => call.path)).toEqual(['/api/v1/userroles/permissions']);
	});
});

describe('User Role: Update', () => {
	it('renames a role and keeps its permissions, which the PUT would otherwise replace', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'update', userRoleId: locator(SUPPORTER, 'list'), updateFields: { name: 'Second Level' } });

		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v1/userroles', 'PUT /api/v1/userroles', 'GET /api/v1/userroles']);
		expect(tv.calls('PUT')[0].body).toEqual({ UserRoleId: SUPPORTER, Name: 'Second Level', Permissions: ['ManageConnections', 'ModifyConnections'] });
		expect(result.json).toEqual([roleOut(SUPPORTER)]);
		expect(result.json[0]).toMatchObject({ name: 'Second Level', grantedPermissions: ['ManageConnections', 'ModifyConnections'] });
	});

	it('replaces the permission list and keeps the name', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'update', userRoleId: locator(VIEWER), updateFields: { permissions: ['ManageUsers'] } });

		expect(tv.calls('PUT')[0].body).toEqual({ UserRoleId: VIEWER, Name: 'Viewer', Permissions: ['ManageUsers'] });
		expect(result.json[0].grantedPermissions).toEqual(['ManageUsers']);
	});

	it('reads the role back when TeamViewer answers the PUT with the role', async () => {
		tv.sim.config.userRoleUpdateEchoesRole = true;

		const result = await tv.run({ resource: 'userRole', operation: 'update', userRoleId: locator(VIEWER), updateFields: { permissions: [] } });

		expect(result.json).toEqual([roleOut(VIEWER)]);
	});

	it('passes on TeamViewer\'s refusal of a name another role has', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'update', userRoleId: locator(VIEWER), updateFields: { name: 'administrator' } });

		expect(result.error?.message).toBe("TeamViewer refused the request: A user role named 'Administrator' already exists");
	});

	it.each([
		['no fields', {}, 'No fields to update were set'],
		['an empty name', { name: ' ' }, 'The Name "" is not valid'],
	])('refuses an update with %s', async (_case, updateFields, message) => {
		const result = await tv.run({ resource: 'userRole', operation: 'update', userRoleId: locator(VIEWER), updateFields });

		expect(result.error?.message).toBe(message);
		expect(tv.calls()).toHaveLength(0);
	});

	it('names an unknown role without sending the PUT', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'update', userRoleId: locator(UNKNOWN), updateFields: { name: 'X' } });

		expect(result.error?.message).toBe(`User role "${UNKNOWN}" was not found in TeamViewer`);
		expect(tv.calls('PUT')).toHaveLength(0);
	});
});

describe('User Role: Delete', () => {
	it('deletes a role by query parameter, as TeamViewerPS does; its users lose it', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'delete', userRoleId: locator(SUPPORTER, 'list') });

		expect(tv.calls().map((call) => [call.method, call.path, call.query])).toEqual([['DELETE', '/api/v1/userroles', { userRoleId: SUPPORTER }]]);
		expect(result.json).toEqual([{ id: SUPPORTER, deleted: true }]);
		expect(tv.sim.state.userRoles.has(SUPPORTER)).toBe(false);
		expect(rolesOf(1)).toEqual([]);
	});

	it('names an unknown role', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'delete', userRoleId: locator(UNKNOWN) });

		expect(result.error?.message).toBe(`User role "${UNKNOWN}" was not found in TeamViewer`);
	});
});

describe('User Role: Assign to Users and Unassign From Users', () => {
	it('reads the role\'s users, sends only the users whose assignment changes, one item per user', async () => {
		const result = await tv.run({
			resource: 'userRole',
			operation: 'assignToUsers',
			userRoleId: locator(SUPPORTER),
			userIds: ` ${user(1)}, ${user(3).slice(1)};${user(4).toUpperCase()} ${user(3)}`,
		});

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => [call.method, call.path, call.query])).toEqual([
			['GET', '/api/v1/userroles/assignments/account', { userRoleId: SUPPORTER }],
			['POST', '/api/v1/userroles/assign/account', {}],
		]);
		expect(tv.calls('POST')[0].body).toEqual({ UserIds: [user(3), user(4)], UserRoleId: SUPPORTER });
		expect(result.json).toEqual([
			{ userRoleId: SUPPORTER, userId: user(1), assigned: true, changed: false },
			{ userRoleId: SUPPORTER, userId: user(3), assigned: true, changed: true },
			{ userRoleId: SUPPORTER, userId: user(4), assigned: true, changed: true },
		]);
		expect(rolesOf(3)).toEqual([SUPPORTER]);
	});

	it('sends nothing when every user has the role already, so a rerun does not fail', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'assignToUsers', userRoleId: locator(SUPPORTER), userIds: `${user(1)},${user(2)}` });

		expect(result.status).toBe('success');
		expect(tv.calls('POST')).toHaveLength(0);
		expect(result.json.map((entry) => entry.changed)).toEqual([false, false]);
	});

	it('follows the continuation token through the role\'s users and sends at most 100 users per call', async () => {
		tv.sim.config.userRoleAssignmentsPageSize = 2;
		const seeded = Array.from({ length: 150 }, (_, i) => ({ id: `u${2000001 + i}`, name: `Bulk ${i}`, email: `bulk${i}@example.com` }));
		tv.sim.seed({ users: seeded });
		const ids = seeded.map((entry) => entry.id);

		const result = await tv.run({ resource: 'userRole', operation: 'assignToUsers', userRoleId: locator(SUPPORTER), userIds: [user(1), user(2), ...ids].join(',') });

		const reads = tv.calls('GET');
		expect(reads.map((call) => call.query)).toEqual([{ userRoleId: SUPPORTER }]);
		const posts = tv.calls('POST');
		expect(posts.map((call) => (call.body as { UserIds: string[] }).UserIds)).toEqual([ids.slice(0, 100), ids.slice(100)]);
		expect(result.json.filter((entry) => entry.changed)).toHaveLength(150);
	});

	it('unassigns only the users who have the role', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'unassignFromUsers', userRoleId: locator(SUPPORTER), userIds: `${user(1)}, ${user(4)}` });

		expect(tv.calls('POST').map((call) => [call.path, call.body])).toEqual([
			['/api/v1/userroles/unassign/account', { UserIds: [user(1)], UserRoleId: SUPPORTER }],
		]);
		expect(result.json).toEqual([
			{ userRoleId: SUPPORTER, userId: user(1), assigned: false, changed: true },
			{ userRoleId: SUPPORTER, userId: user(4), assigned: false, changed: false },
		]);
		expect(rolesOf(1)).toEqual([]);
	});

	it.each([
		['no users', '  ', 'The User IDs "" is not valid'],
		['an email among the IDs', `${'u1000002'}, ben@example.com`, 'The User IDs "ben@example.com" is not valid'],
	])('refuses %s before calling TeamViewer', async (_case, userIds, message) => {
		const result = await tv.run({ resource: 'userRole', operation: 'assignToUsers', userRoleId: locator(SUPPORTER), userIds });

		expect(result.error?.message).toBe(message);
		expect(tv.calls()).toHaveLength(0);
	});

	it('names an unknown role', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'assignToUsers', userRoleId: locator(UNKNOWN), userIds: user(1) });

		expect(result.error?.message).toBe(`User role "${UNKNOWN}" was not found in TeamViewer`);
		expect(tv.calls('POST')).toHaveLength(0);
	});

	it('names an unknown user TeamViewer refuses', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'assignToUsers', userRoleId: locator(VIEWER), userIds: 'u9999999' });

		expect(result.error?.message).toBe('TeamViewer could not find what was asked for');
		expect(result.error?.description).toContain('User u9999999 was not found.');
	});
});

describe('User Role: Get Users and Get User Groups', () => {
	it('lists the role\'s users across continuation pages', async () => {
		tv.sim.config.userRoleAssignmentsPageSize = 1;

		const result = await tv.run({ resource: 'userRole', operation: 'getUsers', userRoleId: locator(SUPPORTER), returnAll: true });

		const calls = tv.calls('GET');
		expect(calls.map((call) => call.path)).toEqual(Array(2).fill('/api/v1/userroles/assignments/account'));
		expect(calls[0].query).toEqual({ userRoleId: SUPPORTER });
		expect(calls[1].query).toEqual({ userRoleId: SUPPORTER, continuationToken: expect.any(String) });
		expect(result.json).toEqual([
			{ userRoleId: SUPPORTER, userId: user(1) },
			{ userRoleId: SUPPORTER, userId: user(2) },
		]);
	});

	it('stops reading at Limit', async () => {
		tv.sim.config.userRoleAssignmentsPageSize = 1;

		const result = await tv.run({ resource: 'userRole', operation: 'getUsers', userRoleId: locator(SUPPORTER), returnAll: false, limit: 1 });

		expect(tv.calls()).toHaveLength(1);
		expect(result.json).toEqual([{ userRoleId: SUPPORTER, userId: user(1) }]);
	});

	it('lists the user groups that have the role', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'getUserGroups', userRoleId: locator(SUPPORTER), returnAll: true });

		expect(tv.calls()[0]).toMatchObject({ path: '/api/v1/userroles/assignments/usergroups', query: { userRoleId: SUPPORTER } });
		expect(result.json).toEqual([{ userRoleId: SUPPORTER, userGroupId: HELPDESK }]);
	});

	it('names an unknown role', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'getUsers', userRoleId: locator(UNKNOWN), returnAll: true });

		expect(result.error?.message).toBe(`User role "${UNKNOWN}" was not found in TeamViewer`);
	});
});

describe('User Role: Assign to and Unassign From a User Group', () => {
	it('gives a group the role after reading the role it has, and reports the one it replaced', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'assignToUserGroup', userRoleId: locator(VIEWER), userGroupId: locator(String(HELPDESK), 'list') });

		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([
			`GET /api/v1/usergroups/${HELPDESK}/userroles`,
			'POST /api/v1/userroles/assign/usergroup',
		]);
		expect(tv.calls('POST')[0].body).toEqual({ UserRoleId: VIEWER, UserGroupId: HELPDESK });
		expect(result.json).toEqual([{ userRoleId: VIEWER, userGroupId: HELPDESK, assigned: true, changed: true, previousRoleId: SUPPORTER }]);
		expect(tv.sim.state.userGroups.get(HELPDESK)!.roleId).toBe(VIEWER);
	});

	it('leaves a group that has the role alone', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'assignToUserGroup', userRoleId: locator(SUPPORTER), userGroupId: locator(String(HELPDESK)) });

		expect(tv.calls('POST')).toHaveLength(0);
		expect(result.json[0]).toMatchObject({ changed: false, previousRoleId: SUPPORTER });
	});

	it('takes the role from a group with only the group in the body, as TeamViewerPS sends it', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'unassignFromUserGroup', userRoleId: locator(SUPPORTER), userGroupId: locator(String(HELPDESK)) });

		expect(tv.calls('POST').map((call) => [call.path, call.body])).toEqual([['/api/v1/userroles/unassign/usergroup', { UserGroupId: HELPDESK }]]);
		expect(result.json).toEqual([{ userRoleId: SUPPORTER, userGroupId: HELPDESK, assigned: false, changed: true }]);
		expect(tv.sim.state.userGroups.get(HELPDESK)!.roleId).toBeNull();
	});

	it('sends nothing for a group without a role', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'unassignFromUserGroup', userRoleId: locator(SUPPORTER), userGroupId: locator(String(ESCALATION)) });

		expect(tv.calls('POST')).toHaveLength(0);
		expect(result.json[0]).toMatchObject({ changed: false });
	});

	it('refuses to take away another role than the group has, changing nothing', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'unassignFromUserGroup', userRoleId: locator(VIEWER), userGroupId: locator(String(HELPDESK)) });

		expect(result.error?.message).toBe(`User group ${HELPDESK} has another user role (${SUPPORTER}), not ${VIEWER}`);
		expect(tv.calls('POST')).toHaveLength(0);
		expect(tv.sim.state.userGroups.get(HELPDESK)!.roleId).toBe(SUPPORTER);
	});

	it('names an unknown user group', async () => {
		const result = await tv.run({ resource: 'userRole', operation: 'assignToUserGroup', userRoleId: locator(VIEWER), userGroupId: locator('9999') });

		expect(result.error?.message).toBe('User group "9999" was not found in TeamViewer');
	});
});

describe('User Role: search', () => {
	it('lists roles for the picker by name, filtered', async () => {
		const workflow = teamViewerWorkflow({ parameters: { resource: 'userRole', operation: 'get' }, credential: tv.credential });

		const all = await tv.engine.listSearch(workflow, 'searchUserRoles');
		const some = await tv.engine.listSearch(workflow, 'searchUserRoles', 'ADMIN');

		expect(all.results).toEqual([
			{ name: 'Administrator', value: ADMINISTRATOR },
			{ name: 'Supporter', value: SUPPORTER },
			{ name: 'Viewer', value: VIEWER },
		]);
		expect(some.results).toEqual([{ name: 'Administrator', value: ADMINISTRATOR }]);
	});

	it('offers the roles for User → Update\'s role lists', async () => {
		const workflow = teamViewerWorkflow({ parameters: { resource: 'user', operation: 'update' }, credential: tv.credential });

		const options = await tv.engine.loadOptions(workflow, 'getUserRoles');

		expect(options).toEqual([
			{ name: 'Administrator', value: ADMINISTRATOR },
			{ name: 'Supporter', value: SUPPORTER },
			{ name: 'Viewer', value: VIEWER },
		]);
	});
});

describe('User Role: answers in camel case (knob userRoleJsonCase)', () => {
	beforeEach(() => {
		tv.sim.config.userRoleJsonCase = 'camel';
	});

	it('reads roles, one role and the picker from `{ roles: [{ id, name, permissions }] }`', async () => {
		const all = await tv.run({ resource: 'userRole', operation: 'getAll', returnAll: true, filters: { name: 'port' } });
		const one = await tv.run({ resource: 'userRole', operation: 'get', userRoleId: locator(VIEWER) });
		const picker = await tv.engine.listSearch(teamViewerWorkflow({ parameters: { resource: 'userRole', operation: 'get' }, credential: tv.credential }), 'searchUserRoles', 'admin');

		expect(all.json).toEqual([roleOut(SUPPORTER)]);
		expect(one.json).toEqual([roleOut(VIEWER)]);
		expect(picker.results).toEqual([{ name: 'Administrator', value: ADMINISTRATOR }]);
	});

	it('creates a role from `{ role }`, finds an existing one by name, and renames one keeping its permissions', async () => {
		const made = await tv.run({ resource: 'userRole', operation: 'create', name: 'Third Level', permissions: ['ManageUsers'] });
		const found = await tv.run({ resource: 'userRole', operation: 'create', name: 'third level', permissions: [] });
		const renamed = await tv.run({ resource: 'userRole', operation: 'update', userRoleId: locator(SUPPORTER), updateFields: { name: 'Second Level' } });

		const id = [...tv.sim.state.userRoles.values()].find((role) => role.name === 'Third Level')!.id;
		expect(made.json).toEqual([{ ...roleOut(id), created: true }]);
		expect(found.json).toEqual([{ ...roleOut(id), created: false }]);
		expect(tv.calls('PUT')[0].body).toEqual({ UserRoleId: SUPPORTER, Name: 'Second Level', Permissions: ['ManageConnections', 'ModifyConnections'] });
		expect(renamed.json).toEqual([roleOut(SUPPORTER)]);
	});
});
