import { isRecord } from './body';
import type { FaultQueue, FaultRule } from './faults';
import { json, noContent, type Reply } from './reply';
import type { RequestLog } from './requestLog';

/*
 * Control endpoints (`/__*`) let another process drive a simulator. JSON in and out, no auth, not
 * logged. Bodies are trusted test input; errors are `{ "error": "…" }` with 400 or 404.
 */

export type ControlBody = Record<string, unknown>;

export interface ControlRoute {
	method: string;
	pattern: RegExp;
	handle(body: ControlBody, url: URL): Reply;
}

export function controlRoute(
	method: string,
	path: string,
	handle: ControlRoute['handle'],
): ControlRoute {
	return { method, pattern: new RegExp(`^${path}/?$`), handle };
}

/** Runs `action` and answers 204. */
export function done(action: () => void): Reply {
	action();
	return noContent();
}

/** What every simulator offers: `/__reset`, `/__state`, `/__log`, `/__faults`. */
export interface Controllable {
	readonly log: RequestLog<{ seq: number }>;
	readonly faults: FaultQueue;
	reset(): void;
	snapshot(): unknown;
}

export function standardControlRoutes(target: Controllable): ControlRoute[] {
	return [
		controlRoute('POST', '/__reset', () => done(() => target.reset())),
		controlRoute('GET', '/__state', () => json(target.snapshot())),
		controlRoute('GET', '/__log', (_body, url) =>
			json(target.log.since(Number(url.searchParams.get('since') ?? 0))),
		),
		controlRoute('DELETE', '/__log', () => done(() => target.log.clear())),
		controlRoute('POST', '/__faults', (body) =>
			done(() => target.faults.add(body as unknown as FaultRule)),
		),
		controlRoute('DELETE', '/__faults', () => done(() => target.faults.clear())),
	];
}

function controlError(status: number, message: string): Reply {
	return json({ error: message }, status);
}

/** Runs the matching control endpoint; a thrown error becomes a 400 `{error}`. */
export function handleControl(
	routes: readonly ControlRoute[],
	method: string,
	url: URL,
	raw: string,
): Reply {
	let body: unknown;
	try {
		body = raw === '' ? {} : JSON.parse(raw);
	} catch {
		return controlError(400, 'The body is not valid JSON.');
	}
	const route = routes.find(
		(candidate) => candidate.method === method && candidate.pattern.test(url.pathname),
	);
	if (!route) return controlError(404, `There is no control endpoint ${method} ${url.pathname}.`);
	try {
		return route.handle(isRecord(body) ? body : {}, url);
	} catch (error) {
		return controlError(400, error instanceof Error ? error.message : String(error));
	}
}
