import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

import {
	addConnectionReports,
	connectSession,
	type ConnectSessionOptions,
	type GenerateReportsOptions,
} from './activity';
import { addOAuthClient, addToken, type AddOAuthClientOptions, type AddTokenOptions } from './auth';
import { SimClock, toIso } from './clock';
import { defaultConfig, patchConfig, type SimulatorConfig } from './config';
import { FaultQueue, type FaultRule } from './faults';
import { setInsights, type InsightsSpec, type ReportInsights } from './model/insights';
import { createSession } from './model/sessions';
import { normalizeSessionCode } from './ids';
import { RequestLog, type LoggedRequest } from './requestLog';
import { API_PREFIX } from './router';
import { seedSandbox, type SandboxInfo, type SandboxOptions } from './sandbox';
import { applySeed, type SeedData } from './seed';
import { createRequestListener } from './server';
import { createState, resetState, type SimState } from './state';
import { ONLINE_STATES, type ConnectionReport, type OnlineState, type Session } from './types';

export interface StartOptions extends Partial<SimulatorConfig> {
	/** 0 (default) = a free port. */
	port?: number;
	/** A loopback address; default 127.0.0.1. */
	host?: string;
	/** Initial data; default 'empty'. */
	seed?: SeedData | 'sandbox' | 'empty';
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** A stateful stand-in for the TeamViewer Web API v1, listening on loopback. */
export class TeamViewerSimulator {
	config: SimulatorConfig;
	readonly clock = new SimClock();
	readonly state: SimState = createState();
	/** Every `/api/v1/**` request; `requests` is its list. */
	readonly log = new RequestLog();
	readonly faults = new FaultQueue();
	/** When the requests of the last second that the rate limit (config `rateLimit`) let through arrived. */
	readonly acceptedRequestTimes: number[] = [];
	private readonly server: Server;
	private host = '127.0.0.1';
	private boundPort = 0;
	private closed = false;
	private endRefusal: (() => void) | undefined;

	constructor(config: Partial<SimulatorConfig> = {}) {
		this.config = patchConfig(defaultConfig(), config);
		this.server = createServer(createRequestListener(this));
	}

	get port(): number {
		return this.boundPort;
	}

	get url(): string {
		return `http://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.boundPort}`;
	}

	get apiUrl(): string {
		return `${this.url}${API_PREFIX}`;
	}

	get requests(): LoggedRequest[] {
		return this.log.entries;
	}

	async listen(port: number, host: string): Promise<void> {
		if (!LOOPBACK.test(host)) {
			throw new Error(`The simulator only listens on loopback, not on ${host}.`);
		}
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		this.host = host;
		this.boundPort = (this.server.address() as AddressInfo).port;
	}

	/** Empty state, default config, no log, faults or tokens, real-time clock. */
	reset(): void {
		resetState(this.state);
		this.config = defaultConfig();
		this.log.reset();
		this.faults.clear();
		this.clock.reset();
		this.acceptedRequestTimes.length = 0;
	}

	seed(data: SeedData): void {
		applySeed(this.state, data, this.clock.nowIso());
	}

	seedSandbox(options: SandboxOptions = {}): SandboxInfo {
		return seedSandbox(this.state, options, this.clock.nowMs());
	}

	/** Registers a bearer token and returns it. */
	addToken(options: AddTokenOptions): string {
		return addToken(this.state, options).token;
	}

	/** The next call with this token gets a 401; with `afterUses`, only after that many more calls. */
	expireToken(token: string, { afterUses }: { afterUses?: number } = {}): void {
		const record = this.state.tokens.get(token);
		if (!record) throw new Error(`Unknown token ${token}.`);
		if (afterUses === undefined) record.expiresAt = this.clock.nowIso();
		else record.usesLeft = afterUses;
	}

	addOAuthClient(client: AddOAuthClientOptions): void {
		addOAuthClient(this.state, client);
	}

	injectFault(rule: FaultRule): void {
		this.faults.add(rule);
	}

	clearFaults(): void {
		this.faults.clear();
	}

