import type { Permission } from './permissions';

/*
 * Entities as the simulator stores them. Fields in snake_case (and `customId`, `teamviewerId` …) are the
 * wire fields of TeamViewer's API; camelCase fields that the API does not have (`ownerId`, `createdBy`,
 * `onlineUntil` …) are the simulator's own bookkeeping and never leave it.
 */

export type OnlineState = 'Online' | 'Offline' | 'Busy' | 'Away';
export const ONLINE_STATES: readonly OnlineState[] = ['Online', 'Offline', 'Busy', 'Away'];

export interface License {
	license_type: number;
	version: number;
	type: string;
	details: string | null;
	teamViewerLicenseId: string;
	isactive: boolean;
}

/** Company-wide data that GET /account shows next to the caller's own fields. */
export interface Account {
	companyId: string;
	company_name: string;
	license: License;
	custom_field_has_paid_license: string;
}

export interface User {
	id: string;
	name: string;
	email: string;
	email_language: string;
	email_validated: boolean;
	password: string | null;
	online_state: OnlineState;
	active: boolean;
	log_sessions: boolean;
	show_comment_window: boolean;
	custom_quicksupport_id: string | null;
	custom_quickjoin_id: string | null;
	last_access_date: string | null;
	activated_license_id: string | null;
	activated_license_name: string | null;
	activated_meeting_license_key: string | null;
	/** User roles assigned to the account, in the order they were assigned; `userRoleId` shows the first. */
	roleIds: string[];
	/** The SSO customer identifier last set (never returned by the API). */
	ssoCustomerId: string | null;
	subscribeNewsletter: boolean;
	tfa_enforcement: boolean;
	tfa_enabled: boolean;
	sso_status: number;
}

/** A user role of the company (`/userroles`); `permissions` are the granted permission names. */
export interface UserRole {
	id: string;
	name: string;
	permissions: string[];
}

/** A user group (`/usergroups`): int64 id, members by numeric account id. */
export interface UserGroup {
	id: number;
	name: string;
	/** 1 API, 2 UI (Management Console), 3 SCIM. */
	creationSourceType: number;
	/** Account ids (`u123` → 123) in the order they were added. */
	memberIds: number[];
	/** The user role assigned to the group, if any. */
	roleId: string | null;
}

export type GroupPermission = 'read' | 'readwrite';

export interface GroupShare {
	userid: string;
	permissions: GroupPermission;
	pending: boolean;
}

export interface Group {
	id: string;
	name: string;
	policy_id: string | null;
	ownerId: string;
	shared_with: GroupShare[];
}

export interface Device {
	device_id: string;
	remotecontrol_id: string;
	teamviewer_id: number;
	userid: string | null;
	alias: string;
	groupid: string;
	description: string | null;
	online_state: OnlineState;
	policy_id: string | null;
	assigned_to: boolean;
	supported_features: string;
	last_seen: string | null;
	password: string | null;
}

/** A running TeamViewer that `POST /devices/assign` can claim with its password (UNCONFIRMED: which ID `device_id` takes is not documented). */
export interface UnassignedDevice {
	teamviewerId: number;
	password: string;
	alias: string;
	groupid: string | null;
}

export interface ManagedDevice {
	id: string;
	teamviewerId: number;
	name: string;
	isOnline: boolean;
	last_seen: string | null;
	teamviewerPolicyId: string | null;
	teamViewerVersion: string;
	deviceDescription: string | null;
	managedGroupId: string | null;
	managerIds: string[];
	/**
	 * Its direct managers (`GET /managed/devices/{id}/managers`); made from `managerIds` on first use, after
	 * which `managerIds` follows it (the account managers' user ids).
	 */
	managers?: ManagedGroupManager[];
	/** Managed groups the device is in (`GET /managed/devices/{id}/groups`, `GET /managed/groups/{id}/devices`). */
	groupIds: string[];
	/** Managed groups the device was added to but has not joined yet (`GET /managed/groups/{id}/pending-devices`). */
	pendingGroupIds: string[];
	/** Monitoring (4) and patch management (5) policies; the TeamViewer policy (1) is `teamviewerPolicyId`. */
	otherPolicies: Partial<Record<ManagedPolicyType, string>>;
}

/** `policy_type` of managed devices and groups: 1 TeamViewer policy, 4 monitoring, 5 patch management. */
export type ManagedPolicyType = 1 | 4 | 5;
export const MANAGED_POLICY_TYPES: readonly ManagedPolicyType[] = [1, 4, 5];

/** A direct manager of a managed group (ManagerModel); `type` as TeamViewerPS reads it. */
export interface ManagedGroupManager {
	id: string;
	type: 'account' | 'company';
	/** The account's user id without the `u`, for `type: 'account'`. */
	accountId: number | null;
	companyId: string | null;
	name: string;
	permissions: string[];
	/** The simulator's own: the user this manager entry stands for (`u…`), null for a company manager. */
	userId: string | null;
}

