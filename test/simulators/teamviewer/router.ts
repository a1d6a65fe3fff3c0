import { validToken, bearerToken } from './auth';
import type { ApiContext, RequestContext } from './context';
import { badRequest, forbidden, unauthorized } from './errors';
import type { Permission } from './permissions';
import { json, type Reply } from '../common/reply';

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface RoutePattern {
	method: HttpMethod;
	regex: RegExp;
	paramNames: string[];
}

interface PublicRoute extends RoutePattern {
	secured: false;
	handle(ctx: RequestContext): Reply;
}

interface SecuredRoute extends RoutePattern {
	secured: true;
	/** Any one of them suffices; empty = any valid token. */
	permissions: readonly Permission[];
	handle(ctx: ApiContext): Reply;
}

export type Route = PublicRoute | SecuredRoute;

export const API_PREFIX = '/api/v1';

/** `/sessions/:code` → a case-insensitive regex over the full path (a trailing slash is tolerated). */
function compile(method: HttpMethod, path: string): RoutePattern {
	const paramNames: string[] = [];
	const source = `${API_PREFIX}${path}`
		.split('/')
		.map((segment) => {
			if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			paramNames.push(segment.slice(1));
			return '([^/]+)';
		})
		.join('/');
	return { method, regex: new RegExp(`^${source}/?$`, 'i'), paramNames };
}

/** A route reachable without a bearer token. */
export function publicRoute(
	method: HttpMethod,
	path: string,
	handle: PublicRoute['handle'],
): Route {
	return { ...compile(method, path), secured: false, handle };
}

/** A route that needs a valid bearer token and (one of) the given permission(s). */
export function securedRoute(
	method: HttpMethod,
	path: string,
	permission: Permission | readonly Permission[] | null,
	handle: SecuredRoute['handle'],
): Route {
	const permissions =
		permission === null ? [] : typeof permission === 'string' ? [permission] : permission;
	return { ...compile(method, path), secured: true, permissions, handle };
}

/** ASP.NET Web API's answer for a path no controller matches. */
export function unknownRoute(url: URL, status: number): Reply {
	return json(
		{ Message: `No HTTP resource was found that matches the request URI '${url.href}'.` },
		status,
	);
}

/**
 * Finds the route, authenticates, checks permissions and runs the handler. `bodyError` is reported
 * only once the route and the caller are known to be fine, as ASP.NET would.
 */
export function dispatch(
	routes: readonly Route[],
	method: string,
	ctx: RequestContext,
	bodyError: string | undefined,
): Reply {
	const path = ctx.url.pathname;
	const candidates = routes.filter((route) => route.regex.test(path));
	if (candidates.length === 0) return unknownRoute(ctx.url, ctx.config.unknownRouteStatus);
	const route = candidates.find((candidate) => candidate.method === method);
	if (!route) {
		return json(
			{ Message: `The requested resource does not support http method '${method}'.` },
			405,
		);
	}
	const values = route.regex.exec(path)?.slice(1) ?? [];
	const params = Object.fromEntries(
		route.paramNames.map((name, i) => [name, decodeURIComponent(values[i])]),
	);
	const routed = { ...ctx, params };
	if (!route.secured) {
		if (bodyError) throw badRequest(bodyError);
		return route.handle(routed);
	}
	const token = validToken(ctx.state, bearerToken(ctx.headers), ctx.nowMs);
	if (!token) throw unauthorized();
	if (
		route.permissions.length > 0 &&
		!route.permissions.some((p) => token.permissions.includes(p))
	) {
		throw forbidden();
	}
	if (bodyError) throw badRequest(bodyError);
	return route.handle({ ...routed, token });
}
