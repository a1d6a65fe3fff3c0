/**
 * Device Hygiene: Find Duplicates, Find Stale and Remove Listed Devices through n8n's engine against the
 * TeamViewer simulator, on a company of hand-made devices (the sandbox's devices are cleared first).
 */
import type { IDataObject } from 'n8n-workflow';

import type { Device, ManagedDevice } from '../simulators/teamviewer';
import { useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

const NOW = '2026-06-30T12:00:00Z';
const daysAgo = (days: number) => new Date(Date.parse(NOW) - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

let customers: string;
let servers: string;

beforeEach(() => {
	tv.sim.clock.set(NOW);
	tv.sim.state.devices.clear();
	tv.sim.state.managedDevices.clear();
	customers = tv.sandbox.groupsByName.Customers;
	servers = tv.sandbox.groupsByName.Servers;
});

function cc(device_id: string, teamviewer_id: number, alias: string, online: boolean, last_seen: string | null, groupid = customers): Device {
	tv.sim.seed({ devices: [{ device_id, teamviewer_id, alias, groupid, online_state: online ? 'Online' : 'Offline', last_seen }] });
	return tv.sim.state.devices.get(device_id)!;
}

function managed(id: string, teamviewerId: number, name: string, isOnline: boolean, last_seen: string | null): ManagedDevice {
	tv.sim.seed({ managedDevices: [{ id, teamviewerId, name, isOnline, last_seen, managerIds: [tv.sandbox.accountUserId] }] });
	return tv.sim.state.managedDevices.get(id)!;
}

const M1 = '11111111-1111-4111-8111-111111111111';
const M2 = '22222222-2222-4222-8222-222222222222';
const M3 = '33333333-3333-4333-8333-333333333333';

const calls = () => tv.calls().map((call) => `${call.method} ${call.path}${Object.keys(call.query).length ? `?${new URLSearchParams(call.query as Record<string, string>).toString()}` : ''}`);

describe('Device Hygiene: Find Duplicates', () => {
	it('groups records by TeamViewer ID within one list and by name across TeamViewer IDs, with the evidence', async () => {
		// PC-42 is listed twice in Computers & Contacts (two groups) and is also managed: one device.
		cc('d100', 111111111, 'PC-42', true, NOW);
		cc('d101', 111111111, 'PC-42', true, daysAgo(1), servers);
		managed(M1, 111111111, 'PC-42', true, null);
		// LAPTOP-7 was reinstalled: a new TeamViewer ID (online) and the old one (offline since 40 days).
		managed(M2, 2222222222, 'Laptop-7 ', true, null);
		managed(M3, 3333333333, 'laptop-7', false, daysAgo(40));
		cc('d300', 444444444, 'KIOSK', false, null);

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'findDuplicates' });

		expect(result.status).toBe('success');
		expect(calls()).toEqual([
			'GET /api/v1/devices',
			'GET /api/v1/devices?online_state=offline',
			'GET /api/v1/managed/devices/company',
		]);
		// PC-42's three records are one device (one TeamViewer ID): no name finding for it, and its managed
		// record is not a duplicate of its Computers & Contacts entries.
		expect(result.json).toHaveLength(2);
		const [byId, laptop] = result.json;
		expect(byId).toMatchObject({
			finding: 'duplicate',
			key: 'duplicate:teamViewerId:computersAndContacts:111111111',
			matchedField: 'teamViewerId',
			matchedValue: '111111111',
			keep: [{ source: 'computersAndContacts', id: 'd100' }],
			remove: [{ source: 'computersAndContacts', id: 'd101' }],
			removable: true,
		});
		expect(byId.records).toEqual([
			expect.objectContaining({ id: 'd100', action: 'keep', lastSeen: NOW, groupId: customers }),
			expect.objectContaining({ id: 'd101', action: 'remove', lastSeen: daysAgo(1), groupId: servers }),
		]);
		expect(laptop).toMatchObject({
			key: 'duplicate:alias:laptop-7',
			matchedField: 'alias',
			matchedValue: 'Laptop-7',
			keep: [{ source: 'managedDevices', id: M2 }],
			remove: [{ source: 'managedDevices', id: M3 }],
			removable: true,
		});
		expect(laptop.records).toEqual([
			expect.objectContaining({ id: M2, teamViewerId: '2222222222', online: true, action: 'keep' }),
			expect.objectContaining({ id: M3, teamViewerId: '3333333333', online: false, lastSeen: daysAgo(40), action: 'remove' }),
		]);
		expect(laptop.summary).toBe(`Name "Laptop-7" is on 2 TeamViewer IDs: keep managed device ${M2}, remove managed device ${M3}`);
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('reads the TeamViewer ID from remotecontrol_id when devices come without teamviewer_id (knob deviceTeamViewerId)', async () => {
		tv.sim.config.deviceTeamViewerId = 'omitted';
		cc('d100', 1111111111, 'PC-42', true, NOW);
		cc('d101', 1111111111, 'PC-42', false, daysAgo(1), servers);
		managed(M1, 1111111111, 'PC-42', true, null);

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'findDuplicates' });

		expect(result.status).toBe('success');
		// One device (one TeamViewer ID in both lists): a duplicate within Computers & Contacts, no name finding.
		expect(result.json).toEqual([
			expect.objectContaining({ key: 'duplicate:teamViewerId:computersAndContacts:1111111111', matchedValue: '1111111111', remove: [{ source: 'computersAndContacts', id: 'd101' }] }),
		]);
		expect(result.json[0].records).toEqual([
			expect.objectContaining({ id: 'd100', teamViewerId: '1111111111' }),
			expect.objectContaining({ id: 'd101', teamViewerId: '1111111111' }),
		]);
	});

	it('keeps every online copy and the most recently seen one, and never removes an offline copy without a date', async () => {
		cc('d1', 100000001, 'SRV-A', false, daysAgo(10));
		cc('d2', 100000002, 'srv-a', false, daysAgo(3));
		cc('d3', 100000003, 'SRV-A', false, null);
		managed(M1, 1000000004, 'ws-b', true, null);
		managed(M2, 1000000005, 'WS-B', true, null);

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'findDuplicates' });

		const [srv, ws] = result.json;
		expect(srv.keep).toEqual([{ source: 'computersAndContacts', id: 'd2' }]);
		expect(srv.remove).toEqual([{ source: 'computersAndContacts', id: 'd1' }]);
		expect((srv.records as IDataObject[]).map((record) => [record.id, record.action])).toEqual([
			['d1', 'remove'],
			['d2', 'keep'],
			['d3', 'review'],
		]);
		expect(ws).toMatchObject({ remove: [], removable: false });
		expect(ws.summary).toContain('several are online');
	});

	it('of copies seen at the same time keeps the lowest ID, and lists the records by ID, whatever the list order', async () => {
		cc('d201', 120000001, 'TWIN', false, daysAgo(2));
		cc('d200', 120000001, 'TWIN', false, daysAgo(2), servers);

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'findDuplicates' });

		expect(result.json).toHaveLength(1);
		expect(result.json[0]).toMatchObject({ keep: [{ source: 'computersAndContacts', id: 'd200' }], remove: [{ source: 'computersAndContacts', id: 'd201' }] });
		expect((result.json[0].records as IDataObject[]).map((record) => [record.id, record.action])).toEqual([
			['d200', 'keep'],
			['d201', 'remove'],
		]);
	});

	it('keeps the most recently seen copy and device wherever it is listed, and sorts the findings by TeamViewer ID', async () => {
		// TeamViewer lists by device ID here: the more recently seen copy comes second (Z-PC) or first (Y-PC).
		cc('d10', 130000002, 'Z-PC', false, daysAgo(5));
		cc('d11', 130000002, 'Z-PC', false, daysAgo(1), servers);
		cc('d21', 130000001, 'Y-PC', false, daysAgo(9));
		cc('d20', 130000001, 'Y-PC', false, daysAgo(3), servers);
		// The devices of a name are taken in TeamViewer ID order: the more recently seen one comes first.
		managed('44444444-4444-4444-8444-444444444444', 1400000001, 'Kiosk', false, daysAgo(2));
		managed('55555555-5555-4555-8555-555555555555', 1400000002, 'kiosk', false, daysAgo(20));

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'findDuplicates' });

		expect(result.json.map((finding) => [finding.key, finding.keep])).toEqual([
			['duplicate:teamViewerId:computersAndContacts:130000001', [{ source: 'computersAndContacts', id: 'd20' }]],
			['duplicate:teamViewerId:computersAndContacts:130000002', [{ source: 'computersAndContacts', id: 'd11' }]],
			['duplicate:alias:kiosk', [{ source: 'managedDevices', id: '44444444-4444-4444-8444-444444444444' }]],
		]);
		expect(result.json[2].remove).toEqual([{ source: 'managedDevices', id: '55555555-5555-4555-8555-555555555555' }]);
	});

	it('of devices sharing a name that are all offline and never seen, removes none: each one is for review', async () => {
		cc('d1', 100000001, 'SPARE', false, null);
		managed(M1, 1000000002, 'spare', false, null);

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'findDuplicates' });

		expect(result.json).toHaveLength(1);
		expect(result.json[0]).toMatchObject({ key: 'duplicate:alias:spare', keep: [], remove: [], removable: false });
		expect((result.json[0].records as IDataObject[]).map((record) => record.action)).toEqual(['review', 'review']);
		expect(result.json[0].summary).toBe('Name "spare" is on 2 TeamViewer IDs: nothing removed automatically (no last-seen date tells them apart), review by hand');
	});

	it('reads online state by the offline filter, also when online_state comes as an integer', async () => {
		tv.sim.config.onlineStateFormat = 'integer';
		cc('d1', 100000001, 'SRV-A', true, daysAgo(10));
		cc('d2', 100000002, 'SRV-A', false, daysAgo(3));

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'findDuplicates' });

		// d1 is online (though seen longer ago): it stays, the offline d2 goes.
		expect(result.json[0]).toMatchObject({ keep: [{ id: 'd1', source: 'computersAndContacts' }], remove: [{ id: 'd2', source: 'computersAndContacts' }] });
	});

	it('pages through every managed device (one call per page) and finds a duplicate across pages', async () => {
		tv.sim.config.managedPageSize = 10;
		for (let i = 0; i < 35; i++) {
			managed(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, 1000000000 + i, `WS-${i}`, true, null);
		}
		managed(M1, 1999999999, 'WS-3', false, daysAgo(60));

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'findDuplicates', sources: ['managedDevices'] });

		expect(tv.calls().map((call) => call.path)).toEqual(Array(4).fill('/api/v1/managed/devices/company'));
		expect(result.json).toEqual([expect.objectContaining({ key: 'duplicate:alias:ws-3', remove: [{ source: 'managedDevices', id: M1 }] })]);
	});

	it('returns no items for a company without devices', async () => {
		const result = await tv.run({ resource: 'deviceHygiene', operation: 'findDuplicates' });

		expect(result.status).toBe('success');
		expect(result.json).toEqual([]);
		expect(tv.calls()).toHaveLength(3);
	});

	it('names the missing permission and the way out when the token may not read the company list (403)', async () => {
		const result = await tv.run(
			{ resource: 'deviceHygiene', operation: 'findDuplicates' },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The TeamViewer token lacks the permission "Device Groups → Read operations, on a company administrator\'s token"');
		expect((result.error as { description?: string }).description).toContain('set "Managed Devices Scope" to "Managed by Me"');
		expect(tv.calls().map((call) => call.status)).toEqual([200, 200, 403]);
	});

	it('checks only the devices this account manages with the scope Managed by Me', async () => {
		managed(M1, 1000000001, 'A', true, null);
		managed(M2, 1000000002, 'A', false, daysAgo(5));
		tv.sim.state.managedDevices.get(M2)!.managerIds = [];

		const result = await tv.run(
			{ resource: 'deviceHygiene', operation: 'findDuplicates', managedScope: 'managedByMe' },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => call.path)).toEqual(['/api/v1/devices', '/api/v1/devices', '/api/v1/managed/devices']);
		expect(result.json).toEqual([]);
	});

	it('refuses an empty Device Lists before calling TeamViewer', async () => {
		const result = await tv.run({ resource: 'deviceHygiene', operation: 'findDuplicates', sources: [] });

		expect(result.error?.message).toBe('Choose at least one device list');
		expect(tv.calls()).toEqual([]);
	});
});

