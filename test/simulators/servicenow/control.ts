import { controlRoute, done, json, standardControlRoutes, type ControlRoute } from '../common';
import type { Knobs } from './knobs';
import type { SeedData } from './seed';
import type { ServiceNowSimulator } from './simulator';

/** The common `/__*` endpoints plus ServiceNow's own. */
export function controlRoutes(sim: ServiceNowSimulator): ControlRoute[] {
	return [
		...standardControlRoutes(sim),
		controlRoute('POST', '/__seed', (body) => done(() => sim.seed(body as SeedData))),
		controlRoute('POST', '/__demo', () => json(sim.seedDemo())),
		controlRoute('POST', '/__update-set', (body) => {
			if (typeof body.xml !== 'string') throw new Error('Send { "xml": "<?xml …><unload>…" }.');
			const parsed = sim.installUpdateSet(body.xml);
			return json({
				name: parsed.name,
				sys_id: parsed.sysId,
				tables: parsed.tables.map((table) => table.name),
			});
		}),
		controlRoute('POST', '/__knobs', (body) =>
			done(() => Object.assign(sim.knobs, body as Partial<Knobs>)),
		),
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
