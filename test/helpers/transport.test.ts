import { durationSeconds, parseDate, toApiDate } from '../../nodes/TeamViewer/helpers/dates';
import { describeEntity, requiredPermission } from '../../nodes/TeamViewer/helpers/permissions';
import { isReusableSession } from '../../nodes/TeamViewer/helpers/sessions';
import { isAmbiguousFailure, RETRY, retryDelay } from '../../nodes/TeamViewer/transport';

const failure = (status?: number, headers: Record<string, string> = {}, code?: string) => ({ status, headers, code });

describe('retryDelay', () => {
	it('honours Retry-After in seconds and as an HTTP date', () => {
		expect(retryDelay(failure(429, { 'retry-after': '3' }), 0, true)).toBe(3000);
		const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
		expect(retryDelay(failure(503, { 'retry-after': inTwoSeconds }), 0, true)).toBeGreaterThan(500);
	});

	it('does not wait for a Retry-After beyond the cap', () => {
		expect(retryDelay(failure(429, { 'retry-after': '3600' }), 0, true)).toBeUndefined();
		// The cap itself (a minute) is still waited for.
		expect(retryDelay(failure(503, { 'retry-after': String(RETRY.maxRetryAfterMs / 1000) }), 0, true)).toBe(RETRY.maxRetryAfterMs);
	});

	it('backs off exponentially with jitter, within bounds', () => {
		for (let attempt = 0; attempt < RETRY.maxRetries; attempt++) {
			const ceiling = Math.min(RETRY.maxDelayMs, RETRY.baseDelayMs * 2 ** attempt);
			const delay = retryDelay(failure(503), attempt, true)!;
			expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
			expect(delay).toBeLessThanOrEqual(ceiling);
		}
		expect(retryDelay(failure(503), RETRY.maxRetries, true)).toBeUndefined();
	});

	it('spreads the waits over the upper half of the backoff, so that callers failing together do not retry together', () => {
		const ceiling = RETRY.baseDelayMs * 2;
		const delays = Array.from({ length: 400 }, () => retryDelay(failure(503), 1, true)!);
		// 400 draws from [ceiling / 2, ceiling]: each quarter of that range is hit (the chance one is missed is below 1e-40).
		for (let quarter = 0; quarter < 4; quarter++) {
			const from = ceiling / 2 + (quarter * ceiling) / 8;
			expect({ quarter, hit: delays.some((delay) => delay >= from && delay <= from + ceiling / 8) }).toEqual({ quarter, hit: true });
		}
	});

	it('retries a POST only when TeamViewer provably did not process it', () => {
		for (const status of [429, 502, 503]) expect(retryDelay(failure(status), 0, false)).toBeDefined();
		for (const status of [500, 504]) {
			expect(retryDelay(failure(status), 0, false)).toBeUndefined();
			expect(isAmbiguousFailure(failure(status), false)).toBe(true);
		}
		expect(retryDelay(failure(undefined, {}, 'ECONNRESET'), 0, false)).toBeUndefined();
		expect(isAmbiguousFailure(failure(undefined, {}, 'ECONNRESET'), false)).toBe(true);
		expect(isAmbiguousFailure(failure(undefined, {}, 'ECONNABORTED'), false)).toBe(true);
		expect(retryDelay(failure(undefined, {}, 'ECONNREFUSED'), 0, false)).toBeDefined();
		expect(isAmbiguousFailure(failure(undefined, {}, 'ECONNREFUSED'), false)).toBe(false);
		expect(retryDelay(failure(undefined, {}, 'ECONNRESET'), 0, true)).toBeDefined();
		expect(isAmbiguousFailure(failure(504), true)).toBe(false);
		expect(isAmbiguousFailure(failure(400), false)).toBe(false);
	});

	it('never retries client errors', () => {
		for (const status of [400, 401, 403, 404, 409]) expect(retryDelay(failure(status), 0, true)).toBeUndefined();
	});
});

describe('permissions and entities named in errors', () => {
	it.each([
		['POST', '/sessions', 'Session management → Create sessions'],
		['PUT', '/sessions/s123-456-789', 'Session management → Edit own sessions (or Edit all sessions of the company)'],
		['GET', '/reports/connections', 'Connection reports → View connection reports'],
		['POST', '/groups/g1/share_group', 'Group management → Share groups'],
		['POST', '/EventLogging', 'Event logging → Read event logs'],
		['DELETE', '/managed/devices/x', 'Device Groups → Modifying operations'],
	])('%s %s needs %p', (method, path, permission) => {
		expect(requiredPermission(method, path)).toBe(permission);
	});

	it('names the entity and ID of a path', () => {
		expect(describeEntity('/sessions/s123-456-789')).toBe('Session "s123-456-789"');
		expect(describeEntity('/reports/connections/abc')).toBe('Connection report "abc"');
		expect(describeEntity('/account')).toBeUndefined();
	});
});

describe('dates', () => {
	it('formats filters as yyyy-MM-ddTHH:mm:ssZ in UTC', () => {
		expect(toApiDate(parseDate('2025-03-01T10:03:10.512+01:00')!)).toBe('2025-03-01T09:03:10Z');
	});

	it('computes whole-second durations and tolerates missing ends', () => {
		expect(durationSeconds('2025-03-01T09:03:10Z', '2025-03-01T09:21:44Z')).toBe(1114);
		expect(durationSeconds('2025-03-01T09:03:10Z', null)).toBeNull();
		expect(durationSeconds('', 'garbage')).toBeNull();
	});
});

describe('isReusableSession', () => {
	const now = new Date('2025-03-01T09:00:00Z');
	const open = { state: 'Open', customId: 'INC1', valid_until: '2025-03-02T09:00:00Z' };

	it('reuses an open, unexpired case with the same custom ID', () => {
		expect(isReusableSession(open, 'INC1', now)).toBe(true);
		expect(isReusableSession({ ...open, customId: undefined, custom_api: 'INC1' }, 'INC1', now)).toBe(true);
	});

	it('does not reuse a closed, expired, other-ticket or soon-expiring case', () => {
		expect(isReusableSession({ ...open, state: 'Closed' }, 'INC1', now)).toBe(false);
		expect(isReusableSession({ ...open, valid_until: '2025-03-01T08:59:59Z' }, 'INC1', now)).toBe(false);
		expect(isReusableSession(open, 'INC2', now)).toBe(false);
		expect(isReusableSession(open, 'INC1', now, 24 * 60 + 1)).toBe(false);
	});
});
