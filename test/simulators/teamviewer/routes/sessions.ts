import { hasPermission } from '../auth';
import { toIso } from '../clock';
import { mustFind, requireChanges, type ApiContext } from '../context';
import { badRequest, forbidden } from '../errors';
import { GROUP_ID, normalizeSessionCode, USER_ID } from '../ids';
import { Input } from '../input';
import { resolveGroup } from '../model/groups';
import { recordSessionEvent } from '../model/events';
import {
	closeSession,
	createSession,
	displayedState,
	isOwnSession,
	occupiesLicence,
	sessionJson,
	sessionTypeName,
} from '../model/sessions';
import type { Permission } from '../permissions';
import { json, noContent, type Reply } from '../../common/reply';
import { securedRoute, type Route } from '../router';
import type { EndCustomer, Session, TokenRecord } from '../types';

// Service cases.

const VIEW: Permission[] = ['sessions.viewOwn', 'sessions.viewAll'];
const EDIT: Permission[] = ['sessions.editOwn', 'sessions.editAll'];

function canView(token: TokenRecord, session: Session): boolean {
	return hasPermission(token, 'sessions.viewAll') || isOwnSession(session, token.userId);
}

function canEdit(token: TokenRecord, session: Session): boolean {
	return (
		hasPermission(token, 'sessions.editAll') ||
		(hasPermission(token, 'sessions.editOwn') && isOwnSession(session, token.userId))
	);
}

function findSession(ctx: ApiContext): Session {
	const code = normalizeSessionCode(ctx.params.code);
	if (code === undefined) {
		throw badRequest(`'${ctx.params.code}' is not a session code like s123-456-789.`);
	}
	return mustFind(ctx, ctx.state.sessions, code, 'Session');
}

function readAssignee(ctx: ApiContext): string | undefined {
	const userId = ctx.body.string('assigned_userid', USER_ID);
	if (userId !== undefined && !ctx.state.users.has(userId)) {
		throw badRequest(`User ${userId} does not exist.`);
	}
	return userId;
}

function readEndCustomer(ctx: ApiContext): EndCustomer | undefined {
	const record = ctx.body.record('end_customer');
	if (record === undefined) return undefined;
	const fields = new Input(record, 'end_customer.');
	return {
		name: fields.string('name', { max: 100 }) ?? null,
		email: fields.string('email', { max: 254 }) ?? null,
	};
}

function readSessionType(ctx: ApiContext): string | undefined {
	const requested = ctx.body.string('support_session_type');
	if (requested === undefined) return undefined;
	const name = sessionTypeName(ctx.config, requested);
	if (name !== undefined) return name;
	const accepted = Object.entries(ctx.config.sessionTypeNames).map(([n, label]) => `${n}/${label}`);
	throw badRequest(
		`support_session_type must be one of ${accepted.join(', ')}, got '${requested}'.`,
	);
}

function readGroupRef(ctx: ApiContext): { groupid?: string; groupname?: string } {
	return {
		groupid: ctx.body.string('groupid', GROUP_ID),
		groupname: ctx.body.string('groupname', { max: 100 }),
	};
}

/** Validates everything before touching state; over the licence limit → 400 with `licenceLimitBody`. */
function create(ctx: ApiContext): Reply {
	const { body, config, state, token, now, nowMs } = ctx;
	const groupRef = readGroupRef(ctx);
	if (groupRef.groupid === undefined && groupRef.groupname === undefined) {
		throw badRequest('Either groupid or groupname is required.');
	}
	const fields = {
		description: body.string('description', { max: 4000 }) ?? null,
		end_customer: readEndCustomer(ctx) ?? null,
		waiting_message: body.string('waiting_message') ?? null,
		assigned_userid: readAssignee(ctx) ?? null,
		custom_api: body.string('custom_api', { max: 4000 }) ?? null,
		tv_version: body.string('tv_version') ?? null,
		customId: body.string('customId') ?? null,
		support_session_type: readSessionType(ctx) ?? config.sessionTypeNames[0] ?? 'Default',
	};
	const validUntil = body.dateTime('valid_until');
	if (validUntil !== undefined && validUntil <= nowMs) {
		throw badRequest('valid_until must be in the future.');
	}

	const limit = config.licenceLimit;
	const running = [...state.sessions.values()].filter((session) =>
		occupiesLicence(session, nowMs),
	).length;
	if (limit !== null && running >= limit) return { status: 400, body: config.licenceLimitBody };

	const group = resolveGroup(state, config, token.userId, groupRef);
	const session = createSession(
		state,
		{
			...fields,
			groupid: group.id,
			createdBy: token.userId,
			assigned_at: fields.assigned_userid === null ? null : now,
			valid_until: validUntil === undefined ? undefined : toIso(validUntil),
		},
		now,
	);
	state.sessions.set(session.code, session);
	recordSessionEvent(state, 'CreatedSession', session, token.userId, now);
	return json(sessionJson(config, session, nowMs, true));
}

