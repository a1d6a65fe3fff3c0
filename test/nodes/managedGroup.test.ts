import { teamViewerWorkflow } from '../harness/engine';
import { locator, useTeamViewer } from '../harness/teamviewer';
import type { ManagedDevice, ManagedGroup } from '../simulators/teamviewer';

const tv = useTeamViewer();

const UNKNOWN_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const POLICY_ID = '0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11';

type GroupName = 'Engineering' | 'HR Laptops' | 'Warehouse';

function groupId(name: GroupName): string {
	return tv.sandbox.managedGroupsByName[name];
}

function storedGroup(id: string): ManagedGroup {
	return tv.sim.state.managedGroups.get(id)!;
}

function groups(): ManagedGroup[] {
	return [...tv.sim.state.managedGroups.values()];
}

/** The sandbox's managed devices by position: 0 LAPTOP-HR-01 … 4 TABLET-WAREHOUSE-1, 5 SRV-FILE-02. */
function device(index: number): ManagedDevice {
	return tv.sim.state.managedDevices.get(tv.sandbox.managedDeviceIds[index])!;
}

/** ManagedGroupModel: `id`, `name`, and `policy_id` only while a TeamViewer policy is assigned. */
function groupJson(group: ManagedGroup) {
	return { id: group.id, name: group.name, ...(group.policies[1] ? { policy_id: group.policies[1] } : {}) };
}

/** A list item of the managed-device lists: `last_seen` only while offline. */
function deviceItem(managed: ManagedDevice) {
	return {
		id: managed.id,
		teamviewerId: managed.teamviewerId,
		name: managed.name,
		isOnline: managed.isOnline,
		...(managed.isOnline ? {} : { last_seen: managed.last_seen }),
	};
}

function calls() {
	return tv.calls().map((call) => `${call.method} ${call.path} ${call.status}`);
}

/** Walks a list straight against the simulator, as a correct client does, to learn its page tokens. */
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

describe('Managed group: Get Many', () => {
	it('lists every managed group from /managed/groups', async () => {
		const result = await tv.run({ resource: 'managedGroup', operation: 'getAll', returnAll: true });

		expect(result.status).toBe('success');
		expect(calls()).toEqual(['GET /api/v1/managed/groups 200']);
		expect(tv.calls()[0].query).toEqual({});
		expect(result.json).toEqual(groups().map(groupJson));
		expect(result.json).toHaveLength(3);
		expect(result.json[0]).toEqual({ id: groupId('Engineering'), name: 'Engineering', policy_id: storedGroup(groupId('Engineering')).policies[1] });
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Return All sends paginationToken = the previous nextPaginationToken until there is none', async () => {
		tv.sim.config.managedPageSize = 1;
		const tokens = await pageTokens('/managed/groups');

		const result = await tv.run({ resource: 'managedGroup', operation: 'getAll', returnAll: true });

		expect(tokens).toHaveLength(2);
		expect(tv.calls().map((call) => call.query)).toEqual([{}, ...tokens.map((paginationToken) => ({ paginationToken }))]);
		expect(result.json).toEqual(groups().map(groupJson));
	});

	it('stops paging as soon as Limit is reached', async () => {
		tv.sim.config.managedPageSize = 1;

		const result = await tv.run({ resource: 'managedGroup', operation: 'getAll', returnAll: false, limit: 2 });

		expect(tv.calls()).toHaveLength(2);
		expect(result.json).toEqual(groups().slice(0, 2).map(groupJson));
	});

	it('shows an account token only the groups its account manages', async () => {
		const result = await tv.run(
			{ resource: 'managedGroup', operation: 'getAll', returnAll: true },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.json.map((group) => group.name)).toEqual(['Engineering', 'HR Laptops']);
	});
});

