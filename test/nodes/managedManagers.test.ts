import { locator, useTeamViewer } from '../harness/teamviewer';
import type { ManagedDevice, ManagedGroup } from '../simulators/teamviewer';

const tv = useTeamViewer();

const UNKNOWN_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

function groupId(name: 'Engineering' | 'HR Laptops' | 'Warehouse'): string {
	return tv.sandbox.managedGroupsByName[name];
}

function storedGroup(id: string): ManagedGroup {
	return tv.sim.state.managedGroups.get(id)!;
}

/** The sandbox's managed devices by position: 0 LAPTOP-HR-01 (managed by Ada) … 5 SRV-FILE-02 (no account managers). */
function device(index: number): ManagedDevice {
	return tv.sim.state.managedDevices.get(tv.sandbox.managedDeviceIds[index])!;
}

function calls() {
	return tv.calls().map((call) => `${call.method} ${call.path} ${call.status}`);
}

function users() {
	const [ada, ben, , dana] = tv.sandbox.userIds;
	return { ada, ben, dana };
}

const ALL = [
	'ManagerAdministration',
	'GroupAdministration',
	'DeviceAdministration',
	'PolicyAdministration',
	'DeviceDescription',
	'EasyAccess',
	'SoftwareUpdate',
	'CustomFieldsAdministration',
];

describe('Managed group: Add Manager', () => {
	it('POSTs a list of one {accountId, permissions} and returns the new entry with its manager ID', async () => {
		const id = groupId('Warehouse');
		const { ben } = users();

		const result = await tv.run({
			resource: 'managedGroup',
			operation: 'addManager',
			managedGroupId: locator(id),
			managerType: 'account',
			managerAccountId: ben,
			managerPermissions: ['EasyAccess', 'ManagerAdministration'],
		});

		expect(result.status).toBe('success');
		expect(calls()).toEqual([`POST /api/v1/managed/groups/${id}/managers 201`, `GET /api/v1/managed/groups/${id}/managers 200`]);
		expect(tv.calls()[0].body).toEqual([{ accountId: ben.slice(1), permissions: ['EasyAccess', 'ManagerAdministration'] }]);
		const added = storedGroup(id).managers.at(-1)!;
		expect(added).toMatchObject({ type: 'account', userId: ben, permissions: ['EasyAccess', 'ManagerAdministration'] });
		expect(result.json).toEqual([
			{
				managedGroupId: id,
				id: added.id,
				type: 'account',
				accountId: Number(ben.slice(1)),
				name: 'Ben Backoffice',
				permissions: ['EasyAccess', 'ManagerAdministration'],
				added: true,
			},
		]);
	});

	it('a rerun reads the managers after the 400 and gives added: false with the entry as it is', async () => {
		const id = groupId('Engineering');
		const { dana } = users();
		const dana_ = storedGroup(id).managers.find((manager) => manager.userId === dana)!;

		const result = await tv.run({
			resource: 'managedGroup',
			operation: 'addManager',
			managedGroupId: locator(id),
			managerType: 'account',
			managerAccountId: dana.slice(1),
			managerPermissions: ['EasyAccess'],
		});

		expect(result.status).toBe('success');
		expect(calls()).toEqual([`POST /api/v1/managed/groups/${id}/managers 400`, `GET /api/v1/managed/groups/${id}/managers 200`]);
		expect(result.json).toEqual([
			{
				managedGroupId: id,
				id: dana_.id,
				type: 'account',
				accountId: Number(dana.slice(1)),
				name: 'Dana Ops',
				permissions: ['DeviceAdministration', 'EasyAccess'],
				added: false,
			},
		]);
		expect(storedGroup(id).managers.filter((manager) => manager.userId === dana)).toHaveLength(1);
	});

	it('adds a manager known from another group by its manager ID ({id})', async () => {
		const { dana } = users();
		const managerId = storedGroup(groupId('Engineering')).managers.find((manager) => manager.userId === dana)!.id;
		const id = groupId('Warehouse');

		const result = await tv.run({
			resource: 'managedGroup',
			operation: 'addManager',
			managedGroupId: locator(id),
			managerType: 'managerId',
			managerId: managerId.toUpperCase(),
			managerPermissions: [],
		});

		expect(tv.calls()[0].body).toEqual([{ id: managerId, permissions: [] }]);
		expect(result.json[0]).toMatchObject({ managedGroupId: id, id: managerId, name: 'Dana Ops', permissions: [], added: true });
	});

	it('an account TeamViewer does not know fails with its 400 after the read finds no such manager', async () => {
		const id = groupId('Warehouse');

		const result = await tv.run({
			resource: 'managedGroup',
			operation: 'addManager',
			managedGroupId: locator(id),
			managerType: 'account',
			managerAccountId: 'u999',
		});

		expect(result.error?.message).toBe('TeamViewer refused the request: Account 999 was not found');
		expect(calls()).toEqual([`POST /api/v1/managed/groups/${id}/managers 400`, `GET /api/v1/managed/groups/${id}/managers 200`]);
	});

	it('a User ID that is not one names the field and sends nothing', async () => {
		const result = await tv.run({
			resource: 'managedGroup',
			operation: 'addManager',
			managedGroupId: locator(groupId('Warehouse')),
			managerType: 'account',
			managerAccountId: 'ben@example.com',
		});

		expect(result.error?.message).toBe('The User ID "ben@example.com" is not valid');
		expect(tv.calls()).toEqual([]);
	});

	it('an unknown permission from an expression names the field', async () => {
		const result = await tv.run({
			resource: 'managedGroup',
			operation: 'addManager',
			managedGroupId: locator(groupId('Warehouse')),
			managerType: 'company',
			managerCompanyId: tv.sim.state.account.companyId,
			managerPermissions: ['FullAccess'],
		});

		expect(result.error?.message).toBe('The Permissions "FullAccess" is not valid');
		expect(tv.calls()).toEqual([]);
	});

	it('a token without "Device Groups → Modifying operations" gets the 403 explained', async () => {
		const result = await tv.run(
			{ resource: 'managedGroup', operation: 'addManager', managedGroupId: locator(groupId('Warehouse')), managerType: 'account', managerAccountId: users().ben },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.error?.message).toBe('The TeamViewer token lacks the permission "Device Groups → Modifying operations"');
		expect(tv.calls().map((call) => call.status)).toEqual([403]);
	});

	it('an unknown group is a 404 naming it', async () => {
		const result = await tv.run({ resource: 'managedGroup', operation: 'addManager', managedGroupId: locator(UNKNOWN_ID), managerType: 'account', managerAccountId: users().ben });

		expect(result.error?.message).toBe(`Managed group "${UNKNOWN_ID}" was not found in TeamViewer`);
		expect(calls()).toEqual([`POST /api/v1/managed/groups/${UNKNOWN_ID}/managers 404`]);
	});
});