export interface ManagedGroup {
	id: string;
	name: string;
	/** policy_type → policy id. */
	policies: Partial<Record<ManagedPolicyType, string>>;
	managers: ManagedGroupManager[];
}

/** One setting of a TeamViewer (client settings) policy, as TeamViewer's OpenAPI document names it. */
export interface PolicySetting {
	Key: string;
	Value: unknown;
	Enforce: boolean;
}

/** `/teamviewerpolicies`: `isDefault` is the `default` flag of POST/PUT, which GET does not return. */
export interface TeamViewerPolicy {
	policy_id: string;
	name: string;
	settings: PolicySetting[];
	isDefault: boolean;
}

/** One missing patch of a scan (TeamViewer's OpenAPI document, MissingPatchData). */
export interface MissingPatch {
	patch_id: string;
	patch_region_id: number;
	severity: number;
	product_name: string;
	bulletin_name: string | null;
	bulletin_url: string | null;
	bulletin_title: string | null;
	download_url: string | null;
	type: number;
	kb: string | null;
	cve: string[];
	release_date: string | null;
	patch_size: number;
	patch_details: string | null;
	installable: boolean;
	is_service_pack: boolean;
}

/** A device with Patch Management activated, keyed by TeamViewer ID, with its last scan's missing patches. */
export interface PatchDevice {
	teamviewer_id: number;
	activation_time: string;
	patches: MissingPatch[];
}

export interface Contact {
	contact_id: string;
	user_id: string;
	name: string;
	email: string;
	groupid: string;
	description: string | null;
	online_state: OnlineState;
	profilepicture_url: string | null;
	supported_features: string;
}

export interface EndCustomer {
	name: string | null;
	email: string | null;
}

export type SessionState = 'Open' | 'Closed';

export interface Session {
	code: string;
	groupid: string;
	description: string | null;
	end_customer: EndCustomer | null;
	waiting_message: string | null;
	assigned_userid: string | null;
	assigned_at: string | null;
	end_customer_link: string;
	supporter_link: string;
	webclient_supporter_link: string;
	custom_api: string | null;
	custom_module_id: string | null;
	tv_version: string | null;
	customId: string | null;
	support_session_type: string;
	created_at: string;
	valid_until: string;
	closed_at: string | null;
	state: SessionState;
	online: boolean;
	/** While set and in the future, a connection is running (see `connectSession`). */
	onlineUntil: string | null;
	createdBy: string;
}

export interface Feedback {
	session_rating: number | null;
	user_comment: string | null;
}

export type BillingState = 'Bill' | 'Billed' | 'DoNotBill';
export const BILLING_STATES: readonly BillingState[] = ['Bill', 'Billed', 'DoNotBill'];

/** A connection report record, field for field as documented; absent values are `null`. */
export interface ConnectionReport {
	id: string;
	userid: string;
	username: string;
	deviceid: string | null;
	devicename: string | null;
	groupid: string | null;
	groupname: string | null;
	support_session_type: number;
	start_date: string;
	end_date: string;
	fee: number;
	currency: string;
	billing_state: BillingState;
	notes: string | null;
	contact_id: string | null;
	session_code: string | null;
	session_created_at: string | null;
	valid_until: string | null;
	assigned_userid: string | null;
	assigned_at: string | null;
	session_note: string | null;
	custom_api: string | null;
	end_customer: EndCustomer | null;
	feedback: Feedback | null;
}

export interface AuditEventDetail {
	PropertyName: string;
	PropertyCategory: string;
	OldValue: string | null;
	NewValue: string | null;
}

export interface AuditEvent {
	EventName: string;
	EventType: string;
	Timestamp: string;
	Author: string;
	AuthorEmail: string;
	AffectedItem: string;
	EventDetails: AuditEventDetail[];
	/** The remote-control session a session event belongs to (the `RCSessionGuid` filter); never sent. */
	rcSessionGuid?: string | null;
}

export interface TokenRecord {
	token: string;
	userId: string;
	permissions: Permission[];
	/** `null` = never expires (script tokens). */
	expiresAt: string | null;
	/** Set for company-level tokens; needed by `/managed/devices/company`. */
	companyId: string | null;
	revoked: boolean;
	clientId: string | null;
	/** Calls the token still authorises before it expires (see `expireToken`); `undefined` = no limit. */
	usesLeft?: number;
}

export interface OAuthClient {
	clientId: string;
	clientSecret: string;
	userId: string;
	permissions: Permission[];
}

export interface AuthorizationCode {
	code: string;
	clientId: string;
	redirectUri: string;
	expiresAt: string;
	codeChallenge: string | null;
	codeChallengeMethod: string | null;
}

export interface RefreshGrant {
	refreshToken: string;
	clientId: string;
}

export interface OAuthCounters {
	authorizationCodeGrants: number;
	refreshGrants: number;
	revocations: number;
}
