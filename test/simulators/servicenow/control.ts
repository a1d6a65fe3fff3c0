import { controlRoute, done, json, standardControlRoutes, type ControlRoute } from '../common';
import type { SeedData } from './seed';
import type { ServiceNowSimulator } from './simulator';

/** The common `/__*` endpoints plus ServiceNow's own. */
export function controlRoutes(sim: ServiceNowSimulator): ControlRoute[] {
	return [
		...standardControlRoutes(sim),
		controlRoute('POST', '/__seed', (body) => done(() => sim.seed(body as SeedData))),
		controlRoute('POST', '/__demo', () => json(sim.seedDemo())),
		controlRoute('POST', '/__tokens', (body) =>
			json(
				sim.issueToken(
					String(body.user_name),
					body.client_id === undefined ? undefined : String(body.client_id),
				),
			),
		),
		controlRoute('POST', '/__tokens/expire', () => done(() => sim.expireAccessTokens())),
	];
}
