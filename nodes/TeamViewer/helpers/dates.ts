import { DateTime } from 'luxon';

/**
 * Parses an ISO 8601 string (or a luxon DateTime from an expression) into a UTC DateTime. A string
 * without an offset, as n8n's date picker stores it, is read in `zone` (the workflow's time zone).
 */
export function parseDate(value: unknown, zone = 'utc'): DateTime | undefined {
	if (DateTime.isDateTime(value)) return value.toUTC();
	if (value instanceof Date) return DateTime.fromJSDate(value).toUTC();
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const parsed = DateTime.fromISO(value.trim(), { zone });
	return parsed.isValid ? parsed.toUTC() : undefined;
}

/** The wire format TeamViewer documents for date filters: `yyyy-MM-ddTHH:mm:ssZ`. */
export function toApiDate(date: DateTime): string {
	return date.toUTC().startOf('second').toISO({ suppressMilliseconds: true }) as string;
}

/**
 * Whole seconds between two ISO timestamps, or null when either is missing or unreadable. Runs once
 * per connection report, so it uses Date.parse (TeamViewer sends plain UTC `…Z` stamps) over luxon.
 */
export function durationSeconds(start: unknown, end: unknown): number | null {
	if (typeof start !== 'string' || typeof end !== 'string') return null;
	const from = Date.parse(start);
	const to = Date.parse(end);
	if (Number.isNaN(from) || Number.isNaN(to)) return null;
	return Math.max(0, Math.round((to - from) / 1000));
}
