import type { ApiContext } from '../context';
import { badRequest, forbidden, notFound } from '../errors';
import { Input, isRecord } from '../input';
import { accountManager, ALL_MANAGER_PERMISSIONS } from '../model/managedGroups';
import { deviceManagers, syncManagerIds } from '../model/managedDevices';
import { managerJson } from '../model/managedGroups';
import { json, noContent, type Reply } from '../../common/reply';
import { securedRoute, type Route } from '../router';
import type { ManagedDevice, ManagedGroupManager } from '../types';
import { managedPage, noChanges, UUID_RULE } from './managedCommon';
import { findManagedDevice } from './managedDevices';
import { findManagedGroup } from './managedGroups';

// Managers of managed groups and managed devices: TeamViewer's OpenAPI document (tags "Managed Groups" and
// "Managed Devices", `…/managers[/{managerId}]`, at most 100 managers per request) and TeamViewerPS
// Cmdlets/Public/Add-, Set-, Remove-, Get-TeamViewerManager.ps1.

/** Most manager entries one POST may carry (TeamViewer's OpenAPI document: more → 400). */
export const MAX_MANAGERS_PER_REQUEST = 100;

interface Target {
	managers: ManagedGroupManager[];
	/** Called after the list changed (a device keeps the user ids that may see it in step). */
	changed: () => void;
}

function groupTarget(ctx: ApiContext): Target {
	const group = findManagedGroup(ctx);
	return { managers: group.managers, changed: () => undefined };
}

function deviceTarget(ctx: ApiContext): Target {
	const device: ManagedDevice = findManagedDevice(ctx);
	return { managers: deviceManagers(ctx.state, device), changed: () => syncManagerIds(device) };
}

/**
 * Changing managers needs the ManagerAdministration permission on the device or group (TeamViewerPS
 * Docs/Help/Add-TeamViewerManager.md); a company-level token has it everywhere. Without it → 403.
 */
function requireManagerAdministration(ctx: ApiContext, target: Target): void {
	if (ctx.token.companyId !== null) return;
	const own = target.managers.find((manager) => manager.userId === ctx.token.userId);
	if (!own?.permissions.includes('ManagerAdministration')) throw forbidden();
}

/** `permissions`: a list of permission names (as TeamViewerPS sends them); an unknown one → 400. */
function permissionsOf(input: Input, label: string): string[] | undefined {
	const values = input.array('permissions');
	if (values === undefined) return undefined;
	for (const value of values) {
		if (typeof value !== 'string' || !ALL_MANAGER_PERMISSIONS.includes(value)) {
			throw badRequest(`${label}permissions contains an unknown permission '${JSON.stringify(value)}'.`);
		}
	}
	return [...new Set(values as string[])];
}

function findManager(ctx: ApiContext, target: Target): ManagedGroupManager {
	const id = ctx.params.managerId.toLowerCase();
	const manager = target.managers.find((entry) => entry.id === id);
	if (!manager) throw notFound(ctx.config.notFoundStatus, 'Manager', ctx.params.managerId);
	return manager;
}

/** The manager an entry of the POST body names: `accountId` (digits, TeamViewerPS strips the `u`), `companyId`, or `id` of a known manager. */
function managerOf(ctx: ApiContext, entry: Input, label: string): ManagedGroupManager {
	const accountId = entry.raw('accountId');
	const companyId = entry.raw('companyId');
	const managerId = entry.raw('id');
	const given = [accountId, companyId, managerId].filter((value) => value !== undefined && value !== null);
	if (given.length !== 1) throw badRequest(`${label} must name exactly one of accountId, companyId or id.`);
	if (accountId !== undefined && accountId !== null) {
		const digits = String(accountId);
		const user = /^\d+$/.test(digits) ? ctx.state.users.get(`u${digits}`) : undefined;
		if (!user) throw badRequest(`Account ${digits} was not found.`);
		return accountManager(ctx.state, user);
	}
	if (companyId !== undefined && companyId !== null) {
		if (String(companyId) !== ctx.state.account.companyId) throw badRequest(`Company ${String(companyId)} was not found.`);
		return {
			id: ctx.state.random.uuid(),
			type: 'company',
			accountId: null,
			companyId: ctx.state.account.companyId,
			name: ctx.state.account.company_name,
			permissions: [],
			userId: null,
		};
	}
	const id = String(managerId).toLowerCase();
	if (!UUID_RULE.pattern.test(id)) throw badRequest(`${label}id must be a UUID.`);
	const known = [
		...[...ctx.state.managedGroups.values()].flatMap((group) => group.managers),
		...[...ctx.state.managedDevices.values()].flatMap((device) => device.managers ?? []),
	].find((manager) => manager.id === id);
	if (!known) throw badRequest(`Manager ${id} was not found.`);
	return { ...known };
}

