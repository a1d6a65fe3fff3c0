import { controlRoute, done, json, standardControlRoutes, type ControlRoute } from '../common';
import type { SeedData } from './seed';
import type { Matrix42Simulator } from './simulator';

/** The common `/__*` endpoints plus Matrix42's own. */
export function controlRoutes(sim: Matrix42Simulator): ControlRoute[] {
	return [
		...standardControlRoutes(sim),
		controlRoute('POST', '/__seed', (body) => done(() => sim.seed(body as SeedData))),
		controlRoute('POST', '/__demo', () => json(sim.seedDemo())),
		controlRoute('POST', '/__clock', (body) => {
			if (body.real === true) sim.clock.reset();
			if (typeof body.set === 'string') sim.clock.set(body.set);
			if (typeof body.advanceMs === 'number') sim.clock.advance(body.advanceMs);
			return json({ now: sim.clock.nowIso() });
		}),
		controlRoute('POST', '/__access-tokens/expire', () => done(() => sim.expireAccessTokens())),
		controlRoute('POST', '/__hooks/activity-closed', (body) =>
			done(() => sim.onActivityClosed(typeof body.url === 'string' ? { url: body.url, headers: body.headers as Record<string, string> } : undefined)),
		),
		controlRoute('POST', '/__activities/[^/]+/close', (body, url) => {
			const id = url.pathname.split('/')[2];
			return done(() => void sim.closeActivity(id, typeof body.comments === 'string' ? body.comments : undefined));
		}),
	];
}
