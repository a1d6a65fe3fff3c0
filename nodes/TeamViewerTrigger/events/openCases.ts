import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { passThroughError, teamViewerApiRequest, teamViewerNow, teamViewerPages } from '../../TeamViewer/transport';
import { codeKey, packCodes, unpackCodes } from './codeSet';
import type { PollResult } from './window';
import { ms, pollDeadline } from './window';

export interface ServiceCaseFilters {
	qs: IDataObject;
	customIdPrefix: string;
}

/**
 * Whether the state is the one this process left after its last poll, or a copy n8n reloaded from
 * its database (after a restart or a re-activation). n8n 2.41 saves a poll node's state only when the
 * poll emits, so a reloaded state misses what quiet polls observed since the last event.
 */
export interface StateOrigin {
	continued: boolean;
	/**
	 * What this process keeps between polls outside the static data (empty after a reload): where the
	 * rotation stands. Keeping it out of the state means a quiet poll changes nothing n8n would save.
	 */
	scratch: Scratch;
}

export interface Scratch {
	rot?: string;
	unseen?: Set<string>;
	passed?: Set<string>;
}

export function matchesPrefix(session: IDataObject, prefix: string): boolean {
	if (!prefix) return true;
	const marker = session.customId ?? session.custom_api;
	return typeof marker === 'string' && marker.startsWith(prefix);
}

export const isClosed = (session: IDataObject) => String(session.state).toLowerCase() === 'closed';

/** Slack on every time boundary (TeamViewer's times are whole seconds; its clock is read from answers). */
export const LOOKBACK_S = 600;
/** TeamViewer's default validity of a new case (24 h): the horizon never assumes less. */
export const DEFAULT_SPAN_S = 24 * 60 * 60;

/**
 * online / closed / expired (format 2; times are TeamViewer's, in seconds). Only what a poll compares
 * is kept, so 5 000 open cases take about 30 KB (closed) and far less for the other two events.
 */
export interface OpenCasesState extends IDataObject {
	v: 2;
	/** online, closed: TeamViewer's time at a complete poll, moved on only every 10 minutes (so quiet polls do not change it). */
	at?: number;
	/** The longest validity (`valid_until` − `created_at`) seen, at least 24 h: a case created before `at − span` had expired by then. */
	span: number;
	/** online: cases seen online at the last look, code → created; negative: from a reloaded state, not looked at since. */
	online?: Record<string, number>;
	/** closed: the open cases (packed codes) at the end of the last pass over the open list, less those emitted since. */
	open?: string;
	/** closed: codes emitted (or closed at activation) → `closed_at`, kept for the look-back. */
	seen?: Record<string, number>;
	/** expired: cases whose `valid_until` is up to this time are decided (moved on only when a case expired). */
	due?: number;
	/** expired: recent cases seen online (so used), code → created. */
	used?: Record<string, number>;
}

export const sec = (value: unknown): number | undefined => {
	const time = ms(value);
	return time === undefined ? undefined : Math.floor(time / 1000);
};
export const nowSec = (context: IPollFunctions) => Math.floor(teamViewerNow(context).getTime() / 1000);
export const created = (session: IDataObject) => Math.max(1, sec(session.created_at) ?? 1);
export const validity = (session: IDataObject) => (sec(session.valid_until) ?? 0) - (sec(session.created_at) ?? Number.POSITIVE_INFINITY);
const isoSec = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The new `at` after a complete poll: kept when less than the look-back old, so quiet polls leave the state alone. */
const nextAt = (context: IPollFunctions, at: number | undefined) => {
	const now = nowSec(context);
	return at !== undefined && now - at < LOOKBACK_S ? at : now;
};

interface SessionPage {
	sessions: IDataObject[];
	/** `next_offset`, absent on the last page. */
	next?: string;
}

async function sessionPage(context: IPollFunctions, qs: IDataObject, offset?: string): Promise<SessionPage> {
	const page = await teamViewerApiRequest.call(context, {
		method: 'GET',
		path: '/sessions',
		qs: { full_list: true, ...qs, ...(offset === undefined ? {} : { offset }) },
	});
	const sessions = (page.sessions as IDataObject[] | undefined) ?? [];
	const next = page.next_offset;
	const last = page.sessions_remaining === 0 || sessions.length === 0 || next === undefined || next === null || next === '';
	return { sessions, next: last ? undefined : String(next) };
}

