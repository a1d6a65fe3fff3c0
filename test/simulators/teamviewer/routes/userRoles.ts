import type { ApiContext } from '../context';
import { pageOf } from '../cursor';
import { badRequest, notFound } from '../errors';
import { USER_ID } from '../ids';
import { createUserRole, findUserRoleByName, ROLE_PERMISSIONS, userRolesAnswer } from '../model/userRoles';
import { json, noContent, type Reply } from '../../common/reply';
import { securedRoute, type Route } from '../router';
import type { UserGroup, UserRole } from '../types';

/*
 * User roles (`/userroles`), as TeamViewer's OpenAPI document lists the paths and TeamViewerPS calls them
 * (Cmdlets/Public/*Role*.ps1): the role is named in the body or query, never in the path.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** TeamViewerPS sends at most 100 accounts per assignment call (Add-TeamViewerUserToRole.ps1); more → 400. */
const MAX_ACCOUNTS_PER_CALL = 100;

function findRole(ctx: ApiContext, raw: string | undefined, field: string): UserRole {
	if (raw === undefined) throw badRequest(`${field} is required.`);
	if (!UUID.test(raw)) throw badRequest(`${field} must be a UUID, got '${raw}'.`);
	const role = ctx.state.userRoles.get(raw.toLowerCase());
	if (!role) throw notFound(ctx.config.notFoundStatus, 'User role', raw);
	return role;
}

function findUserGroup(ctx: ApiContext, raw: unknown): UserGroup {
	const text = typeof raw === 'number' || typeof raw === 'string' ? String(raw).trim() : '';
	if (!/^\d+$/.test(text)) throw badRequest(`UserGroupId must be a number, got '${String(raw)}'.`);
	const group = ctx.state.userGroups.get(Number(text));
	if (!group) throw notFound(ctx.config.notFoundStatus, 'User group', text);
	return group;
}

/** `Permissions`: a list of permission names; unknown names → 400. */
function permissionsOf(ctx: ApiContext): string[] {
	const value = ctx.body.array('Permissions') ?? [];
	const names = value.map((entry) => (typeof entry === 'string' ? entry.trim() : String(entry)));
	const unknown = names.filter((name) => !ROLE_PERMISSIONS.some((known) => known.toLowerCase() === name.toLowerCase()));
	if (unknown.length > 0) {
		throw badRequest(`Unknown permission(s): ${unknown.join(', ')}. Valid permissions: ${ROLE_PERMISSIONS.join(', ')}.`);
	}
	return ROLE_PERMISSIONS.filter((known) => names.some((name) => name.toLowerCase() === known.toLowerCase()));
}

function roleName(ctx: ApiContext, except?: UserRole): string {
	const name = ctx.body.string('Name', { required: true, min: 1, max: 100 }).trim();
	const taken = findUserRoleByName(ctx.state, name);
	if (ctx.config.rejectDuplicateRoleNames && taken && taken !== except) {
		throw badRequest(`A user role named '${taken.name}' already exists.`);
	}
	return name;
}

function list(ctx: ApiContext): Reply {
	return json(userRolesAnswer(ctx.config, 'Roles', [...ctx.state.userRoles.values()]));
}

/** `POST /userroles {Name, Permissions[]}` → 200 `{ Role }` (TeamViewerPS New-TeamViewerRole.ps1 reads `.Role`). */
function create(ctx: ApiContext): Reply {
	const name = roleName(ctx);
	const role = createUserRole(ctx.state, { name, permissions: permissionsOf(ctx) });
	ctx.state.userRoles.set(role.id, role);
	return json(userRolesAnswer(ctx.config, 'Role', role));
}

/**
 * `PUT /userroles {UserRoleId, Name, Permissions[]}`: the name and the whole permission list are replaced
 * (TeamViewerPS Set-TeamViewerRole.ps1 always sends both). Answer: knob `userRoleUpdateEchoesRole`.
 */
function update(ctx: ApiContext): Reply {
	const role = findRole(ctx, ctx.body.string('UserRoleId'), 'UserRoleId');
	role.name = roleName(ctx, role);
	role.permissions = permissionsOf(ctx);
	return ctx.config.userRoleUpdateEchoesRole ? json(userRolesAnswer(ctx.config, 'Role', role)) : noContent();
}

/** `DELETE /userroles?userRoleId=` → 204; users and user groups lose the role. */
function remove(ctx: ApiContext): Reply {
	const role = findRole(ctx, ctx.query.string('userRoleId'), 'userRoleId');
	ctx.state.userRoles.delete(role.id);
	for (const user of ctx.state.users.values()) user.roleIds = user.roleIds.filter((id) => id !== role.id);
	for (const group of ctx.state.userGroups.values()) if (group.roleId === role.id) group.roleId = null;
	if (ctx.state.predefinedRoleId === role.id) ctx.state.predefinedRoleId = null;
	return noContent();
}

