import { toIso } from '../clock';
import type { SimulatorConfig } from '../config';
import { newSessionCode, normalizeSessionCode } from '../ids';
import type { SimState } from '../state';
import type { Session } from '../types';

export type SessionSeed = Partial<Session> & Pick<Session, 'groupid' | 'createdBy'>;

const DEFAULT_VALIDITY_MS = 24 * 60 * 60 * 1000;

/** The three links of a service case, in the shape TeamViewer's documentation shows for them. */
function sessionLinks(code: string, queueToken: string, supporterName: string) {
	const compact = code.replace(/-/g, '');
	const webclient = new URLSearchParams({
		sessioncode: compact,
		servicequeuetoken: queueToken,
		lang: 'en',
		displayName: supporterName,
	});
	return {
		end_customer_link: `https://get.teamviewer.com/v15/${compact}`,
		supporter_link: `https://get.teamviewer.com/v15/${compact}-${queueToken}`,
		webclient_supporter_link: `https://login.teamviewer.com/Connect/IndexByol?${webclient.toString()}`,
	};
}

/** A new Open session; `valid_until` defaults to 24 h after `created_at`. */
export function createSession(state: SimState, seed: SessionSeed, now: string): Session {
	const code = seed.code === undefined ? newSessionCode(state) : normalizeSessionCode(seed.code);
	if (code === undefined) throw new Error(`Not a session code: ${seed.code}`);
	const createdAt = seed.created_at ?? now;
	const supporter = state.users.get(seed.assigned_userid ?? seed.createdBy);
	return {
		description: null,
		end_customer: null,
		waiting_message: null,
		assigned_userid: null,
		assigned_at: null,
		custom_api: null,
		custom_module_id: null,
		tv_version: null,
		customId: null,
		support_session_type: 'Default',
		closed_at: null,
		state: 'Open',
		online: false,
		onlineUntil: null,
		...sessionLinks(code, state.random.alphanumeric(12), supporter?.name ?? ''),
		...seed,
		code,
		created_at: createdAt,
		valid_until: seed.valid_until ?? toIso(Date.parse(createdAt) + DEFAULT_VALIDITY_MS),
	};
}

function isExpired(session: Session, nowMs: number): boolean {
	return Date.parse(session.valid_until) <= nowMs;
}

/** Counts against the licence: Open and not past `valid_until`. */
export function occupiesLicence(session: Session, nowMs: number): boolean {
	return session.state === 'Open' && !isExpired(session, nowMs);
}

/** The `state` clients see: an expired Open session shows `expiredSessionState` (UNCONFIRMED). */
export function displayedState(config: SimulatorConfig, session: Session, nowMs: number): string {
	return session.state === 'Open' && isExpired(session, nowMs)
		? config.expiredSessionState
		: session.state;
}

export function isOnline(session: Session, nowMs: number): boolean {
	return (
		session.online && (session.onlineUntil === null || Date.parse(session.onlineUntil) > nowMs)
	);
}

/** A session is the user's own when they created it or it is assigned to them. */
export function isOwnSession(session: Session, userId: string): boolean {
	return session.createdBy === userId || session.assigned_userid === userId;
}

/** `support_session_type` from an integer or a configured name (any case) → its name (UNCONFIRMED). */
export function sessionTypeName(config: SimulatorConfig, value: string): string | undefined {
	const names = Object.entries(config.sessionTypeNames);
	const byNumber = names.find(([number]) => number === value.trim());
	const byName = names.find(([, name]) => name.toLowerCase() === value.trim().toLowerCase());
	return (byNumber ?? byName)?.[1];
}

export function closeSession(session: Session, now: string): void {
	session.state = 'Closed';
	session.closed_at = now;
	session.online = false;
	session.onlineUntil = null;
}

/** The session object as create and get return it (no wrapper). */
export function sessionJson(
	config: SimulatorConfig,
	session: Session,
	nowMs: number,
	withCustomId: boolean,
): Record<string, unknown> {
	return {
		code: session.code,
		state: displayedState(config, session, nowMs),
		groupid: session.groupid,
		description: session.description,
		end_customer: session.end_customer,
		waiting_message: session.waiting_message,
		assigned_userid: session.assigned_userid,
		assigned_at: session.assigned_at,
		end_customer_link: session.end_customer_link,
		supporter_link: session.supporter_link,
		webclient_supporter_link: session.webclient_supporter_link,
		custom_api: session.custom_api,
		custom_module_id: session.custom_module_id,
		tv_version: session.tv_version,
		support_session_type: session.support_session_type,
		created_at: session.created_at,
		valid_until: session.valid_until,
		closed_at: session.closed_at,
		online: isOnline(session, nowMs),
		...(withCustomId ? { customId: session.customId } : {}),
	};
}