interface Scan {
	/** Reached the horizon (or the end of the list) within the poll budget. */
	complete: boolean;
	/** `created_at` of the last case read; −∞ once the end of the list was read. */
	floor: number;
	first?: SessionPage;
}

/**
 * The list newest first by `created_at`, each case offered to `look`, down to `horizon`: a poll costs
 * what was created since, whatever the history. Stops before the poll budget runs out (`complete` false).
 */
export async function scanDown(
	context: IPollFunctions,
	qs: IDataObject,
	horizon: number,
	deadline: number,
	look: (session: IDataObject) => void,
): Promise<Scan> {
	let offset: string | undefined;
	let first: SessionPage | undefined;
	let floor = Number.POSITIVE_INFINITY;
	for (;;) {
		const page = await sessionPage(context, qs, offset);
		first ??= page;
		for (const session of page.sessions) {
			look(session);
			floor = sec(session.created_at) ?? floor;
		}
		if (page.next === undefined) return { complete: true, floor: Number.NEGATIVE_INFINITY, first };
		if (floor < horizon) return { complete: true, floor, first };
		if (Date.now() > deadline) return { complete: false, floor, first };
		if (page.next === offset) {
			throw new NodeOperationError(context.getNode(), `TeamViewer returned the same page cursor twice (offset "${page.next}")`, {
				description: 'Paging was stopped to avoid an endless loop.',
			});
		}
		offset = page.next;
	}
}

/** A case that left the open list, read once: undefined when it was deleted (404). */
async function readCase(context: IPollFunctions, code: string): Promise<IDataObject | undefined> {
	try {
		return await teamViewerApiRequest.call(context, { method: 'GET', path: `/sessions/${code}` });
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return undefined;
		throw passThroughError(context.getNode(), error);
	}
}

/** Codes of `set` created strictly between `low` and `high` that a complete slice of the open list did not show: not open any more. */
function forgetMissing(set: Record<string, number>, looked: Set<string>, low: number, high: number) {
	for (const [code, at] of Object.entries(set)) {
		const createdAt = Math.abs(at);
		if (createdAt > low && createdAt < high && !looked.has(code)) delete set[code];
	}
}

function pageRange(page: SessionPage): [number, number] {
	const times = page.sessions.map((session) => sec(session.created_at)).filter((time): time is number => time !== undefined);
	if (times.length === 0) return [0, 0];
	return [page.next === undefined ? Number.NEGATIVE_INFINITY : Math.min(...times), Math.max(...times)];
}

/**
 * Customer came online. The cases still valid at the last poll (created since `at − span`) are read
 * every poll from the top of the open list; one more page of it, in rotation (`rot`), revisits the
 * older ones, in case TeamViewer lets a customer open an expired link: such a case is found within one
 * pass over the open list (open cases / 1 000 polls). The first poll reads the whole list and only records.
 *
 * After a reload (`origin.continued` false) every case in the saved online set is marked; a marked case
 * that is online when next looked at may have gone offline and come back unseen: it is emitted with
 * `possibleDuplicate: true` rather than lost (README "How the trigger keeps state").
 */
async function pollOnline(
	context: IPollFunctions,
	filters: ServiceCaseFilters,
	previous: OpenCasesState | undefined,
	origin: StateOrigin,
): Promise<PollResult> {
	const deadline = pollDeadline(context);
	const first = previous === undefined;
	const online: Record<string, number> = { ...(previous?.online ?? {}) };
	if (!origin.continued) for (const code of Object.keys(online)) online[code] = -Math.abs(online[code]);
	let span = previous?.span ?? DEFAULT_SPAN_S;
	const items: IDataObject[] = [];
	const looked = new Set<string>();
	const look = (session: IDataObject) => {
		if (!matchesPrefix(session, filters.customIdPrefix)) return;
		const code = codeKey(session.code);
		if (looked.has(code)) return;
		looked.add(code);
		span = Math.max(span, validity(session));
		if (session.online !== true || isClosed(session)) {
			delete online[code];
			return;
		}
		const before = online[code];
		online[code] = created(session);
		if (first) return;
		if (before === undefined) items.push(session);
		else if (before < 0) items.push({ ...session, possibleDuplicate: true });
	};

	const qs = { ...filters.qs, state: 'open' };
	const top = await scanDown(context, qs, first ? Number.NEGATIVE_INFINITY : (previous.at ?? 0) - span - LOOKBACK_S, deadline, look);
	if (first && !top.complete) return { items: [], state: {} };
	const { scratch } = origin;
	if (top.complete) {
		forgetMissing(online, looked, top.floor, Number.POSITIVE_INFINITY);
		if (!first) {
			const page = scratch.rot === undefined ? top.first! : await sessionPage(context, qs, scratch.rot);
			page.sessions.forEach(look);
			if (page.sessions.length > 0) forgetMissing(online, looked, ...pageRange(page));
			scratch.rot = page.next;
		}
	}
	return { items, state: { v: 2, at: top.complete ? nextAt(context, previous?.at) : previous!.at, span, online } satisfies OpenCasesState };
}

