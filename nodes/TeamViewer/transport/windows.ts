import type { IDataObject } from 'n8n-workflow';

import type { PagedRequest } from './pagination';
import { teamViewerPages } from './pagination';
import type { TeamViewerContext } from './request';
import { teamViewerNow } from './request';

/**
 * A date-filtered list read as several date windows at once (Return All over a date range), with the
 * same records in the same order as one sequential read (test/nodes/exportWindows.test.ts compares
 * them). Each record belongs to exactly one window, by one of its dates:
 *
 * - `sortedDescending` (connection reports): TeamViewer sorts by `end_date`, newest first, and filters
 *   `from_date` on the start and `to_date` on the end (TeamViewer's OpenAPI document, /api/v1/docs). Windows are cut on the END
 *   date: each asks for what ended before its upper edge, keeps the user's `from_date`, and pages only
 *   until the records end before its lower edge. A connection that started in an earlier window and
 *   ended in this one is in this window's answer however long it lasted, so no guess of the longest
 *   session is needed. Cost over a sequential read: at most one page per window (the one crossing its
 *   lower edge).
 * - `slices` (event log): each event has one `Timestamp`, and the request bounds both ends. Whether
 *   TeamViewer's bounds include the edge is not documented (TeamViewer's EventLogging documentation gives the fields only), so each window asks from
 *   one second before its lower edge and keeps only what falls in [lower, upper): an event on an edge
 *   is counted once either way. The windows are joined in the order the list itself uses.
 */
export interface WindowedRequest {
	/** The user's lower bound (ms). */
	from: number;
	/** The user's upper bound (ms), or undefined for "until now" (the newest window stays open). */
	to?: number;
	windows: number;
	kind: 'sortedDescending' | 'slices';
	/** The paged request of one window; `lower`/`upper` undefined = the user's own bound. */
	request(lower: number | undefined, upper: number | undefined): PagedRequest;
	/** The record's date the windows are cut on (ms). */
	dateOf(record: IDataObject): number;
	/** Records with the same value are the same record (reports: `id`); none for the event log. */
	identity?: string;
}

/** Whole-second ISO stamps, as the node sends every date. */
export const isoSecond = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Lower edges of the windows, oldest first, on whole seconds, strictly increasing. */
export function windowEdges(from: number, to: number, windows: number): number[] {
	const edges = [from];
	for (let i = 1; i < windows; i++) {
		const edge = Math.floor((from + ((to - from) * i) / windows) / 1000) * 1000;
		if (edge > edges[edges.length - 1]) edges.push(edge);
	}
	return edges;
}

/** All records of the range, read window by window in parallel, in the list's own order. */
export async function teamViewerWindowedItems(this: TeamViewerContext, windowed: WindowedRequest): Promise<IDataObject[]> {
	const end = windowed.to ?? teamViewerNow(this).getTime();
	// One window (or an empty range) is a single edge: windowEdges adds none after `from`.
	const edges = windowEdges(windowed.from, end, windowed.windows);
	const descending = windowed.kind === 'sortedDescending';

	const readWindow = async (index: number): Promise<IDataObject[]> => {
		const lower = index === 0 ? undefined : edges[index];
		const upper = index + 1 < edges.length ? edges[index + 1] : undefined;
		const below = (record: IDataObject) => lower !== undefined && windowed.dateOf(record) < lower;
		const records: IDataObject[] = [];
		for await (const page of teamViewerPages.call(this, windowed.request(lower, upper))) {
			if (descending) {
				let keep = page.length;
				while (keep > 0 && below(page[keep - 1])) keep--;
				for (let i = 0; i < keep; i++) records.push(page[i]);
				if (keep < page.length) break;
			} else {
				for (const record of page) {
					if (!below(record) && (upper === undefined || windowed.dateOf(record) < upper)) records.push(record);
				}
			}
		}
		return records;
	};
	const windows = await Promise.all(edges.map(async (_, index) => await readWindow(index)));

	// Reports come newest first; the event log's order is the one its windows show.
	const newestFirst =
		descending ||
		windows.some((records) => records.length > 1 && windowed.dateOf(records[0]) > windowed.dateOf(records[records.length - 1]));
	if (newestFirst) windows.reverse();
	const merged: IDataObject[] = [];
	const seen = new Set<unknown>();
	for (const records of windows) {
		for (const record of records) {
			if (windowed.identity !== undefined) {
				const key = record[windowed.identity];
				if (seen.has(key)) continue;
				seen.add(key);
			}
			merged.push(record);
		}
	}
	return merged;
}
