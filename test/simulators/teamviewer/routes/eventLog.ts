import type { ApiContext } from '../context';
import { pageOf } from '../cursor';
import { badRequest } from '../errors';
import { eventJson } from '../model/events';
import { json, type Reply } from '../../common/reply';
import { securedRoute, type Route } from '../router';

// Audit event log.

function lowerCased(values: string[] | undefined): Set<string> | undefined {
	return values === undefined ? undefined : new Set(values.map((value) => value.toLowerCase()));
}

function matches(set: Set<string> | undefined, value: string): boolean {
	return set === undefined || set.has(value.toLowerCase());
}

/** Oldest first, `eventLogPageSize` per page; `ContinuationToken` is null on the last page. */
function search(ctx: ApiContext): Reply {
	const { body } = ctx;
	const start = body.dateTime('StartDate', { required: true });
	const end = body.dateTime('EndDate', { required: true });
	if (end < start) throw badRequest('EndDate must not be before StartDate.');
	const names = lowerCased(body.list('EventNames'));
	const types = lowerCased(body.list('EventTypes'));
	const emails = lowerCased(body.list('AccountEmails'));
	const affectedItem = body.string('AffectedItem');
	const rcSession = body.string('RCSessionGuid', {
		pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
		expected: 'be a GUID',
	})?.toLowerCase();
	const continuation = body.string('ContinuationToken');

	const events = ctx.state.events
		.filter((event) => {
			const at = Date.parse(event.Timestamp);
			return ctx.config.eventLogBounds === 'inclusive' ? at >= start && at <= end : at > start && at < end;
		})
		.filter((event) => matches(names, event.EventName) && matches(types, event.EventType))
		.filter((event) => matches(emails, event.AuthorEmail))
		// TeamViewer's OpenAPI document (AuditLogParameters): AffectedItem "does always filter all session related
		// events", RCSessionGuid "does always filter all not session related events".
		.filter((event) => affectedItem === undefined || (event.EventType !== 'Session' && event.AffectedItem === affectedItem))
		.filter((event) => rcSession === undefined || (event.EventType === 'Session' && event.rcSessionGuid?.toLowerCase() === rcSession))
		.sort((a, b) => (a.Timestamp < b.Timestamp ? -1 : a.Timestamp > b.Timestamp ? 1 : 0) * (ctx.config.eventLogOrder === 'newestFirst' ? -1 : 1));
	const { page, next } = pageOf(
		'ContinuationToken',
		events,
		continuation,
		ctx.config.eventLogPageSize,
	);
	return json({ ContinuationToken: next ?? null, AuditEvents: page.map(eventJson), ParsingError: null });
}

export const eventLogRoutes: Route[] = [
	securedRoute('POST', '/EventLogging', 'eventLog.read', search),
];
