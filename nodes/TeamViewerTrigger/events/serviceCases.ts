import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { teamViewerNow, teamViewerPages } from '../../TeamViewer/transport';
import { pollExpiring, warnAt } from './expiringCases';
import type { ServiceCaseFilters, StateOrigin } from './openCases';
import { matchesPrefix, pollOpenCases } from './openCases';
import type { PollResult, SeenIds } from './window';
import { ms, pollDeadline, pruneSeen } from './window';

export type ServiceCaseEvent = 'serviceCaseCreated' | 'serviceCaseOnline' | 'serviceCaseClosed' | 'serviceCaseExpired' | 'serviceCaseExpiring';
export type { ServiceCaseFilters, StateOrigin };

interface CaseState extends IDataObject {
	/**
	 * created: TeamViewer's time at the last complete poll (ms), and the codes already handled in the
	 * look-back window (emitted or filtered out).
	 */
	watermark?: number;
	seen?: SeenIds;
}

const CREATED_LOOKBACK_MS = 10 * 60_000;

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
	/** Cases created since the previous poll (less the look-back) that match the Custom ID prefix, oldest first. */
	taken: IDataObject[];
	/** Undefined when the activation poll was cut short: it has recorded only part of what was there. */
	watermark?: number;
	seen: SeenIds;
}

/**
 * Cases newest first by creation, down to CREATED_LOOKBACK_MS before the previous poll: a poll costs
 * what was created since, whatever the history. Each code is taken once (`seen`); the
 * first poll only records. After a poll cut short by its time budget the watermark stays, so the
 * next poll covers the rest; an activation poll cut short leaves no watermark, so the next poll
 * activates again (recording what it did not reach, as the other events do) instead of emitting it.
 */
async function scanRecent(
	context: IPollFunctions,
	filters: ServiceCaseFilters,
	previous: CaseState | undefined,
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
			seen[code] = created;
			if (!first && matchesPrefix(session, filters.customIdPrefix)) taken.push(session);
		}
		if (Date.now() > deadline) {
			complete = false;
			break;
		}
	}
	const watermark = complete ? teamViewerNow(context).getTime() : previous?.watermark;
	if (watermark === undefined) return { taken: [], seen: {} };
	return { taken: taken.reverse(), watermark, seen: pruneSeen(seen, watermark - CREATED_LOOKBACK_MS) };
}

/**
 * Each new case once. What it must remember (the codes emitted) changes only when it emits; an older
 * watermark after a reload only widens the next scan, so a reloaded state loses and repeats nothing.
 */
async function pollCreated(context: IPollFunctions, filters: ServiceCaseFilters, previous: CaseState | undefined): Promise<PollResult> {
	const { taken, watermark, seen } = await scanRecent(context, filters, previous);
	return { items: taken, state: watermark === undefined ? {} : { watermark, seen } };
}

export async function pollServiceCases(
	this: IPollFunctions,
	event: ServiceCaseEvent,
	filters: ServiceCaseFilters,
	previous: IDataObject | undefined,
	origin: StateOrigin,
	/** Expired Unused: the Late Report Window; Expiring Soon: the lead before `valid_until` (seconds). */
	seconds: number,
): Promise<PollResult> {
	if (event === 'serviceCaseCreated') return await pollCreated(this, filters, previous as CaseState | undefined);
	if (event === 'serviceCaseExpiring') return await pollExpiring(this, filters, previous, seconds);
	return await pollOpenCases(this, event, filters, previous, origin, seconds);
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
	leadS = 0,
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
	if (event === 'serviceCaseExpiring') return sampleExpiring(open, Math.floor(now / 1000), leadS);
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

/** The open case that expires next; when it is not yet inside the window, marked as a sample. */
function sampleExpiring(open: IDataObject[], nowS: number, leadS: number): IDataObject | undefined {
	const valid = open
		.map((session) => ({ session, until: Math.floor((ms(session.valid_until) ?? 0) / 1000) }))
		.filter(({ until }) => until > nowS)
		.sort((a, b) => a.until - b.until);
	if (valid.length === 0) return undefined;
	const [{ session, until }] = valid;
	const item = { ...session, expiresInMinutes: Math.floor((until - nowS) / 60) };
	return (warnAt(session, leadS) ?? until) <= nowS
		? item
		: {
				...item,
				sample: `No open service case expires within ${Math.round(leadS / 60)} minutes right now: this is service case ${String(session.code)}, the next to expire (valid until ${String(session.valid_until)}), to show what the event looks like.`,
			};
}