describe('Managed group: Update Manager Permissions', () => {
	it('PUTs {permissions} to …/managers/{managerId}; the list replaces the old one', async () => {
		const id = groupId('Engineering');
		const manager = storedGroup(id).managers.find((entry) => entry.userId === users().dana)!;

		const result = await tv.run({
			resource: 'managedGroup',
			operation: 'updateManager',
			managedGroupId: locator(id),
			managerId: manager.id,
			managerPermissions: ['ManagerAdministration'],
		});

		expect(calls()).toEqual([`PUT /api/v1/managed/groups/${id}/managers/${manager.id} 204`]);
		expect(tv.calls()[0].body).toEqual({ permissions: ['ManagerAdministration'] });
		expect(result.json).toEqual([{ managedGroupId: id, managerId: manager.id, permissions: ['ManagerAdministration'], updated: true }]);
		expect(manager.permissions).toEqual(['ManagerAdministration']);
	});

	it('a rerun (TeamViewer: no changes, 400) reads the manager and gives updated: false', async () => {
		const id = groupId('Engineering');
		const manager = storedGroup(id).managers.find((entry) => entry.userId === users().dana)!;

		const result = await tv.run({
			resource: 'managedGroup',
			operation: 'updateManager',
			managedGroupId: locator(id),
			managerId: manager.id,
			managerPermissions: ['EasyAccess', 'DeviceAdministration'],
		});

		expect(calls()).toEqual([`PUT /api/v1/managed/groups/${id}/managers/${manager.id} 400`, `GET /api/v1/managed/groups/${id}/managers 200`]);
		expect(result.json).toEqual([{ managedGroupId: id, managerId: manager.id, permissions: ['EasyAccess', 'DeviceAdministration'], updated: false }]);
	});

	it('a manager not on the group is a 404 naming the manager', async () => {
		const id = groupId('Warehouse');

		const result = await tv.run({ resource: 'managedGroup', operation: 'updateManager', managedGroupId: locator(id), managerId: UNKNOWN_ID, managerPermissions: [] });

		expect(result.error?.message).toBe(`Manager "${UNKNOWN_ID}" was not found in TeamViewer`);
		expect(calls()).toEqual([`PUT /api/v1/managed/groups/${id}/managers/${UNKNOWN_ID} 404`, `GET /api/v1/managed/groups/${id}/managers 200`]);
	});

	it('an unknown group is named as such (the read of its managers says so)', async () => {
		const result = await tv.run({ resource: 'managedGroup', operation: 'updateManager', managedGroupId: locator(UNKNOWN_ID), managerId: UNKNOWN_ID, managerPermissions: [] });

		expect(result.error?.message).toBe(`Managed group "${UNKNOWN_ID}" was not found in TeamViewer`);
	});

	it('a Manager ID that is not a UUID names the field', async () => {
		const result = await tv.run({ resource: 'managedGroup', operation: 'updateManager', managedGroupId: locator(groupId('Warehouse')), managerId: 'Dana', managerPermissions: [] });

		expect(result.error?.message).toBe('The Manager ID "Dana" is not valid');
		expect(tv.calls()).toEqual([]);
	});
});

