import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { withDuration } from '../../TeamViewer/helpers/simplify';
import { teamViewerNow, teamViewerPages } from '../../TeamViewer/transport';
import type { PollResult, SeenIds } from './window';
import { ms, pollDeadline, pruneSeen } from './window';

interface ReportState extends IDataObject {
	/** TeamViewer's time at the last complete poll (ms); reports ending after `watermark - lookback` are watched. */
	watermark: number;
	seen: SeenIds;
	/**
	 * Set when the activation poll was cut short by its time budget (ms, TeamViewer's time then): the
	 * history it did not reach was never recorded as seen, so reports ending before this are not emitted.
	 */
	historyUntil?: number;
}

function pages(context: IPollFunctions, qs: IDataObject) {
	return teamViewerPages.call(context, {
		request: { method: 'GET', path: '/reports/connections', qs },
		cursor: 'offset_id',
		itemsKey: 'records',
	});
}

/**
 * New connection reports, newest first by end date. Reports can appear minutes after a session
 * ends, so each poll looks back `lookbackMs` before the previous poll and skips the IDs it already
 * emitted. Paging stops at that boundary: however long the history, a poll costs one request.
 */
export async function pollReports(
	this: IPollFunctions,
	qs: IDataObject,
	lookbackMs: number,
	previous: ReportState | undefined,
): Promise<PollResult> {
	const deadline = pollDeadline(this);
	const first = previous === undefined;
	const seen: SeenIds = { ...(previous?.seen ?? {}) };
	const fresh: IDataObject[] = [];
	let boundary = (previous?.watermark ?? teamViewerNow(this).getTime()) - lookbackMs;
	const historyUntil = previous?.historyUntil;
	let complete = true;

	outer: for await (const records of pages(this, qs)) {
		if (first) boundary = teamViewerNow(this).getTime() - lookbackMs;
		for (const record of records) {
			const end = ms(record.end_date) ?? 0;
			if (end < boundary) break outer;
			const id = String(record.id);
			if (seen[id] !== undefined || (historyUntil !== undefined && end < historyUntil)) continue;
			seen[id] = end;
			if (!first) fresh.push(withDuration(record));
		}
		if (Date.now() > deadline) {
			complete = false;
			break;
		}
	}
	const watermark = complete ? teamViewerNow(this).getTime() : (previous?.watermark ?? boundary + lookbackMs);
	const state: ReportState = { watermark, seen: pruneSeen(seen, watermark - lookbackMs) };
	// Kept while the look-back still reaches before it; an activation poll cut short sets it.
	const until = first && !complete ? boundary + lookbackMs : historyUntil;
	if (until !== undefined && until > watermark - lookbackMs) state.historyUntil = until;
	return { items: fresh.reverse(), state };
}

export async function sampleReport(this: IPollFunctions, qs: IDataObject): Promise<IDataObject | undefined> {
	for await (const records of pages(this, qs)) return records[0] && withDuration(records[0]);
	return undefined;
}
