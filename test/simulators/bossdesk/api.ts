import { randomBytes } from 'crypto';
import type { IncomingHttpHeaders } from 'http';

import { basicCredentials, json, type ApiRequest, type Reply } from '../common';
import { renderUser } from './render';
import { accessDenied, bossError, methodNotAllowed, notFound, paymentRequired } from './errors';
import type { BossDeskState, BossUser, Ticket } from './state';
import {
	addComment,
	getTicket,
	listComments,
	listTickets,
	updateTicket,
	type ApiContext,
} from './tickets';

const API_PREFIX = /^\/api\/v1(\/.*)$/;

/** Exactly `Token token="<key>"` (the documented form); anything else is not a BOSSDesk key. */
export function apiKeyOf(headers: IncomingHttpHeaders): string | undefined {
	return /^Token token="([^"]+)"$/.exec(headers.authorization ?? '')?.[1];
}

function authenticate(state: BossDeskState, headers: IncomingHttpHeaders): BossUser | undefined {
	const key = apiKeyOf(headers);
	const userId = key === undefined ? undefined : state.apiKeys.get(key);
	return userId === undefined ? undefined : state.users.get(userId);
}

/** `POST /api/v1/sessions` with HTTP Basic (email and password) → the user's API key. */
function createApiSession(state: BossDeskState, headers: IncomingHttpHeaders): Reply {
	const credentials = basicCredentials(headers);
	const user = [...state.users.values()].find(
		(candidate) =>
			candidate.email.toLowerCase() === credentials?.username.toLowerCase() &&
			candidate.password !== undefined &&
			candidate.password === credentials.password,
	);
	if (!user) return bossError(401, 'unauthorized', 'Invalid email or password.');
	if (!state.config.apiAccess) return paymentRequired();
	let key = [...state.apiKeys].find(([, userId]) => userId === user.id)?.[0];
	if (key === undefined) {
		key = randomBytes(16).toString('hex');
		state.apiKeys.set(key, user.id);
	}
	return json({ api_key: key, user: renderUser(user) }, 201);
}

interface Route {
	pattern: RegExp;
	methods: Record<string, (ctx: ApiContext, id: string) => Reply>;
}

const ROUTES: Route[] = [
	{ pattern: /^\/tickets$/, methods: { GET: (ctx) => listTickets(ctx) } },
	{
		pattern: /^\/tickets\/([^/]+)$/,
		methods: { GET: getTicket, PUT: updateTicket, PATCH: updateTicket },
	},
	{ pattern: /^\/tickets\/([^/]+)\/comments$/, methods: { GET: listComments, POST: addComment } },
];

/**
 * `/api/v1/sessions` takes Basic auth; everything else needs `Authorization: Token token="…"` of a
 * known key (401 otherwise, checked before the path), then API access on the plan (402).
 */
export function handleApi(
	state: BossDeskState,
	request: ApiRequest,
	ticketClosed: (ticket: Ticket, by: BossUser) => void,
): Reply {
	const match = API_PREFIX.exec(request.url.pathname);
	const path = (match?.[1] ?? '').replace(/\.json$/, '').replace(/\/$/, '');
	if (match && path === '/sessions') {
		if (request.method !== 'POST') return methodNotAllowed(request.method, request.url.pathname);
		return createApiSession(state, request.headers);
	}
	const user = authenticate(state, request.headers);
	if (!user) return accessDenied();
	if (!state.config.apiAccess) return paymentRequired();
	for (const route of ROUTES) {
		const found = route.pattern.exec(path);
		if (!found) continue;
		const handler = route.methods[request.method];
		if (!handler) return methodNotAllowed(request.method, request.url.pathname);
		return handler({ state, user, request, ticketClosed }, decodeURIComponent(found[1] ?? ''));
	}
	return notFound(`The path ${request.url.pathname}`);
}