describe('Managed group: Remove Manager', () => {
	it('DELETEs …/managers/{managerId}; a rerun gives removed: false after reading the managers', async () => {
		const id = groupId('Engineering');
		const manager = storedGroup(id).managers.find((entry) => entry.userId === users().dana)!;
		const parameters = { resource: 'managedGroup', operation: 'removeManager', managedGroupId: locator(id), managerId: manager.id };

		const first = await tv.run(parameters);
		expect(calls()).toEqual([`DELETE /api/v1/managed/groups/${id}/managers/${manager.id} 204`]);
		expect(first.json).toEqual([{ managedGroupId: id, managerId: manager.id, removed: true }]);
		expect(storedGroup(id).managers.some((entry) => entry.id === manager.id)).toBe(false);

		tv.sim.log.clear();
		const again = await tv.run(parameters);
		expect(calls()).toEqual([`DELETE /api/v1/managed/groups/${id}/managers/${manager.id} 404`, `GET /api/v1/managed/groups/${id}/managers 200`]);
		expect(again.json).toEqual([{ managedGroupId: id, managerId: manager.id, removed: false }]);
	});

	it('an unknown group fails with a 404 naming the group', async () => {
		const result = await tv.run({ resource: 'managedGroup', operation: 'removeManager', managedGroupId: locator(UNKNOWN_ID), managerId: UNKNOWN_ID });

		expect(result.error?.message).toBe(`Managed group "${UNKNOWN_ID}" was not found in TeamViewer`);
		expect(calls()).toEqual([`DELETE /api/v1/managed/groups/${UNKNOWN_ID}/managers/${UNKNOWN_ID} 404`, `GET /api/v1/managed/groups/${UNKNOWN_ID}/managers 404`]);
	});

	it('a token without the modifying permission gets 403', async () => {
		const result = await tv.run(
			{ resource: 'managedGroup', operation: 'removeManager', managedGroupId: locator(groupId('Engineering')), managerId: UNKNOWN_ID },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.error?.message).toBe('The TeamViewer token lacks the permission "Device Groups → Modifying operations"');
	});
});

