import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { teamViewerApiRequest, teamViewerNow, teamViewerPages } from '../../TeamViewer/transport';
import type { PollResult, SeenIds } from './window';
import { ms, pollDeadline, pruneSeen } from './window';

export type ServiceCaseEvent = 'serviceCaseCreated' | 'serviceCaseOnline' | 'serviceCaseClosed' | 'serviceCaseExpired';

export interface ServiceCaseFilters {
	qs: IDataObject;
	customIdPrefix: string;
}

interface OpenCase extends IDataObject {
	online: boolean;
	everOnline: boolean;
	validUntil: string;
}

interface CaseState extends IDataObject {
	/**
	 * created, closed: TeamViewer's time at the last complete poll (ms), and the codes already handled
	 * in the look-back window (created: emitted or filtered out; closed: closed when first seen).
	 */
	watermark?: number;
	seen?: SeenIds;
	/** online, closed, expired: the open cases at the last poll. */
	open?: Record<string, OpenCase>;
	/** expired: cases already reported (or already expired at activation). */
	expired?: string[];
}

/**
 * Whether the state is the one this process left after its last poll, or a copy n8n reloaded from
 * its database (after a restart or a re-activation). n8n 2.41 saves a poll node's state only when the
 * poll emits, so a reloaded state misses what quiet polls observed since the last event.
 */
export interface StateOrigin {
	continued: boolean;
}

const CREATED_LOOKBACK_MS = 10 * 60_000;

function matchesPrefix(session: IDataObject, prefix: string): boolean {
	if (!prefix) return true;
	const marker = session.customId ?? session.custom_api;
	return typeof marker === 'string' && marker.startsWith(prefix);
}

function list(context: IPollFunctions, qs: IDataObject) {
	return teamViewerPages.call(context, {
		request: { method: 'GET', path: '/sessions', qs: { full_list: true, ...qs } },
		cursor: 'offset',
		itemsKey: 'sessions',
	});
}

async function openCases(context: IPollFunctions, filters: ServiceCaseFilters): Promise<IDataObject[]> {
	const cases: IDataObject[] = [];
	for await (const sessions of list(context, { ...filters.qs, state: 'open' })) {
		cases.push(...sessions.filter((session) => matchesPrefix(session, filters.customIdPrefix)));
	}
	return cases;
}

interface RecentScan {
	/** Cases created since the previous poll (less the look-back) that `take` accepted, oldest first. */
	taken: IDataObject[];
	watermark: number;
	seen: SeenIds;
}

/**
 * Cases newest first by creation, down to CREATED_LOOKBACK_MS before the previous poll: a poll costs
 * what was created since, whatever the history. Each code is offered to `take` once (`seen`); the
 * first poll only records. After a poll cut short by its time budget the watermark stays, so the
 * next poll covers the rest.
 */
async function scanRecent(
	context: IPollFunctions,
	filters: ServiceCaseFilters,
	previous: CaseState | undefined,
	take: (session: IDataObject) => boolean,
): Promise<RecentScan> {
	const deadline = pollDeadline(context);
	const first = previous?.watermark === undefined;
	const seen: SeenIds = { ...(previous?.seen ?? {}) };
	const taken: IDataObject[] = [];
	let boundary = (previous?.watermark ?? teamViewerNow(context).getTime()) - CREATED_LOOKBACK_MS;
	let complete = true;
	outer: for await (const sessions of list(context, filters.qs)) {
		if (first) boundary = teamViewerNow(context).getTime() - CREATED_LOOKBACK_MS;
		for (const session of sessions) {
			const created = ms(session.created_at) ?? 0;
			if (created < boundary) break outer;
			const code = String(session.code);
			if (seen[code] !== undefined) continue;
			if (first || !matchesPrefix(session, filters.customIdPrefix)) {
				seen[code] = created;
			} else if (take(session)) {
				seen[code] = created;
				taken.push(session);
			}
		}
		if (Date.now() > deadline) {
			complete = false;
			break;
		}
	}
	const watermark = complete ? teamViewerNow(context).getTime() : (previous?.watermark ?? boundary + CREATED_LOOKBACK_MS);
	return { taken: taken.reverse(), watermark, seen: pruneSeen(seen, watermark - CREATED_LOOKBACK_MS) };
}

/**
 * Each new case once. What it must remember (the codes emitted) changes only when it emits; an older
 * watermark after a reload only widens the next scan, so a reloaded state loses and repeats nothing.
 */
async function pollCreated(context: IPollFunctions, filters: ServiceCaseFilters, previous: CaseState | undefined): Promise<PollResult> {
	const { taken, watermark, seen } = await scanRecent(context, filters, previous, () => true);
	return { items: taken, state: { watermark, seen } };
}

const isClosed = (session: IDataObject) => String(session.state).toLowerCase() === 'closed';