describe('Managed group: Get', () => {
	it('returns the group picked by ID, the UUID taken in any case', async () => {
		const id = groupId('HR Laptops');

		const result = await tv.run({ resource: 'managedGroup', operation: 'get', managedGroupId: locator(` ${id.toUpperCase()} `) });

		expect(calls()).toEqual([`GET /api/v1/managed/groups/${id} 200`]);
		expect(result.json).toEqual([{ id, name: 'HR Laptops' }]);
	});

	it('returns the group picked from the list', async () => {
		const id = groupId('Engineering');

		const result = await tv.run({ resource: 'managedGroup', operation: 'get', managedGroupId: locator(id, 'list') });

		expect(result.json).toEqual([groupJson(storedGroup(id))]);
	});

	it.each([['Engineering'], ['g2720001'], ['3fa85f64-5717-4562-b3fc-2c963f66afa']])(
		'rejects the managed group "%s" from an expression before calling TeamViewer',
		async (value) => {
			const result = await tv.run(
				{ resource: 'managedGroup', operation: 'get', managedGroupId: locator('={{ $json.group }}') },
				{ input: [{ group: value }] },
			);

			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(`The Managed Group "${value}" is not valid`);
			expect(tv.calls()).toHaveLength(0);
		},
	);

	it('has the editor refuse a typed ID that is not a UUID', async () => {
		await expect(
			tv.run({ resource: 'managedGroup', operation: 'get', managedGroupId: locator('Engineering') }),
		).rejects.toThrow('Not a managed group ID (a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6)');
		expect(tv.calls()).toHaveLength(0);
	});

	it('names the managed group TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'managedGroup', operation: 'get', managedGroupId: locator(UNKNOWN_ID) });

		expect(result.error?.message).toBe(`Managed group "${UNKNOWN_ID}" was not found in TeamViewer`);
		expect(calls()).toEqual([`GET /api/v1/managed/groups/${UNKNOWN_ID} 404`]);
	});

	it('does not show an account token a group only its company manages', async () => {
		const result = await tv.run(
			{ resource: 'managedGroup', operation: 'get', managedGroupId: locator(groupId('Warehouse')) },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.error?.message).toBe(`Managed group "${groupId('Warehouse')}" was not found in TeamViewer`);
	});
});

