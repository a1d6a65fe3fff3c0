/**
 * Bulk operations (Create/Update/Delete of devices, contacts, users, groups, managed devices) keep a few
 * items in flight inside n8n's engine: TeamViewer sees the next items' calls before the first item is
 * done, the output stays in input order with its pairing, items naming the same object keep their order,
 * and without Continue On Fail the first failing item (by input order) fails the node.
 */
import { locator, useTeamViewer } from '../harness/teamviewer';

// 50 ms a call, as over the internet: calls of items in flight together arrive before any item is done.
const tv = useTeamViewer({ latencyMs: 50 });
const groupIdOf = (name: string) => [...tv.sim.state.groups.values()].find((group) => group.name === name)!.id;
const createDevices = { resource: 'device', operation: 'create', teamViewerId: '={{ $json.id }}', groupId: locator('') };

it('creates with 4 items in flight, output in input order with its pairing, each device once', async () => {
	const teamViewerIds = Array.from({ length: 12 }, (_, i) => String(612000100 + i));

	const result = await tv.run({ ...createDevices, groupId: locator(groupIdOf('Customers')) }, { input: teamViewerIds.map((id) => ({ id })) });

	expect(result.status).toBe('success');
	// Each create first looks its device up: the first four look-ups come before the first create.
	const firstCalls = tv.calls().slice(0, 4);
	expect(firstCalls.map((call) => call.method)).toEqual(['GET', 'GET', 'GET', 'GET']);
	expect(new Set(firstCalls.map((call) => JSON.stringify(call.query))).size).toBe(4);
	expect(result.json.map((device) => device.remotecontrol_id)).toEqual(teamViewerIds.map((id) => `r${id}`));
	expect(result.items.map((item) => item.pairedItem)).toEqual(teamViewerIds.map((_, item) => ({ item })));
	expect(tv.calls('POST')).toHaveLength(12);
});

it('runs the same device\'s updates one after another in input order: the last one wins', async () => {
	const deviceId = tv.sandbox.deviceIds[0];
	const aliases = ['PC-A', 'PC-B', 'PC-C', 'PC-D', 'PC-E'];

	const result = await tv.run(
		{ resource: 'device', operation: 'update', deviceId: locator(deviceId), updateFields: { alias: '={{ $json.alias }}' } },
		{ input: aliases.map((alias) => ({ alias })) },
	);

	expect(result.status).toBe('success');
	expect(tv.calls('PUT').map((call) => (call.body as { alias: string }).alias)).toEqual(aliases);
	expect(tv.sim.state.devices.get(deviceId)?.alias).toBe('PC-E');
	expect(result.json.map((device) => device.alias)).toEqual(aliases);
});

it('without Continue On Fail, fails with the first failing item by input order and starts no item after it', async () => {
	const input = ['612000300', '612000301', 'not-an-id', '612000303', '612000304', '612000305', '612000306', '612000307', '612000308', '612000309'].map((id) => ({ id }));

	const result = await tv.run({ ...createDevices, groupId: locator(groupIdOf('Customers')) }, { input });

	expect(result.status).toBe('error');
	expect(result.error?.message).toContain('TeamViewer ID');
	expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(2);
	// Items 0, 1, 3 and 4 were in flight or done when item 2 failed (it fails before any call); 5 and later never started.
	const created = tv.calls('POST').map((call) => (call.body as { remotecontrol_id: string }).remotecontrol_id);
	expect(created.every((id) => ['r612000300', 'r612000301', 'r612000303', 'r612000304'].includes(id))).toBe(true);
});

it('with Continue On Fail, every item gets its own output or error, in input order', async () => {
	const input = ['612000400', 'bad', '612000402', 'also bad', '612000404'].map((id) => ({ id }));

	const result = await tv.run({ ...createDevices, groupId: locator(groupIdOf('Customers')) }, { input, continueOnFail: true });

	expect(result.status).toBe('success');
	expect(result.json.map((item) => (item.error ? 'error' : item.remotecontrol_id))).toEqual(['r612000400', 'error', 'r612000402', 'error', 'r612000404']);
	expect(result.items.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
});
