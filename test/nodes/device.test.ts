import type { Device } from '../simulators/teamviewer';
import { teamViewerWorkflow } from '../harness/engine';
import { locator, useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

const POLICY_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

function groupIdOf(name: 'Customers' | 'ServiceNow' | 'Servers' | 'Shared with me') {
	return tv.sandbox.groupsByName[name];
}

function stored(deviceId: string): Device {
	return tv.sim.state.devices.get(deviceId)!;
}

/** A device as the API shows it: every stored field but the unattended password. */
function wire(device: Device) {
	const { password: _password, ...fields } = device;
	return fields;
}

function simplified(device: Device) {
	return {
		device_id: device.device_id,
		alias: device.alias,
		remotecontrol_id: device.remotecontrol_id,
		teamviewer_id: device.teamviewer_id,
		groupid: device.groupid,
		online_state: device.online_state,
		last_seen: device.last_seen,
		description: device.description,
	};
}

/** The devices Ada (both sandbox tokens) sees: those in groups she owns or that are shared with her. */
function visibleDevices(filter: (device: Device) => boolean = () => true) {
	const ada = tv.sandbox.accountUserId;
	return [...tv.sim.state.devices.values()].filter((device) => {
		const group = tv.sim.state.groups.get(device.groupid)!;
		const visible = group.ownerId === ada || group.shared_with.some((share) => share.userid === ada);
		return visible && filter(device);
	});
}

function findByTeamViewerId(teamviewerId: number) {
	return [...tv.sim.state.devices.values()].find((device) => device.teamviewer_id === teamviewerId);
}

describe('Device: Create', () => {
	it.each([['123 456 789'], ['123456789'], ['r123456789'], [' R123-456-789 ']])(
		'accepts the TeamViewer ID "%s" and sends remotecontrol_id r123456789',
		async (teamViewerId) => {
			const result = await tv.run({
				resource: 'device',
				operation: 'create',
				teamViewerId,
				groupId: locator(groupIdOf('Customers'), 'list'),
			});

			expect(result.status).toBe('success');
			const [post] = tv.calls('POST');
			expect(post.path).toBe('/api/v1/devices');
			expect(post.body).toEqual({ remotecontrol_id: 'r123456789', groupid: groupIdOf('Customers') });
			const created = findByTeamViewerId(123456789)!;
			expect(created.groupid).toBe(groupIdOf('Customers'));
			expect(result.json).toEqual([{ ...wire(created), created: true }]);
			expect(result.items[0].pairedItem).toEqual({ item: 0 });
		},
	);

	it('sends alias, description and password; the password never comes back', async () => {
		const result = await tv.run({
			resource: 'device',
			operation: 'create',
			teamViewerId: '1234567890',
			groupId: locator(groupIdOf('ServiceNow').slice(1)),
			additionalFields: { alias: 'PC-LAB-04', description: 'Lab, 3rd floor', password: 'unattended-secret' },
		});

		expect(tv.calls('POST')[0].body).toEqual({
			remotecontrol_id: 'r1234567890',
			groupid: groupIdOf('ServiceNow'),
			alias: 'PC-LAB-04',
			description: 'Lab, 3rd floor',
			password: 'unattended-secret',
		});
		const created = findByTeamViewerId(1234567890)!;
		expect(created).toMatchObject({ alias: 'PC-LAB-04', password: 'unattended-secret', groupid: groupIdOf('ServiceNow') });
		expect(result.json).toEqual([{ ...wire(created), created: true }]);
		expect(result.json[0]).not.toHaveProperty('password');
	});

	it.each([['12345'], ['1234567890123'], ['d9870001'], ['abc 456 789']])(
		'rejects the TeamViewer ID "%s" naming the field, without any request',
		async (teamViewerId) => {
			const result = await tv.run({
				resource: 'device',
				operation: 'create',
				teamViewerId,
				groupId: locator(groupIdOf('Customers')),
			});

			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(`The TeamViewer ID "${teamViewerId}" is not valid`);
			expect((result.error as { description?: string }).description).toMatch(/9 or 10 digits/);
			expect(tv.calls()).toHaveLength(0);
			expect(tv.sim.state.devices.size).toBe(tv.sandbox.deviceIds.length);
		},
	);

	it('returns the device already in the group with created: false instead of adding it twice', async () => {
		const existing = stored(tv.sandbox.deviceIds[0]);

		const result = await tv.run({
			resource: 'device',
			operation: 'create',
			teamViewerId: String(existing.teamviewer_id),
			groupId: locator(existing.groupid),
		});

		expect(result.status).toBe('success');
		expect(tv.calls('POST')).toHaveLength(0);
		expect(tv.calls('GET')[0].query).toEqual({ remotecontrol_id: existing.remotecontrol_id, groupid: existing.groupid });
		expect(result.json).toEqual([{ ...wire(existing), created: false }]);
		expect(tv.sim.state.devices.size).toBe(tv.sandbox.deviceIds.length);
	});

	it('adopts the device when TeamViewer refuses it as added meanwhile by another process', async () => {
		const existing = stored(tv.sandbox.deviceIds[0]);
		tv.sim.config.rejectDuplicateCreates = true;
		// The first lookup is answered from before the other process added the device.
		tv.sim.injectFault({ kind: 'status', status: 200, method: 'GET', path: 'devices$', body: { devices: [] } });

		const result = await tv.run({
			resource: 'device',
			operation: 'create',
			teamViewerId: String(existing.teamviewer_id),
			groupId: locator(existing.groupid),
		});

		expect(tv.calls().map((call) => `${call.method} ${call.status}`)).toEqual(['GET 200', 'POST 400', 'GET 200']);
		expect(result.json).toEqual([{ ...wire(existing), created: false }]);
		expect(tv.sim.state.devices.size).toBe(tv.sandbox.deviceIds.length);
	});
});

describe('Device: Get', () => {
	it('unwraps the {devices: [...]} answer and returns the simplified device', async () => {
		const device = stored(tv.sandbox.deviceIds[0]);

		const result = await tv.run({ resource: 'device', operation: 'get', deviceId: locator(device.device_id) });

		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([`GET /api/v1/devices/${device.device_id}`]);
		expect(result.json).toEqual([simplified(device)]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('returns every field with Simplify off, and takes the ID without its "d"', async () => {
		const device = stored(tv.sandbox.deviceIds[5]);

		const result = await tv.run({
			resource: 'device',
			operation: 'get',
			deviceId: locator(device.device_id.slice(1)),
			simplify: false,
		});

		expect(tv.calls('GET')[0].path).toBe(`/api/v1/devices/${device.device_id}`);
		expect(result.json).toEqual([wire(device)]);
	});

	it('names the device TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'device', operation: 'get', deviceId: locator('d1') });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Device "d1" was not found in TeamViewer');
	});

	it('rejects a computed device ID that is not one, before calling TeamViewer', async () => {
		const result = await tv.run(
			{ resource: 'device', operation: 'get', deviceId: locator('={{ $json.device }}') },
			{ input: [{ device: 'PC-ACCOUNTING-01' }] },
		);

		expect(result.error?.message).toBe('The Device "PC-ACCOUNTING-01" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});
});

describe('Device: Get Many', () => {
	it('lists every device visible to the account, without filters', async () => {
		const expected = visibleDevices();

		const result = await tv.run({ resource: 'device', operation: 'getAll', returnAll: true });

		const [call] = tv.calls('GET');
		expect(tv.calls()).toHaveLength(1);
		expect(call.path).toBe('/api/v1/devices');
		expect(call.query).toEqual({});
		expect(result.json).toEqual(expected.map(simplified));
		expect(result.json).toHaveLength(tv.sandbox.deviceIds.length);
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it.each([['online'], ['busy'], ['offline'], ['away']])('filters by online_state=%s', async (onlineState) => {
		const expected = visibleDevices((device) => device.online_state.toLowerCase() === onlineState);

		const result = await tv.run({
			resource: 'device',
			operation: 'getAll',
			returnAll: true,
			filters: { onlineState },
			simplify: false,
		});

		expect(tv.calls('GET')[0].query).toEqual({ online_state: onlineState });
		expect(result.json).toEqual(expected.map(wire));
	});

	it('filters by groupid, adding the prefix', async () => {
		const group = groupIdOf('Servers');
		const expected = visibleDevices((device) => device.groupid === group);

		const result = await tv.run({
			resource: 'device',
			operation: 'getAll',
			returnAll: true,
			filters: { groupId: group.slice(1) },
		});

		expect(tv.calls('GET')[0].query).toEqual({ groupid: group });
		expect(expected.length).toBeGreaterThan(0);
		expect(result.json).toEqual(expected.map(simplified));
	});

	it('filters by remotecontrol_id from a spaced TeamViewer ID', async () => {
		const device = stored(tv.sandbox.deviceIds[3]);
		const spaced = String(device.teamviewer_id).replace(/(\d{3})(?=\d)/g, '$1 ');

		const result = await tv.run({
			resource: 'device',
			operation: 'getAll',
			returnAll: true,
			filters: { teamViewerId: spaced },
		});

		expect(tv.calls('GET')[0].query).toEqual({ remotecontrol_id: device.remotecontrol_id });
		expect(result.json).toEqual([simplified(device)]);
	});

	it('combines the filters', async () => {
		const group = groupIdOf('Customers');
		const expected = visibleDevices((device) => device.groupid === group && device.online_state === 'Online');

		const result = await tv.run({
			resource: 'device',
			operation: 'getAll',
			returnAll: true,
			filters: { groupId: group, onlineState: 'online' },
		});

		expect(tv.calls('GET')[0].query).toEqual({ groupid: group, online_state: 'online' });
		expect(result.json).toEqual(expected.map(simplified));
	});

	it('returns only the first Limit devices, from one call', async () => {
		const result = await tv.run({ resource: 'device', operation: 'getAll', returnAll: false, limit: 3 });

		expect(tv.calls()).toHaveLength(1);
		expect(result.json).toEqual(visibleDevices().slice(0, 3).map(simplified));
	});

	it.each([
		['Group ID', { groupId: 'Customers' }, 'The Group "Customers" is not valid'],
		['TeamViewer ID', { teamViewerId: '12345' }, 'The TeamViewer ID "12345" is not valid'],
	])('rejects a bad %s filter before calling TeamViewer', async (_field, filters, message) => {
		const result = await tv.run({ resource: 'device', operation: 'getAll', returnAll: true, filters });

		expect(result.error?.message).toBe(message);
		expect(tv.calls()).toHaveLength(0);
	});
});

describe('Device: Update and Delete', () => {
	it('maps every field to the body, moves the device and returns it as TeamViewer now has it', async () => {
		const deviceId = tv.sandbox.deviceIds[0];

		const result = await tv.run({
			resource: 'device',
			operation: 'update',
			deviceId: locator(deviceId),
			updateFields: {
				alias: 'PC-ACCOUNTING-01-NEW',
				description: 'Moved to the lab',
				password: 'new-unattended-secret',
				groupId: groupIdOf('ServiceNow').slice(1),
				policyId: 'inherit',
			},
		});

		expect(result.status).toBe('success');
		// Group and policy go in two calls, the move first (TeamViewerPS never sends them together).
		const [move, policy] = tv.calls('PUT');
		expect(move.path).toBe(`/api/v1/devices/${deviceId}`);
		expect(move.body).toEqual({
			alias: 'PC-ACCOUNTING-01-NEW',
			description: 'Moved to the lab',
			password: 'new-unattended-secret',
			groupid: groupIdOf('ServiceNow'),
		});
		expect(policy.body).toEqual({ policy_id: 'inherit' });
		expect(tv.calls().map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
			`PUT /api/v1/devices/${deviceId} 204`,
			`PUT /api/v1/devices/${deviceId} 204`,
			`GET /api/v1/devices/${deviceId} 200`,
		]);
		const device = stored(deviceId);
		expect(device).toMatchObject({ groupid: groupIdOf('ServiceNow'), password: 'new-unattended-secret', policy_id: 'inherit' });
		expect(result.json).toEqual([wire(device)]);
	});

	it('sets a policy ID alone', async () => {
		const deviceId = tv.sandbox.deviceIds[1];

		const result = await tv.run({
			resource: 'device',
			operation: 'update',
			deviceId: locator(deviceId),
			updateFields: { policyId: POLICY_ID },
		});

		expect(tv.calls('PUT')[0].body).toEqual({ policy_id: POLICY_ID });
		expect(result.json[0]).toMatchObject({ device_id: deviceId, policy_id: POLICY_ID });
		expect(stored(deviceId).policy_id).toBe(POLICY_ID);
	});

	it.each([
		['INHERIT', 'inherit'],
		[' None ', 'none'],
		[POLICY_ID.toUpperCase(), POLICY_ID],
	])('sends the policy "%s" as %s', async (policyId, sent) => {
		const deviceId = tv.sandbox.deviceIds[1];

		await tv.run({ resource: 'device', operation: 'update', deviceId: locator(deviceId), updateFields: { policyId } });

		expect(tv.calls('PUT').map((call) => call.body)).toEqual([{ policy_id: sent }]);
		expect(stored(deviceId).policy_id).toBe(sent);
	});

	it('refuses a policy that is neither a policy ID nor inherit/none before calling TeamViewer', async () => {
		const result = await tv.run({
			resource: 'device',
			operation: 'update',
			deviceId: locator(tv.sandbox.deviceIds[0]),
			updateFields: { policyId: 'Helpdesk PCs', groupId: groupIdOf('ServiceNow') },
		});

		expect(result.error?.message).toBe('The Policy "Helpdesk PCs" is not valid');
		expect((result.error as { description?: string }).description).toMatch(/"inherit" .* or "none"/);
		expect(tv.calls()).toHaveLength(0);
	});

	it('moves the device and sets the policy in two calls, which the simulator accepts in its stricter mode too', async () => {
		const deviceId = tv.sandbox.deviceIds[0];
		expect(tv.sim.config.deviceGroupAndPolicyInOneCall).toBe('refuse');

		const result = await tv.run({
			resource: 'device',
			operation: 'update',
			deviceId: locator(deviceId),
			updateFields: { groupId: groupIdOf('Servers'), policyId: POLICY_ID },
		});

		expect(result.status).toBe('success');
		expect(tv.calls('PUT').map((call) => [call.body, call.status])).toEqual([
			[{ groupid: groupIdOf('Servers') }, 204],
			[{ policy_id: POLICY_ID }, 204],
		]);
		expect(stored(deviceId)).toMatchObject({ groupid: groupIdOf('Servers'), policy_id: POLICY_ID });
		expect(result.json).toEqual([wire(stored(deviceId))]);
	});

	it('says the device was moved but the policy not set when the second call fails', async () => {
		const deviceId = tv.sandbox.deviceIds[0];
		tv.sim.expireToken(tv.sandbox.tokens.admin, { afterUses: 1 });

		const result = await tv.run({
			resource: 'device',
			operation: 'update',
			deviceId: locator(deviceId),
			updateFields: { groupId: groupIdOf('Servers'), policyId: 'none' },
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`Device ${deviceId} was moved to group ${groupIdOf('Servers')}, but its policy was not set to "none"`);
		expect((result.error as { description?: string }).description).toMatch(
			/^TeamViewer rejected the token: it is invalid or has expired\. TeamViewer changes a device's group and its policy in separate calls/,
		);
		expect(stored(deviceId).groupid).toBe(groupIdOf('Servers'));
		expect(stored(deviceId).policy_id).toBeNull();
	});

	it('refuses an update without fields', async () => {
		const result = await tv.run({ resource: 'device', operation: 'update', deviceId: locator(tv.sandbox.deviceIds[0]) });

		expect(result.error?.message).toBe('No fields to update were set');
		expect(tv.calls()).toHaveLength(0);
	});

	it('rejects a group that is not an ID before calling TeamViewer', async () => {
		const result = await tv.run({
			resource: 'device',
			operation: 'update',
			deviceId: locator(tv.sandbox.deviceIds[0]),
			updateFields: { groupId: 'ServiceNow' },
		});

		expect(result.error?.message).toBe('The Group "ServiceNow" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});

	it('deletes a device', async () => {
		const deviceId = tv.sandbox.deviceIds[2];

		const result = await tv.run({ resource: 'device', operation: 'delete', deviceId: locator(deviceId) });

		expect(tv.calls().map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
			`DELETE /api/v1/devices/${deviceId} 204`,
		]);
		expect(result.json).toEqual([{ device_id: deviceId, deleted: true }]);
		expect(tv.sim.state.devices.has(deviceId)).toBe(false);
	});

	it('names the device TeamViewer does not know on delete', async () => {
		const result = await tv.run({ resource: 'device', operation: 'delete', deviceId: locator('d1') });

		expect(result.error?.message).toBe('Device "d1" was not found in TeamViewer');
		expect(tv.sim.state.devices.size).toBe(tv.sandbox.deviceIds.length);
	});
});

describe('Device: Assign to Account', () => {
	it('assigns a waiting device by TeamViewer ID and password, into its group', async () => {
		const { teamviewerId, password } = tv.sandbox.unassignedDevices[0];

		const result = await tv.run({
			resource: 'device',
			operation: 'assign',
			teamViewerId: `r${teamviewerId}`,
			devicePassword: password,
			enableEasyAccess: true,
		});

		expect(result.status).toBe('success');
		const [post] = tv.calls('POST');
		expect(post.path).toBe('/api/v1/devices/assign');
		expect(post.body).toEqual({
			device_id: String(teamviewerId),
			current_device_password: password,
			enable_easy_access: true,
		});
		expect(post.status).toBe(204);
		expect(result.json).toEqual([{ teamviewer_id: String(teamviewerId), assigned: true }]);
		expect(tv.sim.state.unassignedDevices.has(teamviewerId)).toBe(false);
		expect(findByTeamViewerId(teamviewerId)).toMatchObject({
			assigned_to: true,
			online_state: 'Online',
			groupid: groupIdOf('Customers'),
			userid: tv.sandbox.accountUserId,
		});
	});

	it('sends enable_easy_access false by default and takes a spaced TeamViewer ID', async () => {
		const { teamviewerId, password } = tv.sandbox.unassignedDevices[1];
		const spaced = String(teamviewerId).replace(/(\d{3})(?=\d)/g, '$1 ');

		const result = await tv.run({ resource: 'device', operation: 'assign', teamViewerId: spaced, devicePassword: password });

		expect(tv.calls('POST')[0].body).toEqual({
			device_id: String(teamviewerId),
			current_device_password: password,
			enable_easy_access: false,
		});
		expect(result.json).toEqual([{ teamviewer_id: String(teamviewerId), assigned: true }]);
		expect(findByTeamViewerId(teamviewerId)?.assigned_to).toBe(true);
	});

	it('says clearly that the device password was wrong', async () => {
		const { teamviewerId } = tv.sandbox.unassignedDevices[0];

		const result = await tv.run({
			resource: 'device',
			operation: 'assign',
			teamViewerId: String(teamviewerId),
			devicePassword: 'not-the-password',
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('TeamViewer refused the request: The device password is incorrect');
		expect((result.error as { description?: string }).description).toMatch(/Check the Device Password/);
		expect(tv.calls('POST')).toHaveLength(1);
		expect(tv.sim.state.unassignedDevices.has(teamviewerId)).toBe(true);
		expect(findByTeamViewerId(teamviewerId)).toBeUndefined();
	});

	it('names a device that is not waiting to be assigned', async () => {
		const result = await tv.run({
			resource: 'device',
			operation: 'assign',
			teamViewerId: '987 654 321',
			devicePassword: 'assign-me-1',
		});

		expect(result.error?.message).toBe(
			'TeamViewer refused the request: Device 987654321 is not available for assignment',
		);
		expect((result.error as { description?: string }).description).toMatch(/^Check the Device Password/);
	});

	it('rejects a bad TeamViewer ID before calling TeamViewer', async () => {
		const result = await tv.run({ resource: 'device', operation: 'assign', teamViewerId: '12345', devicePassword: 'assign-me-1' });

		expect(result.error?.message).toBe('The TeamViewer ID "12345" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});

	it('refuses an empty password computed by an expression before calling TeamViewer', async () => {
		const result = await tv.run(
			{ resource: 'device', operation: 'assign', teamViewerId: '123456789', devicePassword: '={{ $json.password }}' },
			{ input: [{ password: '' }] },
		);

		expect(result.error?.message).toBe('The Device Password "" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});
});

describe('Device: permissions and search', () => {
	it.each([
		['create', { teamViewerId: '123456789', groupId: locator('g2720001') }, 'Computers & Contacts → Add entries'],
		['assign', { teamViewerId: '123456789', devicePassword: 'x' }, 'Computers & Contacts → Add entries'],
		['update', { deviceId: locator('d9870001'), updateFields: { alias: 'x' } }, 'Computers & Contacts → Edit entries'],
		['delete', { deviceId: locator('d9870001') }, 'Computers & Contacts → Remove entries'],
	])('names the permission a read-only token lacks for %s', async (operation, parameters, permission) => {
		const deviceCount = tv.sim.state.devices.size;

		const result = await tv.run(
			{ resource: 'device', operation, ...parameters },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`The TeamViewer token lacks the permission "${permission}"`);
		expect((result.error as { description?: string }).description).toContain(`grant "${permission}"`);
		// Create looks the device up first (a read the token may do); the write itself is refused.
		const refused = tv.calls().filter((call) => call.status === 403);
		expect(tv.calls().map((call) => call.status)).toEqual(operation === 'create' ? [200, 403] : [403]);
		expect(refused[0].token).toBe(tv.sandbox.tokens.limited);
		expect(tv.sim.state.devices.size).toBe(deviceCount);
	});

	it('still reads devices with the read-only token', async () => {
		const result = await tv.run(
			{ resource: 'device', operation: 'getAll', returnAll: true },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.status).toBe('success');
		expect(result.json).toHaveLength(visibleDevices().length);
	});

	it('lists the devices for the device picker, filtered by alias or TeamViewer ID', async () => {
		const workflow = teamViewerWorkflow({ parameters: { resource: 'device', operation: 'get' }, credential: tv.credential });
		const target = stored(tv.sandbox.deviceIds[6]);

		const all = await tv.engine.listSearch(workflow, 'searchDevices');
		const byAlias = await tv.engine.listSearch(workflow, 'searchDevices', 'accounting');
		const byTeamViewerId = await tv.engine.listSearch(workflow, 'searchDevices', String(target.teamviewer_id));

		expect(all.results.map((result) => result.value).sort()).toEqual(visibleDevices().map((device) => device.device_id).sort());
		expect(all.results.map((result) => result.name)).toEqual(all.results.map((result) => result.name).sort((a, b) => a.localeCompare(b)));
		expect(byAlias.results).toEqual(
			visibleDevices((device) => device.alias.toLowerCase().includes('accounting'))
				.map((device) => ({ name: `${device.alias} (${device.online_state})`, value: device.device_id }))
				.sort((a, b) => a.name.localeCompare(b.name)),
		);
		expect(byTeamViewerId.results).toEqual([{ name: `${target.alias} (${target.online_state})`, value: target.device_id }]);
		// The text search reuses the list read when the picker opened; a whole TeamViewer ID is looked up.
		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v1/devices', 'GET /api/v1/devices']);
		expect(tv.calls().map((call) => call.query)).toEqual([{}, { remotecontrol_id: `r${target.teamviewer_id}` }]);
	});
});

describe('Simulator: PUT /devices/{id} with groupid and policy_id together', () => {
	async function putBoth(deviceId: string) {
		return await fetch(`${tv.sim.apiUrl}/devices/${deviceId}`, {
			method: 'PUT',
			headers: { Authorization: `Bearer ${tv.sandbox.tokens.admin}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ groupid: groupIdOf('Servers'), policy_id: 'inherit' }),
		});
	}

	it('refuses the combination by default, naming both fields', async () => {
		const deviceId = tv.sandbox.deviceIds[0];

		const response = await putBoth(deviceId);

		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			error: 'invalid_request',
			error_description: 'groupid and policy_id cannot be changed in the same request; change the group first, then the policy.',
			error_code: 400,
		});
		expect(stored(deviceId).groupid).not.toBe(groupIdOf('Servers'));
	});

	it('carries out both with deviceGroupAndPolicyInOneCall "apply"', async () => {
		const deviceId = tv.sandbox.deviceIds[0];
		tv.sim.config.deviceGroupAndPolicyInOneCall = 'apply';

		const response = await putBoth(deviceId);

		expect(response.status).toBe(204);
		expect(stored(deviceId)).toMatchObject({ groupid: groupIdOf('Servers'), policy_id: 'inherit' });
	});
});
