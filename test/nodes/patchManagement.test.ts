import type { IDataObject } from 'n8n-workflow';

import { useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

const PC1 = 123456789;
const PC2 = 1234567890;
const PC3 = 987654321;

beforeEach(() => {
	tv.sim.seed({
		patchDevices: [
			{
				teamviewer_id: PC1,
				activation_time: '2025-01-01T08:00:00Z',
				patches: [
					{ product_name: 'Windows 11', kb: 'KB5034441', severity: 1, type: 1, cve: ['CVE-2024-20666'] },
					{ product_name: '7-Zip', severity: 3, type: 4 },
				],
			},
			{ teamviewer_id: PC2, activation_time: '2025-01-02T08:00:00Z', patches: [] },
			{ teamviewer_id: PC3, activation_time: '2025-01-03T08:00:00Z', patches: [{ product_name: 'Chrome', severity: 2 }] },
		],
	});
	tv.sim.log.clear();
});

describe('Patch Management: Get Many Devices', () => {
	it('follows continuation_token with the continuationToken query parameter to the last page', async () => {
		tv.sim.config.patchManagementPageSize = 2;

		const result = await tv.run({ resource: 'patchManagement', operation: 'getDevices', returnAll: true });

		expect(result.status).toBe('success');
		const calls = tv.calls();
		expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
			'GET /api/v1/patchmanagement/devices',
			'GET /api/v1/patchmanagement/devices',
		]);
		expect(calls[0].query).toEqual({});
		expect(Object.keys(calls[1].query)).toEqual(['continuationToken']);
		expect(result.json).toEqual([
			{ teamviewer_id: PC1, activation_time: '2025-01-01T08:00:00Z' },
			{ teamviewer_id: PC2, activation_time: '2025-01-02T08:00:00Z' },
			{ teamviewer_id: PC3, activation_time: '2025-01-03T08:00:00Z' },
		]);
	});

	it('stops at the limit without reading another page', async () => {
		tv.sim.config.patchManagementPageSize = 2;

		const result = await tv.run({ resource: 'patchManagement', operation: 'getDevices', limit: 1 });

		expect(result.json).toEqual([{ teamviewer_id: PC1, activation_time: '2025-01-01T08:00:00Z' }]);
		expect(tv.calls()).toHaveLength(1);
	});

	it('is refused for a token without the permission', async () => {
		const result = await tv.run(
			{ resource: 'patchManagement', operation: 'getDevices', returnAll: true },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.error?.message).toBe('The TeamViewer token lacks the permission this operation needs');
		expect(tv.calls().map((call) => call.status)).toEqual([403]);
	});
});

describe('Patch Management: Get Missing Patches', () => {
	it('reads the scan result of one device by TeamViewer ID, one item per missing patch', async () => {
		const result = await tv.run({ resource: 'patchManagement', operation: 'getMissingPatches', teamViewerId: 'r123 456 789' });

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
			`GET /api/v1/patchmanagement/devices/${PC1}/patches/missing 200`,
		]);
		const { patches } = tv.sim.state.patchDevices.get(PC1)!;
		expect(result.json).toEqual(patches.map((patch) => ({ device_id: PC1, ...patch })));
		expect(result.json[0]).toMatchObject({ product_name: 'Windows 11', kb: 'KB5034441', severity: 1, cve: ['CVE-2024-20666'] });
	});

	it('gives no item for a device without missing patches', async () => {
		const result = await tv.run({ resource: 'patchManagement', operation: 'getMissingPatches', teamViewerId: String(PC2) });

		expect(result.status).toBe('success');
		expect(result.json).toEqual([]);
	});

	it('names a device TeamViewer does not know, and refuses a malformed ID without a request', async () => {
		const unknown = await tv.run({ resource: 'patchManagement', operation: 'getMissingPatches', teamViewerId: '111222333' });
		const malformed = await tv.run({ resource: 'patchManagement', operation: 'getMissingPatches', teamViewerId: 'PC-42' });

		expect(unknown.error?.message).toBe('Patch Management device "111222333" was not found in TeamViewer');
		expect(malformed.error?.message).toBe('The TeamViewer ID "PC-42" is not valid');
		expect(tv.calls()).toHaveLength(1);
	});
});

