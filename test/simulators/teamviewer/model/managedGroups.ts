import type { SimState } from '../state';
import type { ManagedGroup, ManagedGroupManager, TokenRecord, User } from '../types';

export type ManagedGroupSeed = Partial<ManagedGroup> & Pick<ManagedGroup, 'name'>;

export function createManagedGroup(state: SimState, seed: ManagedGroupSeed): ManagedGroup {
	return { policies: {}, managers: [], ...seed, id: (seed.id ?? state.random.uuid()).toLowerCase() };
}

/** Every manager permission (TeamViewer's OpenAPI document lists them for the managers endpoints). */
export const ALL_MANAGER_PERMISSIONS = [
	'ManagerAdministration',
	'GroupAdministration',
	'DeviceAdministration',
	'PolicyAdministration',
	'DeviceDescription',
	'EasyAccess',
	'SoftwareUpdate',
	'CustomFieldsAdministration',
];

/** A manager entry for `user` with every permission (what the creator of a group gets). */
export function accountManager(state: SimState, user: Pick<User, 'id' | 'name'>, id?: string): ManagedGroupManager {
	return {
		id: id ?? state.random.uuid(),
		type: 'account',
		accountId: Number(user.id.replace(/^u/, '')),
		companyId: null,
		name: user.name,
		permissions: [...ALL_MANAGER_PERMISSIONS],
		userId: user.id,
	};
}

/** A company-level token manages every managed group; an account token those it is a manager of. */
export function canManageGroup(token: TokenRecord, group: ManagedGroup): boolean {
	return token.companyId !== null || group.managers.some((manager) => manager.userId === token.userId);
}

/**
 * ManagedGroupModel: `id`, `name` (TeamViewer's OpenAPI document), and `policy_id` (the TeamViewer
 * policy, read by TeamViewerPS Cmdlets/Private/ConvertTo-TeamViewerManagedGroup.ps1 only when present,
 * so it is left out when the group has none).
 */
export function managedGroupJson(group: ManagedGroup): Record<string, unknown> {
	return {
		id: group.id,
		name: group.name,
		...(group.policies[1] ? { policy_id: group.policies[1] } : {}),
	};
}

/** ManagerModel as TeamViewerPS Cmdlets/Private/ConvertTo-TeamViewerManager.ps1 reads it. */
export function managerJson(manager: ManagedGroupManager): Record<string, unknown> {
	return {
		id: manager.id,
		type: manager.type,
		...(manager.type === 'account' ? { accountId: manager.accountId } : { companyId: manager.companyId }),
		name: manager.name,
		permissions: manager.permissions,
	};
}
