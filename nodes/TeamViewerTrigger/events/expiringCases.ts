import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { codeKey } from './codeSet';
import type { OpenCasesState, ServiceCaseFilters } from './openCases';
import {
	created,
	DEFAULT_SPAN_S,
	isClosed,
	LOOKBACK_S,
	matchesPrefix,
	nowSec,
	reportedCodes,
	scanDown,
	sec,
	validity,
} from './openCases';
import type { PollResult } from './window';
import { pollDeadline } from './window';

/**
 * When a case is due for its warning: `leadS` before its `valid_until`, or at its creation when it was
 * created with less validity than that (so a short-lived case is still warned about once).
 */
export const warnAt = (session: IDataObject, leadS: number): number | undefined => {
	const validUntil = sec(session.valid_until);
	return validUntil === undefined ? undefined : Math.max(validUntil - leadS, created(session));
};

/**
 * Expiring soon: an open case whose warning time (see warnAt) has passed on TeamViewer's clock (the
 * `Date` header of its answers), whose `valid_until` has not, that was never seen online and has no
 * connection report, the way "Expired Unused" decides use. Emitted once.
 *
 * State (format 2, as the other open-case events): `due` — warning times up to it are decided;
 * `used` — recent cases seen online; `span` — the longest validity seen. A case warned after `due`
 * has `valid_until` > `due` + lead and so was created after `due` + lead − `span` (or after `due` when
 * warned at creation): each poll lists the open cases newest first down to there, which costs what
 * the last day created, whatever the history. Connection reports are read with ONE query, and only
 * when a case is due. `due` moves on only when a warning time passed, so a quiet poll leaves the
 * state as it was (n8n writes nothing); it is saved with the poll that emits, so a state reloaded
 * after a restart never repeats a warning. A poll cut short by its budget decides nothing. The first
 * poll only records (cases already inside the window at activation are not warned about).
 *
 * A case whose `valid_until` passed before a poll decided it (n8n was stopped for longer than the lead)
 * is not emitted: it is no longer expiring, and "Expired Unused" reports it.
 */
export async function pollExpiring(
	context: IPollFunctions,
	filters: ServiceCaseFilters,
	stored: IDataObject | undefined,
	leadS: number,
): Promise<PollResult> {
	const previous = stored?.v === 2 ? (stored as OpenCasesState) : undefined;
	const deadline = pollDeadline(context);
	const first = previous?.due === undefined;
	const used: Record<string, number> = { ...(previous?.used ?? {}) };
	let span = previous?.span ?? DEFAULT_SPAN_S;
	const candidates = new Map<string, { session: IDataObject; warn: number }>();
	const warnings: number[] = [];
	const look = (session: IDataObject) => {
		if (!matchesPrefix(session, filters.customIdPrefix) || isClosed(session)) return;
		const code = codeKey(session.code);
		span = Math.max(span, validity(session));
		if (session.online === true) used[code] = created(session);
		const warn = warnAt(session, leadS);
		if (warn === undefined) return;
		warnings.push(warn);
		if (!first) candidates.set(code, { session, warn });
	};

	const from = previous?.due ?? 0;
	const horizon = (due: number) => due - Math.max(span - leadS, 0) - LOOKBACK_S;
	const scan = await scanDown(context, { ...filters.qs, state: 'open' }, first ? Number.NEGATIVE_INFINITY : horizon(from), deadline, look);
	if (!scan.complete) return { items: [], state: first ? {} : { ...previous, span } };
	const now = nowSec(context);
	// Moved on only when a warning time passed in between: a quiet poll leaves the state as it was.
	const to = first || warnings.some((warn) => warn > from && warn <= now) ? now : from;
	const due = [...candidates.values()].filter(
		({ session, warn }) => warn > from && warn <= to && (sec(session.valid_until) ?? 0) > now && used[codeKey(session.code)] === undefined,
	);

	let items: IDataObject[] = [];
	let decided = to;
	if (due.length > 0) {
		const reported = await reportedCodes(context, Math.min(...due.map(({ session }) => created(session))), deadline);
		if (reported) {
			items = due
				.filter(({ session }) => !reported.has(codeKey(session.code)))
				.sort((a, b) => a.warn - b.warn)
				.map(({ session }) => ({
					...session,
					expiresInMinutes: Math.floor(((sec(session.valid_until) ?? now) - now) / 60),
				}));
		} else decided = from;
	}
	for (const [code, at] of Object.entries(used)) if (at < horizon(decided)) delete used[code];
	return { items, state: { v: 2, span, due: decided, used } satisfies OpenCasesState };
}
