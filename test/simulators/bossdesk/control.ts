import { controlRoute, done, json, standardControlRoutes, type ControlRoute } from '../common';
import type { SeedData } from './seed';
import type { BossDeskSimulator } from './simulator';
import type { Automation, BossDeskConfig } from './state';

/** The common `/__*` endpoints plus BOSSDesk's own. */
export function controlRoutes(sim: BossDeskSimulator): ControlRoute[] {
	return [
		...standardControlRoutes(sim),
		controlRoute('POST', '/__seed', (body) => done(() => sim.seed(body as SeedData))),
		controlRoute('POST', '/__demo', () => json(sim.seedDemo())),
		controlRoute('PATCH', '/__config', (body) => {
			Object.assign(sim.config, body as Partial<BossDeskConfig>);
			return json(sim.config);
		}),
		controlRoute('POST', '/__automations', (body) =>
			done(() => sim.addAutomation(body as unknown as Automation)),
		),
		controlRoute('GET', '/__deliveries', () => json(sim.deliveries)),
		controlRoute('POST', '/__tickets/\\d+/close', (body, url) => {
			const id = Number(/\/__tickets\/(\d+)\//.exec(url.pathname)?.[1]);
			const started = sim.startClosingTicket(
				id,
				body.by === undefined ? undefined : String(body.by),
			);
			return json({ ticket: started.ticket, deliveries: started.deliveries });
		}),
	];
}
