import { requireChanges, type ApiContext } from '../context';
import { badRequest, notFound } from '../errors';
import { isRecord } from '../input';
import { managedDeviceItemJson } from '../model/managedDevices';
import {
	accountManager,
	canManageGroup,
	createManagedGroup,
	managedGroupJson,
} from '../model/managedGroups';
import { json, noContent, type Reply } from '../../common/reply';
import { Input } from '../input';
import { securedRoute, type Route } from '../router';
import type { ManagedDevice, ManagedGroup } from '../types';
import { findManagedDevice } from './managedDevices';
import { managedPage, noChanges, policyTypeOf, UUID_RULE } from './managedCommon';

// Managed groups (device groups, MDv2): TeamViewer's OpenAPI document, tag "Managed Groups", and
// TeamViewerPS Cmdlets/Public/*-TeamViewerManagedGroup.ps1, Add-/Remove-TeamViewerManagedDevice.ps1.

const NAME = { required: true, min: 1, max: 100 } as const;

/** The group `id` the token manages, or the 404 TeamViewer's OpenAPI document gives for an unknown one. */
export function findManagedGroup(ctx: ApiContext): ManagedGroup {
	const group = ctx.state.managedGroups.get(ctx.params.id.toLowerCase());
	if (!group || !canManageGroup(ctx.token, group)) {
		throw notFound(ctx.config.notFoundStatus, 'Managed group', ctx.params.id);
	}
	return group;
}

function visibleGroups(ctx: ApiContext): ManagedGroup[] {
	return [...ctx.state.managedGroups.values()].filter((group) => canManageGroup(ctx.token, group));
}

function devicesWhere(ctx: ApiContext, test: (device: ManagedDevice) => boolean): ManagedDevice[] {
	return [...ctx.state.managedDevices.values()].filter(test);
}

function list(ctx: ApiContext): Reply {
	return managedPage(ctx, visibleGroups(ctx), managedGroupJson);
}

function get(ctx: ApiContext): Reply {
	return json(managedGroupJson(findManagedGroup(ctx)));
}

/**
 * POST `{ name }` (1–100 characters) → 200 with the group; the caller becomes its manager with every
 * permission. A name already taken is stored again unless `rejectDuplicateCreates` (TeamViewer's
 * documentation says nothing about unique names).
 */
function create(ctx: ApiContext): Reply {
	const name = ctx.body.string('name', NAME);
	if (ctx.config.rejectDuplicateCreates && visibleGroups(ctx).some((group) => group.name.toLowerCase() === name.toLowerCase())) {
		throw badRequest(`A managed group named '${name}' already exists.`);
	}
	const user = ctx.state.users.get(ctx.token.userId) ?? { id: ctx.token.userId, name: ctx.token.userId };
	const group = createManagedGroup(ctx.state, { name, managers: [accountManager(ctx.state, user)] });
	ctx.state.managedGroups.set(group.id, group);
	return json(managedGroupJson(group));
}

/**
 * PUT `{ name?, policy?: { policy_id, policy_type } }` → 204 (TeamViewerPS Set-TeamViewerManagedGroup.ps1
 * sends policy_id and policy_type together or not at all). Nothing that changes → 400.
 */
function update(ctx: ApiContext): Reply {
	requireChanges(ctx);
	const group = findManagedGroup(ctx);
	const name = ctx.body.string('name', { min: 1, max: 100 });
	const rawPolicy = ctx.body.raw('policy');
	if (rawPolicy !== undefined && rawPolicy !== null && !isRecord(rawPolicy)) throw badRequest('policy must be an object.');
	let policy: { id: string; type: 1 | 4 | 5 } | undefined;
	if (isRecord(rawPolicy)) {
		const input = new Input(rawPolicy, 'policy.');
		const id = input.string('policy_id', { required: true, ...UUID_RULE });
		policy = { id: id.toLowerCase(), type: policyTypeOf(input, 'policy_type', 'policy.policy_type') };
	}
	const renames = name !== undefined && name !== group.name;
	const repolicies = policy !== undefined && group.policies[policy.type] !== policy.id;
	if (!renames && !repolicies) throw noChanges();
	if (renames) group.name = name;
	if (policy && repolicies) group.policies[policy.type] = policy.id;
	return noContent();
}

