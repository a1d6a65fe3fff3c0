import { requireChanges, type ApiContext } from '../context';
import { badRequest, forbidden, notFound } from '../errors';
import { USER_ID } from '../ids';
import { Input, isRecord } from '../input';
import { createGroup, groupJson, isGroupVisible, visibleGroups } from '../model/groups';
import { json, noContent, type Reply } from '../../common/reply';
import { securedRoute, type Route } from '../router';
import type { Group, GroupPermission, GroupShare } from '../types';

// Computers & Contacts groups.

const SHARE_PERMISSIONS: readonly GroupPermission[] = ['read', 'readwrite'];

function findGroup(ctx: ApiContext): Group {
	const group = ctx.state.groups.get(ctx.params.id);
	if (!group || !isGroupVisible(group, ctx.token.userId)) {
		throw notFound(ctx.config.notFoundStatus, 'Group', ctx.params.id);
	}
	return group;
}

function isOwner(ctx: ApiContext, group: Group): boolean {
	return group.ownerId === ctx.token.userId;
}

function canWrite(ctx: ApiContext, group: Group): boolean {
	const share = group.shared_with.find((entry) => entry.userid === ctx.token.userId);
	return isOwner(ctx, group) || share?.permissions === 'readwrite';
}

function assertNameFree(ctx: ApiContext, name: string, except?: Group): void {
	const taken = visibleGroups(ctx.state, ctx.token.userId).some(
		(group) => group !== except && group.name.toLowerCase() === name.toLowerCase(),
	);
	if (taken) throw badRequest(`A group named '${name}' already exists.`);
}

function toJson(ctx: ApiContext, group: Group): Record<string, unknown> {
	return groupJson(ctx.state, group, ctx.token.userId);
}

/** `name` matches partially (whole with `shouldMatchFullName`); `shared` true/false = shared with me/own. */
function list(ctx: ApiContext): Reply {
	const { query } = ctx;
	const name = query.string('name')?.toLowerCase();
	const fullName = query.boolean('shouldMatchFullName') ?? false;
	const shared = query.boolean('shared');
	const groups = visibleGroups(ctx.state, ctx.token.userId)
		.filter((group) => shared === undefined || shared !== isOwner(ctx, group))
		.filter((group) => {
			if (name === undefined) return true;
			const groupName = group.name.toLowerCase();
			return fullName ? groupName === name : groupName.includes(name);
		});
	return json({ groups: groups.map((group) => toJson(ctx, group)) });
}

function get(ctx: ApiContext): Reply {
	return json(toJson(ctx, findGroup(ctx)));
}

function create(ctx: ApiContext): Reply {
	const name = ctx.body.string('name', { required: true, max: 100 });
	const policyId = ctx.body.string('policy_id');
	if (ctx.config.rejectDuplicateCreates) assertNameFree(ctx, name);
	const group = createGroup(ctx.state, {
		name,
		ownerId: ctx.token.userId,
		policy_id: policyId ?? null,
	});
	ctx.state.groups.set(group.id, group);
	return json(toJson(ctx, group));
}

function update(ctx: ApiContext): Reply {
	requireChanges(ctx);
	const group = findGroup(ctx);
	if (!canWrite(ctx, group)) throw forbidden();
	const name = ctx.body.string('name', { min: 1, max: 100 });
	const policyId = ctx.body.string('policy_id');
	if (name !== undefined && ctx.config.rejectDuplicateCreates) assertNameFree(ctx, name, group);
	group.name = name ?? group.name;
	group.policy_id = policyId ?? group.policy_id;
	return noContent();
}

/** The owner deletes the group with its devices and contacts; anyone else only leaves it. */
function remove(ctx: ApiContext): Reply {
	const group = findGroup(ctx);
	const { state } = ctx;
	if (!isOwner(ctx, group)) {
		group.shared_with = group.shared_with.filter((entry) => entry.userid !== ctx.token.userId);
		return noContent();
	}
	state.groups.delete(group.id);
	for (const device of [...state.devices.values()]) {
		if (device.groupid === group.id) state.devices.delete(device.device_id);
	}
	for (const contact of [...state.contacts.values()]) {
		if (contact.groupid === group.id) state.contacts.delete(contact.contact_id);
	}
	return noContent();
}

function readShares(ctx: ApiContext): GroupShare[] {
	const users = ctx.body.array('users');
	if (users === undefined || users.length === 0) {
		throw badRequest('users must list at least one user.');
	}
	return users.map((entry, i) => {
		if (!isRecord(entry)) {
			throw badRequest(`users[${i}] must be an object with userid and permissions.`);
		}
		const fields = new Input(entry, `users[${i}].`);
		const userid = fields.string('userid', { ...USER_ID, required: true });
		if (!ctx.state.users.has(userid)) throw badRequest(`User ${userid} does not exist.`);
		const permissions = fields
			.string('permissions', { required: true })
			.toLowerCase() as GroupPermission;
		if (!SHARE_PERMISSIONS.includes(permissions)) {
			throw badRequest(`users[${i}].permissions must be read or readwrite.`);
		}
		return { userid, permissions, pending: false };
	});
}

function share(ctx: ApiContext): Reply {
	const group = findGroup(ctx);
	if (!isOwner(ctx, group)) throw forbidden();
	const shares = readShares(ctx);
	const sharedWith = new Set(shares.map((entry) => entry.userid));
	group.shared_with = [
		...group.shared_with.filter((entry) => !sharedWith.has(entry.userid)),
		...shares,
	];
	return noContent();
}

function unshare(ctx: ApiContext): Reply {
	const group = findGroup(ctx);
	if (!isOwner(ctx, group)) throw forbidden();
	const users = ctx.body.list('users');
	if (users === undefined || users.length === 0) {
		throw badRequest('users must list at least one user id.');
	}
	group.shared_with = group.shared_with.filter((entry) => !users.includes(entry.userid));
	return noContent();
}

export const groupRoutes: Route[] = [
	securedRoute('GET', '/groups', 'groups.read', list),
	securedRoute('POST', '/groups', 'groups.create', create),
	securedRoute('GET', '/groups/:id', 'groups.read', get),
	securedRoute('PUT', '/groups/:id', 'groups.edit', update),
	securedRoute('DELETE', '/groups/:id', 'groups.delete', remove),
	securedRoute('POST', '/groups/:id/share_group', 'groups.share', share),
	securedRoute('POST', '/groups/:id/unshare_group', 'groups.share', unshare),
];
