import { isRecord, json, type ApiRequest, type Reply } from '../common';
import { badRequest, conflict, notFound, unprocessable } from './errors';
import { renderComment, renderTicket } from './render';
import {
	nowIso,
	TICKET_STATUSES,
	type BossDeskState,
	type BossUser,
	type Ticket,
	type TicketStatus,
} from './state';

/** What a ticket or comment handler needs besides the request. */
export interface ApiContext {
	state: BossDeskState;
	/** The user behind the API key. */
	user: BossUser;
	request: ApiRequest;
	/** Runs the `ticket.closed` automations (asynchronously). */
	ticketClosed(ticket: Ticket, by: BossUser): void;
}

const DATE_FILTERS = {
	created_after: (ticket: Ticket, at: number) => Date.parse(ticket.created_at) >= at,
	created_before: (ticket: Ticket, at: number) => Date.parse(ticket.created_at) < at,
	updated_after: (ticket: Ticket, at: number) => Date.parse(ticket.updated_at) >= at,
	updated_before: (ticket: Ticket, at: number) => Date.parse(ticket.updated_at) < at,
} as const;

/** `2025-03-01` or a full ISO 8601 date-time with zone; anything else is refused. */
function parseDateParam(value: string): number | undefined {
	if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(value)) {
		return undefined;
	}
	const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
	return Number.isNaN(ms) ? undefined : ms;
}

function positiveInteger(value: string | null, fallback: number): number | undefined {
	if (value === null) return fallback;
	return /^[1-9]\d*$/.test(value) ? Number(value) : undefined;
}

/**
 * `GET /tickets`: newest first; `created_after`/`updated_after` (inclusive) and `created_before`/
 * `updated_before` (exclusive) take a date or an ISO date-time; `status` a comma list; `page` and
 * `per_page`. A bare JSON array, with `X-Total-Count`, `X-Page`, `X-Per-Page` and `Link`.
 */
export function listTickets(ctx: ApiContext): Reply {
	const { searchParams } = ctx.request.url;
	const errors: Record<string, string[]> = {};
	const filters: Array<(ticket: Ticket) => boolean> = [];
	for (const [name, test] of Object.entries(DATE_FILTERS)) {
		const raw = searchParams.get(name);
		if (raw === null) continue;
		const at = parseDateParam(raw);
		if (at === undefined)
			errors[name] = [`must be a date (2025-03-01) or an ISO 8601 date-time, got "${raw}"`];
		else filters.push((ticket) => test(ticket, at));
	}
	const statusParam = searchParams.get('status');
	if (statusParam !== null) {
		const wanted = statusParam.split(',').map((status) => status.trim().toLowerCase());
		const unknown = wanted.filter(
			(status) => !TICKET_STATUSES.some((known) => known.toLowerCase() === status),
		);
		if (unknown.length) errors.status = [`is not included in the list: ${unknown.join(', ')}`];
		else filters.push((ticket) => wanted.includes(ticket.status.toLowerCase()));
	}
	const { perPage: defaultPerPage, maxPerPage } = ctx.state.config;
	const page = positiveInteger(searchParams.get('page'), 1);
	const perPage = positiveInteger(searchParams.get('per_page'), defaultPerPage);
	if (page === undefined) errors.page = ['must be a whole number of at least 1'];
	if (perPage === undefined || perPage > maxPerPage) {
		errors.per_page = [`must be a whole number from 1 to ${maxPerPage}`];
	}
	if (Object.keys(errors).length || page === undefined || perPage === undefined) {
		return unprocessable(errors);
	}
	const matching = [...ctx.state.tickets.values()]
		.filter((ticket) => filters.every((filter) => filter(ticket)))
		.sort((a, b) =>
			a.created_at === b.created_at ? b.id - a.id : a.created_at < b.created_at ? 1 : -1,
		);
	const slice = matching.slice((page - 1) * perPage, page * perPage);
	const link = (target: number, rel: string) => {
		const url = new URL(ctx.request.url);
		url.searchParams.set('page', String(target));
		url.searchParams.set('per_page', String(perPage));
		return `<${url.toString()}>; rel="${rel}"`;
	};
	const links = [];
	if (page * perPage < matching.length) links.push(link(page + 1, 'next'));
	if (page > 1) links.push(link(page - 1, 'prev'));
	const headers: Record<string, string> = {
		'X-Total-Count': String(matching.length),
		'X-Page': String(page),
		'X-Per-Page': String(perPage),
	};
	if (links.length) headers.Link = links.join(', ');
	return json(
		slice.map((ticket) => renderTicket(ctx.state, ticket)),
		200,
		headers,
	);
}

export function findTicket(state: BossDeskState, rawId: string): Ticket | undefined {
	return /^\d+$/.test(rawId) ? state.tickets.get(Number(rawId)) : undefined;
}

export function getTicket(ctx: ApiContext, rawId: string): Reply {
	const ticket = findTicket(ctx.state, rawId);
	return ticket ? json(renderTicket(ctx.state, ticket)) : notFound(`Ticket ${rawId}`);
}

