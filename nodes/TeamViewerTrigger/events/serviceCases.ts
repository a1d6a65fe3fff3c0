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
	/** created: TeamViewer's time at the last complete poll (ms), and the codes seen in the look-back window. */
	watermark?: number;
	seen?: SeenIds;
	/** online, closed, expired: the open cases at the last poll. */
	open?: Record<string, OpenCase>;
	/** expired: cases already reported (or already expired at activation). */
	expired?: string[];
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

/**
 * Newest first by creation; stops CREATED_LOOKBACK_MS before the previous poll, so a poll costs what
 * was created since, whatever the history. Codes already emitted are skipped.
 */
async function pollCreated(context: IPollFunctions, filters: ServiceCaseFilters, previous: CaseState | undefined): Promise<PollResult> {
	const deadline = pollDeadline(context);
	const first = previous?.watermark === undefined;
	const seen: SeenIds = { ...(previous?.seen ?? {}) };
	const fresh: IDataObject[] = [];
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
			if (!first && matchesPrefix(session, filters.customIdPrefix)) fresh.push(session);
		}
		if (Date.now() > deadline) {
			complete = false;
			break;
		}
	}
	const watermark = complete ? teamViewerNow(context).getTime() : (previous?.watermark ?? boundary + CREATED_LOOKBACK_MS);
	return { items: fresh.reverse(), state: { watermark, seen: pruneSeen(seen, watermark - CREATED_LOOKBACK_MS) } };
}

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
 */
async function pollOpenCases(
	context: IPollFunctions,
	event: ServiceCaseEvent,
	filters: ServiceCaseFilters,
	previous: CaseState | undefined,
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
		if (event === 'serviceCaseOnline' && online && !first && before[code]?.online !== true) items.push(session);
	}

	if (event === 'serviceCaseClosed' && !first) {
		for (const code of Object.keys(before).filter((candidate) => !open[candidate])) {
			const session = await teamViewerApiRequest.call(context, { method: 'GET', path: `/sessions/${code}` }).catch(() => undefined);
			if (session && String(session.state).toLowerCase() === 'closed') items.push(session);
		}
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

	return { items, state: { open, ...(event === 'serviceCaseExpired' ? { expired: [...expired] } : {}) } };
}

export async function pollServiceCases(
	this: IPollFunctions,
	event: ServiceCaseEvent,
	filters: ServiceCaseFilters,
	previous: CaseState | undefined,
): Promise<PollResult> {
	return event === 'serviceCaseCreated'
		? await pollCreated(this, filters, previous)
		: await pollOpenCases(this, event, filters, previous);
}

/** A recent real case for "Fetch Test Event", preferring one that fits the event. */
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
	return open.find(fits) ?? open[0];
}
