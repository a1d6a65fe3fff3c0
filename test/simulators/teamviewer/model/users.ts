import { nextId } from '../ids';
import type { SimState } from '../state';
import type { User } from '../types';

export type UserSeed = Partial<User> & Pick<User, 'name' | 'email'>;

export function createUser(state: SimState, seed: UserSeed, now: string): User {
	return {
		email_language: 'en',
		email_validated: true,
		password: null,
		online_state: 'Offline',
		active: true,
		log_sessions: true,
		show_comment_window: false,
		custom_quicksupport_id: null,
		custom_quickjoin_id: null,
		last_access_date: now,
		activated_license_id: null,
		activated_license_name: null,
		activated_meeting_license_key: null,
		roleIds: [],
		ssoCustomerId: null,
		subscribeNewsletter: false,
		tfa_enforcement: false,
		tfa_enabled: false,
		sso_status: 0,
		...seed,
		id: seed.id ?? nextId(state, 'user'),
	};
}

export function findUserByEmail(state: SimState, email: string): User | undefined {
	const wanted = email.toLowerCase();
	return [...state.users.values()].find((user) => user.email.toLowerCase() === wanted);
}

/**
 * The deprecated `permissions` of a user: the permissions its roles grant, comma-separated (the form
 * TeamViewerPS's tests mock, e.g. `ManageAdmins,ManageUsers`).
 */
export function userPermissions(state: SimState, user: User): string[] {
	const granted = new Set<string>();
	for (const roleId of user.roleIds) {
		for (const permission of state.userRoles.get(roleId)?.permissions ?? []) granted.add(permission);
	}
	return [...granted].sort();
}

/** `GET /users` without `full_list` (the "Minimal" user). */
export function userSummaryJson(user: User): Record<string, unknown> {
	return { id: user.id, name: user.name, email: user.email };
}

/** The full `GetUserResponse` model. */
export function userJson(state: SimState, user: User): Record<string, unknown> {
	return {
		id: user.id,
		name: user.name,
		email: user.email,
		permissions: userPermissions(state, user).join(','),
		online_state: user.online_state,
		active: user.active,
		log_sessions: user.log_sessions,
		show_comment_window: user.show_comment_window,
		custom_quicksupport_id: user.custom_quicksupport_id,
		custom_quickjoin_id: user.custom_quickjoin_id,
		last_access_date: user.last_access_date,
		activated_license_id: user.activated_license_id,
		activated_license_name: user.activated_license_name,
		activated_meeting_license_key: user.activated_meeting_license_key,
		userRoleId: user.roleIds[0] ?? null,
		tfa_enforcement: user.tfa_enforcement,
		tfa_enabled: user.tfa_enabled,
		sso_status: user.sso_status,
	};
}