describe('Patch Management: Get Devices With Missing Patches', () => {
	it('counts for the typed devices and leaves out those without missing patches', async () => {
		const result = await tv.run({
			resource: 'patchManagement',
			operation: 'getMissingPatchCounts',
			teamViewerIds: `${PC1}, r${PC2},${PC3}, ${PC1}`,
		});

		expect(result.status).toBe('success');
		const calls = tv.calls();
		expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(['POST /api/v1/patchmanagement/scanresultcounts']);
		expect(calls[0].body).toEqual({ device_id_list: [PC1, PC2, PC3] });
		expect(result.json).toEqual([
			{ DeviceId: PC1, ErrorCode: 0, ScanResultCount: 2 },
			{ DeviceId: PC3, ErrorCode: 0, ScanResultCount: 1 },
		]);
	});

	it('reads every patch management device first when none is typed, and pages with continuation_token', async () => {
		tv.sim.config.patchManagementPageSize = 2;

		const result = await tv.run({
			resource: 'patchManagement',
			operation: 'getMissingPatchCounts',
			options: { onlyMissing: false },
		});

		const calls = tv.calls();
		expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
			'GET /api/v1/patchmanagement/devices',
			'GET /api/v1/patchmanagement/devices',
			'POST /api/v1/patchmanagement/scanresultcounts',
			'POST /api/v1/patchmanagement/scanresultcounts',
		]);
		expect(calls[2].body).toEqual({ device_id_list: [PC1, PC2, PC3] });
		const token = (calls[3].body as IDataObject).continuation_token;
		expect(typeof token).toBe('string');
		expect(calls[3].body).toEqual({ device_id_list: [PC1, PC2, PC3], continuation_token: token });
		expect(result.json.map((count) => [count.DeviceId, count.ScanResultCount])).toEqual([
			[PC1, 2],
			[PC2, 0],
			[PC3, 1],
		]);
	});

	it('sends nothing to count when no device has Patch Management', async () => {
		tv.sim.state.patchDevices.clear();

		const result = await tv.run({ resource: 'patchManagement', operation: 'getMissingPatchCounts' });

		expect(result.status).toBe('success');
		expect(result.json).toEqual([]);
		expect(tv.calls().map((call) => call.method)).toEqual(['GET']);
	});

	it('is resent after a gateway timeout: counting only reads', async () => {
		tv.sim.injectFault({ kind: 'status', status: 504, method: 'POST', path: 'scanresultcounts$' });

		const result = await tv.run({ resource: 'patchManagement', operation: 'getMissingPatchCounts', teamViewerIds: String(PC3) });

		expect(tv.calls().map((call) => call.status)).toEqual([504, 200]);
		expect(result.json).toEqual([{ DeviceId: PC3, ErrorCode: 0, ScanResultCount: 1 }]);
	});

	it('refuses a typed ID that is not a TeamViewer ID without a request', async () => {
		const result = await tv.run({ resource: 'patchManagement', operation: 'getMissingPatchCounts', teamViewerIds: `${PC1}, PC-42` });

		expect(result.error?.message).toBe('The TeamViewer ID "PC-42" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});
});

describe('Simulator: POST /patchmanagement/scanresultcounts without devices', () => {
	async function countNone() {
		return await fetch(`${tv.sim.apiUrl}/patchmanagement/scanresultcounts`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${tv.sandbox.tokens.admin}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ device_id_list: [] }),
		});
	}

	it('refuses an empty device_id_list by default', async () => {
		const response = await countNone();

		expect(response.status).toBe(400);
		expect(((await response.json()) as IDataObject).error_description).toBe('device_id_list must name at least one device.');
	});

	it('counts every device with patchCountsEmptyList "all"', async () => {
		tv.sim.config.patchCountsEmptyList = 'all';

		const response = await countNone();

		expect(response.status).toBe(200);
		expect(((await response.json()) as IDataObject).DeviceMissingPatchesCountInfoList).toHaveLength(3);
	});
});