describe('Device Hygiene: Find Stale', () => {
	it('finds devices offline on every record since the cut-off, one item per TeamViewer ID, from last_seen', async () => {
		cc('d1', 100000001, 'OLD-PC', false, daysAgo(45));
		managed(M1, 100000001, 'OLD-PC', false, daysAgo(44));
		cc('d2', 100000002, 'RECENT', false, daysAgo(29));
		cc('d3', 100000003, 'ONLINE-HERE', false, daysAgo(90));
		managed(M2, 100000003, 'ONLINE-HERE', true, null);
		managed(M3, 1000000004, 'NO-DATE', false, null);

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'findStale', offlineDays: 30 });

		expect(result.status).toBe('success');
		// Every offline C&C device has a date: no connection reports are read.
		expect(calls()).toEqual([
			'GET /api/v1/devices',
			'GET /api/v1/devices?online_state=offline',
			'GET /api/v1/managed/devices/company',
		]);
		expect(result.json).toEqual([
			{
				finding: 'stale',
				key: 'stale:100000001',
				teamViewerId: '100000001',
				alias: 'OLD-PC',
				lastSeen: daysAgo(44),
				lastSeenSource: 'last_seen',
				offlineDays: 44,
				cutoff: daysAgo(30),
				checkedAt: NOW,
				records: [
					{ source: 'computersAndContacts', id: 'd1', teamViewerId: '100000001', alias: 'OLD-PC', online: false, lastSeen: daysAgo(45), groupId: customers, action: 'remove', reason: `offline, last seen ${daysAgo(44)} (44 days ago)` },
					{ source: 'managedDevices', id: M1, teamViewerId: '100000001', alias: 'OLD-PC', online: false, lastSeen: daysAgo(44), action: 'remove', reason: `offline, last seen ${daysAgo(44)} (44 days ago)` },
				],
				keep: [],
				remove: [
					{ source: 'computersAndContacts', id: 'd1' },
					{ source: 'managedDevices', id: M1 },
				],
				removable: true,
				rule: expect.stringContaining('Remove-TeamViewerOutdatedDevice'),
				summary: `OLD-PC (100000001): offline, last seen ${daysAgo(44)} (44 days ago); remove Computers & Contacts d1, managed device ${M1}`,
			},
		]);
	});

	it('names a stale device without a name "Unnamed device" in its summary', async () => {
		cc('d1', 100000001, '  ', false, daysAgo(45));

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'findStale', offlineDays: 30, sources: ['computersAndContacts'] });

		expect(result.json).toHaveLength(1);
		expect(result.json[0]).toMatchObject({ alias: '', key: 'stale:100000001' });
		expect(result.json[0].summary).toBe(`Unnamed device (100000001): offline, last seen ${daysAgo(45)} (45 days ago); remove Computers & Contacts d1`);
	});

	it('finds a device last seen exactly at the cut-off, judges by connections only what has a Computers & Contacts entry, and sorts by TeamViewer ID', async () => {
		tv.sim.state.reports.clear();
		cc('d3', 100000003, 'C', false, daysAgo(31));
		cc('d2', 100000002, 'B', false, daysAgo(30));
		cc('d1', 100000001, 'A', false, daysAgo(45));
		// Never seen: one with a C&C entry and a managed one (judged by its connections: none), one managed only (never judged).
		cc('d5', 100000005, 'E', false, null);
		managed(M1, 100000005, 'E', false, null);
		managed(M2, 1000000009, 'M', false, null);

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'findStale', offlineDays: 30 });

		expect(result.json.map((finding) => [finding.key, finding.lastSeenSource])).toEqual([
			['stale:100000001', 'last_seen'],
			['stale:100000002', 'last_seen'],
			['stale:100000003', 'last_seen'],
			['stale:100000005', 'connectionReports'],
		]);
	});

	it('uses TeamViewer\'s clock, not n8n\'s: a device is judged against the Date header', async () => {
		// The simulator's clock is two years ahead of this machine's: by n8n's clock nothing would be stale.
		tv.sim.clock.set('2028-06-30T12:00:00Z');
		cc('d1', 100000001, 'OLD', false, '2028-05-01T00:00:00Z');

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'findStale', offlineDays: 30, sources: ['computersAndContacts'] });

		expect(result.json).toEqual([expect.objectContaining({ key: 'stale:100000001', checkedAt: '2028-06-30T12:00:00Z', cutoff: '2028-05-31T12:00:00Z' })]);
	});

	it.each([['a device stored without last_seen', 'sent'], ['devices without the field (knob deviceLastSeen)', 'omitted']] as const)(
		'judges %s by connection reports since the cut-off, reading them once',
		async (_case, knob) => {
			tv.sim.config.deviceLastSeen = knob;
			tv.sim.config.reportsPageSize = 2;
			const last = knob === 'sent' ? null : daysAgo(100);
			cc('d1', 100000001, 'USED', false, last);
			cc('d2', 100000002, 'UNUSED', false, last);
			cc('d3', 100000003, 'ONLINE', true, last);
			tv.sim.state.reports.clear();
			tv.sim.seed({
				reports: [1, 2, 3].map((day) => ({
					deviceid: '100000001',
					devicename: 'USED',
					userid: tv.sandbox.accountUserId,
					start_date: daysAgo(day),
					end_date: daysAgo(day),
				})),
			});

			const result = await tv.run({ resource: 'deviceHygiene', operation: 'findStale', offlineDays: 30, sources: ['computersAndContacts'] });

			expect(result.status).toBe('success');
			const reportCalls = tv.calls('GET', /reports\/connections/);
			expect(reportCalls).toHaveLength(2);
			expect(reportCalls[0].query).toEqual({ from_date: daysAgo(30) });
			expect(result.json).toEqual([
				expect.objectContaining({ key: 'stale:100000002', alias: 'UNUSED', lastSeen: null, lastSeenSource: 'connectionReports', offlineDays: null }),
			]);
			expect(result.json[0].summary).toBe(`UNUSED (100000002): offline, no last_seen and no connection to it since ${daysAgo(30)}; remove Computers & Contacts d2`);
		},
	);

	it('does not judge devices without a date when Judge by Connection Reports is off (and reads no reports)', async () => {
		cc('d1', 100000001, 'UNUSED', false, null);

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'findStale', useConnectionReports: false, sources: ['computersAndContacts'] });

		expect(result.json).toEqual([]);
		expect(tv.calls('GET', /reports/)).toEqual([]);
	});

	it('refuses zero days before calling TeamViewer', async () => {
		const result = await tv.run({ resource: 'deviceHygiene', operation: 'findStale', offlineDays: 0 });

		expect(result.status).toBe('error');
		expect(tv.calls()).toEqual([]);
	});

	it('keeps the request count bounded for a huge company: 2 + managed pages + report pages', async () => {
		tv.sim.state.reports.clear();
		const devices: Array<Partial<Device> & Pick<Device, 'groupid' | 'alias'>> = [];
		for (let i = 0; i < 5000; i++) {
			devices.push({ device_id: `d${500000 + i}`, teamviewer_id: 300000000 + i, alias: `PC-${i}`, groupid: customers, online_state: i % 2 ? 'Offline' : 'Online', last_seen: i % 4 === 1 ? null : daysAgo(i % 60) });
		}
		tv.sim.seed({ devices });
		const managedSeeds = [];
		for (let i = 0; i < 2500; i++) {
			managedSeeds.push({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, teamviewerId: 2000000000 + i, name: `M-${i}`, isOnline: i % 3 === 0, last_seen: i % 3 === 0 ? null : daysAgo(i % 50) });
		}
		tv.sim.seed({ managedDevices: managedSeeds });
		tv.sim.seed({
			reports: Array.from({ length: 2500 }, (_, i) => ({ deviceid: String(300000000 + 4 * (i % 1250) + 1), userid: tv.sandbox.accountUserId, start_date: daysAgo(i % 20), end_date: daysAgo(i % 20) })),
		});

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'findStale', offlineDays: 30 });

		expect(result.status).toBe('success');
		// 2 C&C calls, 2500 / 100 = 25 managed pages, 2500 / 1000 = 3 report pages.
		expect(tv.calls()).toHaveLength(2 + 25 + 3);
		const byId = tv.calls().map((call) => call.path.replace('/api/v1', ''));
		expect(byId.filter((path) => path === '/managed/devices/company')).toHaveLength(25);
		expect(result.json.length).toBeGreaterThan(1000);
	});
});