/** The JSON body, unwrapped from `{ "<root>": {…} }` when wrapped (Rails accepts both). */
export function wrappedBody(
	request: ApiRequest,
	root: string,
): { fields: Record<string, unknown> } | { refused: Reply } {
	if (request.body.error) return { refused: badRequest(request.body.error) };
	const { value } = request.body;
	if (!isRecord(value)) {
		return { refused: badRequest(`The body must be a JSON object, e.g. {"${root}": {…}}.`) };
	}
	return { fields: isRecord(value[root]) ? value[root] : value };
}

const EDITABLE_TEXT = ['title', 'description', 'priority', 'category', 'type', 'source'] as const;

/** Sets `status` (and `closed_at`), the text fields and `technician_id`; honours `lock_version`. */
export function updateTicket(ctx: ApiContext, rawId: string): Reply {
	const ticket = findTicket(ctx.state, rawId);
	if (!ticket) return notFound(`Ticket ${rawId}`);
	const body = wrappedBody(ctx.request, 'ticket');
	if ('refused' in body) return body.refused;
	const changes = body.fields;
	if (changes.lock_version !== undefined && changes.lock_version !== ticket.lock_version) {
		return conflict(
			`Ticket ${ticket.id} was changed by someone else (lock_version is ${ticket.lock_version}, the request had ${JSON.stringify(changes.lock_version)}). Read it again and retry.`,
		);
	}
	const errors: Record<string, string[]> = {};
	let status: TicketStatus | undefined;
	if (changes.status !== undefined) {
		status = TICKET_STATUSES.find(
			(known) =>
				typeof changes.status === 'string' && known.toLowerCase() === changes.status.toLowerCase(),
		);
		if (!status) errors.status = [`is not included in the list (${TICKET_STATUSES.join(', ')})`];
	}
	for (const field of EDITABLE_TEXT) {
		const value = changes[field];
		if (value === undefined) continue;
		if (typeof value !== 'string') errors[field] = ['must be a string'];
		else if (field !== 'description' && value.trim() === '') errors[field] = ["can't be blank"];
	}
	let technicianId = ticket.technicianId;
	if (changes.technician_id !== undefined) {
		const technician =
			changes.technician_id === null
				? undefined
				: ctx.state.users.get(Number(changes.technician_id));
		if (changes.technician_id !== null && technician?.role !== 'technician') {
			errors.technician_id = ['is not a technician'];
		} else technicianId = technician?.id ?? null;
	}
	if (Object.keys(errors).length) return unprocessable(errors);

	const wasClosed = ticket.status === 'Closed';
	for (const field of EDITABLE_TEXT) {
		if (typeof changes[field] === 'string') ticket[field] = changes[field] as string;
	}
	ticket.technicianId = technicianId;
	const now = nowIso();
	if (status) {
		ticket.status = status;
		ticket.closed_at = status === 'Closed' ? (wasClosed ? ticket.closed_at : now) : null;
	}
	ticket.updated_at = now;
	ticket.lock_version += 1;
	if (status === 'Closed' && !wasClosed) ctx.ticketClosed(ticket, ctx.user);
	return json(renderTicket(ctx.state, ticket));
}

export function listComments(ctx: ApiContext, rawId: string): Reply {
	const ticket = findTicket(ctx.state, rawId);
	if (!ticket) return notFound(`Ticket ${rawId}`);
	return json(
		ctx.state.comments
			.filter((comment) => comment.ticket_id === ticket.id)
			.map((comment) => renderComment(ctx.state, comment)),
	);
}

const MAX_COMMENT_LENGTH = 65_535;

/**
 * `POST /tickets/{id}/comments` with `{"comment": {"body": "…", "is_private": true}}` (UNCONFIRMED
 * shape, see README) → 201 with the comment. Closed tickets take comments too.
 */
export function addComment(ctx: ApiContext, rawId: string): Reply {
	const ticket = findTicket(ctx.state, rawId);
	if (!ticket) return notFound(`Ticket ${rawId}`);
	const parsed = wrappedBody(ctx.request, 'comment');
	if ('refused' in parsed) return parsed.refused;
	const { body, is_private: isPrivate } = parsed.fields;
	const errors: Record<string, string[]> = {};
	if (typeof body !== 'string' || body.trim() === '') errors.body = ["can't be blank"];
	else if (body.length > MAX_COMMENT_LENGTH) {
		errors.body = [`is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`];
	}
	if (isPrivate !== undefined && typeof isPrivate !== 'boolean') {
		errors.is_private = ['must be true or false'];
	}
	if (Object.keys(errors).length) return unprocessable(errors);
	const comment = {
		id: ctx.state.counters.comment++,
		ticket_id: ticket.id,
		body: body as string,
		is_private: isPrivate === true,
		created_at: nowIso(),
		authorId: ctx.user.id,
	};
	ctx.state.comments.push(comment);
	return json(renderComment(ctx.state, comment), 201);
}
