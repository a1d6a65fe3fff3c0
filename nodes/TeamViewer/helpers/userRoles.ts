import type { IDataObject } from 'n8n-workflow';

/**
 * A user role's field whatever its case: TeamViewer's OpenAPI document names them `Id`, `Name`, `Permissions`;
 * TeamViewerPS's tests mock `id`, `name` (PowerShell reads either).
 */
export function roleField(role: IDataObject, name: 'Id' | 'Name' | 'Permissions'): unknown {
	return role[name] ?? role[name.toLowerCase()];
}

/** The roles of a `GET /userroles` answer (`{ Roles: [...] }`, or `roles` as TeamViewerPS's tests mock it). */
export function rolesOf(response: IDataObject): IDataObject[] {
	return (response.Roles as IDataObject[] | undefined) ?? (response.roles as IDataObject[] | undefined) ?? [];
}

/** The role of a `POST /userroles` answer (`{ Role: {...} }`, or `role`), if it has one. */
export function roleOf(response: IDataObject): IDataObject | undefined {
	return (response.Role as IDataObject | undefined) ?? (response.role as IDataObject | undefined);
}

/** The permission names a role grants: `Permissions` is a map of name → whether granted. */
export function grantedPermissions(role: IDataObject): string[] {
	const permissions = roleField(role, 'Permissions');
	if (Array.isArray(permissions)) return permissions.map(String);
	if (!permissions || typeof permissions !== 'object') return [];
	return Object.entries(permissions as IDataObject)
		.filter(([, granted]) => granted === true)
		.map(([name]) => name);
}

/** A role as the node outputs it: TeamViewer's fields in camel case plus the granted permissions as a list. */
export function roleOutput(role: IDataObject): IDataObject {
	return {
		id: roleField(role, 'Id') as string,
		name: roleField(role, 'Name') as string,
		permissions: (roleField(role, 'Permissions') as IDataObject | undefined) ?? {},
		grantedPermissions: grantedPermissions(role),
	};
}