	/**
	 * Stops listening at once (clients get ECONNREFUSED, open connections are dropped) and listens
	 * again on the same port after `ms`; resolves when it is back.
	 */
	async refuseConnectionsFor(ms: number): Promise<void> {
		await this.stopListening();
		await new Promise<void>((resolve) => {
			const timer = setTimeout(resolve, ms);
			this.endRefusal = () => {
				clearTimeout(timer);
				resolve();
			};
		});
		this.endRefusal = undefined;
		if (!this.closed) await this.listen(this.boundPort, this.host);
	}

	connectSession(code: string, options: ConnectSessionOptions = {}): ConnectionReport {
		this.refuseExpired(this.findSession(code));
		return connectSession(this.state, code, options, this.clock.nowIso());
	}

	setSessionOnline(code: string, online: boolean): void {
		const session = this.findSession(code);
		if (online) this.refuseExpired(session);
		session.online = online;
		session.onlineUntil = null;
	}

	/**
	 * Bulk service cases: `n` Open cases in `groupid`, created `spacingSeconds` apart (default 600), the
	 * newest one spacing before `createdBefore` (default now), each valid 24 h. Returns their codes, newest first.
	 */
	addServiceCases(n: number, options: { groupid: string; createdBy: string; createdBefore?: string; spacingSeconds?: number }): string[] {
		const newest = Date.parse(options.createdBefore ?? this.clock.nowIso());
		const spacingMs = (options.spacingSeconds ?? 600) * 1000;
		return Array.from({ length: n }, (_, i) => {
			const session = createSession(
				this.state,
				{ groupid: options.groupid, createdBy: options.createdBy, created_at: toIso(newest - (i + 1) * spacingMs) },
				this.clock.nowIso(),
			);
			this.state.sessions.set(session.code, session);
			return session.code;
		});
	}

	/**
	 * Session Insights of a connection report: `'sample'` (AI summary, transcripts, augmented summary and two
	 * PNG screenshots), a status without data (`notActivated`, `notConsented`, `unsupportedPlatform`), or a record.
	 */
	setReportInsights(reportId: string, spec: InsightsSpec): ReportInsights {
		return setInsights(this.state, reportId, spec);
	}

	/** Bulk history: `n` reports ending before `endBefore` (default now), newest first. */
	addConnectionReports(n: number, options: GenerateReportsOptions = {}): ConnectionReport[] {
		return addConnectionReports(this.state, n, options, this.clock.nowIso());
	}

	setDeviceOnline(deviceId: string, onlineState: OnlineState): void {
		const device = this.state.devices.get(deviceId);
		if (!device) throw new Error(`Device ${deviceId} does not exist.`);
		if (!ONLINE_STATES.includes(onlineState)) {
			throw new Error(`Not an online state: ${onlineState}.`);
		}
		device.online_state = onlineState;
		device.last_seen = this.clock.nowIso();
	}

	async close(): Promise<void> {
		this.closed = true;
		this.endRefusal?.();
		await this.stopListening();
	}

	private refuseExpired(session: Session): void {
		if (!this.config.expiredSessionsConnectable && Date.parse(session.valid_until) <= this.clock.nowMs()) {
			throw new Error(`Session ${session.code} expired at ${session.valid_until}; knob expiredSessionsConnectable is false.`);
		}
	}

	private findSession(code: string): Session {
		const session = this.state.sessions.get(normalizeSessionCode(code) ?? '');
		if (!session) throw new Error(`Session ${code} does not exist.`);
		return session;
	}

	private stopListening(): Promise<void> {
		if (!this.server.listening) return Promise.resolve();
		return new Promise((resolve, reject) => {
			this.server.close((error) => (error ? reject(error) : resolve()));
			this.server.closeAllConnections();
		});
	}
}

/** Starts a simulator on 127.0.0.1 (a free port unless `port` is given). */
export async function startTeamViewerSimulator(
	options: StartOptions = {},
): Promise<TeamViewerSimulator> {
	const { port = 0, host = '127.0.0.1', seed = 'empty', ...config } = options;
	const simulator = new TeamViewerSimulator(config);
	await simulator.listen(port, host);
	if (seed === 'sandbox') simulator.seedSandbox();
	else if (seed !== 'empty') simulator.seed(seed);
	return simulator;
}
