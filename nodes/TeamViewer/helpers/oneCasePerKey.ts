import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { passThroughError, teamViewerApiRequest, teamViewerNow, teamViewerPages } from '../transport';
import { sendCreate } from './createOnce';
import { forgetGroupName, groupScope } from './groupNames';
import { isReusableSession } from './sessions';
import { lockKey, oneAtATime } from './singleFlight';

/**
 * One open service case per custom ID, whatever the concurrency.
 *
 * TeamViewer has no conditional create, so two executions (two items, two workflows, two queue-mode
 * workers) can both find no case and both create one. Get or Create therefore converges after the
 * fact, with one rule every caller applies on its own and reaches the same answer:
 *
 *   the winner is the open, reusable case with this custom ID that was created first
 *   (earliest `created_at`, then the smallest code).
 *
 * A caller hands out a case only after a list served by TeamViewer *after the second that case was
 * created in* (TeamViewer's `Date` header > its `created_at`; both are whole seconds). Every case
 * created in that second or earlier is then visible, and any case created later loses to it, so no
 * caller can hand out a case that another caller will later close. Every caller closes the losing
 * cases it sees (its own, a racer's, or one TeamViewer made from a request the node gave up on:
 * none was handed out) and returns the winner; `created` is true only for the caller that made it.
 *
 * A create whose outcome is unknown (timeout, dropped connection, 500, 504) is looked up by the
 * custom ID before it is sent again (helpers/createOnce.ts); a case that appeared is adopted.
 *
 * Inside one n8n process, calls with the same credential and custom ID also run one after another
 * (items of one execution and executions in parallel), so they do not even race: the second finds
 * the first one's case.
 *
 * The list is the group's (`groupid`); a group given by name is resolved to its ID once per
 * credential and process (helpers/groupNames.ts), and the case is created with that ID.
 *
 * Memory (costs independent of history): listing every open case of the group costs one request per
 * 1 000 cases. So each process remembers, per credential, group and custom ID, the settled winner it
 * handed out and the minimum validity it was settled for (at most MAX_REMEMBERED, least recently used
 * go first). The next call confirms it with one GET /sessions/{code} and hands it out again when it
 * is still open, carries the custom ID, is in the group and is reusable for this call's minimum
 * validity, not lower than the remembered one. That is exactly the case the rule above picks: it was
 * the earliest reusable case in a list that saw every case created up to its second; cases created
 * later lose to it; earlier ones were not reusable then and cannot become so (a case is not
 * reopened, its `valid_until` is not extended, and with an equal or higher minimum validity it is
 * still excluded). So a process with memory and one without (another queue-mode worker, a restart)
 * hand out the same case, and nobody closes it. Anything else (closed, expired, moved to another
 * group, custom API field changed, a lower minimum validity, the look-up failed) forgets it and takes
 * the full path. Later cases are left for full-path callers to close (none was handed out).
 *
 * Limits (README "One service case per ticket"): it assumes TeamViewer lists a case from the moment it
 * stamps its `created_at` (so a list served after that second shows it) and stamps on one clock; a case
 * closed by someone else between the list (or the confirming look-up) and the hand-out is handed out
 * closed; a closing that keeps failing leaves the losing case open until it expires (it is logged, and
 * was never handed to anyone). The rule itself assumes that callers for one custom ID ask for the same minimum validity
 * and that nobody gives an older open case this custom ID (Custom API Field) or moves one into the
 * group by hand: such a case would win for full-path callers. A first call for a custom ID in a
 * process still lists all open cases of the group (no sound index exists: those two fields can be
 * edited, and nothing short of the full list would show it).
 */

/** Lists that did not yet see TeamViewer's clock move past a case's second are repeated this often. */
const SETTLE_ATTEMPTS = 8;
const SETTLE_PAUSE_MS = 200;

export interface CaseKey {
	customId: string;
	/** `groupid` narrows the list when the group is known by ID. */
	listQuery: IDataObject;
	minValidityMinutes: number;
	itemIndex: number;
}

/**
 * A case without a readable `created_at` (TeamViewer always sends one) sorts last, and as the only
 * winner it is never proved final: it is handed out after SETTLE_ATTEMPTS lists and not remembered.
 */
