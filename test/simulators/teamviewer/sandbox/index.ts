import { connectSession, pastConnectionReport } from '../activity';
import { addSeconds, toIso } from '../clock';
import { newSessionCode, newToken, nextId } from '../ids';
import { createEvent, recordSessionEvent } from '../model/events';
import { accountManager, ALL_MANAGER_PERMISSIONS } from '../model/managedGroups';
import { addReport } from '../model/reports';
import { closeSession, createSession } from '../model/sessions';
import { Random } from '../random';
import { applySeed, type SeedData } from '../seed';
import type { SimState } from '../state';
import type { ConnectionReport, OnlineState, Session } from '../types';
import {
	ADMIN_EVENTS,
	CUSTOMERS,
	DEVICES,
	LIMITED_PERMISSIONS,
	MANAGED_DEVICES,
	MANAGED_GROUPS,
	SERVICE_CASES,
	USER_GROUPS,
	USER_ROLES,
	USERS,
	type GroupName,
	type ServiceCase,
} from './catalogue';

/*
 * The sandbox: a small support company with a few weeks of history, identical for the same seed on
 * an empty simulator. Used by `cli.ts` (the start command) and by tests that want realistic data.
 */

export interface SandboxOptions {
	/** Days of connection-report history before now; default 21. */
	reportDays?: number;
	/** PRNG seed; default 1. */
	seed?: number;
}

export interface SandboxInfo {
	/** `admin`: every permission, company level. `limited`: read-only, own sessions, no reports. */
	tokens: { admin: string; limited: string };
	oauthClient: { clientId: string; clientSecret: string };
	/** Ada Agent, as whom both tokens and the OAuth client act. */
	accountUserId: string;
	userIds: string[];
	groupIds: string[];
	/** Administrator (Ada), Supporter (Ben, Chloe), Viewer (nobody). */
	userRoleIds: string[];
	/** Helpdesk (Ben, Chloe; role Supporter), Escalation (Dana, Emil; no role). */
	userGroupIds: number[];
	groupsByName: Record<GroupName, string>;
	deviceIds: string[];
	managedDeviceIds: string[];
	/** Engineering and HR Laptops (Ada is a manager), Warehouse (company only). */
	managedGroupIds: string[];
	managedGroupsByName: Record<string, string>;
	contactIds: string[];
	unassignedDevices: Array<{ teamviewerId: number; password: string }>;
	/** Every seeded session, open ones first. */
	sessionCodes: string[];
	openSessionCodes: string[];
	customIdSession: { code: string; customId: string };
	reportCount: number;
	eventCount: number;
}

interface Ids {
	users: string[];
	groups: Record<GroupName, string>;
	devices: string[];
	managedDevices: string[];
	contacts: string[];
}

const HOUR_SECONDS = 3600;
const DAY_MS = 24 * HOUR_SECONDS * 1000;

function companyEmail(name: string): string {
	return `${name.toLowerCase().replace(/\s+/g, '.')}@sandbox-support.example`;
}

function allocateIds(state: SimState, random: Random): Ids {
	return {
		users: USERS.map(() => nextId(state, 'user')),
		groups: {
			Customers: nextId(state, 'group'),
			ServiceNow: nextId(state, 'group'),
			Servers: nextId(state, 'group'),
			'Shared with me': nextId(state, 'group'),
		},
		devices: DEVICES.map(() => nextId(state, 'device')),
		managedDevices: MANAGED_DEVICES.map(() => random.uuid()),
		contacts: [0, 1, 2, 3].map(() => nextId(state, 'contact')),
	};
}