/**
 * Closed. Every poll lists all cases (any state) down to `at − span`: a recent case that closed, or one
 * created and closed between two polls, shows there with its `closed_at`. The older open cases are
 * kept as packed codes and revisited one page of the open list per poll (`rot`); at the end of a pass a
 * code the pass did not see is read once, to tell closed from deleted. So a case created before the
 * horizon is reported within two passes (2 × open cases / 1 000 polls). The first poll only records.
 */
async function pollClosed(
	context: IPollFunctions,
	filters: ServiceCaseFilters,
	previous: OpenCasesState | undefined,
	{ scratch }: StateOrigin,
): Promise<PollResult> {
	const deadline = pollDeadline(context);
	const first = previous === undefined;
	// The pass in progress lives in this process; after a reload a new pass starts from the saved open set.
	const open = new Set(unpackCodes(previous?.open));
	const unseen = scratch.unseen ?? new Set(open);
	const passed = scratch.passed ?? new Set<string>();
	const seen: Record<string, number> = { ...(previous?.seen ?? {}) };
	let span = previous?.span ?? DEFAULT_SPAN_S;
	const since = (previous?.at ?? 0) - LOOKBACK_S;
	const items: IDataObject[] = [];
	const looked = new Set<string>();
	const look = (session: IDataObject) => {
		if (!matchesPrefix(session, filters.customIdPrefix)) return;
		const code = codeKey(session.code);
		looked.add(code);
		span = Math.max(span, validity(session));
		if (!isClosed(session)) {
			unseen.delete(code);
			passed.add(code);
			if (first) open.add(code);
			return;
		}
		const closedAt = sec(session.closed_at) ?? nowSec(context);
		const known = open.delete(code);
		unseen.delete(code);
		passed.delete(code);
		if (seen[code] !== undefined || !(known || first || closedAt >= since)) return;
		seen[code] = closedAt;
		if (!first) items.push(session);
	};

	const recent = await scanDown(context, filters.qs, (first ? nowSec(context) : (previous.at ?? 0)) - span - LOOKBACK_S, deadline, look);
	const openQs = { ...filters.qs, state: 'open' };
	let complete = recent.complete;
	if (first && complete) complete = (await scanDown(context, openQs, Number.NEGATIVE_INFINITY, deadline, look)).complete;
	if (first && !complete) return { items: [], state: {} };
	if (first) {
		passed.clear();
		for (const code of open) unseen.add(code);
	} else if (complete) {
		const page = await sessionPage(context, openQs, scratch.rot);
		page.sessions.forEach(look);
		let ended = page.next === undefined;
		if (ended) {
			// A pass over the open list ended: what it did not see was closed or deleted since.
			for (const code of [...unseen].filter((candidate) => !looked.has(candidate))) {
				if (Date.now() > deadline) {
					ended = false;
					break;
				}
				const session = await readCase(context, code);
				if (session) look(session);
				else {
					unseen.delete(code);
					open.delete(code);
				}
			}
		}
		if (ended) {
			open.clear();
			for (const code of passed) open.add(code);
			for (const code of unseen) open.add(code);
			passed.clear();
			for (const code of open) unseen.add(code);
			scratch.rot = undefined;
		} else if (page.next !== undefined) scratch.rot = page.next;
	}
	scratch.unseen = unseen;
	scratch.passed = passed;
	const at = complete ? nextAt(context, previous?.at) : previous!.at!;
	for (const [code, closedAt] of Object.entries(seen)) if (closedAt < at - LOOKBACK_S) delete seen[code];
	return { items: items.reverse(), state: { v: 2, at, span, open: packCodes(open), seen } satisfies OpenCasesState };
}