const createdMs = (session: IDataObject): number => {
	const parsed = Date.parse(String(session.created_at ?? ''));
	return Number.isNaN(parsed) ? Number.POSITIVE_INFINITY : parsed;
};

/** Earliest `created_at`, then smallest code: the same order for every caller. */
export function firstCreated(sessions: IDataObject[]): IDataObject | undefined {
	let winner: IDataObject | undefined;
	for (const session of sessions) {
		if (
			!winner ||
			createdMs(session) < createdMs(winner) ||
			(createdMs(session) === createdMs(winner) && String(session.code) < String(winner.code))
		) {
			winner = session;
		}
	}
	return winner;
}

/** Every open case that may be handed out for the key, from all pages. */
async function reusableCases(context: IExecuteFunctions, key: CaseKey): Promise<IDataObject[]> {
	const matches: IDataObject[] = [];
	const pages = teamViewerPages.call(context, {
		request: {
			method: 'GET',
			path: '/sessions',
			qs: { full_list: true, state: 'open', ...key.listQuery },
			itemIndex: key.itemIndex,
		},
		cursor: 'offset',
		itemsKey: 'sessions',
	});
	for await (const sessions of pages) {
		const now = teamViewerNow(context);
		matches.push(...sessions.filter((session) => isReusableSession(session, key.customId, now, key.minValidityMinutes)));
	}
	return matches;
}

interface Settled {
	winner?: IDataObject;
	/** The other reusable cases: never handed out, so closing them is safe. */
	losers: IDataObject[];
	/** The list was served after the winner's creation second (or there is no winner): the winner is final. */
	settled: boolean;
}

/**
 * The winner among the reusable cases, from a list TeamViewer served after the second in which the
 * winner was created. Only that second matters: a case created later loses to the winner, whoever
 * made it (this caller's own case included), so a caller whose case is younger than the winner
 * does not wait for its own case's second to pass.
 */
async function settledCases(context: IExecuteFunctions, key: CaseKey): Promise<Settled> {
	for (let attempt = 1; ; attempt++) {
		const cases = await reusableCases(context, key);
		const winner = firstCreated(cases);
		const settled = !winner || teamViewerNow(context).getTime() >= createdMs(winner) + 1000;
		if (settled || attempt >= SETTLE_ATTEMPTS) {
			return { winner, losers: cases.filter((session) => session !== winner), settled };
		}
		await sleep(SETTLE_PAUSE_MS);
	}
}

async function settledWinner(context: IExecuteFunctions, key: CaseKey): Promise<IDataObject | undefined> {
	return (await settledCases(context, key)).winner;
}

/**
 * Closes cases that lost: this caller's own, a racer's, or one TeamViewer made from a request the
 * node had given up on. None of them was handed out to anyone.
 */
async function closeLosers(context: IExecuteFunctions, key: CaseKey, losers: IDataObject[]): Promise<void> {
	for (const loser of losers) {
		try {
			await teamViewerApiRequest.call(context, {
				method: 'PUT',
				path: `/sessions/${String(loser.code)}`,
				body: { state: 'closed' },
				itemIndex: key.itemIndex,
			});
		} catch (error) {
			context.logger.warn('Could not close a duplicate service case; it was not handed out and expires on its own', {
				code: loser.code,
				customId: key.customId,
				error: (error as Error).message,
			});
		}
	}
}

/**
 * Settled winners this process handed out, per credential, list scope and custom ID: the code and
 * the minimum validity the winner was settled for. Least recently used entries go first.
 */
const MAX_REMEMBERED = 10_000;
interface Remembered {
	code: string;
	minValidityMinutes: number;
}
const remembered = new Map<string, Remembered>();

function remember(id: string, winner: IDataObject, minValidityMinutes: number): void {
	remembered.delete(id);
	remembered.set(id, { code: String(winner.code), minValidityMinutes });
	if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value as string);
}

/**
 * The remembered winner for `key`, confirmed with one GET /sessions/{code}: still open, reusable for
 * this call's minimum validity, carrying the custom ID and in the listed group. Undefined (and
 * forgotten) otherwise, or when this call asks for less validity than the winner was settled for
 * (a case excluded then may count now: only the full rule can tell).
 */
