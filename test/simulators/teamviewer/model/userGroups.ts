import type { SimState } from '../state';
import type { User, UserGroup } from '../types';

export type UserGroupSeed = Partial<UserGroup> & Pick<UserGroup, 'name'>;

/** New groups get the next free id; a seeded id moves the counter past it. */
export function createUserGroup(state: SimState, seed: UserGroupSeed): UserGroup {
	if (seed.id !== undefined) state.nextUserGroupId = Math.max(state.nextUserGroupId, seed.id + 1);
	return {
		creationSourceType: 2,
		memberIds: [],
		roleId: null,
		...seed,
		id: seed.id ?? state.nextUserGroupId++,
	};
}

/** `u1000001` → 1000001: user-group members are numeric account ids. */
export function accountIdOf(user: User): number {
	return Number(user.id.slice(1));
}

/** The user-group model: `{ id (int64), name, creationSourceType }` (TeamViewer's OpenAPI document). */
export function userGroupJson(group: UserGroup): Record<string, unknown> {
	return { id: group.id, name: group.name, creationSourceType: group.creationSourceType };
}
