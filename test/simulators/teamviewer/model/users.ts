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
		userRoleId: null,
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

/** `GET /users` without `full_list` (the "Minimal" user). */
export function userSummaryJson(user: User): Record<string, unknown> {
	return { id: user.id, name: user.name, email: user.email };
}

/** The full `GetUserResponse` model. */
export function userJson(user: User): Record<string, unknown> {
	return {
		id: user.id,
		name: user.name,
		email: user.email,
		online_state: user.online_state,
		active: user.active,
		log_sessions: user.log_sessions,
		show_comment_window: user.show_comment_window,
		custom_quicksupport_id: user.custom_quicksupport_id,
		custom_quickjoin_id: user.custom_quickjoin_id,
		last_access_date: user.last_access_date,
		activated_license_id: user.activated_license_id,
		activated_license_name: user.activated_license_name,
		userRoleId: user.userRoleId,
		tfa_enforcement: user.tfa_enforcement,
		tfa_enabled: user.tfa_enabled,
		sso_status: user.sso_status,
	};
}
