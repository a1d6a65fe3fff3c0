import type { IncomingHttpHeaders } from 'http';

import type { SimulatorConfig } from './config';
import { badRequest, notFound } from './errors';
import type { Input } from './input';
import type { SimState } from './state';
import type { TokenRecord } from './types';

/** What a route handler sees of one request. */
export interface RequestContext {
	readonly state: SimState;
	readonly config: SimulatorConfig;
	/** Simulator-clock time of arrival, whole-second ISO. */
	readonly now: string;
	readonly nowMs: number;
	readonly url: URL;
	readonly headers: IncomingHttpHeaders;
	readonly params: Record<string, string>;
	readonly query: Input;
	readonly body: Input;
	/** The parsed body as it came: user-group member calls send a bare JSON array. */
	readonly rawBody: unknown;
}

/** A request that carried a valid bearer token with the route's permission. */
export interface ApiContext extends RequestContext {
	readonly token: TokenRecord;
}

/** The entity under `key`, or the configured not-found error naming it. */
export function mustFind<T>(
	ctx: RequestContext,
	map: Map<string, T>,
	key: string,
	entity: string,
): T {
	const found = map.get(key);
	if (found === undefined) throw notFound(ctx.config.notFoundStatus, entity, key);
	return found;
}

/** PUT bodies must change something. */
export function requireChanges(ctx: RequestContext): void {
	if (ctx.body.isEmpty) throw badRequest('The request body contains no changes.');
}
