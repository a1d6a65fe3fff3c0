import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { managedGroupRLC } from '../../descriptions/rlc.description';
import { getUuid } from '../../helpers/params';
import { passThroughError, teamViewerApiRequest, teamViewerPages } from '../../transport';
import { managedDeviceIdField } from '../managedDevice/get.operation';
import { getManagedGroupId } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['managedGroup'], operation: ['addDevice'] } },
	[managedGroupRLC, managedDeviceIdField],
);

/** Whether the device is in the group, from GET /managed/devices/{id}/groups (stops at the page that has it). */
export async function isInGroup(
	context: IExecuteFunctions,
	deviceId: string,
	groupId: string,
	itemIndex: number,
): Promise<boolean> {
	const pages = teamViewerPages.call(context, {
		request: { method: 'GET', path: `/managed/devices/${deviceId}/groups`, itemIndex },
		cursor: 'paginationToken',
		itemsKey: 'resources',
	});
	for await (const groups of pages) {
		if (groups.some((group) => String(group.id ?? '').toLowerCase() === groupId)) return true;
	}
	return false;
}

/**
 * POST /managed/groups/{id}/devices {id: device} (TeamViewerPS Add-TeamViewerManagedDevice.ps1).
 * Adding is the same whether sent once or twice, so the transport may resend it after a dropped
 * answer. When TeamViewer refuses (400), the node asks which groups the device is in: a device that
 * is already in the group (a rerun) gives `added: false` instead of an error.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const groupId = getManagedGroupId(this, itemIndex);
	const deviceId = getUuid(this, itemIndex, 'managedDeviceId', 'Managed Device ID');
	const result = { managedGroupId: groupId, managedDeviceId: deviceId };
	try {
		await teamViewerApiRequest.call(this, {
			method: 'POST',
			path: `/managed/groups/${groupId}/devices`,
			body: { id: deviceId },
			idempotent: true,
			itemIndex,
			hint: 'Check that this account manages the device (Managed Device → Get Many).',
		});
	} catch (error) {
		if (!(error instanceof NodeApiError && error.httpCode === '400')) throw passThroughError(this.getNode(), error, itemIndex);
		if (!(await isInGroup(this, deviceId, groupId, itemIndex).catch(() => false))) throw passThroughError(this.getNode(), error, itemIndex);
		return [{ ...result, added: false }];
	}
	return [{ ...result, added: true }];
}
