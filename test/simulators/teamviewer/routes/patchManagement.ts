import type { ApiContext } from '../context';
import { pageOf } from '../cursor';
import { ApiError, badRequest, notFound } from '../errors';
import { json, type Reply } from '../../common/reply';
import { securedRoute, type Route } from '../router';

/*
 * Patch Management (Remote Management), as TeamViewer's OpenAPI document (/api/v1/docs, tag "PatchManagement")
 * documents it: paths, parameter names (query `continuationToken`, body `device_id_list`/`continuation_token`)
 * and response fields. Everything else here is the simulator's own choice, listed in README.md.
 */

/** Ordered by activation, oldest first; `continuation_token` null on the last page. */
function devices(ctx: ApiContext): Reply {
	const all = [...ctx.state.patchDevices.values()].sort((a, b) => a.activation_time.localeCompare(b.activation_time) || a.teamviewer_id - b.teamviewer_id);
	const { page, next } = pageOf('continuationToken', all, ctx.query.string('continuationToken'), ctx.config.patchManagementPageSize);
	return json({
		devices: page.map((device) => ({ teamviewer_id: device.teamviewer_id, activation_time: device.activation_time })),
		continuation_token: next ?? null,
	});
}

/**
 * Counts per requested device, in the order asked. A device without Patch Management comes back with
 * `ErrorCode` 1 and count 0 (the meaning of the documented codes 0–4 is not published: 0 = fine here).
 */
function scanResultCounts(ctx: ApiContext): Reply {
	const raw = ctx.body.array('device_id_list');
	let ids: number[];
	if (raw === undefined || raw.length === 0) {
		if (ctx.config.patchCountsEmptyList === 'refuse') throw badRequest('device_id_list must name at least one device.');
		ids = [...ctx.state.patchDevices.keys()];
	} else {
		ids = raw.map((value, i) => {
			const id = typeof value === 'number' ? value : Number.NaN;
			if (!Number.isInteger(id) || id <= 0) throw badRequest(`device_id_list[${i}] must be a device id (an integer), got '${String(value)}'.`);
			return id;
		});
	}
	const counts = ids.map((id) => {
		const device = ctx.state.patchDevices.get(id);
		return { DeviceId: id, ErrorCode: device ? 0 : 1, ScanResultCount: device ? device.patches.length : 0 };
	});
	const { page, next } = pageOf('continuation_token', counts, ctx.body.string('continuation_token'), ctx.config.patchManagementPageSize);
	return json({ DeviceMissingPatchesCountInfoList: page, ContinuationToken: next ?? null });
}

/** `deviceId` is int64 in the document; the simulator takes it to be the TeamViewer ID. */
function missingPatches(ctx: ApiContext): Reply {
	const text = ctx.params.deviceId;
	if (!/^\d+$/.test(text)) throw new ApiError(400, 'invalid_request', `deviceId must be an integer, got '${text}'.`);
	const device = ctx.state.patchDevices.get(Number(text));
	if (!device) throw notFound(ctx.config.notFoundStatus, 'Patch management device', text);
	return json({ device_id: device.teamviewer_id, patches: device.patches });
}

export const patchManagementRoutes: Route[] = [
	securedRoute('GET', '/patchmanagement/devices', 'patchManagement.read', devices),
	securedRoute('POST', '/patchmanagement/scanresultcounts', 'patchManagement.read', scanResultCounts),
	securedRoute('GET', '/patchmanagement/devices/:deviceId/patches/missing', 'patchManagement.read', missingPatches),
];