describe('Managed group: Create', () => {
	it('looks the name up, then creates the group with the trimmed name', async () => {
		const result = await tv.run({ resource: 'managedGroup', operation: 'create', name: '  Branch Office  ' });

		expect(result.status).toBe('success');
		expect(calls()).toEqual(['GET /api/v1/managed/groups 200', 'POST /api/v1/managed/groups 200']);
		expect(tv.calls('POST')[0].body).toEqual({ name: 'Branch Office' });
		const created = groups().find((group) => group.name === 'Branch Office')!;
		expect(created.managers.map((manager) => manager.userId)).toEqual([tv.sandbox.accountUserId]);
		expect(result.json).toEqual([{ id: created.id, name: 'Branch Office', created: true }]);
	});

	it('returns the group of that name (any case) instead of creating a second one', async () => {
		const result = await tv.run({ resource: 'managedGroup', operation: 'create', name: 'hr laptops' });

		expect(calls()).toEqual(['GET /api/v1/managed/groups 200']);
		expect(result.json).toEqual([{ id: groupId('HR Laptops'), name: 'HR Laptops', created: false }]);
		expect(groups()).toHaveLength(3);
	});

	it('finds the name on a later page and stops reading there', async () => {
		tv.sim.config.managedPageSize = 1;

		const result = await tv.run({ resource: 'managedGroup', operation: 'create', name: 'HR Laptops' });

		expect(tv.calls().map((call) => call.method)).toEqual(['GET', 'GET']);
		expect(result.json[0]).toMatchObject({ id: groupId('HR Laptops'), created: false });
	});

	it('makes one group for items with the same name', async () => {
		const result = await tv.run(
			{ resource: 'managedGroup', operation: 'create', name: '={{ $json.name }}' },
			{ input: [{ name: 'Kiosks' }, { name: 'KIOSKS' }, { name: 'Kiosks' }] },
		);

		expect(tv.calls('POST')).toHaveLength(1);
		const kiosks = groups().filter((group) => group.name.toLowerCase() === 'kiosks');
		expect(kiosks).toHaveLength(1);
		expect(result.json.map((group) => [group.id, group.created])).toEqual([
			[kiosks[0].id, true],
			[kiosks[0].id, false],
			[kiosks[0].id, false],
		]);
	});

	it('adopts the group when the connection drops after TeamViewer made it', async () => {
		tv.sim.injectFault({ kind: 'resetAfter', method: 'POST', path: 'managed/groups$' });

		const result = await tv.run({ resource: 'managedGroup', operation: 'create', name: 'Dropped' });

		expect(result.status).toBe('success');
		expect(groups().filter((group) => group.name === 'Dropped')).toHaveLength(1);
		expect(tv.calls('POST')).toHaveLength(1);
		expect(result.json[0]).toMatchObject({ name: 'Dropped', created: true });
	});

	it.each([
		['blank', '   ', /^The Name "" is not valid$/],
		['over 100 characters', 'x'.repeat(101), /^The Name "x{79}… \(103 characters\) is not valid$/],
	])('refuses a %s name before calling TeamViewer', async (_case, name, message) => {
		const result = await tv.run({ resource: 'managedGroup', operation: 'create', name });

		expect(result.error?.message).toMatch(message);
		expect(tv.calls()).toHaveLength(0);
	});

	it('names the permission a read-only token lacks', async () => {
		const result = await tv.run(
			{ resource: 'managedGroup', operation: 'create', name: 'Branch Office' },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.error?.message).toBe('The TeamViewer token lacks the permission "Device Groups → Modifying operations"');
		expect(calls()).toEqual(['GET /api/v1/managed/groups 200', 'POST /api/v1/managed/groups 403']);
		expect(groups()).toHaveLength(3);
	});
});

describe('Managed group: Update', () => {
	it('sends the name and the policy with its type, then returns the group as TeamViewer has it', async () => {
		const id = groupId('HR Laptops');

		const result = await tv.run({
			resource: 'managedGroup',
			operation: 'update',
			managedGroupId: locator(id),
			updateFields: { name: ' HR Notebooks ', policyId: POLICY_ID.toUpperCase(), policyType: 1 },
		});

		expect(result.status).toBe('success');
		expect(calls()).toEqual([`PUT /api/v1/managed/groups/${id} 204`, `GET /api/v1/managed/groups/${id} 200`]);
		expect(tv.calls('PUT')[0].body).toEqual({ name: 'HR Notebooks', policy: { policy_id: POLICY_ID, policy_type: 1 } });
		expect(result.json).toEqual([{ id, name: 'HR Notebooks', policy_id: POLICY_ID }]);
	});

	it('sends a monitoring policy with type 4', async () => {
		const id = groupId('Warehouse');

		await tv.run({ resource: 'managedGroup', operation: 'update', managedGroupId: locator(id), updateFields: { policyId: POLICY_ID, policyType: 4 } });

		expect(tv.calls('PUT')[0].body).toEqual({ policy: { policy_id: POLICY_ID, policy_type: 4 } });
		expect(storedGroup(id).policies).toEqual({ 4: POLICY_ID });
	});

	it('sends a policy without a chosen type as a TeamViewer policy (type 1)', async () => {
		await tv.run({ resource: 'managedGroup', operation: 'update', managedGroupId: locator(groupId('Warehouse')), updateFields: { policyId: POLICY_ID } });

		expect(tv.calls('PUT')[0].body).toEqual({ policy: { policy_id: POLICY_ID, policy_type: 1 } });
	});

	it.each([
		['no field', {}, 'No fields to update were set'],
		['a policy type without a policy', { policyType: 5 }, 'Policy Type was set without a Policy ID'],
		['a policy ID that is not a UUID', { policyId: 'inherit' }, 'The Policy ID "inherit" is not valid'],
	])('refuses %s before calling TeamViewer', async (_case, updateFields, message) => {
		const result = await tv.run({ resource: 'managedGroup', operation: 'update', managedGroupId: locator(groupId('Warehouse')), updateFields });

		expect(result.error?.message).toBe(message);
		expect(tv.calls()).toHaveLength(0);
	});

	it('passes on TeamViewer’s refusal of an update that changes nothing', async () => {
		const result = await tv.run({ resource: 'managedGroup', operation: 'update', managedGroupId: locator(groupId('Warehouse')), updateFields: { name: 'Warehouse' } });

		expect(result.error?.message).toBe('TeamViewer refused the request: The request does not include any changes');
		expect((result.error as { description?: string }).description).toContain('TeamViewer refuses an update that changes nothing');
		expect(tv.calls().map((call) => call.status)).toEqual([400]);
	});
});

describe('Managed group: Delete', () => {
	it('deletes the group; its devices stay managed and leave it', async () => {
		const id = groupId('HR Laptops');

		const result = await tv.run({ resource: 'managedGroup', operation: 'delete', managedGroupId: locator(id) });

		expect(calls()).toEqual([`DELETE /api/v1/managed/groups/${id} 204`]);
		expect(result.json).toEqual([{ id, deleted: true }]);
		expect(tv.sim.state.managedGroups.has(id)).toBe(false);
		expect(device(0).groupIds).toEqual([]);
		expect(tv.sim.state.managedDevices.size).toBe(tv.sandbox.managedDeviceIds.length);
	});

	it('names the managed group TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'managedGroup', operation: 'delete', managedGroupId: locator(UNKNOWN_ID) });

		expect(result.error?.message).toBe(`Managed group "${UNKNOWN_ID}" was not found in TeamViewer`);
		expect(groups()).toHaveLength(3);
	});
});

