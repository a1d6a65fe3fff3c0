import type { ManagedDevice, ManagedGroup } from '../simulators/teamviewer';
import { useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

const UNKNOWN_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const POLICY_ID = '0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11';
const GROUP_ID = '9b2d4e1a-7c3f-4a5b-8e6d-1f2a3b4c5d6e';

function stored(id: string): ManagedDevice {
	return tv.sim.state.managedDevices.get(id)!;
}

function managedDevices(filter: (device: ManagedDevice) => boolean = () => true) {
	return [...tv.sim.state.managedDevices.values()].filter(filter);
}

/** A list item of GET /managed/devices: `last_seen` only while offline. */
function listItem(device: ManagedDevice) {
	return {
		id: device.id,
		teamviewerId: device.teamviewerId,
		name: device.name,
		isOnline: device.isOnline,
		...(device.isOnline ? {} : { last_seen: device.last_seen }),
	};
}

/** `ManagedDeviceDetailModel`, TeamViewer's model of one managed device. */
function detail(device: ManagedDevice) {
	return {
		...listItem(device),
		teamviewerPolicyId: device.teamviewerPolicyId,
		teamViewerVersion: device.teamViewerVersion,
		deviceDescription: device.deviceDescription,
	};
}

/** Walks a list the way a correct client does, straight against the simulator, to learn its page tokens. */
async function pageTokens(path: string): Promise<string[]> {
	const tokens: string[] = [];
	for (let token: string | undefined; ; ) {
		const url = `${tv.sim.apiUrl}${path}${token ? `?paginationToken=${encodeURIComponent(token)}` : ''}`;
		const response = await fetch(url, { headers: { Authorization: `Bearer ${tv.sandbox.tokens.admin}` } });
		token = ((await response.json()) as { nextPaginationToken?: string }).nextPaginationToken;
		if (!token) break;
		tokens.push(token);
	}
	tv.sim.log.clear();
	return tokens;
}

describe('Managed device: Get Many', () => {
	it('lists the devices this account manages from /managed/devices', async () => {
		const expected = managedDevices((device) => device.managerIds.includes(tv.sandbox.accountUserId));

		const result = await tv.run({ resource: 'managedDevice', operation: 'getAll', scope: 'managedByMe', returnAll: true });

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v1/managed/devices']);
		expect(tv.calls()[0].query).toEqual({});
		expect(expected.length).toBeLessThan(tv.sandbox.managedDeviceIds.length);
		expect(result.json).toEqual(expected.map(listItem));
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('lists every company-managed device from /managed/devices/company', async () => {
		const result = await tv.run({ resource: 'managedDevice', operation: 'getAll', scope: 'company', returnAll: true });

		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v1/managed/devices/company']);
		expect(result.json).toEqual(managedDevices().map(listItem));
		expect(result.json).toHaveLength(tv.sandbox.managedDeviceIds.length);
	});

	it.each([
		['company', '/managed/devices/company'],
		['managedByMe', '/managed/devices'],
	])('Return All (%s) sends paginationToken = the previous nextPaginationToken until there is none', async (scope, path) => {
		tv.sim.config.managedPageSize = 2;
		const tokens = await pageTokens(path);
		const expected =
			scope === 'company' ? managedDevices() : managedDevices((device) => device.managerIds.includes(tv.sandbox.accountUserId));

		const result = await tv.run({ resource: 'managedDevice', operation: 'getAll', scope, returnAll: true });

		const calls = tv.calls('GET');
		expect(calls).toHaveLength(Math.ceil(expected.length / 2));
		expect(tokens).toHaveLength(calls.length - 1);
		expect(calls.map((call) => call.path)).toEqual(calls.map(() => `/api/v1${path}`));
		expect(calls.map((call) => call.query)).toEqual([{}, ...tokens.map((paginationToken) => ({ paginationToken }))]);
		expect(result.json).toEqual(expected.map(listItem));
	});

	it('stops paging as soon as Limit is reached', async () => {
		tv.sim.config.managedPageSize = 2;

		const result = await tv.run({ resource: 'managedDevice', operation: 'getAll', scope: 'company', returnAll: false, limit: 3 });

		expect(tv.calls('GET')).toHaveLength(2);
		expect(result.json).toEqual(managedDevices().slice(0, 3).map(listItem));
	});

	it('makes one call when Limit fits into the first page', async () => {
		tv.sim.config.managedPageSize = 4;

		const result = await tv.run({ resource: 'managedDevice', operation: 'getAll', scope: 'company', returnAll: false, limit: 4 });

		expect(tv.calls('GET')).toHaveLength(1);
		expect(result.json).toEqual(managedDevices().slice(0, 4).map(listItem));
	});

	it('names the permission a token without company admin lacks for the company list', async () => {
		const result = await tv.run(
			{ resource: 'managedDevice', operation: 'getAll', scope: 'company', returnAll: true },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'The TeamViewer token lacks the permission "Device Groups → Read operations, on a company administrator\'s token"',
		);
		expect((result.error as { description?: string }).description).not.toContain('Managed device "company"');
		expect(tv.calls().map((call) => call.status)).toEqual([403]);
	});
});

describe('Managed device: Get', () => {
	it('returns the device detail, UUID taken in any case', async () => {
		const device = stored(tv.sandbox.managedDeviceIds[1]);

		const result = await tv.run({ resource: 'managedDevice', operation: 'get', managedDeviceId: ` ${device.id.toUpperCase()} ` });

		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([`GET /api/v1/managed/devices/${device.id}`]);
		expect(result.json).toEqual([detail(device)]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it.each([['LAPTOP-HR-01'], ['1234567890'], ['3fa85f64-5717-4562-b3fc-2c963f66afa']])(
		'rejects the managed device ID "%s" before calling TeamViewer',
		async (managedDeviceId) => {
			const result = await tv.run({ resource: 'managedDevice', operation: 'get', managedDeviceId });

			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(`The Managed Device ID "${managedDeviceId}" is not valid`);
			expect(tv.calls()).toHaveLength(0);
		},
	);

	it('names the managed device TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'managedDevice', operation: 'get', managedDeviceId: UNKNOWN_ID });

		expect(result.error?.message).toBe(`Managed device "${UNKNOWN_ID}" was not found in TeamViewer`);
	});
});

describe('Managed device: Update', () => {
	it('sends name, policy and group, then returns the device as TeamViewer now has it', async () => {
		const id = tv.sandbox.managedDeviceIds[2];

		const result = await tv.run({
			resource: 'managedDevice',
			operation: 'update',
			managedDeviceId: id,
			updateFields: { name: '  WS-ENGINEERING-04-RENAMED ', teamviewerPolicyId: POLICY_ID, managedGroupId: GROUP_ID },
		});

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
			`PUT /api/v1/managed/devices/${id} 204`,
			`GET /api/v1/managed/devices/${id} 200`,
		]);
		expect(tv.calls('PUT')[0].body).toEqual({
			name: 'WS-ENGINEERING-04-RENAMED',
			teamviewerPolicyId: POLICY_ID,
			managedGroupId: GROUP_ID,
		});
		const device = stored(id);
		expect(device).toMatchObject({ name: 'WS-ENGINEERING-04-RENAMED', teamviewerPolicyId: POLICY_ID, managedGroupId: GROUP_ID });
		expect(result.json).toEqual([detail(device)]);
	});

	it('sends only the field that is set', async () => {
		const id = tv.sandbox.managedDeviceIds[0];

		const result = await tv.run({
			resource: 'managedDevice',
			operation: 'update',
			managedDeviceId: id,
			updateFields: { teamviewerPolicyId: POLICY_ID },
		});

		expect(tv.calls('PUT')[0].body).toEqual({ teamviewerPolicyId: POLICY_ID });
		expect(result.json).toEqual([detail(stored(id))]);
		expect(result.json[0].teamviewerPolicyId).toBe(POLICY_ID);
	});

	it.each([
		['Policy ID', { teamviewerPolicyId: 'inherit' }, 'The Policy ID "inherit" is not valid'],
		['Managed Group ID', { managedGroupId: 'g2720001' }, 'The Managed Group ID "g2720001" is not valid'],
	])('rejects a %s that is not a UUID before calling TeamViewer', async (_field, updateFields, message) => {
		const result = await tv.run({
			resource: 'managedDevice',
			operation: 'update',
			managedDeviceId: tv.sandbox.managedDeviceIds[0],
			updateFields: { name: 'Renamed', ...updateFields },
		});

		expect(result.error?.message).toBe(message);
		expect(tv.calls()).toHaveLength(0);
	});

	it('rejects a managed device ID that is not a UUID before calling TeamViewer', async () => {
		const result = await tv.run({
			resource: 'managedDevice',
			operation: 'update',
			managedDeviceId: 'LAPTOP-HR-01',
			updateFields: { name: 'Renamed' },
		});

		expect(result.error?.message).toBe('The Managed Device ID "LAPTOP-HR-01" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});

	it.each([
		['no field', {}],
		['only a blank name', { name: '   ' }],
	])('refuses an update with %s', async (_case, updateFields) => {
		const result = await tv.run({
			resource: 'managedDevice',
			operation: 'update',
			managedDeviceId: tv.sandbox.managedDeviceIds[0],
			updateFields,
		});

		expect(result.error?.message).toBe('No fields to update were set');
		expect(tv.calls()).toHaveLength(0);
	});

	it('passes on TeamViewer’s refusal of an update that changes nothing', async () => {
		const device = stored(tv.sandbox.managedDeviceIds[0]);

		const result = await tv.run({
			resource: 'managedDevice',
			operation: 'update',
			managedDeviceId: device.id,
			updateFields: { name: device.name },
		});

		expect(result.error?.message).toContain('The request does not change the device');
		expect(result.error?.message).toMatch(/^TeamViewer refused the request: /);
		expect((result.error as { description?: string }).description).toContain('(HTTP 400, invalid_request)');
		expect(tv.calls().map((call) => call.method)).toEqual(['PUT']);
	});

	it('names the permission a read-only token lacks', async () => {
		const id = tv.sandbox.managedDeviceIds[0];
		const nameBefore = stored(id).name;

		const result = await tv.run(
			{ resource: 'managedDevice', operation: 'update', managedDeviceId: id, updateFields: { name: 'Renamed' } },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.error?.message).toBe('The TeamViewer token lacks the permission "Device Groups → Modifying operations"');
		expect(tv.calls().map((call) => `${call.method} ${call.status}`)).toEqual(['PUT 403']);
		expect(stored(id).name).toBe(nameBefore);
	});
});

describe('Managed device: Remove Management', () => {
	it('removes management with DELETE and says so', async () => {
		const id = tv.sandbox.managedDeviceIds[3];

		const result = await tv.run({ resource: 'managedDevice', operation: 'removeManagement', managedDeviceId: id.toUpperCase() });

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
			`DELETE /api/v1/managed/devices/${id} 204`,
		]);
		expect(result.json).toEqual([{ id, managementRemoved: true }]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(tv.sim.state.managedDevices.has(id)).toBe(false);
	});

	it('rejects a managed device ID that is not a UUID before calling TeamViewer', async () => {
		const result = await tv.run({ resource: 'managedDevice', operation: 'removeManagement', managedDeviceId: 'd9870001' });

		expect(result.error?.message).toBe('The Managed Device ID "d9870001" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});

	it('names the managed device TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'managedDevice', operation: 'removeManagement', managedDeviceId: UNKNOWN_ID });

		expect(result.error?.message).toBe(`Managed device "${UNKNOWN_ID}" was not found in TeamViewer`);
		expect(tv.sim.state.managedDevices.size).toBe(tv.sandbox.managedDeviceIds.length);
	});

	it('keeps going per item with Continue On Fail', async () => {
		const id = tv.sandbox.managedDeviceIds[0];

		const result = await tv.run(
			{ resource: 'managedDevice', operation: 'removeManagement', managedDeviceId: '={{ $json.id }}' },
			{ input: [{ id: 'nonsense' }, { id }], continueOnFail: true },
		);

		expect(result.status).toBe('success');
		expect(result.json).toEqual([
			expect.objectContaining({ error: 'The Managed Device ID "nonsense" is not valid' }),
			{ id, managementRemoved: true },
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(tv.calls()).toHaveLength(1);
	});
});

/** The sandbox's managed groups: Engineering (devices 2, 3), HR Laptops (0, 1), Warehouse (4, 5). */
function managedGroupId(name: 'Engineering' | 'HR Laptops' | 'Warehouse'): string {
	return tv.sandbox.managedGroupsByName[name];
}

function groupJson(id: string) {
	const group: ManagedGroup = tv.sim.state.managedGroups.get(id)!;
	return { id: group.id, name: group.name, ...(group.policies[1] ? { policy_id: group.policies[1] } : {}) };
}

function calls() {
	return tv.calls().map((call) => `${call.method} ${call.path} ${call.status}`);
}

describe('Managed device: Get Groups', () => {
	it('lists the managed groups the device is in', async () => {
		const id = tv.sandbox.managedDeviceIds[4];

		const result = await tv.run({ resource: 'managedDevice', operation: 'getGroups', managedDeviceId: id, returnAll: true });

		expect(calls()).toEqual([`GET /api/v1/managed/devices/${id}/groups 200`]);
		expect(result.json).toEqual([groupJson(managedGroupId('Warehouse'))]);
	});

	it('pages with paginationToken and stops at Limit', async () => {
		tv.sim.config.managedPageSize = 1;
		const device = stored(tv.sandbox.managedDeviceIds[0]);
		device.groupIds.push(managedGroupId('Engineering'), managedGroupId('Warehouse'));

		const result = await tv.run({ resource: 'managedDevice', operation: 'getGroups', managedDeviceId: device.id, returnAll: false, limit: 2 });

		expect(tv.calls()).toHaveLength(2);
		expect(tv.calls()[1].query).toEqual({ paginationToken: expect.any(String) });
		expect(result.json).toEqual([groupJson(managedGroupId('HR Laptops')), groupJson(managedGroupId('Engineering'))]);
	});

	it('names the managed device TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'managedDevice', operation: 'getGroups', managedDeviceId: UNKNOWN_ID, returnAll: true });

		expect(result.error?.message).toBe(`Managed device "${UNKNOWN_ID}" was not found in TeamViewer`);
	});
});

describe('Managed device: Change Groups', () => {
	it('moves a device in one PUT with both lists, then returns its groups', async () => {
		const id = tv.sandbox.managedDeviceIds[0];
		const [hr, engineering] = [managedGroupId('HR Laptops'), managedGroupId('Engineering')];

		const result = await tv.run({
			resource: 'managedDevice',
			operation: 'changeGroups',
			managedDeviceId: id,
			addToGroupIds: ` ${engineering.toUpperCase()} `,
			removeFromGroupIds: hr,
		});

		expect(result.status).toBe('success');
		expect(calls()).toEqual([`PUT /api/v1/managed/devices/${id}/groups 204`, `GET /api/v1/managed/devices/${id}/groups 200`]);
		expect(tv.calls('PUT')[0].body).toEqual({ AddedChainIds: [engineering], RemovedChainIds: [hr] });
		expect(stored(id).groupIds).toEqual([engineering]);
		expect(result.json).toEqual([{ id, changed: true, managedGroups: [groupJson(engineering)] }]);
	});

	it('adds to several groups at once and sends an empty removal list', async () => {
		const id = tv.sandbox.managedDeviceIds[5];
		const [engineering, hr] = [managedGroupId('Engineering'), managedGroupId('HR Laptops')];

		const result = await tv.run({
			resource: 'managedDevice',
			operation: 'changeGroups',
			managedDeviceId: id,
			addToGroupIds: `${engineering}, ${hr},${engineering}`,
		});

		expect(tv.calls('PUT')[0].body).toEqual({ AddedChainIds: [engineering, hr], RemovedChainIds: [] });
		expect(result.json[0].managedGroups).toEqual([managedGroupId('Warehouse'), engineering, hr].map(groupJson));
	});

	it('answers a rerun (the groups are already as asked) with changed: false', async () => {
		const id = tv.sandbox.managedDeviceIds[2];

		const result = await tv.run({
			resource: 'managedDevice',
			operation: 'changeGroups',
			managedDeviceId: id,
			addToGroupIds: managedGroupId('Engineering'),
			removeFromGroupIds: managedGroupId('Warehouse'),
		});

		expect(result.status).toBe('success');
		expect(calls()).toEqual([
			`PUT /api/v1/managed/devices/${id}/groups 400`,
			`GET /api/v1/managed/devices/${id}/groups 200`,
			`GET /api/v1/managed/devices/${id}/groups 200`,
		]);
		expect(result.json).toEqual([{ id, changed: false, managedGroups: [groupJson(managedGroupId('Engineering'))] }]);
	});

	it.each([
		['no group', {}, 'No managed groups to add or remove were set'],
		['the same group in both lists', { addToGroupIds: GROUP_ID, removeFromGroupIds: GROUP_ID }, `The managed group "${GROUP_ID}" is in both lists`],
		['a group ID that is not a UUID', { addToGroupIds: `${GROUP_ID}, Engineering` }, 'The Add to Managed Groups "Engineering" is not valid'],
		['a removal ID that is not a UUID', { removeFromGroupIds: 'g2720001' }, 'The Remove From Managed Groups "g2720001" is not valid'],
	])('refuses %s before calling TeamViewer', async (_case, fields, message) => {
		const result = await tv.run({ resource: 'managedDevice', operation: 'changeGroups', managedDeviceId: tv.sandbox.managedDeviceIds[0], ...fields });

		expect(result.error?.message).toBe(message);
		expect(tv.calls()).toHaveLength(0);
	});

	it('passes on TeamViewer’s refusal of a group it does not know', async () => {
		const id = tv.sandbox.managedDeviceIds[0];

		const result = await tv.run({ resource: 'managedDevice', operation: 'changeGroups', managedDeviceId: id, addToGroupIds: UNKNOWN_ID });

		expect(result.error?.message).toBe(`TeamViewer refused the request: Managed group ${UNKNOWN_ID} was not found`);
		expect((result.error as { description?: string }).description).toContain('Check the managed group IDs');
		expect(stored(id).groupIds).toEqual([managedGroupId('HR Laptops')]);
	});
});

describe('Managed device: Set Description', () => {
	it('sets the description with its own PUT and returns the device', async () => {
		const id = tv.sandbox.managedDeviceIds[1];

		const result = await tv.run({ resource: 'managedDevice', operation: 'setDescription', managedDeviceId: id, deviceDescription: ' 3rd floor, HR ' });

		expect(calls()).toEqual([`PUT /api/v1/managed/devices/${id}/description 204`, `GET /api/v1/managed/devices/${id} 200`]);
		expect(tv.calls('PUT')[0].body).toEqual({ deviceDescription: '3rd floor, HR' });
		expect(result.json).toEqual([detail(stored(id))]);
		expect(result.json[0].deviceDescription).toBe('3rd floor, HR');
	});

	it('clears the description with an empty one', async () => {
		const device = stored(tv.sandbox.managedDeviceIds[1]);
		device.deviceDescription = 'old text';

		const result = await tv.run({ resource: 'managedDevice', operation: 'setDescription', managedDeviceId: device.id, deviceDescription: '' });

		expect(tv.calls('PUT')[0].body).toEqual({ deviceDescription: '' });
		expect(device.deviceDescription).toBeNull();
		expect(result.json[0].deviceDescription).toBeNull();
	});

	it('answers a rerun (the device has that description already) with the device', async () => {
		const device = stored(tv.sandbox.managedDeviceIds[1]);
		device.deviceDescription = 'Reception';

		const result = await tv.run({ resource: 'managedDevice', operation: 'setDescription', managedDeviceId: device.id, deviceDescription: 'Reception' });

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.status}`)).toEqual(['PUT 400', 'GET 200']);
		expect(result.json).toEqual([detail(device)]);
	});

	it('names the permission a read-only token lacks', async () => {
		const result = await tv.run(
			{ resource: 'managedDevice', operation: 'setDescription', managedDeviceId: tv.sandbox.managedDeviceIds[1], deviceDescription: 'x' },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.error?.message).toBe('The TeamViewer token lacks the permission "Device Groups → Modifying operations"');
		expect(tv.calls().map((call) => call.status)).toEqual([403]);
	});

	it('names the managed device TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'managedDevice', operation: 'setDescription', managedDeviceId: UNKNOWN_ID, deviceDescription: 'x' });

		expect(result.error?.message).toBe(`Managed device "${UNKNOWN_ID}" was not found in TeamViewer`);
		expect(tv.calls().map((call) => call.status)).toEqual([404]);
	});
});

describe('Managed device: Remove Policy', () => {
	it('removes the TeamViewer policy (policy_type 1) and returns the device without it', async () => {
		const device = stored(tv.sandbox.managedDeviceIds[0]);
		expect(device.teamviewerPolicyId).not.toBeNull();

		const result = await tv.run({ resource: 'managedDevice', operation: 'removePolicy', managedDeviceId: device.id, policyType: 1 });

		expect(calls()).toEqual([`PUT /api/v1/managed/devices/${device.id}/policy/remove 204`, `GET /api/v1/managed/devices/${device.id} 200`]);
		expect(tv.calls('PUT')[0].body).toEqual({ policy_type: 1 });
		expect(result.json).toEqual([detail(device)]);
		expect(result.json[0].teamviewerPolicyId).toBeNull();
	});

	it('removes a monitoring policy with policy_type 4', async () => {
		const device = stored(tv.sandbox.managedDeviceIds[3]);
		device.otherPolicies[4] = POLICY_ID;

		await tv.run({ resource: 'managedDevice', operation: 'removePolicy', managedDeviceId: device.id, policyType: 4 });

		expect(tv.calls('PUT')[0].body).toEqual({ policy_type: 4 });
		expect(device.otherPolicies).toEqual({});
	});

	it('passes on the refusal of a policy type the device does not have, with what to check', async () => {
		const result = await tv.run({ resource: 'managedDevice', operation: 'removePolicy', managedDeviceId: tv.sandbox.managedDeviceIds[3], policyType: 5 });

		expect(result.error?.message).toBe('TeamViewer refused the request: The device has no policy of type 5 assigned');
		expect((result.error as { description?: string }).description).toContain('Check that the device has a patch management policy assigned.');
	});

	it('refuses a policy type that is not on the list before calling TeamViewer', async () => {
		const result = await tv.run({ resource: 'managedDevice', operation: 'removePolicy', managedDeviceId: tv.sandbox.managedDeviceIds[0], policyType: 2 });

		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('Policy Type');
		expect(tv.calls()).toHaveLength(0);
	});
});
