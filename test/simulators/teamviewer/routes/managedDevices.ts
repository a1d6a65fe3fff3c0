import { requireChanges, type ApiContext } from '../context';
import { pageOf } from '../cursor';
import { badRequest, forbidden, notFound } from '../errors';
import { managedDeviceItemJson, managedDeviceJson } from '../model/managedDevices';
import { json, noContent, type Reply } from '../../common/reply';
import { securedRoute, type Route } from '../router';
import type { ManagedDevice, TokenRecord } from '../types';

// Managed devices (device groups, MDv2).

/** Company-level tokens manage every device; others only those they are a manager of. */
function canManage(token: TokenRecord, device: ManagedDevice): boolean {
	return token.companyId !== null || device.managerIds.includes(token.userId);
}

function pageReply(ctx: ApiContext, devices: ManagedDevice[]): Reply {
	const token = ctx.query.string('paginationToken');
	const { page, next } = pageOf('paginationToken', devices, token, ctx.config.managedPageSize);
	return json({
		currentPaginationToken: token ?? null,
		...(next === undefined ? {} : { nextPaginationToken: next }),
		resources: page.map(managedDeviceItemJson),
	});
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

function findManagedDevice(ctx: ApiContext): ManagedDevice {
	const device = ctx.state.managedDevices.get(ctx.params.id.toLowerCase());
	if (!device || !canManage(ctx.token, device)) {
		throw notFound(ctx.config.notFoundStatus, 'Managed device', ctx.params.id);
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

export const managedDeviceRoutes: Route[] = [
	securedRoute('GET', '/managed/devices', 'managedDevices.read', list),
	securedRoute('GET', '/managed/devices/company', 'managedDevices.read', listCompany),
	securedRoute('GET', '/managed/devices/:id', 'managedDevices.read', get),
	securedRoute('PUT', '/managed/devices/:id', 'managedDevices.write', update),
	securedRoute('DELETE', '/managed/devices/:id', 'managedDevices.write', remove),
];
