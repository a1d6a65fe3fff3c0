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
	/**
	 * Order of `GET /sessions`: `newestFirst` (default: newest `created_at` first, as a comment in TeamViewer's .NET
	 * client says; a secondary source, the README's decisions table) or `oldestFirst`, so that a client that takes
	 * a case by its place in the list is caught.
	 */
	sessionListOrder: 'newestFirst' | 'oldestFirst';
	/**
	 * What `GET /sessions` returns of each case without `full_list=true`. TeamViewer's OpenAPI document lists
	 * the parameter; which fields it drops is not documented (UNCONFIRMED). Stricter default, after the users
	 * list (which without `full_list` gives only id, name and email): `'identity'` keeps only `code`,
	 * `groupid` and `state`; `'full'` returns every field either way.
	 */
	sessionsWithoutFullList: 'identity' | 'full';
	/** Whether GET/list responses carry `customId` (create always echoes it). */
	echoCustomIdOnRead: boolean;
	/**
	 * Whether `GET /sessions` applies its `state` filter. TeamViewer's OpenAPI document (/api/v1/docs,
	 * GetSessionsRequest) lists `state`, so the default applies it; `true` ignores it, as a proxy or an
	 * API change that drops the parameter would, and every case comes back whatever its state.
	 */
	sessionListIgnoresState: boolean;
	/** `state` shown for an Open session past its `valid_until`. */
	expiredSessionState: string;
	/**
	 * Whether a customer can still open, and a supporter still connect to, a service case past its
	 * `valid_until`. Not documented (the API documentation gives only the 24 h default; TeamViewer's
	 * service-queue knowledge-base article lists case statuses, not what expiry does): the default is the stricter case
	 * for the trigger, which must then watch expired open cases too; `false` refuses such connections.
	 */
	expiredSessionsConnectable: boolean;
	/**
	 * `PUT /sessions/{code}` `{"state":"closed"}` on a case that is already closed. Not documented (TeamViewer's
	 * OpenAPI document lists a bare 204 for the PUT): the default `refuse` answers 400 (the stricter case: a
	 * client that closes twice, or races another closer, must cope); `accept` answers 204 and changes nothing.
	 */
	closingClosedSession: 'accept' | 'refuse';
	/** Records per `GET /reports/connections` page. */
	reportsPageSize: number;
	/** Whether the last report page still carries `next_offset`. */
	reportsNextOffsetOnLastPage: boolean;
	/** A connection report becomes visible this long (sim clock) after its `end_date`. */
	reportLagMs: number;
	/**
	 * How `session_code` reads in connection reports. TeamViewer's API documentation shows `s123-456-789` in its
	 * report sample; TeamViewerPS's help and tests spell report codes undashed. No public source says which one the
	 * service sends: `dashed` follows the documentation's sample, `undashed` sends `s123456789`. The trigger
	 * matches a report to its service case in either spelling.
	 */
	reportSessionCodes: 'dashed' | 'undashed';
	/** `online_state` of devices and contacts as names or integers. */
	onlineStateFormat: 'string' | 'integer';
	/** the integer for each online state (used for output and accepted as a filter). */
	onlineStateCodes: Record<OnlineState, number>;
	/**
	 * Whether `GET /devices` (Computers & Contacts) carries `last_seen`. TeamViewer's OpenAPI document lists it
	 * in `GetDeviceResponse` and TeamViewer's own clean-up script reads it (teamviewer/api-example-scripts
	 * Remove-TeamViewerOutdatedDevice.ps1), but both that script and TeamViewerPS (ConvertTo-TeamViewerDevice.ps1)
	 * guard against its absence and no source says when it is absent. `sent` (default, as documented; a device
	 * stored with `last_seen: null` still sends null); `omitted` drops the field from every device, so a client
	 * must judge such devices another way (connection reports).
	 */
	deviceLastSeen: 'sent' | 'omitted';
	/**
	 * Whether `GET /devices` (Computers & Contacts) carries `teamviewer_id` beside `remotecontrol_id`.
	 * TeamViewer's OpenAPI document lists both in `GetDeviceResponse`; TeamViewerPS (ConvertTo-TeamViewerDevice.ps1)
	 * takes the TeamViewer ID from `remotecontrol_id` alone. `sent` (default, as documented); `omitted` drops
	 * `teamviewer_id`, so a client must read the ID from `r123456789`.
	 */
	deviceTeamViewerId: 'sent' | 'omitted';
	/** Items per page of every managed-devices/groups list. */
	managedPageSize: number;
	/**
	 * Whether `POST /managed/groups/{id}/devices` with a device already in the group and
	 * `PUT …/policy/remove` for a policy type the device or group does not have answer 400. TeamViewer's
	 * OpenAPI document does not say (it lists a bare 400 "Invalid request"): the default is the stricter
	 * case for clients (a rerun is refused); `false` answers 204 and changes nothing.
	 */
	managedRepeatRejected: boolean;
	/** Audit events per `POST /EventLogging` page. */
	eventLogPageSize: number;
	/**
	 * Which ends of `StartDate`..`EndDate` an event on the bound itself is in. TeamViewer's EventLogging documentation gives the
	 * fields but not whether they are inclusive: both (the default, as the node's single read has always
	 * been tested), or neither (`exclusive`), so that a client relying on either is caught.
	 */
	eventLogBounds: 'inclusive' | 'exclusive';
	/**
	 * The order of `POST /EventLogging`'s events. TeamViewer's EventLogging documentation does not say: oldest
	 * first (the default, as the node's single read has always been tested) or newest first (`newestFirst`),
	 * so that a windowed read that joins its windows in one fixed order is caught.
	 */
	eventLogOrder: 'oldestFirst' | 'newestFirst';
	/**
	 * Whether `POST /devices`, `/contacts` and `/groups` refuse (400) a device or contact already in the
	 * group, or a group name already taken. Not documented: the default is the stricter case for
	 * clients (TeamViewer stores the duplicate), so the node must avoid duplicates itself.
	 */
	rejectDuplicateCreates: boolean;
	/**
	 * What `PUT /devices/{id}` does with `groupid` and `policy_id` in one body. TeamViewer's OpenAPI document lists
	 * both fields without saying; TeamViewerPS (Cmdlets/Public/Set-TeamViewerDevice.ps1) never sends them together
	 * and its Pester test requires that the combination throws. Default `refuse` (the stricter case): 400
	 * naming both fields; `apply` carries out both.
	 */
	deviceGroupAndPolicyInOneCall: 'refuse' | 'apply';
	/** Devices per `GET /patchmanagement/devices` page and counts per `POST /patchmanagement/scanresultcounts` page (not documented). */
	patchManagementPageSize: number;
	/**
	 * What `POST /patchmanagement/scanresultcounts` does with an empty or missing `device_id_list`: TeamViewer's
	 * OpenAPI document does not say. Default `refuse` (400, the stricter case); `all` counts every patch device.
	 */
	patchCountsEmptyList: 'refuse' | 'all';
	/**
	 * `language` of `POST /users`: only TeamViewer's codes as TeamViewerPS lists them (`listed`, the stricter
	 * case: what the API does with `de-DE` is not documented) or any 2–10 characters (`any`).
	 */
	userLanguages: 'listed' | 'any';
	/** `PUT /userroles` answers 204 (`false`, the stricter case: nothing to read) or 200 `{ Role }`. */
	userRoleUpdateEchoesRole: boolean;
	/**
	 * Field names of the `/userroles` answers: `pascal` (default, as TeamViewer's OpenAPI document names them:
	 * `{ Roles: [{ Id, Name, Permissions }] }`, `{ Role }`) or `camel` (`{ roles: [{ id, name, permissions }] }`,
	 * `{ role }`: TeamViewerPS's tests mock roles in that case, and ASP.NET answers camel case by default).
	 */
	userRoleJsonCase: 'pascal' | 'camel';
	/** `POST /userroles` and `PUT /userroles` refuse (400) a name another role of the company has, in any case. */
	rejectDuplicateRoleNames: boolean;
	/**
	 * Adding a user group member or role assignment that exists, or removing one that does not, is refused
	 * with 400 (`true`, the stricter case for clients) or ignored.
	 */
	refuseNoOpMemberships: boolean;
	/** `DELETE /users/{id}/tfa` for a user without two-factor authentication: 400 (`refuse`) or 204 (`accept`). */
	tfaRemovalWhenOff: 'refuse' | 'accept';
	/** User groups and members per page when the request has no `limit`. */
	userGroupsPageSize: number;
	/** Largest `limit` `GET /usergroups` and `/usergroups/{id}/members` accept; above it → 400. */
	userGroupsMaxLimit: number;
	/** Entries per page of `/userroles/assignments/account` and `/assignments/usergroups`. */
	userRoleAssignmentsPageSize: number;
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
	/**
	 * What the Session Insights routes answer for a report whose insights are not there because Session
	 * Insights is not activated, the remote side did not consent, or the device is not Windows/macOS.
	 * TeamViewer's OpenAPI document lists no error answers for them: `generic` (the stricter default) is a
	 * 404 naming the add-on only, so a client cannot rely on being told the reason; `specific` names it
	 * (403 for not activated, 404 for consent and platform; bodies in README.md).
	 */
	insightsUnavailable: 'generic' | 'specific';
	/**
	 * A chat or voice transcript of a report with insights but no chat or speech: 404 (`notFound`, the
	 * stricter default: not documented) or an empty list (`empty`).
	 */
	insightsAbsent: 'notFound' | 'empty';
	/**
	 * Field names of the insights answers: as the OpenAPI document shows them (`spec`: PascalCase for the AI
	 * summary, chat transcript and features, camelCase for the voice transcript, augmented summary and
	 * screenshots) or all camelCase (`camel`, as ASP.NET's default JSON settings would write them).
	 */
	insightsCasing: 'spec' | 'camel';
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
		sessionListOrder: 'newestFirst',
		sessionsWithoutFullList: 'identity',
		echoCustomIdOnRead: true,
		sessionListIgnoresState: false,
		expiredSessionState: 'Open',
		expiredSessionsConnectable: true,
		closingClosedSession: 'refuse',
		reportsPageSize: 1000,
		reportsNextOffsetOnLastPage: false,
		reportLagMs: 0,
		reportSessionCodes: 'dashed',
		onlineStateFormat: 'string',
		onlineStateCodes: { Offline: 0, Online: 1, Busy: 2, Away: 3 },
		deviceLastSeen: 'sent',
		deviceTeamViewerId: 'sent',
		managedPageSize: 100,
		managedRepeatRejected: true,
		eventLogPageSize: 50,
		eventLogBounds: 'inclusive',
		eventLogOrder: 'oldestFirst',
		rejectDuplicateCreates: false,
		deviceGroupAndPolicyInOneCall: 'refuse',
		patchManagementPageSize: 100,
		patchCountsEmptyList: 'refuse',
		userCreateEchoesEmail: true,
		userLanguages: 'listed',
		userRoleUpdateEchoesRole: false,
		userRoleJsonCase: 'pascal',
		rejectDuplicateRoleNames: true,
		refuseNoOpMemberships: true,
		tfaRemovalWhenOff: 'refuse',
		userGroupsPageSize: 50,
		userGroupsMaxLimit: 100,
		userRoleAssignmentsPageSize: 50,
		latencyMs: 0,
		rateLimit: null,
		insightsUnavailable: 'generic',
		insightsAbsent: 'notFound',
		insightsCasing: 'spec',
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
