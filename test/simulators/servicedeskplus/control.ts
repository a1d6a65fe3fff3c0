import { controlRoute, done, json, standardControlRoutes, type ControlRoute } from '../common';
import type { SeedData } from './seed';
import type { ServiceDeskPlusSimulator } from './simulator';

/** The common `/__*` endpoints plus ServiceDesk Plus's own. */
export function controlRoutes(sim: ServiceDeskPlusSimulator): ControlRoute[] {
	return [
		...standardControlRoutes(sim),
		controlRoute('POST', '/__seed', (body) => done(() => sim.seed(body as SeedData))),
		controlRoute('POST', '/__demo', () => json(sim.seedDemo())),
		controlRoute('POST', '/__tokens', (body) =>
			json(sim.issueAccessToken(body.user === undefined ? undefined : String(body.user))),
		),
		controlRoute('POST', '/__tokens/expire', () => done(() => sim.expireAccessTokens())),
		controlRoute('PATCH', '/__knobs', (body) => json(sim.setKnobs(body))),
	];
}