/** DELETE → 204; its devices stay managed, they only leave the group. */
function remove(ctx: ApiContext): Reply {
	const group = findManagedGroup(ctx);
	ctx.state.managedGroups.delete(group.id);
	for (const device of ctx.state.managedDevices.values()) {
		device.groupIds = device.groupIds.filter((id) => id !== group.id);
		device.pendingGroupIds = device.pendingGroupIds.filter((id) => id !== group.id);
	}
	return noContent();
}

function listDevices(ctx: ApiContext): Reply {
	const group = findManagedGroup(ctx);
	return managedPage(ctx, devicesWhere(ctx, (device) => device.groupIds.includes(group.id)), managedDeviceItemJson);
}

function listPendingDevices(ctx: ApiContext): Reply {
	const group = findManagedGroup(ctx);
	return managedPage(ctx, devicesWhere(ctx, (device) => device.pendingGroupIds.includes(group.id)), managedDeviceItemJson);
}

/**
 * POST `{ id }` (TeamViewerPS Add-TeamViewerManagedDevice.ps1) → 204. A device the caller does not
 * manage → 400 naming it (a body entity, as for the managers endpoints in TeamViewer's OpenAPI
 * document); one already in the group → 400 unless `managedRepeatRejected` is off.
 */
function addDevice(ctx: ApiContext): Reply {
	const group = findManagedGroup(ctx);
	const id = ctx.body.string('id', { required: true, ...UUID_RULE }).toLowerCase();
	const device = ctx.state.managedDevices.get(id);
	if (!device || !(ctx.token.companyId !== null || device.managerIds.includes(ctx.token.userId))) {
		throw badRequest(`Managed device ${id} was not found.`);
	}
	if (device.groupIds.includes(group.id)) {
		if (ctx.config.managedRepeatRejected) throw badRequest(`The device ${id} is already in the managed group.`);
		return noContent();
	}
	device.groupIds.push(group.id);
	device.pendingGroupIds = device.pendingGroupIds.filter((pending) => pending !== group.id);
	return noContent();
}

/** DELETE …/devices/{deviceId} → 204; a device not in the group → 404. */
function removeDevice(ctx: ApiContext): Reply {
	const group = findManagedGroup(ctx);
	const device = findManagedDevice(ctx, ctx.params.deviceId);
	if (!device.groupIds.includes(group.id)) {
		throw notFound(ctx.config.notFoundStatus, 'Managed device', `${ctx.params.deviceId} in managed group ${group.id}`);
	}
	device.groupIds = device.groupIds.filter((id) => id !== group.id);
	return noContent();
}

/** PUT …/policy/remove `{ policy_type }` (TeamViewerPS Remove-TeamViewerPolicyFromManagedGroup.ps1) → 204. */
function removePolicy(ctx: ApiContext): Reply {
	const group = findManagedGroup(ctx);
	const type = policyTypeOf(ctx.body, 'policy_type');
	if (group.policies[type] === undefined) {
		if (ctx.config.managedRepeatRejected) throw badRequest(`The managed group has no policy of type ${type} assigned.`);
		return noContent();
	}
	delete group.policies[type];
	return noContent();
}

export const managedGroupRoutes: Route[] = [
	securedRoute('GET', '/managed/groups', 'managedDevices.read', list),
	securedRoute('POST', '/managed/groups', 'managedDevices.write', create),
	securedRoute('GET', '/managed/groups/:id', 'managedDevices.read', get),
	securedRoute('PUT', '/managed/groups/:id', 'managedDevices.write', update),
	securedRoute('DELETE', '/managed/groups/:id', 'managedDevices.write', remove),
	securedRoute('GET', '/managed/groups/:id/devices', 'managedDevices.read', listDevices),
	securedRoute('POST', '/managed/groups/:id/devices', 'managedDevices.write', addDevice),
	securedRoute('DELETE', '/managed/groups/:id/devices/:deviceId', 'managedDevices.write', removeDevice),
	securedRoute('GET', '/managed/groups/:id/pending-devices', 'managedDevices.read', listPendingDevices),
	securedRoute('PUT', '/managed/groups/:id/policy/remove', 'managedDevices.write', removePolicy),
];
