import { mustFind, requireChanges, type ApiContext } from '../context';
import { pageOf } from '../cursor';
import { badRequest } from '../errors';
import { EMAIL } from '../input';
import { createUser, findUserByEmail, userJson, userPermissions, userSummaryJson } from '../model/users';
import { json, noContent, type Reply } from '../../common/reply';
import { securedRoute, type Route } from '../router';
import type { User } from '../types';

// Users of the company.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function assertEmailFree(ctx: ApiContext, email: string, except?: User): void {
	const owner = findUserByEmail(ctx.state, email);
	if (owner && owner !== except) {
		throw badRequest(`A user with the email address ${email} already exists.`);
	}
}

/** A role id of the company; an unknown one → 400 (the simulator's choice: TeamViewer's answer is not documented). */
function knownRoleId(ctx: ApiContext, field: string, value: unknown): string {
	const id = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if (!UUID.test(id)) throw badRequest(`${field} must be a UUID, got '${String(value)}'.`);
	if (!ctx.state.userRoles.has(id)) throw badRequest(`${field}: the user role ${id} does not exist.`);
	return id;
}

function roleIdList(ctx: ApiContext, field: string): string[] {
	const value = ctx.body.array(field);
	return (value ?? []).map((entry) => knownRoleId(ctx, field, entry));
}

/** `language` on create: TeamViewer's codes as TeamViewerPS lists them (Cmdlets/Private/Resolve-TeamViewerLanguage.ps1). */
export const USER_LANGUAGES = [
	'bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'fi', 'fr', 'hr', 'hu', 'id', 'it', 'ja', 'ko', 'lt', 'nl', 'no',
	'pl', 'pt', 'ro', 'ru', 'sk', 'sr', 'sv', 'th', 'tr', 'uk', 'vi', 'zh_CN', 'zh_TW', 'auto',
];

/**
 * `email` is a comma-separated list of exact addresses; `permissions` (deprecated) a comma-separated list a
 * user must have all of; without `full_list` only id, name and email.
 */
function list(ctx: ApiContext): Reply {
	const { query } = ctx;
	const emails = query.list('email')?.map((email) => email.toLowerCase());
	const name = query.string('name')?.toLowerCase();
	const permissions = query.list('permissions')?.map((permission) => permission.toLowerCase());
	const full = query.boolean('full_list') ?? false;
	const users = [...ctx.state.users.values()]
		.filter((user) => emails === undefined || emails.includes(user.email.toLowerCase()))
		.filter((user) => name === undefined || user.name.toLowerCase().includes(name))
		.filter((user) => {
			if (permissions === undefined) return true;
			const granted = userPermissions(ctx.state, user).map((permission) => permission.toLowerCase());
			return permissions.every((permission) => granted.includes(permission));
		});
	return json({ users: users.map((user) => (full ? userJson(ctx.state, user) : userSummaryJson(user))) });
}

function get(ctx: ApiContext): Reply {
	return json(userJson(ctx.state, mustFind(ctx, ctx.state.users, ctx.params.id, 'User')));
}

/** A licence key activates the company's licence for the user (keys are not checked: their form is not public). */
function applyLicenceKey(ctx: ApiContext, user: User, key: string | undefined): void {
	if (key === undefined) return;
	user.activated_license_id = ctx.state.account.license.teamViewerLicenseId;
	user.activated_license_name = ctx.state.account.license.type;
}

/** Whether the answer echoes `email` is the knob `userCreateEchoesEmail` (UNCONFIRMED). */
function create(ctx: ApiContext): Reply {
	const { body } = ctx;
	const email = body.string('email', { ...EMAIL, required: true, min: 6, max: 100 });
	const name = body.string('name', { required: true, min: 2, max: 50 });
	const language = body.string('language', { required: true, min: 2, max: 10 });
	if (ctx.config.userLanguages === 'listed' && !USER_LANGUAGES.includes(language)) {
		throw badRequest(`language '${language}' is not supported. Supported languages: ${USER_LANGUAGES.join(', ')}.`);
	}
	const password = body.string('password', { min: 6 });
	const roleId = body.has('userRoleId') ? knownRoleId(ctx, 'userRoleId', body.raw('userRoleId')) : undefined;
	const ignorePredefinedRole = body.boolean('ignorePredefinedRole') ?? false;
	const meetingLicenceKey = body.string('meeting_license_key');
	assertEmailFree(ctx, email);
	const predefined = ignorePredefinedRole ? null : ctx.state.predefinedRoleId;
	const user = createUser(
		ctx.state,
		{
			email,
			name,
			email_language: language,
			password: password ?? null,
			active: body.boolean('active') ?? true,
			log_sessions: body.boolean('log_sessions') ?? true,
			show_comment_window: body.boolean('show_comment_window') ?? false,
			subscribeNewsletter: body.boolean('subscribe_newsletter') ?? false,
			custom_quicksupport_id: body.string('custom_quicksupport_id') ?? null,
			custom_quickjoin_id: body.string('custom_quickjoin_id') ?? null,
			ssoCustomerId: body.string('sso_customer_id') ?? null,
			activated_meeting_license_key: meetingLicenceKey ?? null,
			roleIds: roleId ? [roleId] : predefined ? [predefined] : [],
			last_access_date: null,
		},
		ctx.now,
	);
	applyLicenceKey(ctx, user, body.string('license_key'));
	ctx.state.users.set(user.id, user);
	const created = userJson(ctx.state, user);
	if (!ctx.config.userCreateEchoesEmail) delete created.email;
	return json(created);
}