/** Everything without history: users, groups, devices, contacts, credentials. */
function baseData(
	state: SimState,
	random: Random,
	now: string,
	ids: Ids,
	info: Pick<SandboxInfo, 'tokens' | 'oauthClient'>,
): SeedData {
	const [ada, ben, , dana] = ids.users;
	const { groups } = ids;
	const hoursAgo = (hours: number) => addSeconds(now, -hours * HOUR_SECONDS);
	return {
		account: { company_name: 'Sandbox Support GmbH' },
		users: USERS.map((user, i) => ({
			...user,
			id: ids.users[i],
			email: companyEmail(user.name),
			password: 'sandbox-password',
			last_access_date: hoursAgo(random.int(1, 72)),
			roleIds: USER_ROLES.filter((role) => (role.users as readonly number[]).includes(i)).map((role) => role.id),
		})),
		userRoles: USER_ROLES.map(({ id, name, permissions }) => ({ id, name, permissions: [...permissions] })),
		userGroups: USER_GROUPS.map(({ name, members, role }, i) => ({
			id: 4001 + i,
			name,
			memberIds: members.map((index) => Number(ids.users[index].slice(1))),
			roleId: USER_ROLES.find((candidate) => candidate.name === role)?.id ?? null,
		})),
		groups: [
			{
				id: groups.Customers,
				name: 'Customers',
				ownerId: ada,
				shared_with: [{ userid: ben, permissions: 'readwrite', pending: false }],
			},
			{ id: groups.ServiceNow, name: 'ServiceNow', ownerId: ada },
			{
				id: groups.Servers,
				name: 'Servers',
				ownerId: ada,
				shared_with: [{ userid: dana, permissions: 'read', pending: false }],
			},
			{
				id: groups['Shared with me'],
				name: 'Shared with me',
				ownerId: dana,
				shared_with: [{ userid: ada, permissions: 'read', pending: false }],
			},
		],
		devices: DEVICES.map(([group, alias, description], i) => {
			const onlineState: OnlineState =
				i % 2 === 0 ? 'Online' : random.pick(['Offline', 'Offline', 'Busy', 'Away']);
			return {
				device_id: ids.devices[i],
				teamviewer_id: Number(random.digits(random.chance(0.5) ? 9 : 10)),
				groupid: groups[group],
				alias,
				description,
				online_state: onlineState,
				assigned_to: group === 'Servers',
				last_seen: onlineState === 'Online' ? now : hoursAgo(random.int(2, 200)),
			};
		}),
		unassignedDevices: [
			{
				teamviewerId: Number(random.digits(9)),
				password: 'assign-me-1',
				alias: 'NEW-LAPTOP-01',
				groupid: groups.Customers,
			},
			{
				teamviewerId: Number(random.digits(9)),
				password: 'assign-me-2',
				alias: 'NEW-WORKSTATION-02',
				groupid: null,
			},
		],
		managedDevices: MANAGED_DEVICES.map((name, i) => ({
			id: ids.managedDevices[i],
			name,
			teamviewerId: Number(random.digits(10)),
			isOnline: i % 2 === 0,
			last_seen: i % 2 === 0 ? null : hoursAgo(random.int(1, 100)),
			teamviewerPolicyId: i < 2 ? random.uuid() : null,
			managerIds: i < 4 ? [ada] : [],
		})),
		contacts: [
			{
				contact_id: ids.contacts[0],
				...CUSTOMERS.erika,
				groupid: groups.Customers,
				online_state: 'Online',
			},
			{ contact_id: ids.contacts[1], ...CUSTOMERS.john, groupid: groups.Customers },
			{
				contact_id: ids.contacts[2],
				...CUSTOMERS.li,
				groupid: groups.ServiceNow,
				online_state: 'Away',
			},
			{
				contact_id: ids.contacts[3],
				email: companyEmail('Ben Backoffice'),
				groupid: groups.Customers,
			},
		],
		tokens: [
			{
				token: info.tokens.admin,
				userId: ada,
				permissions: 'all',
				companyId: state.account.companyId,
			},
			{ token: info.tokens.limited, userId: ada, permissions: LIMITED_PERMISSIONS },
		],
		oauthClients: [{ ...info.oauthClient, userId: ada, permissions: 'all' }],
	};
}

