import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { ApiRequest } from '../transport';
import { isAmbiguousCreate, passThroughError, RETRY, teamViewerApiRequest } from '../transport';
import { lockKey, oneAtATime } from './singleFlight';

/**
 * Creates that happen once.
 *
 * TeamViewer has no idempotency header, so the node makes a create safe with the object's natural
 * key (a device's TeamViewer ID in its group, a group's name, a contact's or user's email, a
 * service case's custom ID):
 *
 * - before creating, it looks the key up and adopts what exists (`created: false`), so a rerun
 *   or a retried execution does not make a second one;
 * - inside one n8n process, creates with the same credential and key run one after another;
 * - 429, 502 and 503 mean TeamViewer did not process the call: the transport sends it again;
 * - after an answer that leaves it open whether the object was made (timeout, dropped connection,
 *   500, 504) it looks the key up again, right away and after short pauses (a late request shows up
 *   late), adopts the object if it appeared (`created: true`) and creates again only when it did
 *   not; when the lookups fail too, the item fails with "may have been created" and what to check;
 * - a 400/409 refusal of a create whose key exists by then (another process made it) is answered
 *   with that object.
 */

/** A create is sent at most this many times when its outcome stays unknown. */
export const MAX_CREATE_ROUNDS = 4;

export interface NaturalKey {
	/** What is made, for messages: `device r123456789 in group g1`. */
	what: string;
	/** The parts that identify it, for the in-process queue. */
	id: unknown[];
	/** The object with this key, or undefined when there is none. */
	find: () => Promise<IDataObject | undefined>;
	/** Where the user can see whether it exists, for the "may have been created" error. */
	check: string;
}

/** The error of a create whose outcome could not be decided: what happened and what to check. */
export function mayHaveBeenCreated(
	context: IExecuteFunctions,
	cause: unknown,
	what: string,
	check: string,
	itemIndex?: number,
): NodeOperationError {
	const reason = cause instanceof Error ? cause.message : String(cause);
	return new NodeOperationError(context.getNode(), `TeamViewer may have created the ${what}, but did not confirm it`, {
		itemIndex,
		// The transport's messages of an undecided outcome end without a full stop (transport/errors.ts).
		description: `${reason}. ${check} before running this item again.`,
	});
}

function isRefusal(error: unknown): boolean {
	return error instanceof NodeApiError && (error.httpCode === '400' || error.httpCode === '409');
}

/**
 * Looks for an object after a create that may have been carried out: undefined when every lookup
 * answered and none found it, 'unknown' when a lookup failed so that absence is not proven.
 */
async function findAfterAmbiguousCreate(
	find: () => Promise<IDataObject | undefined>,
): Promise<IDataObject | undefined | 'unknown'> {
	for (const pause of [0, ...RETRY.ambiguousLookupPausesMs]) {
		await sleep(pause);
		try {
			const found = await find();
			if (found) return found;
		} catch {
			return 'unknown';
		}
	}
	return undefined;
}

/**
 * POSTs `request`; after an answer that leaves the outcome open it looks the key up and returns
 * what appeared (`adopted`) or sends the create again (at most MAX_CREATE_ROUNDS times). Shared by
 * createOnce and Get or Create (helpers/oneCasePerKey.ts).
 */
export async function sendCreate(
	context: IExecuteFunctions,
	request: ApiRequest,
	key: Pick<NaturalKey, 'what' | 'find' | 'check'>,
): Promise<{ object: IDataObject; adopted: boolean }> {
	for (let round = 1; ; round++) {
		try {
			return { object: await teamViewerApiRequest.call(context, request), adopted: false };
		} catch (error) {
			if (!isAmbiguousCreate(error)) throw passThroughError(context.getNode(), error, request.itemIndex);
			const found = await findAfterAmbiguousCreate(key.find);
			if (found === 'unknown' || round >= MAX_CREATE_ROUNDS) {
				throw mayHaveBeenCreated(context, error, key.what, key.check, request.itemIndex);
			}
			if (found) return { object: found, adopted: true };
			context.logger.debug('TeamViewer create was not carried out; sending it again', { path: request.path, round });
		}
	}
}

/** POSTs `request` once per natural key (see above); the result carries `created`. */
export async function createOnce(
	context: IExecuteFunctions,
	request: ApiRequest,
	key: NaturalKey,
): Promise<IDataObject> {
	return await oneAtATime(lockKey(context, request.path, ...key.id), async () => {
		const existing = await key.find();
		if (existing) return { ...existing, created: false };
		try {
			return { ...(await sendCreate(context, request, key)).object, created: true };
		} catch (error) {
			// Refused because it exists by now (another process made it): answer with that one.
			const made = isRefusal(error) ? await key.find().catch(() => undefined) : undefined;
			if (made) return { ...made, created: false };
			throw passThroughError(context.getNode(), error, request.itemIndex);
		}
	});
}

/**
 * A `find` for NaturalKey: lists `path` with `qs` (an unpaged list, `{ <listKey>: [...] }`) and
 * returns the first entry `matches` accepts.
 */
export function findInList(
	context: IExecuteFunctions,
	path: string,
	qs: IDataObject,
	listKey: string,
	matches: (entry: IDataObject) => boolean,
	itemIndex: number,
): () => Promise<IDataObject | undefined> {
	return async () => {
		const response = await teamViewerApiRequest.call(context, { method: 'GET', path, qs, itemIndex });
		return ((response[listKey] as IDataObject[] | undefined) ?? []).find(matches);
	};
}
