import type { SimulatorConfig } from '../config';
import { requireChanges, type ApiContext } from '../context';
import { badRequest, notFound } from '../errors';
import { normalizeSessionCode, parseTeamViewerId } from '../ids';
import { cased, featureRecords, unavailable, type InsightKind } from '../model/insights';
import { compareReports, isReportVisible, parseReportSessionType } from '../model/reports';
import { json, noContent, type Reply } from '../../common/reply';
import { securedRoute, type Route } from '../router';
import { BILLING_STATES, type BillingState, type ConnectionReport } from '../types';

// Connection reports.

type Filter = (report: ConnectionReport) => boolean;

function sameText(a: string | null, b: string): boolean {
	return a !== null && a.toLowerCase() === b.toLowerCase();
}

/** One predicate per query parameter given; dates compare as whole-second ISO text. */
function readFilters(ctx: ApiContext): Filter[] {
	const { query } = ctx;
	const filters: Filter[] = [];
	const add = <T>(
		value: T | undefined,
		test: (report: ConnectionReport, value: T) => boolean,
	): void => {
		if (value !== undefined) filters.push((report) => test(report, value));
	};
	add(query.string('username'), (r, name) => sameText(r.username, name));
	add(query.string('userid'), (r, userId) => r.userid === userId);
	add(query.string('groupid'), (r, groupId) =>
		groupId === '0' ? r.groupid === null : r.groupid === groupId,
	);
	add(query.string('devicename'), (r, name) => sameText(r.devicename, name));
	add(readDeviceId(ctx), (r, deviceId) => r.deviceid === deviceId);
	add(query.dateTime('from_date'), (r, from) => Date.parse(r.start_date) >= from);
	add(query.dateTime('to_date'), (r, to) => Date.parse(r.end_date) < to);
	add(query.boolean('has_code'), (r, hasCode) => (r.session_code !== null) === hasCode);
	add(readSessionCode(ctx), (r, code) => r.session_code === code);
	add(readSessionType(ctx), (r, type) => r.support_session_type === type);
	return filters;
}

function readDeviceId(ctx: ApiContext): string | undefined {
	const text = ctx.query.string('deviceid');
	if (text === undefined) return undefined;
	const teamviewerId = parseTeamViewerId(text);
	if (teamviewerId === undefined) {
		throw badRequest(`deviceid must be a TeamViewer ID, got '${text}'.`);
	}
	return String(teamviewerId);
}

function readSessionType(ctx: ApiContext): number | undefined {
	const text = ctx.query.string('support_session_type');
	return text === undefined ? undefined : parseReportSessionType(text);
}

function readSessionCode(ctx: ApiContext): string | undefined {
	const text = ctx.query.string('session_code');
	if (text === undefined) return undefined;
	const code = normalizeSessionCode(text);
	if (code === undefined) {
		throw badRequest(`session_code must look like s123-456-789, got '${text}'.`);
	}
	return code;
}

/** A report as the API sends it: its session code in the configured spelling (`reportSessionCodes`). */
function present(config: SimulatorConfig, report: ConnectionReport): ConnectionReport {
	if (config.reportSessionCodes === 'dashed' || report.session_code === null) return report;
	return { ...report, session_code: report.session_code.replace(/-/g, '') };
}

/**
 * Newest `end_date` first; `offset_id` skips up to and including that record. `next_offset` is the id
 * of the page's last record and is left out once nothing remains (unless configured otherwise).
 */
function list(ctx: ApiContext): Reply {
	const { config, nowMs } = ctx;
	const filters = readFilters(ctx);
	const offsetId = ctx.query.string('offset_id');
	const matches = [...ctx.state.reports.values()]
		.filter(
			(report) => isReportVisible(config, report, nowMs) && filters.every((test) => test(report)),
		)
		.sort(compareReports);

	let start = 0;
	if (offsetId !== undefined) {
		start = matches.findIndex((report) => report.id === offsetId.toLowerCase()) + 1;
		if (start === 0) throw badRequest(`offset_id ${offsetId} does not belong to this result.`);
	}
	const records = matches.slice(start, start + config.reportsPageSize);
	const remaining = matches.length - start - records.length;
	const last = records.at(-1);
	const withNext = last !== undefined && (remaining > 0 || config.reportsNextOffsetOnLastPage);
	return json({
		records: records.map((report) => present(config, report)),
		records_remaining: remaining,
		...(withNext ? { next_offset: last.id } : {}),
	});
}

/** A report that has not surfaced yet (see `reportLagMs`) is not found either. */
function findReport(ctx: ApiContext): ConnectionReport {
	const report = ctx.state.reports.get(ctx.params.id.toLowerCase());
	if (!report || !isReportVisible(ctx.config, report, ctx.nowMs)) {
		throw notFound(ctx.config.notFoundStatus, 'Connection report', ctx.params.id);
	}
	return report;
}

function get(ctx: ApiContext): Reply {
	return json(present(ctx.config, findReport(ctx)));
}

