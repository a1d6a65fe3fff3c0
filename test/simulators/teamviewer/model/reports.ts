import type { SimulatorConfig } from '../config';
import { badRequest } from '../errors';
import { normalizeSessionCode } from '../ids';
import type { Random } from '../random';
import type { SimState } from '../state';
import type { ConnectionReport } from '../types';

export type ReportSeed = Partial<ConnectionReport> &
	Pick<ConnectionReport, 'userid' | 'start_date' | 'end_date'>;

/** Connection-report `support_session_type`: a different enum from the session one. */
const REPORT_SESSION_TYPES: Record<string, number> = {
	RemoteConnection: 1,
	RemoteSupportActive: 2,
	RemoteSupportActiveSdk: 3,
};

/** A record in the documented field order; the user and group names are looked up when not given. */
export function createReport(
	state: SimState,
	seed: ReportSeed,
	random: Random = state.random,
): ConnectionReport {
	const groupname = seed.groupid ? (state.groups.get(seed.groupid)?.name ?? null) : null;
	const sessionCode = seed.session_code ? normalizeSessionCode(seed.session_code) : null;
	if (sessionCode === undefined) throw new Error(`Not a session code: ${seed.session_code}`);
	const defaults: ConnectionReport = {
		id: random.uuid(),
		userid: seed.userid,
		username: state.users.get(seed.userid)?.name ?? '',
		deviceid: null,
		devicename: null,
		groupid: null,
		groupname,
		support_session_type: 1,
		start_date: seed.start_date,
		end_date: seed.end_date,
		fee: 0,
		currency: 'None',
		billing_state: 'Bill',
		notes: null,
		contact_id: null,
		session_code: null,
		session_created_at: null,
		valid_until: null,
		assigned_userid: null,
		assigned_at: null,
		session_note: null,
		custom_api: null,
		end_customer: null,
		feedback: null,
	};
	return { ...defaults, ...seed, session_code: sessionCode };
}

export function addReport(state: SimState, report: ConnectionReport): ConnectionReport {
	state.reports.set(report.id, report);
	return report;
}

/** Reports appear `reportLagMs` after they end, as TeamViewer's reporting pipeline lags. */
export function isReportVisible(
	config: SimulatorConfig,
	report: ConnectionReport,
	nowMs: number,
): boolean {
	return Date.parse(report.end_date) + config.reportLagMs <= nowMs;
}

/** Newest `end_date` first, then by id for a stable order (same-format ISO strings sort as text). */
export function compareReports(a: ConnectionReport, b: ConnectionReport): number {
	if (a.end_date !== b.end_date) return a.end_date < b.end_date ? 1 : -1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The `support_session_type` filter: a name (any case) or its integer 0–3. */
export function parseReportSessionType(text: string): number {
	if (/^[0-3]$/.test(text)) return Number(text);
	const entry = Object.entries(REPORT_SESSION_TYPES).find(
		([name]) => name.toLowerCase() === text.toLowerCase(),
	);
	if (!entry) {
		const names = Object.keys(REPORT_SESSION_TYPES).join(', ');
		throw badRequest(`support_session_type must be one of ${names} or 0-3, got '${text}'.`);
	}
	return entry[1];
}