describe('Device Hygiene: Remove Listed Devices', () => {
	async function findings(operation: 'findDuplicates' | 'findStale', extra: IDataObject = {}): Promise<IDataObject[]> {
		const result = await tv.run({ resource: 'deviceHygiene', operation, ...extra });
		expect(result.status).toBe('success');
		tv.sim.log.clear();
		return result.json;
	}

	it('removes what a stale finding lists, after checking each record again, and a rerun removes nothing', async () => {
		cc('d1', 100000001, 'OLD-PC', false, daysAgo(45));
		managed(M1, 100000001, 'OLD-PC', false, daysAgo(44));
		cc('d2', 100000002, 'KEEP-ME', true, NOW);
		const stale = await findings('findStale');

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'removeListed' }, { input: stale });

		expect(result.status).toBe('success');
		expect(calls()).toEqual([
			'GET /api/v1/devices?remotecontrol_id=r100000001',
			'DELETE /api/v1/devices/d1',
			`GET /api/v1/managed/devices/${M1}`,
			`DELETE /api/v1/managed/devices/${M1}`,
		]);
		expect(result.json).toEqual([
			{
				key: 'stale:100000001',
				finding: 'stale',
				removed: 2,
				alreadyRemoved: 0,
				skipped: 0,
				results: [
					{ source: 'computersAndContacts', id: 'd1', status: 'removed', reason: 'removed from Computers & Contacts' },
					{ source: 'managedDevices', id: M1, status: 'removed', reason: 'removed from device management' },
				],
			},
		]);
		expect([...tv.sim.state.devices.keys()]).toEqual(['d2']);
		expect(tv.sim.state.managedDevices.size).toBe(0);

		// The same approved report again (a retried execution): nothing more is removed, and it is no error.
		tv.sim.log.clear();
		const again = await tv.run({ resource: 'deviceHygiene', operation: 'removeListed' }, { input: stale });

		expect(again.status).toBe('success');
		expect(tv.calls('DELETE')).toEqual([]);
		expect(again.json[0]).toMatchObject({ removed: 0, alreadyRemoved: 2, skipped: 0 });
	});

	it('treats a 404 on the DELETE itself (removed in between) as already removed', async () => {
		managed(M1, 100000001, 'OLD-PC', false, daysAgo(45));
		const stale = await findings('findStale');
		tv.sim.injectFault({ kind: 'status', method: 'DELETE', path: 'managed/devices', status: 404, body: { error: 'not_found', error_description: 'gone', error_code: 404 } });

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'removeListed' }, { input: stale });

		expect(result.status).toBe('success');
		expect(result.json[0]).toMatchObject({ removed: 0, alreadyRemoved: 1 });
	});

	it('skips a record that came online or was seen since the report', async () => {
		cc('d1', 100000001, 'BACK', false, daysAgo(45));
		managed(M1, 100000002, 'SEEN', false, daysAgo(45));
		const stale = await findings('findStale');
		tv.sim.setDeviceOnline('d1', 'Online');
		tv.sim.state.managedDevices.get(M1)!.last_seen = daysAgo(1);

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'removeListed' }, { input: stale });

		expect(tv.calls('DELETE')).toEqual([]);
		expect(result.json.map((item) => (item.results as IDataObject[])[0])).toEqual([
			{ source: 'computersAndContacts', id: 'd1', status: 'skipped', reason: 'online again since the report' },
			{ source: 'managedDevices', id: M1, status: 'skipped', reason: `seen since the report (last seen ${daysAgo(1)})` },
		]);
	});

	it('never removes both copies of a duplicate: when the kept copy is gone, the other stays', async () => {
		managed(M2, 2222222222, 'LAPTOP-7', true, null);
		managed(M3, 3333333333, 'LAPTOP-7', false, daysAgo(40));
		const duplicates = await findings('findDuplicates');
		expect(duplicates[0].keep).toEqual([{ source: 'managedDevices', id: M2 }]);
		tv.sim.state.managedDevices.delete(M2);

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'removeListed' }, { input: duplicates });

		expect(tv.calls('DELETE')).toEqual([]);
		expect(tv.sim.state.managedDevices.has(M3)).toBe(true);
		expect(result.json[0]).toMatchObject({
			removed: 0,
			skipped: 1,
			results: [{ source: 'managedDevices', id: M3, status: 'skipped', reason: `the kept copy ${M2} is gone, so this one stays` }],
		});
	});

	it('removes the other entries of a TeamViewer ID and keeps the kept one', async () => {
		cc('d100', 111111111, 'PC-42', true, NOW);
		cc('d101', 111111111, 'PC-42', true, daysAgo(1), servers);
		const duplicates = await findings('findDuplicates');

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'removeListed' }, { input: duplicates });

		expect(calls()).toEqual([
			'GET /api/v1/devices?remotecontrol_id=r111111111',
			'GET /api/v1/devices?remotecontrol_id=r111111111',
			'DELETE /api/v1/devices/d101',
		]);
		expect([...tv.sim.state.devices.keys()]).toEqual(['d100']);
		expect(result.json[0]).toMatchObject({ removed: 1 });
	});

	it.each([
		['a finding that lists a record to keep and to remove', (f: IDataObject) => ({ ...f, remove: [...(f.remove as IDataObject[]), ...(f.keep as IDataObject[])] }), 'is listed to keep and to remove'],
		['something that is not a finding', () => ({ hello: 'world' }), '"finding" is undefined'],
		['a made-up device ID', (f: IDataObject) => ({ ...f, remove: [{ source: 'managedDevices', id: 'everything' }] }), 'has the managedDevices ID "everything"'],
	])('refuses %s before removing anything', async (_case, change, message) => {
		managed(M2, 2222222222, 'LAPTOP-7', true, null);
		managed(M3, 3333333333, 'LAPTOP-7', false, daysAgo(40));
		const duplicates = await findings('findDuplicates');

		const result = await tv.run({ resource: 'deviceHygiene', operation: 'removeListed' }, { input: [change(duplicates[0])] });

		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(message);
		expect(tv.calls()).toEqual([]);
		expect(tv.sim.state.managedDevices.size).toBe(2);
	});

	it('names the missing permission when the token may not remove devices (403), and goes on with Continue On Fail', async () => {
		cc('d1', 100000001, 'OLD-PC', false, daysAgo(45));
		const stale = await findings('findStale', { sources: ['computersAndContacts'] });
		const token = tv.sim.addToken({ userId: tv.sandbox.accountUserId, permissions: ['devices.read'] });

		const result = await tv.run(
			{ resource: 'deviceHygiene', operation: 'removeListed' },
			{ input: stale, credential: tv.tokenCredential(token), continueOnFail: true },
		);

		expect(result.json).toEqual([
			expect.objectContaining({ error: 'The TeamViewer token lacks the permission "Computers & Contacts → Remove entries"' }),
		]);
		expect(tv.sim.state.devices.has('d1')).toBe(true);
	});
});
