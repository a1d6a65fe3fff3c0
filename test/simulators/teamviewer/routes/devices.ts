import { requireChanges, type ApiContext } from '../context';
import { badRequest, notFound } from '../errors';
import { GROUP_ID, parseTeamViewerId } from '../ids';
import { createDevice, deviceJson, isDeviceVisible } from '../model/devices';
import { createGroup, findVisibleGroupByName, referencedGroup } from '../model/groups';
import { parseOnlineStateFilter } from '../model/onlineState';
import { json, noContent, type Reply } from '../../common/reply';
import { securedRoute, type Route } from '../router';
import type { Device, Group } from '../types';

// Computers & Contacts devices.

const REMOTECONTROL_ID = { pattern: /^r\d{9,10}$/i, expected: 'look like r123456789' };
const ASSIGN_MODES = ['normal', 'easyrollout'];
/** A policy GUID, `inherit` or `none` (TeamViewerPS Cmdlets/Private/Resolve-TeamViewerPolicyId.ps1 -AllowInherit -AllowNone). */
const POLICY_VALUE = {
	pattern: /^(inherit|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i,
	expected: 'be a policy id, inherit or none',
};
/** Where an assigned device lands when its seed names no group. */
const ASSIGNED_DEVICES_GROUP = 'My computers';

function findDevice(ctx: ApiContext): Device {
	const device = ctx.state.devices.get(ctx.params.id);
	if (!device || !isDeviceVisible(ctx.state, device, ctx.token.userId)) {
		throw notFound(ctx.config.notFoundStatus, 'Device', ctx.params.id);
	}
	return device;
}

function list(ctx: ApiContext): Reply {
	const { config, query, state, token } = ctx;
	const onlineStateText = query.string('online_state');
	const onlineState =
		onlineStateText === undefined ? undefined : parseOnlineStateFilter(config, onlineStateText);
	const groupid = query.string('groupid');
	const remotecontrolId = query.string('remotecontrol_id')?.toLowerCase();
	const name = query.string('name')?.toLowerCase();
	const devices = [...state.devices.values()]
		.filter((device) => isDeviceVisible(state, device, token.userId))
		.filter((device) => onlineState === undefined || device.online_state === onlineState)
		.filter((device) => groupid === undefined || device.groupid === groupid)
		.filter(
			(device) => remotecontrolId === undefined || device.remotecontrol_id === remotecontrolId,
		)
		.filter((device) => name === undefined || device.alias.toLowerCase().includes(name));
	return json({ devices: devices.map((device) => deviceJson(config, device)) });
}

/** A single device still comes in the list wrapper. */
function get(ctx: ApiContext): Reply {
	return json({ devices: [deviceJson(ctx.config, findDevice(ctx))] });
}

function create(ctx: ApiContext): Reply {
	const { body, state } = ctx;
	const remotecontrolId = body.string('remotecontrol_id', { ...REMOTECONTROL_ID, required: true });
	const groupId = body.string('groupid', { ...GROUP_ID, required: true });
	const group = referencedGroup(state, ctx.token.userId, groupId);
	const alias = body.string('alias', { max: 50 });
	const description = body.string('description', { max: 2048 });
	const password = body.string('password');
	const duplicate = [...state.devices.values()].some(
		(device) =>
			device.groupid === group.id && device.remotecontrol_id === remotecontrolId.toLowerCase(),
	);
	if (duplicate && ctx.config.rejectDuplicateCreates) throw badRequest(`Device ${remotecontrolId} already exists in group ${group.id}.`);
	const device = createDevice(
		state,
		{
			remotecontrol_id: remotecontrolId.toLowerCase(),
			groupid: group.id,
			alias: alias ?? remotecontrolId,
			description: description ?? null,
			password: password ?? null,
			userid: ctx.token.userId,
		},
		ctx.now,
	);
	state.devices.set(device.device_id, device);
	return json(deviceJson(ctx.config, device));
}

function update(ctx: ApiContext): Reply {
	requireChanges(ctx);
	const device = findDevice(ctx);
	const { body } = ctx;
	const alias = body.string('alias', { max: 50 });
	const description = body.string('description', { max: 2048 });
	const password = body.string('password');
	const groupId = body.string('groupid', GROUP_ID);
	const policyId = body.string('policy_id', POLICY_VALUE);
	if (groupId !== undefined && policyId !== undefined && ctx.config.deviceGroupAndPolicyInOneCall === 'refuse') {
		throw badRequest('groupid and policy_id cannot be changed in the same request; change the group first, then the policy.');
	}
	device.groupid =
		groupId === undefined
			? device.groupid
			: referencedGroup(ctx.state, ctx.token.userId, groupId).id;
	device.alias = alias ?? device.alias;
	device.description = description ?? device.description;
	device.password = password ?? device.password;
	device.policy_id = policyId ?? device.policy_id;
	return noContent();
}

function remove(ctx: ApiContext): Reply {
	ctx.state.devices.delete(findDevice(ctx).device_id);
	return noContent();
}

function assignedDevicesGroup(ctx: ApiContext, groupId: string | null): Group {
	if (groupId !== null) return referencedGroup(ctx.state, ctx.token.userId, groupId);
	const existing = findVisibleGroupByName(ctx.state, ctx.token.userId, ASSIGNED_DEVICES_GROUP);
	if (existing) return existing;
	const group = createGroup(ctx.state, { name: ASSIGNED_DEVICES_GROUP, ownerId: ctx.token.userId });
	ctx.state.groups.set(group.id, group);
	return group;
}

/**
 * `device_id` is the TeamViewer ID (digits, or `r`-prefixed) of a running, unassigned device
 * (UNCONFIRMED). It must be one of `state.unassignedDevices` and the password must match.
 */
function assign(ctx: ApiContext): Reply {
	const { body, state } = ctx;
	const requested = body.string('device_id', { required: true });
	const password = body.string('current_device_password', { required: true });
	body.boolean('enable_easy_access'); // validated only: easy access has no visible effect here
	const assignMode = body.string('assign_mode');
	if (assignMode !== undefined && !ASSIGN_MODES.includes(assignMode.toLowerCase())) {
		throw badRequest(`assign_mode must be one of ${ASSIGN_MODES.join(', ')}, got '${assignMode}'.`);
	}
	const teamviewerId = parseTeamViewerId(requested);
	const candidate =
		teamviewerId === undefined ? undefined : state.unassignedDevices.get(teamviewerId);
	if (!candidate) throw badRequest(`Device ${requested} is not available for assignment.`);
	if (candidate.password !== password) throw badRequest('The device password is incorrect.');

	const listed = [...state.devices.values()].find(
		(device) =>
			device.teamviewer_id === candidate.teamviewerId &&
			isDeviceVisible(state, device, ctx.token.userId),
	);
	const device =
		listed ??
		createDevice(
			state,
			{
				teamviewer_id: candidate.teamviewerId,
				alias: candidate.alias,
				groupid: assignedDevicesGroup(ctx, candidate.groupid).id,
			},
			ctx.now,
		);
	device.assigned_to = true;
	device.online_state = 'Online';
	device.userid = ctx.token.userId;
	device.last_seen = ctx.now;
	state.devices.set(device.device_id, device);
	state.unassignedDevices.delete(candidate.teamviewerId);
	return noContent();
}

export const deviceRoutes: Route[] = [
	securedRoute('GET', '/devices', 'devices.read', list),
	securedRoute('POST', '/devices', 'devices.add', create),
	securedRoute('POST', '/devices/assign', 'devices.add', assign),
	securedRoute('GET', '/devices/:id', 'devices.read', get),
	securedRoute('PUT', '/devices/:id', 'devices.edit', update),
	securedRoute('DELETE', '/devices/:id', 'devices.remove', remove),
];