/**
 * The session codes of all connection reports since `earliest` (seconds, TeamViewer's clock): ONE
 * report query (`has_code`, `from_date`), paged. Undefined when the poll budget ran out before the end.
 */
export async function reportedCodes(context: IPollFunctions, earliest: number, deadline: number): Promise<Set<string> | undefined> {
	const reported = new Set<string>();
	for await (const records of teamViewerPages.call(context, {
		request: { method: 'GET', path: '/reports/connections', qs: { has_code: true, from_date: isoSec(earliest) } },
		cursor: 'offset_id',
		itemsKey: 'records',
	})) {
		for (const record of records) if (record.session_code) reported.add(codeKey(record.session_code));
		if (Date.now() > deadline) return undefined;
	}
	return reported;
}

/**
 * Expired unused: a case whose `valid_until` passed, that was never seen online and has no connection
 * report. Only cases valid at the last poll can expire, so each poll lists the cases created since
 * `due − span`; all that expired are then checked with ONE report query (`has_code`, `from_date` = the
 * earliest `created_at` among them), paged. A case is decided only `settleS` after its `valid_until`
 * (the Late Report Window), so a connection just before expiry whose report TeamViewer logs late still
 * counts as use. A poll cut short by its budget decides nothing (`due` stays). The first poll only records.
 */
async function pollExpired(
	context: IPollFunctions,
	filters: ServiceCaseFilters,
	previous: OpenCasesState | undefined,
	settleS: number,
): Promise<PollResult> {
	const deadline = pollDeadline(context);
	const first = previous?.due === undefined;
	const used: Record<string, number> = { ...(previous?.used ?? {}) };
	let span = previous?.span ?? DEFAULT_SPAN_S;
	const candidates = new Map<string, IDataObject>();
	const expiries: number[] = [];
	const look = (session: IDataObject) => {
		if (!matchesPrefix(session, filters.customIdPrefix)) return;
		const code = codeKey(session.code);
		span = Math.max(span, validity(session));
		if (session.online === true) used[code] = created(session);
		expiries.push(sec(session.valid_until) ?? 0);
		if (!first && !isClosed(session)) candidates.set(code, session);
	};

	const from = previous?.due ?? 0;
	const scan = first
		? await scanDown(context, { ...filters.qs, state: 'open' }, Number.NEGATIVE_INFINITY, deadline, look)
		: await scanDown(context, filters.qs, from - span - LOOKBACK_S, deadline, look);
	if (!scan.complete) return { items: [], state: first ? {} : { ...previous, span } };
	const now = nowSec(context);
	// Moved on only when a case expired in between: a quiet poll leaves the state as it was.
	const latest = first ? now : Math.max(from, now - settleS);
	const to = first || expiries.some((validUntil) => validUntil > from && validUntil <= latest) ? latest : from;
	const expired = [...candidates.values()].filter((session) => {
		const validUntil = sec(session.valid_until);
		return validUntil !== undefined && validUntil > from && validUntil <= to && used[codeKey(session.code)] === undefined;
	});

	let items: IDataObject[] = [];
	let due = to;
	if (expired.length > 0) {
		const reported = await reportedCodes(context, Math.min(...expired.map(created)), deadline);
		if (reported) items = expired.filter((session) => !reported.has(codeKey(session.code))).reverse();
		else due = from;
	}
	for (const [code, at] of Object.entries(used)) if (at < due - span - LOOKBACK_S) delete used[code];
	return { items, state: { v: 2, span, due, used } satisfies OpenCasesState };
}

export async function pollOpenCases(
	context: IPollFunctions,
	event: 'serviceCaseOnline' | 'serviceCaseClosed' | 'serviceCaseExpired',
	filters: ServiceCaseFilters,
	stored: IDataObject | undefined,
	origin: StateOrigin,
	settleS: number,
): Promise<PollResult> {
	// A state of another format (an older version of the pack) starts over like a fresh activation.
	const previous = stored?.v === 2 ? (stored as OpenCasesState) : undefined;
	if (previous === undefined) for (const key of Object.keys(origin.scratch)) delete origin.scratch[key as keyof Scratch];
	if (event === 'serviceCaseOnline') return await pollOnline(context, filters, previous, origin);
	if (event === 'serviceCaseClosed') return await pollClosed(context, filters, previous, origin);
	return await pollExpired(context, filters, previous, settleS);
}
