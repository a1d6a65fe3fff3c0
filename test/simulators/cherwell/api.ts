import type { ApiRequest, Reply } from '../common';
import { authenticate, tokenEndpoint, type TokenLifetimes } from './auth';
import {
	getBusinessObject,
	getSchema,
	getSearchResults,
	getSummary,
	getTemplate,
	saveBusinessObject,
	saveRelatedBusinessObject,
	type Writer,
} from './businessObjects';
import { denied, methodNotAllowed, noRoute } from './errors';
import type { CherwellState } from './state';

export interface ApiContext {
	state: CherwellState;
	nowMs(): number;
	lifetimes: TokenLifetimes;
}

interface Route {
	method: string;
	pattern: RegExp;
	handle(context: ApiContext, request: ApiRequest, params: string[], writer: Writer): Reply;
}

/** Paths below `/CherwellAPI`, matched case-insensitively as IIS does. */
const ROUTES: Route[] = [
	{
		method: 'GET',
		pattern: /^\/api\/v1\/getbusinessobject\/busobid\/([^/]+)\/publicid\/([^/]+)$/i,
		handle: ({ state }, _request, [busObId, publicId]) =>
			getBusinessObject(state, busObId, { publicId }),
	},
	{
		method: 'GET',
		pattern: /^\/api\/v1\/getbusinessobject\/busobid\/([^/]+)\/busobrecid\/([^/]+)$/i,
		handle: ({ state }, _request, [busObId, recId]) => getBusinessObject(state, busObId, { recId }),
	},
	{
		method: 'POST',
		pattern: /^\/api\/v1\/getbusinessobjecttemplate$/i,
		handle: (_context, request) => getTemplate(request),
	},
	{
		method: 'POST',
		pattern: /^\/api\/v1\/savebusinessobject$/i,
		handle: ({ state }, request, _params, writer) => saveBusinessObject(state, request, writer),
	},
	{
		method: 'POST',
		pattern: /^\/api\/v1\/saverelatedbusinessobject$/i,
		handle: ({ state }, request, _params, writer) =>
			saveRelatedBusinessObject(state, request, writer),
	},
	{
		method: 'POST',
		pattern: /^\/api\/v1\/getsearchresults$/i,
		handle: ({ state }, request) => getSearchResults(state, request),
	},
	{
		method: 'GET',
		pattern: /^\/api\/v1\/getbusinessobjectsummary\/busobname\/([^/]+)$/i,
		handle: (_context, _request, [name]) => getSummary(name),
	},
	{
		method: 'GET',
		pattern: /^\/api\/v1\/getbusinessobjectschema\/busobid\/([^/]+)$/i,
		handle: (_context, request, [busObId]) =>
			getSchema(
				busObId,
				request.url.searchParams.get('includerelationships')?.toLowerCase() === 'true',
			),
	},
];

/** `POST /CherwellAPI/token` needs no user; a matched API route needs a valid bearer token. */
export function handleApi(context: ApiContext, request: ApiRequest): Reply {
	const below = /^\/cherwellapi(\/.*)$/i.exec(request.url.pathname);
	if (!below) return noRoute(request.url);
	const path = below[1].length > 1 ? below[1].replace(/\/+$/, '') : below[1];
	if (/^\/token$/i.test(path)) {
		if (request.method !== 'POST') return methodNotAllowed(request.method);
		return tokenEndpoint(context.state, request, context.nowMs(), context.lifetimes);
	}
	const matches = ROUTES.map((route) => ({ route, match: route.pattern.exec(path) })).filter(
		(candidate) => candidate.match !== null,
	);
	if (matches.length === 0) return noRoute(request.url);
	const hit = matches.find((candidate) => candidate.route.method === request.method);
	if (!hit) return methodNotAllowed(request.method);
	const nowMs = context.nowMs();
	const username = authenticate(context.state, request.headers, nowMs);
	if (username === undefined) return denied();
	const params = hit.match!.slice(1).map((param) => decodeURIComponent(param));
	return hit.route.handle(context, request, params, { username, nowMs });
}
