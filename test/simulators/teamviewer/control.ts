import type { ConnectSessionOptions, GenerateReportsOptions } from './activity';
import type { AddOAuthClientOptions, AddTokenOptions } from './auth';
import { patchConfig, type SimulatorConfig } from './config';
import type { FaultRule } from './faults';
import { isRecord } from './input';
import type { InsightsSpec } from './model/insights';
import { json, noContent, type Reply } from '../common/reply';
import type { SandboxOptions } from './sandbox';
import type { SeedData } from './seed';
import type { TeamViewerSimulator } from './simulator';
import { snapshotState } from './state';
import type { OnlineState } from './types';

/*
 * Control endpoints (`/__*`) let another process — a real n8n in e2e tests — drive the simulator.
 * JSON in and out, no auth, not logged. Bodies are trusted test input: shapes are the TypeScript
 * option types of the matching TeamViewerSimulator method.
 */

type Body = Record<string, unknown>;

interface ControlRoute {
	method: string;
	pattern: RegExp;
	handle(sim: TeamViewerSimulator, body: Body, params: string[], url: URL): Reply;
}

function control(method: string, path: string, handle: ControlRoute['handle']): ControlRoute {
	const source = path.replace(/:\w+/g, '([^/]+)');
	return { method, pattern: new RegExp(`^${source}/?$`), handle };
}

function done(action: () => void): Reply {
	action();
	return noContent();
}

function clock(sim: TeamViewerSimulator, body: Body): Reply {
	if (body.real === true) sim.clock.reset();
	if (typeof body.set === 'string') sim.clock.set(body.set);
	if (typeof body.advanceMs === 'number') sim.clock.advance(body.advanceMs);
	return json({ now: sim.clock.nowIso(), frozen: sim.clock.frozen });
}

const CONTROL_ROUTES: readonly ControlRoute[] = [
	control('POST', '/__reset', (sim) => done(() => sim.reset())),
	control('POST', '/__seed', (sim, body) => done(() => sim.seed(body as SeedData))),
	control('POST', '/__sandbox', (sim, body) => json(sim.seedSandbox(body as SandboxOptions))),
	control('GET', '/__log', (sim, _body, _params, url) =>
		json(sim.log.since(Number(url.searchParams.get('since') ?? 0))),
	),
	control('DELETE', '/__log', (sim) => done(() => sim.log.clear())),
	control('GET', '/__state', (sim) => json(snapshotState(sim.state))),
	control('GET', '/__clock', (sim) => clock(sim, {})),
	control('POST', '/__clock', clock),
	control('POST', '/__faults', (sim, body) =>
		done(() => sim.injectFault(body as unknown as FaultRule)),
	),
	control('DELETE', '/__faults', (sim) => done(() => sim.clearFaults())),
	control('PATCH', '/__config', (sim, body) =>
		json(patchConfig(sim.config, body as Partial<SimulatorConfig>)),
	),
	control('POST', '/__tokens', (sim, body) =>
		json({ token: sim.addToken(body as unknown as AddTokenOptions) }),
	),
	control('POST', '/__tokens/expire', (sim, body) =>
		done(() =>
			sim.expireToken(String(body.token), {
				afterUses: body.afterUses === undefined ? undefined : Number(body.afterUses),
			}),
		),
	),
	control('POST', '/__oauth-clients', (sim, body) =>
		done(() => sim.addOAuthClient(body as unknown as AddOAuthClientOptions)),
	),
	control('POST', '/__sessions/:code/connect', (sim, body, [code]) =>
		json(sim.connectSession(code, body as ConnectSessionOptions)),
	),
	control('POST', '/__sessions/:code/online', (sim, body, [code]) =>
		done(() => sim.setSessionOnline(code, body.online === true)),
	),
	control('POST', '/__devices/:id/online', (sim, body, [id]) =>
		done(() => sim.setDeviceOnline(id, body.state as OnlineState)),
	),
	control('POST', '/__reports/:id/insights', (sim, body, [id]) =>
		json(sim.setReportInsights(id, body.insights as InsightsSpec)),
	),
	control('POST', '/__reports/generate', (sim, body) =>
		json(sim.addConnectionReports(Number(body.n), body as GenerateReportsOptions)),
	),
];

function controlError(status: number, message: string): Reply {
	return json({ error: message }, status);
}

/** Runs a control endpoint; a thrown error becomes a 400 `{error}`. */
export function handleControl(
	sim: TeamViewerSimulator,
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
	const route = CONTROL_ROUTES.find(
		(candidate) => candidate.method === method && candidate.pattern.test(url.pathname),
	);
	if (!route) return controlError(404, `There is no control endpoint ${method} ${url.pathname}.`);
	const params = (route.pattern.exec(url.pathname) ?? []).slice(1).map(decodeURIComponent);
	try {
		return route.handle(sim, isRecord(body) ? body : {}, params, url);
	} catch (error) {
		return controlError(400, error instanceof Error ? error.message : String(error));
	}
}
