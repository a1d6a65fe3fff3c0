import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { managedGroupRLC } from '../../descriptions/rlc.description';
import { getUuid } from '../../helpers/params';
import { passThroughError, teamViewerApiRequest } from '../../transport';
import type { ManagersTarget } from './addManager.operation';
import { findManager, managedGroupTarget, managerIdField } from './addManager.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['managedGroup'], operation: ['removeManager'] } },
	[managedGroupRLC, managerIdField],
);

/**
 * DELETE …/managers/{managerId} → 204 (TeamViewerPS Remove-TeamViewerManager.ps1). A 404 may mean the
 * manager is gone already (a rerun) or the device or group is unknown: the node reads the managers; when
 * the list can be read and the manager is not in it the item gives `removed: false`, when the list cannot
 * be read its error (naming the device or group) is the item's error.
 */
/** Whether the manager is on the device or group (reads the managers); the read's own error (an unknown device or group) is thrown. */
export async function isStillManager(context: IExecuteFunctions, target: ManagersTarget, managerId: string, itemIndex: number): Promise<boolean> {
	try {
		return (await findManager(context, target, (manager) => String(manager.id ?? '').toLowerCase() === managerId, itemIndex)) !== undefined;
	} catch (error) {
		throw passThroughError(context.getNode(), error, itemIndex);
	}
}

export async function removeManager(context: IExecuteFunctions, target: ManagersTarget, itemIndex: number): Promise<IDataObject[]> {
	const managerId = getUuid(context, itemIndex, 'managerId', 'Manager ID');
	const result = { ...target.output, managerId };
	try {
		await teamViewerApiRequest.call(context, { method: 'DELETE', path: `${target.path}/managers/${managerId}`, itemIndex });
	} catch (error) {
		if (!(error instanceof NodeApiError && error.httpCode === '404')) throw passThroughError(context.getNode(), error, itemIndex);
		const found = await isStillManager(context, target, managerId, itemIndex);
		if (found) throw passThroughError(context.getNode(), error, itemIndex);
		return [{ ...result, removed: false }];
	}
	return [{ ...result, removed: true }];
}

// DELETE /managed/groups/{id}/managers/{managerId}
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await removeManager(this, managedGroupTarget(this, itemIndex), itemIndex);
}
