import { controlRoute, done, json, standardControlRoutes, type ControlRoute } from '../common';
import type { SeedData } from './seed';
import type { CherwellSimulator } from './simulator';

/** The common `/__*` endpoints plus the Cherwell simulator's own. */
export function controlRoutes(sim: CherwellSimulator): ControlRoute[] {
	const clock = () => json({ now: sim.clock.nowIso(), frozen: sim.clock.frozen });
	return [
		...standardControlRoutes(sim),
		controlRoute('POST', '/__seed', (body) => done(() => sim.seed(body as SeedData))),
		controlRoute('POST', '/__demo', () => json(sim.seedDemo())),
		controlRoute('GET', '/__clock', clock),
		controlRoute('POST', '/__clock', (body) => {
			if (body.real === true) sim.clock.reset();
			if (typeof body.set === 'string') sim.clock.set(body.set);
			if (typeof body.advanceMs === 'number') sim.clock.advance(body.advanceMs);
			return clock();
		}),
		controlRoute('POST', '/__tokens', (body) =>
			json(
				sim.issueToken(
					body.username === undefined ? undefined : String(body.username),
					body.client_id === undefined ? undefined : String(body.client_id),
				),
			),
		),
		controlRoute('POST', '/__tokens/expire', () => done(() => sim.expireAccessTokens())),
	];
}