describe('Managed group: Get Devices, Get Pending Devices, Get Managers', () => {
	it('lists the devices in the group', async () => {
		const id = groupId('HR Laptops');

		const result = await tv.run({ resource: 'managedGroup', operation: 'getDevices', managedGroupId: locator(id), returnAll: true });

		expect(calls()).toEqual([`GET /api/v1/managed/groups/${id}/devices 200`]);
		expect(result.json).toEqual([deviceItem(device(0)), deviceItem(device(1))]);
	});

	it('pages through the devices with paginationToken and stops at Limit', async () => {
		tv.sim.config.managedPageSize = 1;
		const id = groupId('Engineering');
		const [token] = await pageTokens(`/managed/groups/${id}/devices`);

		const all = await tv.run({ resource: 'managedGroup', operation: 'getDevices', managedGroupId: locator(id), returnAll: true });
		expect(tv.calls().map((call) => call.query)).toEqual([{}, { paginationToken: token }]);
		expect(all.json).toEqual([deviceItem(device(2)), deviceItem(device(3))]);

		tv.sim.log.clear();
		const one = await tv.run({ resource: 'managedGroup', operation: 'getDevices', managedGroupId: locator(id), returnAll: false, limit: 1 });
		expect(tv.calls()).toHaveLength(1);
		expect(one.json).toEqual([deviceItem(device(2))]);
	});

	it('lists the devices that were added to the group and have not joined yet', async () => {
		const id = groupId('HR Laptops');

		const result = await tv.run({ resource: 'managedGroup', operation: 'getPendingDevices', managedGroupId: locator(id), returnAll: true });

		expect(calls()).toEqual([`GET /api/v1/managed/groups/${id}/pending-devices 200`]);
		expect(result.json).toEqual([deviceItem(device(4))]);
	});

	it('lists the managers of the group', async () => {
		const id = groupId('Engineering');
		const [ada, , , dana] = tv.sandbox.userIds;

		const result = await tv.run({ resource: 'managedGroup', operation: 'getManagers', managedGroupId: locator(id), returnAll: true });

		expect(calls()).toEqual([`GET /api/v1/managed/groups/${id}/managers 200`]);
		const managers = storedGroup(id).managers;
		expect(result.json).toEqual([
			{ id: managers[0].id, type: 'company', companyId: tv.sim.state.account.companyId, name: 'Sandbox Support GmbH', permissions: managers[0].permissions },
			{ id: managers[1].id, type: 'account', accountId: Number(ada.slice(1)), name: 'Ada Agent', permissions: managers[1].permissions },
			{ id: managers[2].id, type: 'account', accountId: Number(dana.slice(1)), name: 'Dana Ops', permissions: ['DeviceAdministration', 'EasyAccess'] },
		]);
	});

	it('names the group TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'managedGroup', operation: 'getDevices', managedGroupId: locator(UNKNOWN_ID), returnAll: true });

		expect(result.error?.message).toBe(`Managed group "${UNKNOWN_ID}" was not found in TeamViewer`);
	});
});

