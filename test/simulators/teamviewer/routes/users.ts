import { mustFind, requireChanges, type ApiContext } from '../context';
import { badRequest } from '../errors';
import { EMAIL } from '../input';
import { createUser, findUserByEmail, userJson, userSummaryJson } from '../model/users';
import { json, noContent, type Reply } from '../../common/reply';
import { securedRoute, type Route } from '../router';
import type { User } from '../types';

// Users of the company.

function assertEmailFree(ctx: ApiContext, email: string, except?: User): void {
	const owner = findUserByEmail(ctx.state, email);
	if (owner && owner !== except) {
		throw badRequest(`A user with the email address ${email} already exists.`);
	}
}

/** `email` is a comma-separated list of exact addresses; without `full_list` only id, name and email. */
function list(ctx: ApiContext): Reply {
	const { query } = ctx;
	const emails = query.list('email')?.map((email) => email.toLowerCase());
	const name = query.string('name')?.toLowerCase();
	const full = query.boolean('full_list') ?? false;
	const users = [...ctx.state.users.values()]
		.filter((user) => emails === undefined || emails.includes(user.email.toLowerCase()))
		.filter((user) => name === undefined || user.name.toLowerCase().includes(name));
	return json({ users: users.map((user) => (full ? userJson(user) : userSummaryJson(user))) });
}

function get(ctx: ApiContext): Reply {
	return json(userJson(mustFind(ctx, ctx.state.users, ctx.params.id, 'User')));
}

/** Whether the answer echoes `email` is the knob `userCreateEchoesEmail` (UNCONFIRMED). */
function create(ctx: ApiContext): Reply {
	const { body } = ctx;
	const email = body.string('email', { ...EMAIL, required: true, min: 6, max: 100 });
	const name = body.string('name', { required: true, min: 2, max: 50 });
	const language = body.string('language', { required: true, min: 2, max: 10 });
	const password = body.string('password', { min: 6 });
	const logSessions = body.boolean('log_sessions');
	const showCommentWindow = body.boolean('show_comment_window');
	assertEmailFree(ctx, email);
	const user = createUser(
		ctx.state,
		{
			email,
			name,
			email_language: language,
			password: password ?? null,
			log_sessions: logSessions ?? true,
			show_comment_window: showCommentWindow ?? false,
			custom_quicksupport_id: body.string('custom_quicksupport_id') ?? null,
			custom_quickjoin_id: body.string('custom_quickjoin_id') ?? null,
			userRoleId: body.string('userRoleId') ?? null,
			last_access_date: null,
		},
		ctx.now,
	);
	ctx.state.users.set(user.id, user);
	const created = userJson(user);
	if (!ctx.config.userCreateEchoesEmail) delete created.email;
	return json(created);
}

function update(ctx: ApiContext): Reply {
	requireChanges(ctx);
	const user = mustFind(ctx, ctx.state.users, ctx.params.id, 'User');
	const { body } = ctx;
	const email = body.string('email', { min: 6, max: 100, ...EMAIL });
	const name = body.string('name', { min: 2, max: 50 });
	const password = body.string('password', { min: 6 });
	const active = body.boolean('active');
	const logSessions = body.boolean('log_sessions');
	const showCommentWindow = body.boolean('show_comment_window');
	const tfaEnforcement = body.boolean('tfa_enforcement');
	const quickSupportId = body.string('custom_quicksupport_id');
	const quickJoinId = body.string('custom_quickjoin_id');
	if (email !== undefined) assertEmailFree(ctx, email, user);
	user.email = email ?? user.email;
	user.name = name ?? user.name;
	user.password = password ?? user.password;
	user.active = active ?? user.active;
	user.log_sessions = logSessions ?? user.log_sessions;
	user.show_comment_window = showCommentWindow ?? user.show_comment_window;
	user.tfa_enforcement = tfaEnforcement ?? user.tfa_enforcement;
	user.custom_quicksupport_id = quickSupportId ?? user.custom_quicksupport_id;
	user.custom_quickjoin_id = quickJoinId ?? user.custom_quickjoin_id;
	return noContent();
}

export const userRoutes: Route[] = [
	securedRoute('GET', '/users', 'users.read', list),
	securedRoute('POST', '/users', 'users.create', create),
	securedRoute('GET', '/users/:id', 'users.read', get),
	securedRoute('PUT', '/users/:id', 'users.edit', update),
];