async function confirmedWinner(context: IExecuteFunctions, key: CaseKey, id: string): Promise<IDataObject | undefined> {
	const entry = remembered.get(id);
	if (!entry || key.minValidityMinutes < entry.minValidityMinutes) return undefined;
	try {
		const session = await teamViewerApiRequest.call(context, {
			method: 'GET',
			path: `/sessions/${entry.code}`,
			itemIndex: key.itemIndex,
		});
		const inGroup = key.listQuery.groupid === undefined || session.groupid === key.listQuery.groupid;
		if (
			String(session.code) === entry.code &&
			inGroup &&
			isReusableSession(session, key.customId, teamViewerNow(context), key.minValidityMinutes)
		) {
			remembered.delete(id);
			remembered.set(id, entry);
			return session;
		}
	} catch (error) {
		context.logger.debug('Could not confirm the remembered service case; looking for the case again', {
			code: entry.code,
			error: (error as Error).message,
		});
	}
	remembered.delete(id);
	return undefined;
}

/**
 * The case for `key`: an existing winner (`created: false`), or a new one made with `createBody`
 * that stays only if it wins (`created: true`).
 */
export async function getOrCreateCase(context: IExecuteFunctions, key: CaseKey, createBody: IDataObject): Promise<IDataObject> {
	const id = lockKey(context, key.listQuery, key.customId);
	return await oneAtATime(id, async () => {
		const known = await confirmedWinner(context, key, id);
		if (known) return { ...known, created: false };

		const existing = await settledCases(context, key);
		if (existing.winner) {
			await closeLosers(context, key, existing.losers);
			if (existing.settled) remember(id, existing.winner, key.minValidityMinutes);
			return { ...existing.winner, created: false };
		}

		// A case that appeared while our create's outcome was unknown is ours, or a racer's that won.
		const { object: mine, adopted } = await sendCreate(
			context,
			{ method: 'POST', path: '/sessions', body: createBody, itemIndex: key.itemIndex },
			{
				what: `service case for custom ID "${key.customId}"`,
				find: async () => await settledWinner(context, key),
				check: 'Look for an open case with this custom ID (Session → Get Many)',
			},
		);
		if (adopted) return { ...mine, created: true };
		const { winner = mine, losers, settled } = await settledCases(context, key);
		await closeLosers(context, key, losers);
		if (settled) remember(id, winner, key.minValidityMinutes);
		return { ...winner, created: winner.code === mine.code };
	});
}

export type CaseRequest = Omit<CaseKey, 'listQuery'>;

/**
 * Get or Create in the group of `createBody` (`groupid`, or `groupname` as the user gave it): a
 * name is resolved to its ID (helpers/groupNames.ts), the cases of that group are listed and the
 * case is created with that ID. When TeamViewer refuses the create with a remembered ID (400, e.g.
 * the group was deleted or renamed), the name is looked up again and, if it now means another
 * group (or none), the call runs once more there.
 */
export async function getOrCreateCaseInGroup(
	context: IExecuteFunctions,
	request: CaseRequest,
	createBody: IDataObject,
): Promise<IDataObject> {
	const { groupid, groupname, ...rest } = createBody;
	const scope = await groupScope(context, { groupid, groupname }, request.itemIndex);
	const run = async (listQuery: IDataObject, target: IDataObject) =>
		await getOrCreateCase(context, { ...request, listQuery }, { ...rest, ...target });
	try {
		return await run(scope.listQuery, scope.target);
	} catch (error) {
		const refused = error instanceof NodeApiError && error.httpCode === '400';
		// Only a name is ever remembered (a group given by ID is used as is).
		if (!refused || !scope.remembered) throw passThroughError(context.getNode(), error, request.itemIndex);
		forgetGroupName(context, String(groupname));
		const again = await groupScope(context, { groupname }, request.itemIndex);
		if (again.listQuery.groupid === scope.listQuery.groupid) throw passThroughError(context.getNode(), error, request.itemIndex);
		return await run(again.listQuery, again.target);
	}
}
