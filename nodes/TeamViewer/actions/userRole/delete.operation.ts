import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { userRoleRLC } from '../../descriptions/rlc.description';
import { teamViewerApiRequest } from '../../transport';
import { forRole, getRoleId } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['userRole'], operation: ['delete'] } },
	[userRoleRLC],
);

// DELETE /userroles?userRoleId=<uuid> (TeamViewerPS Remove-TeamViewerRole.ps1)
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const roleId = getRoleId(this, itemIndex);
	await forRole(this, roleId, itemIndex, async () =>
		await teamViewerApiRequest.call(this, { method: 'DELETE', path: '/userroles', qs: { userRoleId: roleId }, itemIndex }),
	);
	return [{ id: roleId, deleted: true }];
}
