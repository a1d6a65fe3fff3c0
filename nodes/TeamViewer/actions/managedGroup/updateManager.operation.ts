import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { managedGroupRLC } from '../../descriptions/rlc.description';
import { getUuid } from '../../helpers/params';
import { passThroughError, teamViewerApiRequest } from '../../transport';
import type { ManagersTarget } from './addManager.operation';
import { findManager, managedGroupTarget, managerIdField, managerPermissions, managerPermissionsField } from './addManager.operation';
import { isStillManager } from './removeManager.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['managedGroup'], operation: ['updateManager'] } },
	[managedGroupRLC, managerIdField, { ...managerPermissionsField, description: 'The permissions the manager has afterwards (the list replaces the old one). None leaves read access only.' }],
);

/**
 * PUT …/managers/{managerId} `{permissions}` (TeamViewerPS Set-TeamViewerManager.ps1); the list replaces the
 * manager's permissions. TeamViewer refuses a PUT that changes nothing (400): when the manager already has
 * exactly these permissions (a rerun) the item gives `updated: false` instead of an error.
 */
export async function updateManager(context: IExecuteFunctions, target: ManagersTarget, itemIndex: number): Promise<IDataObject[]> {
	const managerId = getUuid(context, itemIndex, 'managerId', 'Manager ID');
	const permissions = managerPermissions(context, itemIndex);
	const result = { ...target.output, managerId, permissions };
	try {
		await teamViewerApiRequest.call(context, {
			method: 'PUT',
			path: `${target.path}/managers/${managerId}`,
			body: { permissions },
			itemIndex,
			hint: 'Check that this account has the Manager Administration permission on the device or group.',
		});
	} catch (error) {
		// A 404 names the manager; when the device or group itself is unknown, reading its managers says so.
		if (error instanceof NodeApiError && error.httpCode === '404') await isStillManager(context, target, managerId, itemIndex);
		if (!(error instanceof NodeApiError && error.httpCode === '400')) throw passThroughError(context.getNode(), error, itemIndex);
		const current = await findManager(context, target, (manager) => String(manager.id ?? '').toLowerCase() === managerId, itemIndex).catch(() => undefined);
		const has = Array.isArray(current?.permissions) ? (current.permissions as unknown[]).map(String) : undefined;
		const same = has !== undefined && has.length === permissions.length && permissions.every((name) => has.includes(name));
		if (!same) throw passThroughError(context.getNode(), error, itemIndex);
		return [{ ...result, updated: false }];
	}
	return [{ ...result, updated: true }];
}

// PUT /managed/groups/{id}/managers/{managerId}
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await updateManager(this, managedGroupTarget(this, itemIndex), itemIndex);
}
