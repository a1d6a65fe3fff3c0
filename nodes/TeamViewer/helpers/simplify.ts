import type { IDataObject } from 'n8n-workflow';

import { durationSeconds } from './dates';

function pick(record: IDataObject, keys: string[]): IDataObject {
	const result: IDataObject = {};
	for (const key of keys) if (record[key] !== undefined) result[key] = record[key];
	return result;
}

export function simplifySession(session: IDataObject): IDataObject {
	const customer = (session.end_customer as IDataObject | undefined) ?? {};
	return {
		...pick(session, ['code', 'state', 'online', 'description']),
		end_customer_name: customer.name ?? null,
		end_customer_email: customer.email ?? null,
		...pick(session, ['assigned_userid', 'valid_until', 'end_customer_link', 'supporter_link']),
		...pick(session, ['customId']),
	};
}

/**
 * Adds `duration_seconds` (end − start) to a connection report just read from TeamViewer, keeping every
 * TeamViewer field. In place: it runs once per report of an export, where a copy per record cost more
 * than parsing the page (issue #13 profile).
 */
export function withDuration(report: IDataObject): IDataObject {
	report.duration_seconds = durationSeconds(report.start_date, report.end_date);
	return report;
}

/** The fields a ticket note needs, built in one literal (one shape for every record). */
export function simplifyReport(report: IDataObject): IDataObject {
	return {
		id: report.id,
		session_code: report.session_code,
		userid: report.userid,
		username: report.username,
		devicename: report.devicename,
		deviceid: report.deviceid,
		groupname: report.groupname,
		start_date: report.start_date,
		end_date: report.end_date,
		duration_seconds: durationSeconds(report.start_date, report.end_date),
	};
}

export function simplifyDevice(device: IDataObject): IDataObject {
	return pick(device, [
		'device_id',
		'alias',
		'remotecontrol_id',
		'teamviewer_id',
		'groupid',
		'online_state',
		'last_seen',
		'description',
	]);
}

export function simplifyUser(user: IDataObject): IDataObject {
	return pick(user, ['id', 'name', 'email', 'active', 'online_state', 'last_access_date', 'userRoleId']);
}
