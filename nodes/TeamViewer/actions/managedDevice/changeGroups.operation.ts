import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { isUuid } from '../../helpers/ids';
import { getUuid, invalidField, textOf } from '../../helpers/params';
import { passThroughError, teamViewerAllItems, teamViewerApiRequest } from '../../transport';
import { managedDeviceIdField } from './get.operation';

const properties: INodeProperties[] = [
	managedDeviceIdField,
	{
		displayName: 'Add to Managed Groups',
		name: 'addToGroupIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6',
		description: 'IDs (UUIDs) of the managed groups to put the device in, separated by commas',
	},
	{
		displayName: 'Remove From Managed Groups',
		name: 'removeFromGroupIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 9b2d4e1a-7c3f-4a5b-8e6d-1f2a3b4c5d6e',
		description: 'IDs (UUIDs) of the managed groups to take the device out of, separated by commas. Both lists together move the device in one call.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['managedDevice'], operation: ['changeGroups'] } },
	properties,
);

function groupIds(context: IExecuteFunctions, itemIndex: number, name: string, field: string): string[] {
	const raw = textOf(context.getNodeParameter(name, itemIndex, ''));
	const ids = raw.split(/[\s,;]+/).filter((id) => id !== '');
	for (const id of ids) {
		if (!isUuid(id)) invalidField(context, itemIndex, field, id, 'managed group IDs (UUIDs) separated by commas');
	}
	return [...new Set(ids.map((id) => id.toLowerCase()))];
}

async function groupsOf(context: IExecuteFunctions, id: string, itemIndex: number): Promise<IDataObject[]> {
	return await teamViewerAllItems.call(context, {
		request: { method: 'GET', path: `/managed/devices/${id}/groups`, itemIndex },
		cursor: 'paginationToken',
		itemsKey: 'resources',
	});
}

/**
 * PUT /managed/devices/{id}/groups {AddedChainIds, RemovedChainIds} → 204, then the device's groups.
 * One operation for add, remove and move, as the API has one call for them (TeamViewerPS
 * Move-TeamViewerManagedDevice.ps1 moves with one ID in each list and sends both lists, as the node
 * does, an empty one included). TeamViewer refuses (400) a change that changes nothing; when the
 * device's groups are already as asked (a rerun), the item succeeds with `changed: false`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = getUuid(this, itemIndex, 'managedDeviceId', 'Managed Device ID');
	const added = groupIds(this, itemIndex, 'addToGroupIds', 'Add to Managed Groups');
	const removed = groupIds(this, itemIndex, 'removeFromGroupIds', 'Remove From Managed Groups');
	const both = added.find((groupId) => removed.includes(groupId));
	if (both) {
		throw new NodeOperationError(this.getNode(), `The managed group "${both}" is in both lists`, {
			itemIndex,
			description: 'A group can be either added or removed in one call: take it out of one of the lists.',
		});
	}
	if (added.length === 0 && removed.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No managed groups to add or remove were set', {
			itemIndex,
			description: 'Fill in "Add to Managed Groups" or "Remove From Managed Groups" (managed group IDs, from Managed Group → Get Many).',
		});
	}
	let changed = true;
	try {
		await teamViewerApiRequest.call(this, {
			method: 'PUT',
			path: `/managed/devices/${id}/groups`,
			body: { AddedChainIds: added, RemovedChainIds: removed },
			itemIndex,
			hint: 'Check the managed group IDs (Managed Group → Get Many) and that this account manages those groups.',
		});
	} catch (error) {
		if (!(error instanceof NodeApiError && error.httpCode === '400')) throw passThroughError(this.getNode(), error, itemIndex);
		const now = (await groupsOf(this, id, itemIndex).catch(() => undefined))?.map((group) => String(group.id).toLowerCase());
		const asAsked = now !== undefined && added.every((groupId) => now.includes(groupId)) && removed.every((groupId) => !now.includes(groupId));
		if (!asAsked) throw passThroughError(this.getNode(), error, itemIndex);
		changed = false;
	}
	return [{ id, changed, managedGroups: await groupsOf(this, id, itemIndex) }];
}