/** Whether TeamViewer logged any connection for the case: a case used before expiry is not "unused". */
async function wasConnected(context: IPollFunctions, code: string): Promise<boolean> {
	const page = await teamViewerApiRequest.call(context, {
		method: 'GET',
		path: '/reports/connections',
		qs: { session_code: code },
	});
	return ((page.records as IDataObject[] | undefined) ?? []).length > 0;
}

/**
 * online / closed / expired: compare the open cases with those of the last poll. A case that left
 * the open list is read once to tell closed from deleted; a case past `valid_until` (TeamViewer's
 * clock) that was never seen online and has no connection report is "expired unused".
 *
 * closed also scans the recently created cases (one page): a case created and closed between two
 * polls, or while n8n restarted, was never in the open list and is found there.
 *
 * online: when the state was reloaded (`origin.continued` false), a case that is online now and was
 * online in the saved state may have gone offline and come back in between, unseen: it is emitted
 * with `possibleDuplicate: true` rather than lost (README "How the trigger keeps state").
 */
async function pollOpenCases(
	context: IPollFunctions,
	event: ServiceCaseEvent,
	filters: ServiceCaseFilters,
	previous: CaseState | undefined,
	origin: StateOrigin,
): Promise<PollResult> {
	const first = previous?.open === undefined;
	const before = previous?.open ?? {};
	const expired = new Set(previous?.expired ?? []);
	const current = await openCases(context, filters);
	const now = teamViewerNow(context).getTime();
	const open: Record<string, OpenCase> = {};
	const items: IDataObject[] = [];

	for (const session of current) {
		const code = String(session.code);
		const online = session.online === true;
		open[code] = { online, everOnline: online || before[code]?.everOnline === true, validUntil: String(session.valid_until ?? '') };
		if (event !== 'serviceCaseOnline' || !online || first) continue;
		if (before[code]?.online !== true) items.push(session);
		else if (!origin.continued) items.push({ ...session, possibleDuplicate: true });
	}

	const state: CaseState = { open };
	if (event === 'serviceCaseClosed') {
		const recent = await scanRecent(context, filters, previous, isClosed);
		const found = new Set(recent.taken.map((session) => String(session.code)));
		if (!first) {
			for (const code of Object.keys(before).filter((candidate) => !open[candidate] && !found.has(candidate))) {
				const session = await teamViewerApiRequest.call(context, { method: 'GET', path: `/sessions/${code}` }).catch(() => undefined);
				if (session && isClosed(session)) items.push(session);
			}
			items.push(...recent.taken);
		}
		state.watermark = recent.watermark;
		state.seen = recent.seen;
	}

	if (event === 'serviceCaseExpired') {
		for (const session of current) {
			const code = String(session.code);
			const validUntil = ms(session.valid_until);
			if (validUntil === undefined || validUntil > now || expired.has(code)) continue;
			expired.add(code);
			if (first || open[code].everOnline) continue;
			if (!(await wasConnected(context, code))) items.push(session);
		}
		for (const code of expired) if (!open[code]) expired.delete(code);
	}

	if (event === 'serviceCaseExpired') state.expired = [...expired];
	return { items, state };
}

export async function pollServiceCases(
	this: IPollFunctions,
	event: ServiceCaseEvent,
	filters: ServiceCaseFilters,
	previous: CaseState | undefined,
	origin: StateOrigin,
): Promise<PollResult> {
	return event === 'serviceCaseCreated'
		? await pollCreated(this, filters, previous)
		: await pollOpenCases(this, event, filters, previous, origin);
}

/**
 * A recent real case for "Fetch Test Event" that fits the event. When no open case fits (nobody is
 * online, nothing has expired), an open case is shown as a sample of the event's shape, marked as such
 * in `sample`, with `online: true` for "customer came online" so that the flow sees what it will get.
 */
export async function sampleServiceCase(
	this: IPollFunctions,
	event: ServiceCaseEvent,
	filters: ServiceCaseFilters,
): Promise<IDataObject | undefined> {
	if (event === 'serviceCaseClosed' || event === 'serviceCaseCreated') {
		const state = event === 'serviceCaseClosed' ? { state: 'closed' } : {};
		for await (const sessions of list(this, { ...filters.qs, ...state })) {
			const match = sessions.find((session) => matchesPrefix(session, filters.customIdPrefix));
			if (match) return match;
		}
		return undefined;
	}
	const open = await openCases(this, filters);
	const now = teamViewerNow(this).getTime();
	const fits = (session: IDataObject) =>
		event === 'serviceCaseOnline' ? session.online === true : (ms(session.valid_until) ?? Infinity) <= now;
	const match = open.find(fits);
	if (match || open.length === 0) return match;
	const [shown] = open;
	return event === 'serviceCaseOnline'
		? {
				...shown,
				online: true,
				sample: `No customer is online in an open service case right now: this is service case ${String(shown.code)} with online set to true, to show what the event looks like.`,
			}
		: {
				...shown,
				sample: `No open service case has expired unused right now: this is service case ${String(shown.code)}, still valid until ${String(shown.valid_until)}, to show what the event looks like.`,
			};
}
