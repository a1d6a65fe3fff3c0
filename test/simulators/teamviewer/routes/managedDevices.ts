import { requireChanges, type ApiContext } from '../context';
import { badRequest, forbidden, notFound } from '../errors';
import { devicePolicy, managedDeviceItemJson, managedDeviceJson } from '../model/managedDevices';
import { canManageGroup, managedGroupJson } from '../model/managedGroups';
import { json, noContent, type Reply } from '../../common/reply';
import { managedPage, noChanges, policyTypeOf, UUID_RULE } from './managedCommon';
import { securedRoute, type Route } from '../router';
import type { ManagedDevice, TokenRecord } from '../types';

// Managed devices (device groups, MDv2).

/** Company-level tokens manage every device; others only those they are a manager of. */
function canManage(token: TokenRecord, device: ManagedDevice): boolean {
	return token.companyId !== null || device.managerIds.includes(token.userId);
}

function pageReply(ctx: ApiContext, devices: ManagedDevice[]): Reply {
	return managedPage(ctx, devices, managedDeviceItemJson);
}

function list(ctx: ApiContext): Reply {
	const devices = [...ctx.state.managedDevices.values()];
	return pageReply(
		ctx,
		devices.filter((device) => device.managerIds.includes(ctx.token.userId)),
	);
}

/** Needs a company-level token ("company admin"). */
function listCompany(ctx: ApiContext): Reply {
	if (ctx.token.companyId === null) throw forbidden();
	return pageReply(ctx, [...ctx.state.managedDevices.values()]);
}

/** The managed device `id` the token manages, or the 404 TeamViewer's OpenAPI document gives for an unknown one. */
export function findManagedDevice(ctx: ApiContext, id = ctx.params.id): ManagedDevice {
	const device = ctx.state.managedDevices.get(id.toLowerCase());
	if (!device || !canManage(ctx.token, device)) {
		throw notFound(ctx.config.notFoundStatus, 'Managed device', id);
	}
	return device;
}

function get(ctx: ApiContext): Reply {
	return json(managedDeviceJson(findManagedDevice(ctx)));
}

/** 400 when the body would change nothing. */
function update(ctx: ApiContext): Reply {
	requireChanges(ctx);
	const device = findManagedDevice(ctx);
	const changes: Partial<ManagedDevice> = {
		name: ctx.body.string('name', { min: 1, max: 100 }),
		teamviewerPolicyId: ctx.body.string('teamviewerPolicyId'),
		managedGroupId: ctx.body.string('managedGroupId'),
	};
	const changed = Object.entries(changes).filter(
		([key, value]) => value !== undefined && value !== device[key as keyof ManagedDevice],
	);
	if (changed.length === 0) throw badRequest('The request does not change the device.');
	Object.assign(device, Object.fromEntries(changed));
	return noContent();
}

function remove(ctx: ApiContext): Reply {
	ctx.state.managedDevices.delete(findManagedDevice(ctx).id);
	return noContent();
}

/** The managed groups the device is in (paged like every managed list). */
function listGroups(ctx: ApiContext): Reply {
	const device = findManagedDevice(ctx);
	const groups = device.groupIds.flatMap((id) => ctx.state.managedGroups.get(id) ?? []);
	return managedPage(ctx, groups, managedGroupJson);
}

/** UUID strings of a body list; a missing list is empty. */
function chainIds(ctx: ApiContext, name: string): string[] {
	const values = ctx.body.array(name) ?? [];
	return values.map((value) => {
		if (typeof value !== 'string' || !UUID_RULE.pattern.test(value)) {
			throw badRequest(`${name} must be a list of UUIDs, got '${JSON.stringify(value)}'.`);
		}
		return value.toLowerCase();
	});
}

/**
 * PUT …/groups `{ AddedChainIds, RemovedChainIds }` (TeamViewer's OpenAPI document, operation
 * ManagedDevices_MoveDevice; TeamViewerPS Move-TeamViewerManagedDevice.ps1 sends both lists). A group
 * in either list that the caller cannot see → 400 naming it; nothing to change → 400.
 */
function editGroups(ctx: ApiContext): Reply {
	requireChanges(ctx);
	const device = findManagedDevice(ctx);
	const added = chainIds(ctx, 'AddedChainIds');
	const removed = chainIds(ctx, 'RemovedChainIds');
	for (const id of [...added, ...removed]) {
		const group = ctx.state.managedGroups.get(id);
		if (!group || !canManageGroup(ctx.token, group)) throw badRequest(`Managed group ${id} was not found.`);
	}
	const toAdd = added.filter((id) => !device.groupIds.includes(id));
	const toRemove = removed.filter((id) => device.groupIds.includes(id) && !added.includes(id));
	if (toAdd.length === 0 && toRemove.length === 0) throw noChanges();
	device.groupIds = [...device.groupIds.filter((id) => !toRemove.includes(id)), ...toAdd];
	device.pendingGroupIds = device.pendingGroupIds.filter((id) => !toAdd.includes(id));
	return noContent();
}

/**
 * PUT …/description `{ deviceDescription }`: an empty string or null resets it; the same text again
 * → 400 (both in TeamViewer's OpenAPI document, operation ManagedDevices_PutDeviceDescription).
 */
function setDescription(ctx: ApiContext): Reply {
	requireChanges(ctx);
	const device = findManagedDevice(ctx);
	const description = ctx.body.string('deviceDescription', { max: 2048 }) ?? null;
	if (description === device.deviceDescription) throw noChanges();
	device.deviceDescription = description;
	return noContent();
}

/**
 * PUT …/policy/remove `{ policy_type }` (TeamViewer's OpenAPI document, ManagedDevices_Put1). The
 * device has no policy of that type: 400 unless `managedRepeatRejected` is off (not documented).
 */
function removePolicy(ctx: ApiContext): Reply {
	const device = findManagedDevice(ctx);
	const type = policyTypeOf(ctx.body, 'policy_type');
	if (devicePolicy(device, type) === null) {
		if (ctx.config.managedRepeatRejected) throw badRequest(`The device has no policy of type ${type} assigned.`);
		return noContent();
	}
	if (type === 1) device.teamviewerPolicyId = null;
	else delete device.otherPolicies[type];
	return noContent();
}

export const managedDeviceRoutes: Route[] = [
	securedRoute('GET', '/managed/devices', 'managedDevices.read', list),
	securedRoute('GET', '/managed/devices/company', 'managedDevices.read', listCompany),
	securedRoute('GET', '/managed/devices/:id', 'managedDevices.read', get),
	securedRoute('PUT', '/managed/devices/:id', 'managedDevices.write', update),
	securedRoute('DELETE', '/managed/devices/:id', 'managedDevices.write', remove),
	securedRoute('GET', '/managed/devices/:id/groups', 'managedDevices.read', listGroups),
	securedRoute('PUT', '/managed/devices/:id/groups', 'managedDevices.write', editGroups),
	securedRoute('PUT', '/managed/devices/:id/description', 'managedDevices.write', setDescription),
	securedRoute('PUT', '/managed/devices/:id/policy/remove', 'managedDevices.write', removePolicy),
];
