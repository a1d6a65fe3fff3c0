import type { OnlineState } from './types';

/**
 * Behaviour knobs. Most of them pin down a point TeamViewer's public documentation leaves open;
 * README.md explains each choice.
 */
export interface SimulatorConfig {
	/** `expires_in` of OAuth access tokens; they expire on the simulator clock. */
	accessTokenLifetimeSeconds: number;
	/** a refresh invalidates the refresh token it used and returns a new one. */
	rotateRefreshTokens: boolean;
	/** `/ping` with a missing or invalid token answers 200 `{token_valid:false}` or a 401. */
	pingInvalidToken: 'false200' | '401';
	/** status for an unknown session code, device id, report id … */
	notFoundStatus: number;
	/** status of the ASP.NET "No HTTP resource was found" answer. */
	unknownRouteStatus: number;
	/** `POST /sessions` with an unknown `groupname` creates that group. */
	autoCreateGroupByName: boolean;
	/** `support_session_type` integer → name (names are accepted on input too). */
	sessionTypeNames: Record<number, string>;
	/** Maximum concurrent sessions (Open and not past `valid_until`); `null` = unlimited. */
	licenceLimit: number | null;
	/** body of the licence-limit 400. A string is sent as text/plain, an object as JSON. */
	licenceLimitBody: string | Record<string, unknown>;
	/** sessions per `GET /sessions` page. */
	sessionsPageSize: number;
	/** Whether GET/list responses carry `customId` (create always echoes it). */
	echoCustomIdOnRead: boolean;
	/** `state` shown for an Open session past its `valid_until`. */
	expiredSessionState: string;
	/** Records per `GET /reports/connections` page. */
	reportsPageSize: number;
	/** Whether the last report page still carries `next_offset`. */
	reportsNextOffsetOnLastPage: boolean;
	/** A connection report becomes visible this long (sim clock) after its `end_date`. */
	reportLagMs: number;
	/** `online_state` of devices and contacts as names or integers. */
	onlineStateFormat: 'string' | 'integer';
	/** the integer for each online state (used for output and accepted as a filter). */
	onlineStateCodes: Record<OnlineState, number>;
	/** Items per managed-devices page. */
	managedPageSize: number;
	/** Audit events per `POST /EventLogging` page. */
	eventLogPageSize: number;
	/**
	 * Whether `POST /devices`, `/contacts` and `/groups` refuse (400) a device or contact already in the
	 * group, or a group name already taken. Not documented: the default is the stricter case for
	 * clients (TeamViewer stores the duplicate), so the node must avoid duplicates itself.
	 */
	rejectDuplicateCreates: boolean;
	/** whether `POST /users` echoes `email`. */
	userCreateEchoesEmail: boolean;
	/**
	 * Round trip of every API call, half before TeamViewer handles it and half after, as over the
	 * internet (benchmarks use 50 ms so the work is I/O-bound as against the real service). Default 0.
	 */
	latencyMs: number;
	/**
	 * a per-account request limit. TeamViewer's API documentation has a "Rate limits" chapter whose
	 * numbers, status and headers no public source shows, so the limit is off by default
	 * (a made-up number would make unrelated tests depend on the machine's speed) and switched on by the
	 * tests and benchmarks that measure how the node copes: above `requestsPerSecond` requests in any
	 * second (wall clock) from one account, TeamViewer answers 429 and does nothing. `retryAfterSeconds`
	 * null (the stricter default: nothing tells the client how long to wait) sends no Retry-After.
	 */
	rateLimit: { requestsPerSecond: number; retryAfterSeconds: number | null } | null;
}

export const LICENCE_LIMIT_TEXT =
	'The session could not be created because of license limitations.';

export function defaultConfig(): SimulatorConfig {
	return {
		accessTokenLifetimeSeconds: 86400,
		rotateRefreshTokens: true,
		pingInvalidToken: 'false200',
		notFoundStatus: 404,
		unknownRouteStatus: 404,
		autoCreateGroupByName: true,
		sessionTypeNames: { 0: 'Default', 1: 'Pilot', 2: 'AssistAR' },
		licenceLimit: null,
		licenceLimitBody: LICENCE_LIMIT_TEXT,
		sessionsPageSize: 1000,
		echoCustomIdOnRead: true,
		expiredSessionState: 'Open',
		reportsPageSize: 1000,
		reportsNextOffsetOnLastPage: false,
		reportLagMs: 0,
		onlineStateFormat: 'string',
		onlineStateCodes: { Offline: 0, Online: 1, Busy: 2, Away: 3 },
		managedPageSize: 100,
		eventLogPageSize: 50,
		rejectDuplicateCreates: false,
		userCreateEchoesEmail: true,
		latencyMs: 0,
		rateLimit: null,
	};
}

/** Shallow-merges `patch` into `config`, refusing keys that are not knobs. */
export function patchConfig(
	config: SimulatorConfig,
	patch: Partial<SimulatorConfig>,
): SimulatorConfig {
	const unknown = Object.keys(patch).filter((key) => !(key in config));
	if (unknown.length > 0) throw new Error(`Unknown config key(s): ${unknown.join(', ')}`);
	return Object.assign(config, patch);
}