describe('Managed group: Add Device and Remove Device', () => {
	it('adds a device with POST {id}', async () => {
		const id = groupId('Engineering');
		const laptop = device(0);

		const result = await tv.run({ resource: 'managedGroup', operation: 'addDevice', managedGroupId: locator(id), managedDeviceId: laptop.id.toUpperCase() });

		expect(calls()).toEqual([`POST /api/v1/managed/groups/${id}/devices 204`]);
		expect(tv.calls()[0].body).toEqual({ id: laptop.id });
		expect(result.json).toEqual([{ managedGroupId: id, managedDeviceId: laptop.id, added: true }]);
		expect(laptop.groupIds).toEqual([groupId('HR Laptops'), id]);
	});

	it('answers a rerun (the device is in the group already) with added: false', async () => {
		const id = groupId('HR Laptops');
		const laptop = device(0);

		const result = await tv.run({ resource: 'managedGroup', operation: 'addDevice', managedGroupId: locator(id), managedDeviceId: laptop.id });

		expect(result.status).toBe('success');
		expect(calls()).toEqual([
			`POST /api/v1/managed/groups/${id}/devices 400`,
			`GET /api/v1/managed/devices/${laptop.id}/groups 200`,
		]);
		expect(result.json).toEqual([{ managedGroupId: id, managedDeviceId: laptop.id, added: false }]);
	});

	it('passes on TeamViewer’s refusal of a device it does not know', async () => {
		const id = groupId('Engineering');

		const result = await tv.run({ resource: 'managedGroup', operation: 'addDevice', managedGroupId: locator(id), managedDeviceId: UNKNOWN_ID });

		expect(result.error?.message).toBe(`TeamViewer refused the request: Managed device ${UNKNOWN_ID} was not found`);
		expect(tv.calls().map((call) => call.status)).toEqual([400, 404]);
	});

	it('rejects a device ID that is not a UUID before calling TeamViewer', async () => {
		const result = await tv.run({ resource: 'managedGroup', operation: 'addDevice', managedGroupId: locator(groupId('Engineering')), managedDeviceId: 'LAPTOP-HR-01' });

		expect(result.error?.message).toBe('The Managed Device ID "LAPTOP-HR-01" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});

	it('adds several devices to one group, one result per item in input order', async () => {
		const id = groupId('Warehouse');
		const ids = [0, 1, 2, 3].map((index) => device(index).id);

		const result = await tv.run(
			{ resource: 'managedGroup', operation: 'addDevice', managedGroupId: locator(id), managedDeviceId: '={{ $json.id }}' },
			{ input: ids.map((deviceId) => ({ id: deviceId })) },
		);

		expect(result.json).toEqual(ids.map((deviceId) => ({ managedGroupId: id, managedDeviceId: deviceId, added: true })));
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect([0, 1, 2, 3].every((index) => device(index).groupIds.includes(id))).toBe(true);
	});

	it('removes a device with DELETE …/devices/{deviceId}; it stays managed', async () => {
		const id = groupId('Engineering');
		const workstation = device(2);

		const result = await tv.run({ resource: 'managedGroup', operation: 'removeDevice', managedGroupId: locator(id), managedDeviceId: workstation.id });

		expect(calls()).toEqual([`DELETE /api/v1/managed/groups/${id}/devices/${workstation.id} 204`]);
		expect(result.json).toEqual([{ managedGroupId: id, managedDeviceId: workstation.id, removed: true }]);
		expect(workstation.groupIds).toEqual([]);
		expect(tv.sim.state.managedDevices.has(workstation.id)).toBe(true);
	});

	it('names the device that is not in the group', async () => {
		const laptop = device(0);

		const result = await tv.run({ resource: 'managedGroup', operation: 'removeDevice', managedGroupId: locator(groupId('Engineering')), managedDeviceId: laptop.id });

		expect(result.error?.message).toBe(`Managed device "${laptop.id}" was not found in TeamViewer`);
		expect((result.error as { description?: string }).description).toContain(`in managed group ${groupId('Engineering')}`);
	});
});

describe('Managed group: Remove Policy', () => {
	it('removes the TeamViewer policy with policy_type 1 and returns the group without it', async () => {
		const id = groupId('Engineering');

		const result = await tv.run({ resource: 'managedGroup', operation: 'removePolicy', managedGroupId: locator(id), policyType: 1 });

		expect(calls()).toEqual([`PUT /api/v1/managed/groups/${id}/policy/remove 204`, `GET /api/v1/managed/groups/${id} 200`]);
		expect(tv.calls('PUT')[0].body).toEqual({ policy_type: 1 });
		expect(result.json).toEqual([{ id, name: 'Engineering' }]);
	});

	it('passes on the refusal of a policy type the group does not have, with what to check', async () => {
		const result = await tv.run({ resource: 'managedGroup', operation: 'removePolicy', managedGroupId: locator(groupId('Engineering')), policyType: 5 });

		expect(tv.calls('PUT')[0].body).toEqual({ policy_type: 5 });
		expect(result.error?.message).toBe('TeamViewer refused the request: The managed group has no policy of type 5 assigned');
		expect((result.error as { description?: string }).description).toContain('Check that the group has a patch management policy assigned.');
	});

	it('succeeds where TeamViewer accepts removing a policy that is not there (managedRepeatRejected off)', async () => {
		tv.sim.config.managedRepeatRejected = false;

		const result = await tv.run({ resource: 'managedGroup', operation: 'removePolicy', managedGroupId: locator(groupId('Warehouse')), policyType: 4 });

		expect(result.status).toBe('success');
		expect(result.json).toEqual([{ id: groupId('Warehouse'), name: 'Warehouse' }]);
	});
});

describe('Managed group picker', () => {
	const workflow = () => teamViewerWorkflow({ parameters: { resource: 'managedGroup', operation: 'get' }, credential: tv.credential });

	it('lists the groups by name and filters by the search text', async () => {
		const all = await tv.engine.listSearch(workflow(), 'searchManagedGroups');
		const filtered = await tv.engine.listSearch(workflow(), 'searchManagedGroups', 'LAPTOP');

		expect(all).toEqual({ results: groups().map((group) => ({ name: group.name, value: group.id })) });
		expect(filtered).toEqual({ results: [{ name: 'HR Laptops', value: groupId('HR Laptops') }] });
		expect(tv.calls().map((call) => call.path)).toEqual(['/api/v1/managed/groups', '/api/v1/managed/groups']);
	});

	it('reads pages until one has a match, and hands TeamViewer’s page token to the editor', async () => {
		tv.sim.config.managedPageSize = 1;
		const tokens = await pageTokens('/managed/groups');

		const first = await tv.engine.listSearch(workflow(), 'searchManagedGroups');
		expect(first).toEqual({ results: [{ name: 'Engineering', value: groupId('Engineering') }], paginationToken: tokens[0] });

		const more = await tv.engine.listSearch(workflow(), 'searchManagedGroups', undefined, first.paginationToken);
		expect(more.results).toEqual([{ name: 'HR Laptops', value: groupId('HR Laptops') }]);

		tv.sim.log.clear();
		const warehouse = await tv.engine.listSearch(workflow(), 'searchManagedGroups', 'ware');
		expect(warehouse).toEqual({ results: [{ name: 'Warehouse', value: groupId('Warehouse') }] });
		expect(tv.calls().map((call) => call.query)).toEqual([{}, { paginationToken: tokens[0] }, { paginationToken: tokens[1] }]);
	});
});
