import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { teamViewerApiRequest } from '../transport';
import { roleField, rolesOf } from '../helpers/userRoles';

/** The company's user roles, for fields that take several (User → Update: Assign / Unassign User Roles). */
export async function getUserRoles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const response = await teamViewerApiRequest.call(this, { method: 'GET', path: '/userroles' });
	return rolesOf(response)
		.map((role) => ({ name: String(roleField(role, 'Name')), value: String(roleField(role, 'Id')) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The permission names a user role can grant: `GET /userroles/permissions` answers a list of names
 * (TeamViewerPS Get-TeamViewerRolePermission.ps1 also accepts `{ Permissions: [...] }`).
 */
export async function getUserRolePermissions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const response = (await teamViewerApiRequest.call(this, { method: 'GET', path: '/userroles/permissions' })) as unknown;
	const list = Array.isArray(response)
		? response
		: (((response as IDataObject).Permissions ?? (response as IDataObject).permissions ?? []) as unknown[]);
	return list
		.map((name) => String(name))
		.sort((a, b) => a.localeCompare(b))
		.map((name) => ({ name, value: name }));
}
