import { addSeconds, toIso } from './clock';
import { formatSessionCode, normalizeSessionCode, parseTeamViewerId } from './ids';
import { setInsights, type InsightsSpec } from './model/insights';
import { addReport, createReport } from './model/reports';
import type { Random } from './random';
import type { SimState } from './state';
import type { ConnectionReport, Device, EndCustomer } from './types';

/*
 * What happens on TeamViewer's side without an API call: supporters connect, connections end and
 * turn into connection reports.
 */

export interface ConnectSessionOptions {
	/** Default: the session's assignee, else its creator. */
	userId?: string;
	/** Default: a `DESKTOP-XXXXXXX` name. */
	deviceName?: string;
	/** The customer's TeamViewer ID; default random. */
	teamviewerId?: string;
	/** Default: now (simulator clock). */
	startedAt?: string;
	/** Default 900. */
	durationSeconds?: number;
	/** Connection-report enum; default 2 = RemoteSupportActive. */
	supportSessionType?: number;
	/** Session Insights of the connection (see `setReportInsights`); default none recorded. */
	insights?: InsightsSpec;
}

export interface GenerateReportsOptions {
	/** The newest report ends one spacing before this; default now. */
	endBefore?: string;
	/** Between consecutive end dates; default 600. */
	spacingSeconds?: number;
	/** Default: the first user. */
	userId?: string;
	groupid?: string;
	/** Attended reports with session codes instead of unattended ones. */
	withCode?: boolean;
}

/** A finished connection to turn into a report. */
export interface PastConnection {
	userId: string;
	start: string;
	durationSeconds: number;
	/** Started from a service case: session code, end customer, RemoteSupportActive. */
	attended: boolean;
	/** For unattended connections: the Computers & Contacts device connected to. */
	device?: Device;
	groupid?: string | null;
}

const CUSTOMERS: readonly EndCustomer[] = [
	{ name: 'Erika Muster', email: 'erika.muster@customer.example' },
	{ name: 'John Doe', email: 'john.doe@acme.example' },
	{ name: 'Li Wei', email: 'li.wei@globex.example' },
	{ name: 'Maria Rossi', email: 'maria.rossi@initech.example' },
	{ name: 'Ahmed Khan', email: 'ahmed.khan@umbrella.example' },
];
const COMMENTS = ['quick help', 'Problem solved, thanks!', 'took a while', 'very friendly'];
const NOTES = [
	'Installed updates',
	'Restarted print spooler',
	'Cleared disk space',
	'Renewed certificate',
];

function customerDeviceName(random: Random): string {
	return `DESKTOP-${random.alphanumeric(7).toUpperCase()}`;
}

export function pastConnectionReport(
	state: SimState,
	random: Random,
	connection: PastConnection,
): ConnectionReport {
	const { userId, start, durationSeconds } = connection;
	const end = addSeconds(start, durationSeconds);
	if (!connection.attended) {
		const { device } = connection;
		return createReport(
			state,
			{
				userid: userId,
				start_date: start,
				end_date: end,
				support_session_type: 1,
				deviceid: device ? String(device.teamviewer_id) : random.digits(9),
				devicename: device?.alias ?? null,
				groupid: device?.groupid ?? connection.groupid ?? null,
				notes: random.chance(0.2) ? random.pick(NOTES) : null,
			},
			random,
		);
	}
	const createdAt = addSeconds(start, -random.int(2, 90) * 60);
	return createReport(
		state,
		{
			userid: userId,
			start_date: start,
			end_date: end,
			support_session_type: 2,
			deviceid: random.digits(9),
			devicename: customerDeviceName(random),
			groupid: connection.groupid ?? null,
			session_code: formatSessionCode(random.digits(9)),
			session_created_at: createdAt,
			valid_until: addSeconds(createdAt, 86400),
			assigned_userid: userId,
			assigned_at: createdAt,
			end_customer: random.pick(CUSTOMERS),
			feedback: random.chance(0.3)
				? { session_rating: random.int(3, 5), user_comment: random.pick(COMMENTS) }
				: null,
		},
		random,
	);
}

/**
 * A supporter joins the session: it is online until the connection ends, and the connection report
 * (with the session's fields) exists from then on — visible once `reportLagMs` has passed too.
 */
export function connectSession(
	state: SimState,
	code: string,
	options: ConnectSessionOptions,
	now: string,
): ConnectionReport {
	const session = state.sessions.get(normalizeSessionCode(code) ?? '');
	if (!session) throw new Error(`Session ${code} does not exist.`);
	const start = options.startedAt === undefined ? now : toIso(Date.parse(options.startedAt));
	const end = addSeconds(start, options.durationSeconds ?? 900);
	const teamviewerId =
		options.teamviewerId === undefined ? undefined : parseTeamViewerId(options.teamviewerId);
	session.online = true;
	session.onlineUntil = end;
	const report = addReport(
		state,
		createReport(state, {
			userid: options.userId ?? session.assigned_userid ?? session.createdBy,
			deviceid: String(teamviewerId ?? state.random.digits(9)),
			devicename: options.deviceName ?? customerDeviceName(state.random),
			groupid: session.groupid,
			support_session_type: options.supportSessionType ?? 2,
			start_date: start,
			end_date: end,
			session_code: session.code,
			session_created_at: session.created_at,
			valid_until: session.valid_until,
			assigned_userid: session.assigned_userid,
			assigned_at: session.assigned_at,
			custom_api: session.custom_api,
			end_customer: session.end_customer,
		}),
	);
	if (options.insights !== undefined) setInsights(state, report.id, options.insights);
	return report;
}

/** `n` past reports, newest first, `spacingSeconds` apart; unattended ones reuse known devices. */
export function addConnectionReports(
	state: SimState,
	n: number,
	options: GenerateReportsOptions,
	now: string,
): ConnectionReport[] {
	if (!Number.isInteger(n) || n < 0) throw new Error('n must be a non-negative integer.');
	const userId = options.userId ?? state.users.keys().next().value;
	if (userId === undefined) throw new Error('Seed a user or pass userId to generate reports.');
	const endBefore = Date.parse(options.endBefore ?? now);
	if (Number.isNaN(endBefore)) {
		throw new Error(`endBefore is not a date-time: ${options.endBefore}`);
	}
	const spacingMs = (options.spacingSeconds ?? 600) * 1000;
	const attended = options.withCode ?? false;
	const devices = [...state.devices.values()].filter(
		(device) => options.groupid === undefined || device.groupid === options.groupid,
	);
	const { random } = state;
	return Array.from({ length: n }, (_, i) => {
		const durationSeconds = random.int(3, 45) * 60;
		const endMs = endBefore - (i + 1) * spacingMs;
		const device = !attended && devices.length > 0 ? random.pick(devices) : undefined;
		const connection: PastConnection = {
			userId,
			start: toIso(endMs - durationSeconds * 1000),
			durationSeconds,
			attended,
			device,
			groupid: options.groupid ?? null,
		};
		return addReport(state, pastConnectionReport(state, random, connection));
	});
}
