import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { teamViewerApiRequest, teamViewerNow, teamViewerPages } from '../transport';
import { sendCreate } from './createOnce';
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
 * Limits (README "One service case per ticket"): it assumes TeamViewer lists a case as soon as its
 * create has answered and stamps `created_at` on one clock; a case closed by someone else between
 * the list and the hand-out is handed out closed; a closing that keeps failing leaves the losing
 * case open until it expires (it is logged, and was never handed to anyone).
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
}

/**
 * The winner among the reusable cases, from a list TeamViewer served after the second in which the
 * newest case that matters (the winner, or `mine`) was created.
 */
async function settledCases(context: IExecuteFunctions, key: CaseKey, mine?: IDataObject): Promise<Settled> {
	for (let attempt = 1; ; attempt++) {
		const cases = await reusableCases(context, key);
		const winner = firstCreated(cases);
		const newest = Math.max(winner ? createdMs(winner) : Number.NEGATIVE_INFINITY, mine ? createdMs(mine) : Number.NEGATIVE_INFINITY);
		const settled = !Number.isFinite(newest) || teamViewerNow(context).getTime() >= newest + 1000;
		if (settled || attempt >= SETTLE_ATTEMPTS) {
			return { winner, losers: cases.filter((session) => session !== winner) };
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
 * The case for `key`: an existing winner (`created: false`), or a new one made with `createBody`
 * that stays only if it wins (`created: true`).
 */
export async function getOrCreateCase(context: IExecuteFunctions, key: CaseKey, createBody: IDataObject): Promise<IDataObject> {
	return await oneAtATime(lockKey(context, key.listQuery, key.customId), async () => {
		const existing = await settledCases(context, key);
		if (existing.winner) {
			await closeLosers(context, key, existing.losers);
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
		const { winner = mine, losers } = await settledCases(context, key, mine);
		await closeLosers(context, key, losers);
		return { ...winner, created: winner.code === mine.code };
	});
}
