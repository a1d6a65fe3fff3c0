import { Random } from './random';
import type { ReportInsights } from './model/insights';
import type {
	Account,
	AuditEvent,
	AuthorizationCode,
	ConnectionReport,
	Contact,
	Device,
	Group,
	ManagedDevice,
	ManagedGroup,
	OAuthClient,
	OAuthCounters,
	RefreshGrant,
	PatchDevice,
	Session,
	TeamViewerPolicy,
	TokenRecord,
	UnassignedDevice,
	User,
	UserGroup,
	UserRole,
} from './types';

export interface OAuthState {
	clients: Map<string, OAuthClient>;
	codes: Map<string, AuthorizationCode>;
	refreshTokens: Map<string, RefreshGrant>;
	counters: OAuthCounters;
}

export type IdKind = 'user' | 'group' | 'device' | 'contact';

/** Everything the simulated TeamViewer company holds. Maps are keyed by the entity's API id. */
export interface SimState {
	account: Account;
	users: Map<string, User>;
	/** Users removed from the company without `isPermanentDelete`: their accounts still exist. */
	removedAccounts: Map<string, User>;
	userRoles: Map<string, UserRole>;
	/** The company's predefined role, given to new users unless they get a role or `ignorePredefinedRole`. */
	predefinedRoleId: string | null;
	userGroups: Map<number, UserGroup>;
	nextUserGroupId: number;
	groups: Map<string, Group>;
	devices: Map<string, Device>;
	/** Keyed by TeamViewer ID. */
	unassignedDevices: Map<number, UnassignedDevice>;
	managedDevices: Map<string, ManagedDevice>;
	managedGroups: Map<string, ManagedGroup>;
	contacts: Map<string, Contact>;
	/** TeamViewer (client settings) policies, keyed by `policy_id`. */
	policies: Map<string, TeamViewerPolicy>;
	/** Devices with Patch Management activated, keyed by TeamViewer ID. */
	patchDevices: Map<number, PatchDevice>;
	/** Keyed by the dashed code `s123-456-789`. */
	sessions: Map<string, Session>;
	reports: Map<string, ConnectionReport>;
	/** Session Insights of connection reports, keyed by report id (model/insights.ts). */
	insights: Map<string, ReportInsights>;
	events: AuditEvent[];
	tokens: Map<string, TokenRecord>;
	oauth: OAuthState;
	nextIds: Record<IdKind, number>;
	/** Source of every generated id, code and token; fixed seed, so runs repeat exactly. */
	random: Random;
}

const STATE_SEED = 0x7e4f1a;

export function createState(): SimState {
	const random = new Random(STATE_SEED);
	return {
		account: {
			companyId: random.uuid(),
			company_name: 'Simulated Company',
			license: {
				license_type: 3,
				version: -1,
				type: 'Corporate',
				details: null,
				teamViewerLicenseId: random.uuid(),
				isactive: true,
			},
			custom_field_has_paid_license: 'True',
		},
		users: new Map(),
		removedAccounts: new Map(),
		userRoles: new Map(),
		predefinedRoleId: null,
		userGroups: new Map(),
		nextUserGroupId: 4001,
		groups: new Map(),
		devices: new Map(),
		unassignedDevices: new Map(),
		managedDevices: new Map(),
		managedGroups: new Map(),
		contacts: new Map(),
		policies: new Map(),
		patchDevices: new Map(),
		sessions: new Map(),
		reports: new Map(),
		insights: new Map(),
		events: [],
		tokens: new Map(),
		oauth: {
			clients: new Map(),
			codes: new Map(),
			refreshTokens: new Map(),
			counters: { authorizationCodeGrants: 0, refreshGrants: 0, revocations: 0 },
		},
		nextIds: { user: 1000001, group: 2720001, device: 9870001, contact: 5550001 },
		random,
	};
}

/** Empties `state` in place, so references held by tests stay valid. */
export function resetState(state: SimState): void {
	Object.assign(state, createState());
}

/** A JSON-friendly copy for `GET /__state`: maps become arrays, generator internals are left out. */
export function snapshotState(state: SimState): Record<string, unknown> {
	const { nextIds, nextUserGroupId, random, oauth, ...entities } = state;
	const plain = (value: unknown): unknown => (value instanceof Map ? [...value.values()] : value);
	return {
		...Object.fromEntries(Object.entries(entities).map(([key, value]) => [key, plain(value)])),
		oauth: Object.fromEntries(Object.entries(oauth).map(([key, value]) => [key, plain(value)])),
	};
}