function seedServiceCase(
	state: SimState,
	random: Random,
	now: string,
	ids: Ids,
	serviceCase: ServiceCase,
): Session {
	const createdAt = addSeconds(now, -serviceCase.hoursAgo * HOUR_SECONDS);
	const creator = ids.users[serviceCase.creator];
	const assignee = serviceCase.assignee === undefined ? null : ids.users[serviceCase.assignee];
	const session = createSession(
		state,
		{
			code: newSessionCode(state, random),
			groupid: ids.groups[serviceCase.groupName],
			createdBy: creator,
			created_at: createdAt,
			assigned_userid: assignee,
			assigned_at: assignee === null ? null : createdAt,
			description: serviceCase.description,
			end_customer: serviceCase.customer,
			customId: serviceCase.customId ?? null,
		},
		now,
	);
	state.sessions.set(session.code, session);
	recordSessionEvent(state, 'CreatedSession', session, creator, createdAt);
	if (serviceCase.closedAfterMinutes !== undefined) {
		const startedAt = addSeconds(createdAt, 5 * 60);
		const durationSeconds = (serviceCase.closedAfterMinutes - 10) * 60;
		connectSession(state, session.code, { startedAt, durationSeconds }, now);
		const closedAt = addSeconds(createdAt, serviceCase.closedAfterMinutes * 60);
		closeSession(session, closedAt);
		recordSessionEvent(state, 'ClosedSession', session, creator, closedAt);
	}
	return session;
}

/** 3–6 attended or unattended connections per working day (08:00–17:30 UTC) of the last `days` days. */
function seedReportHistory(
	state: SimState,
	random: Random,
	nowMs: number,
	days: number,
	ids: Ids,
): ConnectionReport[] {
	const [ada, ben, chloe] = ids.users;
	const supporters = [ada, ada, ben, chloe];
	const devices = ids.devices
		.map((id) => state.devices.get(id))
		.filter((device) => device !== undefined);
	const queueGroups = [ids.groups.ServiceNow, ids.groups.Customers];
	const todayMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
	const reports: ConnectionReport[] = [];
	for (let day = days; day >= 0; day--) {
		const dayMs = todayMs - day * DAY_MS;
		const weekday = new Date(dayMs).getUTCDay();
		if (weekday === 0 || weekday === 6) continue;
		for (let count = random.int(3, 6); count > 0; count--) {
			const startMs = dayMs + (8 * 60 + random.int(0, 570)) * 60 * 1000;
			const durationSeconds = random.int(3, 55) * 60;
			if (startMs + durationSeconds * 1000 > nowMs) continue;
			const attended = random.chance(0.6);
			const report = pastConnectionReport(state, random, {
				userId: random.pick(supporters),
				start: toIso(startMs),
				durationSeconds,
				attended,
				device: attended ? undefined : random.pick(devices),
				groupid: attended ? random.pick(queueGroups) : null,
			});
			reports.push(addReport(state, report));
		}
	}
	return reports;
}

/** StartedSession/EndedSession for the latest 50 connections, and 20 administration events. */
function seedAuditEvents(
	state: SimState,
	random: Random,
	reports: ConnectionReport[],
	nowMs: number,
	days: number,
	ids: Ids,
): void {
	const latest = [...reports].sort((a, b) => (a.end_date < b.end_date ? 1 : -1)).slice(0, 50);
	for (const report of latest) {
		const common = {
			EventType: 'Session',
			Author: report.username,
			AuthorEmail: state.users.get(report.userid)?.email ?? '',
			AffectedItem: report.devicename ?? report.deviceid ?? '',
			EventDetails: [
				{
					PropertyName: 'SessionCode',
					PropertyCategory: 'Session',
					OldValue: null,
					NewValue: report.session_code,
				},
			],
		};
		state.events.push(
			createEvent({ ...common, EventName: 'StartedSession', Timestamp: report.start_date }),
		);
		state.events.push(
			createEvent({ ...common, EventName: 'EndedSession', Timestamp: report.end_date }),
		);
	}
	for (let i = 0; i < 20; i++) {
		const [type, name] = random.pick(ADMIN_EVENTS);
		const author = state.users.get(random.pick(ids.users.slice(0, 2)));
		state.events.push(
			createEvent({
				EventType: type,
				EventName: name,
				Timestamp: toIso(nowMs - random.int(1, days * 24 * 60) * 60 * 1000),
				Author: author?.name ?? '',
				AuthorEmail: author?.email ?? '',
				AffectedItem: random.pick(ids.users),
				EventDetails: [
					{ PropertyName: name, PropertyCategory: type, OldValue: 'before', NewValue: 'after' },
				],
			}),
		);
	}
}