function sameManager(a: ManagedGroupManager, b: ManagedGroupManager): boolean {
	return a.id === b.id || (a.type === b.type && (a.type === 'account' ? a.accountId === b.accountId : a.companyId === b.companyId));
}

function list(target: (ctx: ApiContext) => Target) {
	return (ctx: ApiContext): Reply => managedPage(ctx, target(ctx).managers, managerJson);
}

/**
 * POST a JSON list of `{ accountId | companyId | id, permissions }` (TeamViewerPS Add-TeamViewerManager.ps1
 * sends a list of one) → 201 (TeamViewer's OpenAPI document). Not a list, empty, or more than 100 → 400;
 * someone already a manager → 400 unless `managedRepeatRejected` is off (then it is left as it is).
 */
function add(target: (ctx: ApiContext) => Target) {
	return (ctx: ApiContext): Reply => {
		const into = target(ctx);
		requireManagerAdministration(ctx, into);
		const body = ctx.rawBody;
		if (!Array.isArray(body) || body.length === 0) throw badRequest('The request body must be a non-empty list of managers.');
		if (body.length > MAX_MANAGERS_PER_REQUEST) {
			throw badRequest(`At most ${MAX_MANAGERS_PER_REQUEST} managers can be added in one request.`);
		}
		const added: ManagedGroupManager[] = [];
		body.forEach((raw, index) => {
			const label = `[${index}].`;
			if (!isRecord(raw)) throw badRequest(`${label} must be an object.`);
			const entry = new Input(raw, label);
			const manager = managerOf(ctx, entry, label);
			manager.permissions = permissionsOf(entry, label) ?? [];
			if ([...into.managers, ...added].some((existing) => sameManager(existing, manager))) {
				if (ctx.config.managedRepeatRejected) throw badRequest(`${manager.name} is already a manager.`);
				return;
			}
			added.push(manager);
		});
		into.managers.push(...added);
		into.changed();
		return json(undefined, 201);
	};
}

/** PUT …/managers/{managerId} `{ permissions }` (TeamViewerPS Set-TeamViewerManager.ps1) → 204; the same set again → 400 no changes. */
function update(target: (ctx: ApiContext) => Target) {
	return (ctx: ApiContext): Reply => {
		const into = target(ctx);
		requireManagerAdministration(ctx, into);
		const manager = findManager(ctx, into);
		const permissions = permissionsOf(ctx.body, '');
		if (permissions === undefined) throw badRequest('permissions is required.');
		const same = permissions.length === manager.permissions.length && permissions.every((name) => manager.permissions.includes(name));
		if (same) throw noChanges();
		manager.permissions = permissions;
		return noContent();
	};
}

/** DELETE …/managers/{managerId} (TeamViewerPS Remove-TeamViewerManager.ps1) → 204; not a manager here → 404. */
function remove(target: (ctx: ApiContext) => Target) {
	return (ctx: ApiContext): Reply => {
		const into = target(ctx);
		requireManagerAdministration(ctx, into);
		const manager = findManager(ctx, into);
		into.managers.splice(into.managers.indexOf(manager), 1);
		into.changed();
		return noContent();
	};
}

export const managedManagerRoutes: Route[] = [
	securedRoute('GET', '/managed/groups/:id/managers', 'managedDevices.read', list(groupTarget)),
	securedRoute('POST', '/managed/groups/:id/managers', 'managedDevices.write', add(groupTarget)),
	securedRoute('PUT', '/managed/groups/:id/managers/:managerId', 'managedDevices.write', update(groupTarget)),
	securedRoute('DELETE', '/managed/groups/:id/managers/:managerId', 'managedDevices.write', remove(groupTarget)),
	securedRoute('GET', '/managed/devices/:id/managers', 'managedDevices.read', list(deviceTarget)),
	securedRoute('POST', '/managed/devices/:id/managers', 'managedDevices.write', add(deviceTarget)),
	securedRoute('PUT', '/managed/devices/:id/managers/:managerId', 'managedDevices.write', update(deviceTarget)),
	securedRoute('DELETE', '/managed/devices/:id/managers/:managerId', 'managedDevices.write', remove(deviceTarget)),
];
