import type { SimulatorConfig } from '../config';
import { badRequest } from '../errors';
import { nextId } from '../ids';
import type { SimState } from '../state';
import type { Group } from '../types';

export type GroupSeed = Partial<Group> & Pick<Group, 'name' | 'ownerId'>;

export function createGroup(state: SimState, seed: GroupSeed): Group {
	return { policy_id: null, shared_with: [], ...seed, id: seed.id ?? nextId(state, 'group') };
}

/** A user sees the groups they own and the groups shared with them. */
export function isGroupVisible(group: Group, userId: string): boolean {
	return group.ownerId === userId || group.shared_with.some((share) => share.userid === userId);
}

export function visibleGroups(state: SimState, userId: string): Group[] {
	return [...state.groups.values()].filter((group) => isGroupVisible(group, userId));
}

export function findVisibleGroupByName(
	state: SimState,
	userId: string,
	name: string,
): Group | undefined {
	const wanted = name.toLowerCase();
	return visibleGroups(state, userId).find((group) => group.name.toLowerCase() === wanted);
}

/** A group named in a request body: unknown or not visible → 400. */
export function referencedGroup(state: SimState, userId: string, groupId: string): Group {
	const group = state.groups.get(groupId);
	if (!group || !isGroupVisible(group, userId)) {
		throw badRequest(`Group ${groupId} does not exist.`);
	}
	return group;
}

/**
 * The group a session or contact goes into: `groupid` must be a group the caller sees; a `groupname`
 * the caller does not have yet is created for them when `autoCreateGroupByName` is on (UNCONFIRMED).
 */
export function resolveGroup(
	state: SimState,
	config: SimulatorConfig,
	userId: string,
	ref: { groupid?: string; groupname?: string },
): Group {
	if (ref.groupid !== undefined) return referencedGroup(state, userId, ref.groupid);
	if (ref.groupname === undefined) throw badRequest('Either groupid or groupname is required.');
	const existing = findVisibleGroupByName(state, userId, ref.groupname);
	if (existing) return existing;
	if (!config.autoCreateGroupByName) throw badRequest(`Group '${ref.groupname}' does not exist.`);
	const group = createGroup(state, { name: ref.groupname, ownerId: userId });
	state.groups.set(group.id, group);
	return group;
}

function userName(state: SimState, userId: string): string | null {
	return state.users.get(userId)?.name ?? null;
}

/** `permissions` is the caller's right on the group: `owned`, or what it was shared with (UNCONFIRMED). */
export function groupJson(
	state: SimState,
	group: Group,
	callerId: string,
): Record<string, unknown> {
	const share = group.shared_with.find((entry) => entry.userid === callerId);
	return {
		id: group.id,
		name: group.name,
		shared_with: group.shared_with.map((entry) => ({
			userid: entry.userid,
			name: userName(state, entry.userid),
			permissions: entry.permissions,
			pending: entry.pending,
		})),
		owner: { userid: group.ownerId, name: userName(state, group.ownerId) },
		permissions: group.ownerId === callerId ? 'owned' : (share?.permissions ?? 'read'),
		policy_id: group.policy_id,
	};
}
