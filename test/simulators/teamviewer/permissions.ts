/** Per-token permissions, modelled on the script-token checkboxes of the Management Console. */
export const ALL_PERMISSIONS = [
	'account.read',
	'account.write',
	'users.read',
	'users.create',
	'users.edit',
	'users.delete',
	'userRoles.read',
	'userRoles.write',
	'userGroups.read',
	'userGroups.write',
	'sessions.viewOwn',
	'sessions.viewAll',
	'sessions.editOwn',
	'sessions.editAll',
	'sessions.create',
	'groups.read',
	'groups.create',
	'groups.edit',
	'groups.delete',
	'groups.share',
	'devices.read',
	'devices.add',
	'devices.edit',
	'devices.remove',
	'contacts.read',
	'contacts.add',
	'contacts.remove',
	'reports.read',
	'reports.edit',
	'reports.delete',
	'managedDevices.read',
	'managedDevices.write',
	'eventLog.read',
	'policies.read',
	'policies.write',
	'patchManagement.read',
] as const;

export type Permission = (typeof ALL_PERMISSIONS)[number];

export function resolvePermissions(
	permissions: readonly Permission[] | 'all' | undefined,
): Permission[] {
	if (permissions === undefined || permissions === 'all') return [...ALL_PERMISSIONS];
	const unknown = permissions.filter((p) => !ALL_PERMISSIONS.includes(p));
	if (unknown.length > 0) throw new Error(`Unknown permission(s): ${unknown.join(', ')}`);
	return [...permissions];
}
