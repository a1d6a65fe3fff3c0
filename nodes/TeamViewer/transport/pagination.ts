import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiRequest, TeamViewerContext } from './request';
import { teamViewerApiRequest } from './request';

/**
 * The cursor styles of the TeamViewer API:
 * - `offset`: GET /sessions, query `offset` ← `next_offset`, stop at `sessions_remaining: 0`
 * - `offset_id`: GET /reports/…, query `offset_id` ← `next_offset` (id of the last record seen)
 * - `paginationToken`: managed devices/groups, query `paginationToken` ← `nextPaginationToken`
 * - `ContinuationToken`: POST /EventLogging, body `ContinuationToken` ← `ContinuationToken`
 * - `continuationToken`: query `continuationToken` ← `continuation_token` (GET /patchmanagement/devices, as
 *   TeamViewer's OpenAPI document spells it) or ← `ContinuationToken` (GET /userroles/assignments/…, TeamViewerPS
 *   Get-TeamViewerUserByRole.ps1)
 * - `continuation_token`: POST /patchmanagement/scanresultcounts, body `continuation_token` ← `ContinuationToken`
 */
export type CursorKind = 'offset' | 'offset_id' | 'paginationToken' | 'ContinuationToken' | 'continuationToken' | 'continuation_token';

interface Cursor {
	/** The event log can answer an empty page that still carries a token: filtering happens per page. */
	emptyPageMayContinue?: boolean;
	next(page: IDataObject): string | undefined;
	apply(request: ApiRequest, cursor: string): ApiRequest;
}

const asCursor = (value: unknown): string | undefined =>
	value === undefined || value === null || value === '' ? undefined : String(value);

const CURSORS: Record<CursorKind, Cursor> = {
	offset: {
		next: (page) => (page.sessions_remaining === 0 ? undefined : asCursor(page.next_offset)),
		apply: (request, cursor) => ({ ...request, qs: { ...request.qs, offset: cursor } }),
	},
	offset_id: {
		next: (page) => (page.records_remaining === 0 ? undefined : asCursor(page.next_offset)),
		apply: (request, cursor) => ({ ...request, qs: { ...request.qs, offset_id: cursor } }),
	},
	paginationToken: {
		next: (page) => asCursor(page.nextPaginationToken),
		apply: (request, cursor) => ({ ...request, qs: { ...request.qs, paginationToken: cursor } }),
	},
	ContinuationToken: {
		emptyPageMayContinue: true,
		next: (page) => asCursor(page.ContinuationToken),
		apply: (request, cursor) => ({
			...request,
			body: { ...(request.body as IDataObject), ContinuationToken: cursor },
		}),
	},
	continuationToken: {
		next: (page) => asCursor(page.continuation_token ?? page.ContinuationToken),
		apply: (request, cursor) => ({ ...request, qs: { ...request.qs, continuationToken: cursor } }),
	},
	continuation_token: {
		next: (page) => asCursor(page.ContinuationToken),
		apply: (request, cursor) => ({
			...request,
			body: { ...(request.body as IDataObject), continuation_token: cursor },
		}),
	},
};

export interface PagedRequest {
	request: ApiRequest;
	cursor: CursorKind;
	/** The array in each page: `sessions`, `records`, `resources`, `AuditEvents`. */
	itemsKey: string;
	/** Sees each raw page before its items are yielded, e.g. to reject a page-level error field. */
	onPage?: (page: IDataObject) => void;
}

/** Yields one page of items at a time, so callers can stop early (Limit, poll budgets). */
export async function* teamViewerPages(
	this: TeamViewerContext,
	{ request, cursor, itemsKey, onPage }: PagedRequest,
): AsyncGenerator<IDataObject[]> {
	const strategy = CURSORS[cursor];
	const seen = new Set<string>();
	let next: ApiRequest = request;
	for (;;) {
		const page = await teamViewerApiRequest.call(this, next);
		onPage?.(page);
		const items = (page[itemsKey] as IDataObject[] | undefined) ?? [];
		yield items;
		const token = strategy.next(page);
		if (token === undefined || (items.length === 0 && !strategy.emptyPageMayContinue)) return;
		if (seen.has(token)) {
			throw new NodeOperationError(
				this.getNode(),
				`TeamViewer returned the same page cursor twice (${cursor} "${token}")`,
				{ itemIndex: request.itemIndex, description: 'Paging was stopped to avoid an endless loop.' },
			);
		}
		seen.add(token);
		next = strategy.apply(request, token);
	}
}

/** All items across pages, or the first `limit` of them (paging stops as soon as it has enough). */
export async function teamViewerAllItems(
	this: TeamViewerContext,
	paged: PagedRequest,
	limit?: number,
): Promise<IDataObject[]> {
	const collected: IDataObject[] = [];
	for await (const items of teamViewerPages.call(this, paged)) {
		collected.push(...items);
		if (limit !== undefined && collected.length >= limit) return collected.slice(0, limit);
	}
	return collected;
}