function readOffset(ctx: ApiContext): number {
	const offset = ctx.query.integer('offset') ?? 0;
	if (offset < 0) throw badRequest('offset must not be negative.');
	return offset;
}

/** Newest first; `next_offset` is the index of the next page, absent on the last one (UNCONFIRMED). */
function list(ctx: ApiContext): Reply {
	const { config, query, token, nowMs } = ctx;
	const groupid = query.string('groupid');
	const assignee = query.string('assigned_userid');
	const wantedState = query.string('state')?.toLowerCase();
	const states = ['open', 'closed', config.expiredSessionState.toLowerCase()];
	if (wantedState !== undefined && !states.includes(wantedState)) {
		throw badRequest(`state must be open or closed, got '${query.string('state')}'.`);
	}
	const offset = readOffset(ctx);

	const matches = [...ctx.state.sessions.values()]
		.reverse()
		.filter((session) => canView(token, session))
		.filter((session) => groupid === undefined || session.groupid === groupid)
		.filter((session) => assignee === undefined || session.assigned_userid === assignee)
		.filter(
			(s) =>
				wantedState === undefined ||
				config.sessionListIgnoresState ||
				displayedState(config, s, nowMs).toLowerCase() === wantedState,
		)
		.sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
	if (config.sessionListOrder === 'oldestFirst') matches.reverse();
	const page = matches.slice(offset, offset + config.sessionsPageSize);
	const remaining = Math.max(0, matches.length - offset - page.length);
	// Without full_list: the identity fields only (config.sessionsWithoutFullList says why).
	const full = query.boolean('full_list') === true || config.sessionsWithoutFullList === 'full';
	return json({
		sessions: page.map((session) => {
			const shown = sessionJson(config, session, nowMs, config.echoCustomIdOnRead);
			return full ? shown : { code: shown.code, groupid: shown.groupid, state: shown.state };
		}),
		sessions_remaining: remaining,
		...(remaining > 0 ? { next_offset: String(offset + page.length) } : {}),
	});
}

function get(ctx: ApiContext): Reply {
	const session = findSession(ctx);
	if (!canView(ctx.token, session)) throw forbidden();
	return json(sessionJson(ctx.config, session, ctx.nowMs, ctx.config.echoCustomIdOnRead));
}

/** `state`: `closed`/`Closed`/1 closes; `open`/0 is accepted on an open session only. */
function readClose(ctx: ApiContext, session: Session): boolean {
	const requested = ctx.body.string('state');
	if (requested === undefined) return false;
	const value = requested.toLowerCase();
	if (value === 'closed' || value === '1') {
		if (session.state === 'Closed' && ctx.config.closingClosedSession === 'refuse') {
			throw badRequest(`Session ${session.code} is already closed.`);
		}
		return session.state === 'Open';
	}
	if (value !== 'open' && value !== '0') {
		throw badRequest(`state must be 'closed', got '${requested}'.`);
	}
	if (session.state === 'Closed') {
		throw badRequest(`Session ${session.code} is closed and cannot be reopened.`);
	}
	return false;
}

function update(ctx: ApiContext): Reply {
	requireChanges(ctx);
	const session = findSession(ctx);
	if (!canEdit(ctx.token, session)) throw forbidden();
	const { body, config, state, token, now } = ctx;
	const close = readClose(ctx, session);
	const groupRef = readGroupRef(ctx);
	const assignee = readAssignee(ctx);
	const endCustomer = readEndCustomer(ctx);
	const description = body.string('description', { max: 4000 });
	const waitingMessage = body.string('waiting_message');
	const customApi = body.string('custom_api', { max: 4000 });
	const customModuleId = body.string('custom_module_id');
	const tvVersion = body.string('tv_version');

	if (groupRef.groupid !== undefined || groupRef.groupname !== undefined) {
		session.groupid = resolveGroup(state, config, token.userId, groupRef).id;
	}
	if (assignee !== undefined && assignee !== session.assigned_userid) {
		session.assigned_userid = assignee;
		session.assigned_at = now;
	}
	session.end_customer = endCustomer ?? session.end_customer;
	session.description = description ?? session.description;
	session.waiting_message = waitingMessage ?? session.waiting_message;
	session.custom_api = customApi ?? session.custom_api;
	session.custom_module_id = customModuleId ?? session.custom_module_id;
	session.tv_version = tvVersion ?? session.tv_version;
	if (close) {
		closeSession(session, now);
		recordSessionEvent(state, 'ClosedSession', session, token.userId, now);
	}
	return noContent();
}

function remove(ctx: ApiContext): Reply {
	const session = findSession(ctx);
	if (!canEdit(ctx.token, session)) throw forbidden();
	ctx.state.sessions.delete(session.code);
	return noContent();
}

export const sessionRoutes: Route[] = [
	securedRoute('GET', '/sessions', VIEW, list),
	securedRoute('POST', '/sessions', 'sessions.create', create),
	securedRoute('GET', '/sessions/:code', VIEW, get),
	securedRoute('PUT', '/sessions/:code', EDIT, update),
	securedRoute('DELETE', '/sessions/:code', EDIT, remove),
];