/** `assignUserRoleIds` / `unassignUserRoleIds` (any case, as ASP.NET binds them) add and drop roles. */
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
	const ssoCustomerId = body.string('sso_customer_id');
	const licenceKey = body.string('license_key');
	const assign = roleIdList(ctx, 'assignUserRoleIds');
	const unassign = roleIdList(ctx, 'unassignUserRoleIds');
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
	user.ssoCustomerId = ssoCustomerId ?? user.ssoCustomerId;
	applyLicenceKey(ctx, user, licenceKey);
	user.roleIds = user.roleIds.filter((id) => !unassign.includes(id));
	for (const id of assign) if (!user.roleIds.includes(id)) user.roleIds.push(id);
	return noContent();
}

/**
 * `DELETE /users/{id}` removes the user from the company; with `isPermanentDelete=true` the account is deleted
 * (TeamViewerPS Cmdlets/Public/Remove-TeamViewerUser.ps1). Either way the user leaves `/users`, its user groups
 * and role assignments; `state.removedAccounts` remembers which accounts were only removed from the company.
 */
function remove(ctx: ApiContext): Reply {
	const user = mustFind(ctx, ctx.state.users, ctx.params.id, 'User');
	const permanent = ctx.query.boolean('isPermanentDelete') ?? false;
	ctx.state.users.delete(user.id);
	const accountId = Number(user.id.slice(1));
	for (const group of ctx.state.userGroups.values()) {
		group.memberIds = group.memberIds.filter((id) => id !== accountId);
	}
	if (!permanent) ctx.state.removedAccounts.set(user.id, user);
	return noContent();
}

/** `DELETE /users/{id}/tfa` (TeamViewerPS Cmdlets/Public/Remove-TeamViewerUserTFA.ps1); see knob `tfaRemovalWhenOff`. */
function removeTfa(ctx: ApiContext): Reply {
	const user = mustFind(ctx, ctx.state.users, ctx.params.id, 'User');
	if (!user.tfa_enabled && ctx.config.tfaRemovalWhenOff === 'refuse') {
		throw badRequest(`Two-factor authentication is not enabled for user ${user.id}.`);
	}
	user.tfa_enabled = false;
	return noContent();
}

/** `GET /users/{id}/userroles` → `{ currentPaginationToken, nextPaginationToken, assignedRoleIds }`. */
function rolesOfUser(ctx: ApiContext): Reply {
	const user = mustFind(ctx, ctx.state.users, ctx.params.id, 'User');
	const token = ctx.query.string('paginationToken');
	const { page, next } = pageOf('paginationToken', user.roleIds, token, ctx.config.userRoleAssignmentsPageSize);
	return json({
		currentPaginationToken: token ?? null,
		...(next === undefined ? {} : { nextPaginationToken: next }),
		assignedRoleIds: page,
	});
}

export const userRoutes: Route[] = [
	securedRoute('GET', '/users', 'users.read', list),
	securedRoute('POST', '/users', 'users.create', create),
	securedRoute('GET', '/users/:id', 'users.read', get),
	securedRoute('PUT', '/users/:id', 'users.edit', update),
	securedRoute('DELETE', '/users/:id', 'users.delete', remove),
	securedRoute('DELETE', '/users/:id/tfa', 'users.edit', removeTfa),
	securedRoute('GET', '/users/:id/userroles', ['users.read', 'userRoles.read'], rolesOfUser),
];