/**
 * The managed groups, from a PRNG of their own so that the rest of the sandbox stays what it was
 * before managed groups existed (same ids, tokens and history for the same seed).
 */
function seedManagedGroups(state: SimState, seed: number, ids: Ids): Record<string, string> {
	const random = new Random(seed * 7919 + 0x6d);
	const [ada, , , dana] = ids.users.map((id) => state.users.get(id)!);
	const byName: Record<string, string> = {};
	for (const entry of MANAGED_GROUPS) {
		const id = random.uuid();
		byName[entry.name] = id;
		const managers = [
			{
				id: random.uuid(),
				type: 'company' as const,
				accountId: null,
				companyId: state.account.companyId,
				name: state.account.company_name,
				permissions: [...ALL_MANAGER_PERMISSIONS],
				userId: null,
			},
			...(entry.byAda ? [accountManager(state, ada, random.uuid())] : []),
			...(entry.name === 'Engineering'
				? [{ ...accountManager(state, dana, random.uuid()), permissions: ['DeviceAdministration', 'EasyAccess'] }]
				: []),
		];
		applySeed(state, { managedGroups: [{ id, name: entry.name, managers, policies: entry.policy ? { 1: random.uuid() } : {} }] }, '');
		for (const index of entry.members) state.managedDevices.get(ids.managedDevices[index])!.groupIds.push(id);
		for (const index of entry.pending) state.managedDevices.get(ids.managedDevices[index])!.pendingGroupIds.push(id);
	}
	return byName;
}

/** Adds the sandbox company to `state` and says where everything is. */
export function seedSandbox(state: SimState, options: SandboxOptions, nowMs: number): SandboxInfo {
	const random = new Random(options.seed ?? 1);
	const days = options.reportDays ?? 21;
	const now = toIso(nowMs);
	const ids = allocateIds(state, random);
	const credentials = {
		tokens: { admin: newToken(random), limited: newToken(random) },
		oauthClient: { clientId: newToken(random), clientSecret: random.alphanumeric(32) },
	};
	const data = baseData(state, random, now, ids, credentials);
	applySeed(state, data, now);
	const managedGroupsByName = seedManagedGroups(state, options.seed ?? 1, ids);

	const sessions = SERVICE_CASES.map((serviceCase) =>
		seedServiceCase(state, random, now, ids, serviceCase),
	);
	const reports = seedReportHistory(state, random, nowMs, days, ids);
	seedAuditEvents(state, random, reports, nowMs, days, ids);

	const open = sessions.filter((session) => session.state === 'Open');
	const closed = sessions.filter((session) => session.state === 'Closed');
	const [customIdSession] = sessions; // the first service case carries a customId
	return {
		...credentials,
		accountUserId: ids.users[0],
		userIds: ids.users,
		groupIds: Object.values(ids.groups),
		userRoleIds: USER_ROLES.map((role) => role.id),
		userGroupIds: USER_GROUPS.map((_, i) => 4001 + i),
		groupsByName: ids.groups,
		deviceIds: ids.devices,
		managedDeviceIds: ids.managedDevices,
		managedGroupIds: Object.values(managedGroupsByName),
		managedGroupsByName,
		contactIds: ids.contacts,
		unassignedDevices: (data.unassignedDevices ?? []).map(({ teamviewerId, password }) => ({
			teamviewerId,
			password,
		})),
		sessionCodes: [...open, ...closed].map((session) => session.code),
		openSessionCodes: open.map((session) => session.code),
		customIdSession: { code: customIdSession.code, customId: customIdSession.customId ?? '' },
		reportCount: reports.length + closed.length,
		eventCount: state.events.length,
	};
}
