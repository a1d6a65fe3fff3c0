import type { SimulatorConfig } from '../config';
import type { SimState } from '../state';
import type { UserRole } from '../types';

export type UserRoleSeed = Partial<UserRole> & Pick<UserRole, 'name'>;

/**
 * Permission names a user role can grant (`GET /userroles/permissions`). TeamViewer's list is longer and not
 * published outside the API; these are the names TeamViewerPS's help and tests use (Docs/Help/New-TeamViewerRole.md,
 * Tests/Public/Get-TeamViewerRolePermission.Tests.ps1, Tests/Public/Get-TeamViewerRole.Tests.ps1).
 */
export const ROLE_PERMISSIONS = [
	'AllowGroupSharing',
	'AssignBackupPolicies',
	'ManageAdmins',
	'ManageConnections',
	'ManageUsers',
	'ModifyConnections',
] as const;

export function createUserRole(state: SimState, seed: UserRoleSeed): UserRole {
	return { permissions: [], ...seed, id: seed.id ?? state.random.uuid() };
}

export function findUserRoleByName(state: SimState, name: string): UserRole | undefined {
	const wanted = name.toLowerCase();
	return [...state.userRoles.values()].find((role) => role.name.toLowerCase() === wanted);
}

/**
 * A role as `GET /userroles` lists it: `Permissions` maps every permission name to whether the role grants it
 * (TeamViewerPS's ConvertTo-TeamViewerRole reads `Id`, `Name`, `Permissions`; its tests mock the map).
 */
export function userRoleJson(config: SimulatorConfig, role: UserRole): Record<string, unknown> {
	const permissions = Object.fromEntries(ROLE_PERMISSIONS.map((name) => [name, role.permissions.includes(name)]));
	return config.userRoleJsonCase === 'camel'
		? { id: role.id, name: role.name, permissions }
		: { Id: role.id, Name: role.name, Permissions: permissions };
}

/** An answer that holds roles: `{ Role }` or `{ Roles }`, the wrapper named in the knob's case too. */
export function userRolesAnswer(config: SimulatorConfig, key: 'Role' | 'Roles', roles: UserRole | UserRole[]): Record<string, unknown> {
	const json = Array.isArray(roles) ? roles.map((role) => userRoleJson(config, role)) : userRoleJson(config, roles);
	return { [config.userRoleJsonCase === 'camel' ? key.toLowerCase() : key]: json };
}