function permissions(): Reply {
	return json([...ROLE_PERMISSIONS]);
}

/** `{UserIds: ["u…"], UserRoleId}` for assign/unassign; see knob `refuseNoOpMemberships`. */
function changeAccounts(ctx: ApiContext, assign: boolean): Reply {
	const role = findRole(ctx, ctx.body.string('UserRoleId'), 'UserRoleId');
	const raw = ctx.body.array('UserIds');
	if (!raw || raw.length === 0) throw badRequest('UserIds is required.');
	if (raw.length > MAX_ACCOUNTS_PER_CALL) throw badRequest(`UserIds accepts at most ${MAX_ACCOUNTS_PER_CALL} accounts per request.`);
	const users = raw.map((entry) => {
		const id = typeof entry === 'string' ? entry.trim() : '';
		if (!USER_ID.pattern!.test(id)) throw badRequest(`UserIds must ${USER_ID.expected}, got '${String(entry)}'.`);
		const user = ctx.state.users.get(id);
		if (!user) throw notFound(ctx.config.notFoundStatus, 'User', id);
		return user;
	});
	for (const user of users) {
		const has = user.roleIds.includes(role.id);
		if (has === assign && ctx.config.refuseNoOpMemberships) {
			throw badRequest(`User ${user.id} ${assign ? 'already has' : 'does not have'} the user role ${role.id}.`);
		}
	}
	for (const user of users) {
		user.roleIds = user.roleIds.filter((id) => id !== role.id);
		if (assign) user.roleIds.push(role.id);
	}
	return noContent();
}

/** `{UserRoleId, UserGroupId}`: a user group has at most one role; assigning replaces it. */
function assignGroup(ctx: ApiContext): Reply {
	const role = findRole(ctx, ctx.body.string('UserRoleId'), 'UserRoleId');
	const group = findUserGroup(ctx, ctx.body.raw('UserGroupId'));
	if (group.roleId === role.id && ctx.config.refuseNoOpMemberships) {
		throw badRequest(`User group ${group.id} already has the user role ${role.id}.`);
	}
	group.roleId = role.id;
	return noContent();
}

/** `{UserGroupId}` only: the group loses whatever role it has (TeamViewerPS Remove-TeamViewerUserGroupFromRole.ps1). */
function unassignGroup(ctx: ApiContext): Reply {
	const group = findUserGroup(ctx, ctx.body.raw('UserGroupId'));
	if (group.roleId === null && ctx.config.refuseNoOpMemberships) {
		throw badRequest(`User group ${group.id} has no user role.`);
	}
	group.roleId = null;
	return noContent();
}

/** Assignment lists page with `continuationToken` → `ContinuationToken` (null on the last page). */
function assignmentPage<T>(ctx: ApiContext, items: T[], key: string): Reply {
	const token = ctx.query.string('continuationToken');
	const { page, next } = pageOf('continuationToken', items, token, ctx.config.userRoleAssignmentsPageSize);
	return json({ ContinuationToken: next ?? null, [key]: page });
}

function assignedAccounts(ctx: ApiContext): Reply {
	const role = findRole(ctx, ctx.query.string('userRoleId'), 'userRoleId');
	const users = [...ctx.state.users.values()].filter((user) => user.roleIds.includes(role.id));
	return assignmentPage(ctx, users.map((user) => user.id), 'AssignedToUsers');
}

function assignedGroups(ctx: ApiContext): Reply {
	const role = findRole(ctx, ctx.query.string('userRoleId'), 'userRoleId');
	const groups = [...ctx.state.userGroups.values()].filter((group) => group.roleId === role.id);
	return assignmentPage(ctx, groups.map((group) => group.id), 'AssignedToGroups');
}

export const userRoleRoutes: Route[] = [
	securedRoute('GET', '/userroles', 'userRoles.read', list),
	securedRoute('POST', '/userroles', 'userRoles.write', create),
	securedRoute('PUT', '/userroles', 'userRoles.write', update),
	securedRoute('DELETE', '/userroles', 'userRoles.write', remove),
	securedRoute('GET', '/userroles/permissions', 'userRoles.read', permissions),
	securedRoute('POST', '/userroles/assign/account', 'userRoles.write', (ctx) => changeAccounts(ctx, true)),
	securedRoute('POST', '/userroles/unassign/account', 'userRoles.write', (ctx) => changeAccounts(ctx, false)),
	securedRoute('POST', '/userroles/assign/usergroup', 'userRoles.write', assignGroup),
	securedRoute('POST', '/userroles/unassign/usergroup', 'userRoles.write', unassignGroup),
	securedRoute('GET', '/userroles/assignments/account', 'userRoles.read', assignedAccounts),
	securedRoute('GET', '/userroles/assignments/usergroups', 'userRoles.read', assignedGroups),
];