describe('Managed device: managers', () => {
	it('Get Managers lists …/devices/{id}/managers', async () => {
		const laptop = device(0);

		const result = await tv.run({ resource: 'managedDevice', operation: 'getManagers', managedDeviceId: laptop.id, returnAll: true });

		expect(calls()).toEqual([`GET /api/v1/managed/devices/${laptop.id}/managers 200`]);
		const { ada } = users();
		expect(result.json).toEqual([{ id: laptop.managers![0].id, type: 'account', accountId: Number(ada.slice(1)), name: 'Ada Agent', permissions: ALL }]);
	});

	it('Add Manager POSTs [{companyId, permissions}] and a rerun gives added: false', async () => {
		const server = device(5);
		const companyId = tv.sim.state.account.companyId;
		const parameters = {
			resource: 'managedDevice',
			operation: 'addManager',
			managedDeviceId: server.id,
			managerType: 'company',
			managerCompanyId: companyId,
			managerPermissions: ['DeviceAdministration', 'PolicyAdministration'],
		};

		const first = await tv.run(parameters);
		expect(calls()).toEqual([`POST /api/v1/managed/devices/${server.id}/managers 201`, `GET /api/v1/managed/devices/${server.id}/managers 200`]);
		expect(tv.calls()[0].body).toEqual([{ companyId, permissions: ['DeviceAdministration', 'PolicyAdministration'] }]);
		const entry = server.managers![0];
		expect(first.json).toEqual([
			{ managedDeviceId: server.id, id: entry.id, type: 'company', companyId, name: 'Sandbox Support GmbH', permissions: ['DeviceAdministration', 'PolicyAdministration'], added: true },
		]);

		tv.sim.log.clear();
		const again = await tv.run(parameters);
		expect(calls()).toEqual([`POST /api/v1/managed/devices/${server.id}/managers 400`, `GET /api/v1/managed/devices/${server.id}/managers 200`]);
		expect(again.json[0]).toMatchObject({ managedDeviceId: server.id, id: entry.id, added: false });
		expect(server.managers).toHaveLength(1);
	});

	it('Update Manager Permissions PUTs {permissions}', async () => {
		const laptop = device(1);
		await tv.run({ resource: 'managedDevice', operation: 'getManagers', managedDeviceId: laptop.id, returnAll: true });
		const managerId = laptop.managers![0].id;
		tv.sim.log.clear();

		const result = await tv.run({ resource: 'managedDevice', operation: 'updateManager', managedDeviceId: laptop.id, managerId, managerPermissions: ['EasyAccess'] });

		expect(calls()).toEqual([`PUT /api/v1/managed/devices/${laptop.id}/managers/${managerId} 204`]);
		expect(tv.calls()[0].body).toEqual({ permissions: ['EasyAccess'] });
		expect(result.json).toEqual([{ managedDeviceId: laptop.id, managerId, permissions: ['EasyAccess'], updated: true }]);
		expect(laptop.managers![0].permissions).toEqual(['EasyAccess']);
	});

	it('Remove Manager DELETEs …/managers/{managerId}; the account no longer sees the device', async () => {
		const laptop = device(2);
		await tv.run({ resource: 'managedDevice', operation: 'getManagers', managedDeviceId: laptop.id, returnAll: true });
		const managerId = laptop.managers![0].id;
		tv.sim.log.clear();

		const result = await tv.run({ resource: 'managedDevice', operation: 'removeManager', managedDeviceId: laptop.id, managerId });

		expect(calls()).toEqual([`DELETE /api/v1/managed/devices/${laptop.id}/managers/${managerId} 204`]);
		expect(result.json).toEqual([{ managedDeviceId: laptop.id, managerId, removed: true }]);
		expect(laptop.managerIds).toEqual([]);
	});

	it('an unknown device is a 404 naming it', async () => {
		const result = await tv.run({ resource: 'managedDevice', operation: 'getManagers', managedDeviceId: UNKNOWN_ID, returnAll: true });

		expect(result.error?.message).toBe(`Managed device "${UNKNOWN_ID}" was not found in TeamViewer`);
		expect(calls()).toEqual([`GET /api/v1/managed/devices/${UNKNOWN_ID}/managers 404`]);
	});

	it('a token without the modifying permission gets 403 on Add Manager', async () => {
		const result = await tv.run(
			{ resource: 'managedDevice', operation: 'addManager', managedDeviceId: device(0).id, managerType: 'account', managerAccountId: users().ben },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.error?.message).toBe('The TeamViewer token lacks the permission "Device Groups → Modifying operations"');
	});
});