function update(ctx: ApiContext): Reply {
	requireChanges(ctx);
	const report = findReport(ctx);
	const notes = ctx.body.string('notes');
	const billingState = ctx.body.string('billing_state');
	if (billingState !== undefined && !BILLING_STATES.includes(billingState as BillingState)) {
		throw badRequest(
			`billing_state must be one of ${BILLING_STATES.join(', ')}, got '${billingState}'.`,
		);
	}
	report.notes = notes ?? report.notes;
	report.billing_state = (billingState as BillingState | undefined) ?? report.billing_state;
	return noContent();
}

function remove(ctx: ApiContext): Reply {
	const { id } = findReport(ctx);
	ctx.state.reports.delete(id);
	ctx.state.insights.delete(id);
	return noContent();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `GET /reports/connections/features?sessionReportIds=…` (required, exploded, uuid): the features of the
 * reports this account can see; unknown IDs are left out (not documented; README.md).
 */
function features(ctx: ApiContext): Reply {
	const ids = ctx.query.list('sessionReportIds');
	if (!ids || ids.length === 0) throw badRequest('sessionReportIds is required.');
	const bad = ids.find((id) => !UUID.test(id));
	if (bad !== undefined) throw badRequest(`sessionReportIds must be UUIDs, got '${bad}'.`);
	const records = ids.flatMap((id) => {
		const report = ctx.state.reports.get(id.toLowerCase());
		return report && isReportVisible(ctx.config, report, ctx.nowMs) ? featureRecords(ctx.state, report.id) : [];
	});
	return json({ SessionReportFeatures: records });
}

/** One add-on of a report: the report must exist, its insights be there, and this add-on recorded. */
function insight(kind: InsightKind) {
	return (ctx: ApiContext): Reply => {
		const report = findReport(ctx);
		const insights = ctx.state.insights.get(report.id);
		if (!insights || insights.status !== 'available') throw unavailable(ctx.config, insights, kind, report.id);
		const listAbsent = () => {
			if (ctx.config.insightsAbsent === 'empty') return json([]);
			throw unavailable(ctx.config, undefined, kind, report.id);
		};
		switch (kind) {
			case 'ai-summary':
				if (!insights.aiSummary) throw unavailable(ctx.config, undefined, kind, report.id);
				return json(cased(ctx.config, insights.aiSummary));
			case 'augmented-session-summary':
				if (!insights.augmented) throw unavailable(ctx.config, undefined, kind, report.id);
				return json(cased(ctx.config, insights.augmented));
			case 'chat-transcript':
				return insights.chat?.length ? json(cased(ctx.config, insights.chat)) : listAbsent();
			case 'voice-transcript':
				return insights.voice?.length ? json(cased(ctx.config, insights.voice)) : listAbsent();
			case 'screenshots':
				// A list: none taken is an empty list.
				return json(
					cased(
						ctx.config,
						(insights.screenshots ?? []).map(({ screenshotId, fileName, mimeType, takenAt }) => ({ screenshotId, fileName, mimeType, takenAt })),
					),
				);
		}
	};
}

/** `GET /reports/connections/{id}/{screenshotId}/screenshot`: the file as application/octet-stream (the OpenAPI document's only type). */
function screenshot(ctx: ApiContext): Reply {
	const report = findReport(ctx);
	const insights = ctx.state.insights.get(report.id);
	if (!insights || insights.status !== 'available') throw unavailable(ctx.config, insights, 'screenshots', report.id);
	const found = insights.screenshots?.find((candidate) => candidate.screenshotId.toLowerCase() === ctx.params.screenshotId.toLowerCase());
	if (!found) throw notFound(ctx.config.notFoundStatus, 'Screenshot', ctx.params.screenshotId);
	return { status: 200, body: Buffer.from(found.content, 'base64'), headers: { 'Content-Type': 'application/octet-stream' } };
}

export const reportRoutes: Route[] = [
	// Before `/reports/connections/:id`, which the same path would match.
	securedRoute('GET', '/reports/connections/features', 'reports.read', features),
	securedRoute('GET', '/reports/connections/:id/ai-summary', 'reports.read', insight('ai-summary')),
	securedRoute('GET', '/reports/connections/:id/chat-transcript', 'reports.read', insight('chat-transcript')),
	securedRoute('GET', '/reports/connections/:id/voice-transcript', 'reports.read', insight('voice-transcript')),
	securedRoute('GET', '/reports/connections/:id/augmented-session-summary', 'reports.read', insight('augmented-session-summary')),
	securedRoute('GET', '/reports/connections/:id/screenshots', 'reports.read', insight('screenshots')),
	securedRoute('GET', '/reports/connections/:id/:screenshotId/screenshot', 'reports.read', screenshot),
	securedRoute('GET', '/reports/connections', 'reports.read', list),
	securedRoute('GET', '/reports/connections/:id', 'reports.read', get),
	securedRoute('PUT', '/reports/connections/:id', 'reports.edit', update),
	securedRoute('DELETE', '/reports/connections/:id', 'reports.delete', remove),
];
