import type { ApiContext } from '../context';
import { pageOf } from '../cursor';
import { badRequest, conflict, notFound } from '../errors';
import { accountIdOf, createUserGroup, userGroupJson } from '../model/userGroups';
import { json, noContent, type Reply } from '../../common/reply';
import { securedRoute, type Route } from '../router';
import type { UserGroup } from '../types';

/*
 * User groups (`/usergroups`): TeamViewer's OpenAPI document gives the paths, the int64 ids, the page model
 * (`resources`, `nextPaginationToken`, `currentPaginationToken`), 201 on create, 409 for a taken name, 200 with
 * the model on PUT; TeamViewerPS (Cmdlets/Public/*UserGroup*.ps1) sends members as a bare JSON array of numeric
 * account ids, at most 100 per call.
 */

const MAX_MEMBERS_PER_CALL = 100;

function findGroup(ctx: ApiContext): UserGroup {
	const raw = ctx.params.id;
	if (!/^\d+$/.test(raw)) throw badRequest(`groupId must be a number, got '${raw}'.`);
	const group = ctx.state.userGroups.get(Number(raw));
	if (!group) throw notFound(ctx.config.notFoundStatus, 'User group', raw);
	return group;
}

/** Names are unique in the company, compared without case (the stricter reading of the documented 409). */
function groupName(ctx: ApiContext, except?: UserGroup): string {
	const name = ctx.body.string('name', { required: true, min: 1, max: 100 });
	if (name.trim() === '') throw badRequest('name is required.');
	const taken = [...ctx.state.userGroups.values()].find(
		(group) => group !== except && group.name.toLowerCase() === name.toLowerCase(),
	);
	if (taken) throw conflict(`A user group named '${taken.name}' already exists.`);
	return name;
}

/** `paginationToken` + `limit` (1…`userGroupsMaxLimit`; default `userGroupsPageSize`). */
function pageReply<T>(ctx: ApiContext, items: T[], toJson: (item: T) => unknown): Reply {
	const token = ctx.query.string('paginationToken');
	const limit = ctx.query.integer('limit');
	if (limit !== undefined && (limit < 1 || limit > ctx.config.userGroupsMaxLimit)) {
		throw badRequest(`limit must be between 1 and ${ctx.config.userGroupsMaxLimit}, got ${limit}.`);
	}
	const { page, next } = pageOf('paginationToken', items, token, limit ?? ctx.config.userGroupsPageSize);
	return json({
		currentPaginationToken: token ?? null,
		...(next === undefined ? {} : { nextPaginationToken: next }),
		resources: page.map(toJson),
	});
}

function list(ctx: ApiContext): Reply {
	return pageReply(ctx, [...ctx.state.userGroups.values()], userGroupJson);
}

function get(ctx: ApiContext): Reply {
	return json(userGroupJson(findGroup(ctx)));
}

/** `POST {name}` → 201 with the model; a group made through the API has `creationSourceType` 1. */
function create(ctx: ApiContext): Reply {
	const group = createUserGroup(ctx.state, { name: groupName(ctx), creationSourceType: 1 });
	ctx.state.userGroups.set(group.id, group);
	return json(userGroupJson(group), 201);
}

function update(ctx: ApiContext): Reply {
	const group = findGroup(ctx);
	group.name = groupName(ctx, group);
	return json(userGroupJson(group));
}

function remove(ctx: ApiContext): Reply {
	ctx.state.userGroups.delete(findGroup(ctx).id);
	return noContent();
}

/** Members: `{ accountId, name }`, paged like the groups. */
function members(ctx: ApiContext): Reply {
	const group = findGroup(ctx);
	const users = [...ctx.state.users.values()];
	const entries = group.memberIds.map((accountId) => ({
		accountId,
		name: users.find((user) => accountIdOf(user) === accountId)?.name ?? null,
	}));
	return pageReply(ctx, entries, (entry) => entry);
}

/** The bare array of account ids in the body (numbers; `"123"` is bound too, as ASP.NET would). */
function accountIds(ctx: ApiContext): number[] {
	const body = ctx.rawBody;
	if (!Array.isArray(body) || body.length === 0) throw badRequest('The body must be a non-empty array of account ids.');
	if (body.length > MAX_MEMBERS_PER_CALL) {
		throw badRequest(`At most ${MAX_MEMBERS_PER_CALL} accounts can be changed per request.`);
	}
	return body.map((entry) => {
		const text = typeof entry === 'number' || typeof entry === 'string' ? String(entry).trim() : '';
		if (!/^\d+$/.test(text)) throw badRequest(`Account ids must be numbers, got '${JSON.stringify(entry)}'.`);
		return Number(text);
	});
}

/** `POST` adds company users; answers 200 with the added members (TeamViewerPS converts the answer to members). */
function addMembers(ctx: ApiContext): Reply {
	const group = findGroup(ctx);
	const ids = accountIds(ctx);
	const users = [...ctx.state.users.values()];
	const added = ids.map((accountId) => {
		const user = users.find((candidate) => accountIdOf(candidate) === accountId);
		if (!user) throw notFound(ctx.config.notFoundStatus, 'Account', String(accountId));
		if (group.memberIds.includes(accountId) && ctx.config.refuseNoOpMemberships) {
			throw badRequest(`Account ${accountId} is already a member of user group ${group.id}.`);
		}
		return { accountId, name: user.name };
	});
	for (const { accountId } of added) if (!group.memberIds.includes(accountId)) group.memberIds.push(accountId);
	return json(added);
}

function removeMembers(ctx: ApiContext): Reply {
	const group = findGroup(ctx);
	const ids = accountIds(ctx);
	for (const accountId of ids) {
		if (!group.memberIds.includes(accountId) && ctx.config.refuseNoOpMemberships) {
			throw badRequest(`Account ${accountId} is not a member of user group ${group.id}.`);
		}
	}
	group.memberIds = group.memberIds.filter((id) => !ids.includes(id));
	return noContent();
}

/** `GET /usergroups/{id}/userroles` → `{ assignedRoleId }` (TeamViewerPS Get-TeamViewerRoleByUserGroup.ps1). */
function roleOfGroup(ctx: ApiContext): Reply {
	return json({ assignedRoleId: findGroup(ctx).roleId });
}

export const userGroupRoutes: Route[] = [
	securedRoute('GET', '/usergroups', 'userGroups.read', list),
	securedRoute('POST', '/usergroups', 'userGroups.write', create),
	securedRoute('GET', '/usergroups/:id', 'userGroups.read', get),
	securedRoute('PUT', '/usergroups/:id', 'userGroups.write', update),
	securedRoute('DELETE', '/usergroups/:id', 'userGroups.write', remove),
	securedRoute('GET', '/usergroups/:id/members', 'userGroups.read', members),
	securedRoute('POST', '/usergroups/:id/members', 'userGroups.write', addMembers),
	securedRoute('DELETE', '/usergroups/:id/members', 'userGroups.write', removeMembers),
	securedRoute('GET', '/usergroups/:id/userroles', ['userGroups.read', 'userRoles.read'], roleOfGroup),
];
