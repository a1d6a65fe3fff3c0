import { isRecord, noContent, type Reply } from '../common';
import type { SimClock } from '../teamviewer/clock';
import { badRequest, genericServerError, jsonString, notFound, serverError } from './errors';
import { GUID, newGuid } from './ids';
import { notifyActivityClosed } from './notify';
import { findObject, insertObject, SchemaError, writeFragment } from './records';
import { ACTIVITY_CIS, ACTIVITY_STATE, ACTIVITY_TYPES } from './schema';
import type { JournalEntry, M42Object, Matrix42State } from './state';

const bool = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback);

/** Adds a journal entry to an object; what `POST /journal/Add` does after validation. */
export function addJournalEntry(
	state: Matrix42State,
	clock: SimClock,
	entry: Omit<JournalEntry, 'ID' | 'CreatedDate'>,
): JournalEntry {
	const stored: JournalEntry = { ID: newGuid(state), ...entry, CreatedDate: clock.nowIso() };
	state.journal.push(stored);
	return stored;
}

/**
 * What `POST journal/Add` answers for an `ObjectId` that names no object (README S33). No source says: '500' (the
 * default, the stricter side) is ASP.NET's generic `{ "Message": "An error has occurred." }`, which tells a client
 * nothing about why; '404' answers 404 with a message that names the object.
 */
export type JournalMissingObject = '500' | '404';

/**
 * `POST /journal/Add` `{ ObjectId, Comments, EntryType?, Creator?, VisibleInPortal?, Publish?, Parameters?, FileIds? }`
 * → 200 with the new entry's id (a JSON string). The object must exist (else `missingObject` decides the answer).
 */
export function journalAdd(
	state: Matrix42State,
	clock: SimClock,
	body: unknown,
	user: string,
	missingObject: JournalMissingObject = '500',
): Reply {
	if (!isRecord(body)) return badRequest('The request body must be a JSON object.');
	const objectId = typeof body.ObjectId === 'string' ? body.ObjectId : '';
	if (!GUID.test(objectId)) return badRequest(`ObjectId must be the id (GUID) of an object; got ${JSON.stringify(body.ObjectId ?? null)}.`);
	if (!findObject(state, objectId)) {
		return missingObject === '404' ? notFound(`The object ${objectId} was not found.`) : genericServerError();
	}
	if (typeof body.Comments !== 'string' || body.Comments.trim() === '') return badRequest('Comments must be a non-empty string.');
	const entryType = body.EntryType ?? 0;
	if (typeof entryType !== 'number' || !Number.isInteger(entryType)) return badRequest('EntryType must be an integer (SPSJournalEntryPickupType).');
	if (body.Creator !== undefined && body.Creator !== null && (typeof body.Creator !== 'string' || !GUID.test(body.Creator))) {
		return badRequest('Creator must be the SPSUserClassBase id (GUID) of a person.');
	}
	const entry = addJournalEntry(state, clock, {
		ObjectId: objectId.toLowerCase(),
		Comments: body.Comments,
		EntryType: entryType,
		Creator: typeof body.Creator === 'string' ? body.Creator.toLowerCase() : user,
		VisibleInPortal: bool(body.VisibleInPortal, false),
		Publish: bool(body.Publish, false),
		Parameters: Array.isArray(body.Parameters) ? body.Parameters : [],
		FileIds: Array.isArray(body.FileIds) ? body.FileIds : [],
	});
	return jsonString(entry.ID);
}

export function isActivity(object: M42Object | undefined): object is M42Object {
	return object !== undefined && ACTIVITY_CIS.includes(object.ci);
}

/** `POST /ticket/Create?activityType=N` `{ Subject, DescriptionHTML?, User?, ResponsibleUser? }` → the object id. */
export function ticketCreate(state: Matrix42State, clock: SimClock, url: URL, body: unknown): Reply {
	const typeParam = [...url.searchParams].find(([key]) => key.toLowerCase() === 'activitytype')?.[1];
	const type = ACTIVITY_TYPES[Number(typeParam)];
	if (typeParam === undefined || !type) {
		return badRequest(`activityType ${typeParam ?? '(missing)'} is not one Ticket.Create handles (${Object.keys(ACTIVITY_TYPES).join(', ')}).`);
	}
	if (!isRecord(body) || typeof body.Subject !== 'string' || body.Subject.trim() === '') return badRequest('Subject is required.');
	state.counters.tickets += 1;
	try {
		const object = insertObject(state, type.ci, {
			SPSActivityClassBase: {
				TicketNumber: `${type.prefix}${String(state.counters.tickets).padStart(5, '0')}`,
				Subject: body.Subject,
				DescriptionHTML: body.DescriptionHTML ?? null,
				State: ACTIVITY_STATE.new,
				Initiator: body.User ?? body.Initiator ?? null,
				ResponsibleUser: body.ResponsibleUser ?? null,
				CreatedDate: clock.nowIso(),
			},
		});
		return jsonString(object.ID);
	} catch (error) {
		if (error instanceof SchemaError) return serverError(error.message);
		throw error;
	}
}

/** Sets the activity closed (state, ClosedDate, a journal entry with the comments) and fires the close hook. */
export function closeActivity(
	state: Matrix42State,
	clock: SimClock,
	object: M42Object,
	user: string,
	comments?: string,
): Promise<void> {
	const fragment = object.fragments.get('SPSActivityClassBase')!;
	writeFragment(state, 'SPSActivityClassBase', fragment, { State: ACTIVITY_STATE.closed, ClosedDate: clock.nowIso() });
	if (comments) {
		addJournalEntry(state, clock, {
			ObjectId: object.ID,
			Comments: comments,
			EntryType: 0,
			Creator: user,
			VisibleInPortal: true,
			Publish: false,
			Parameters: [],
			FileIds: [],
		});
	}
	return notifyActivityClosed(state, object);
}

/** `POST /ticket/Close` `{ ObjectIds: [...], Comments?, Reason? }` → 204; already closed ones stay as they are. */
export function ticketClose(state: Matrix42State, clock: SimClock, body: unknown, user: string): Reply {
	if (!isRecord(body) || !Array.isArray(body.ObjectIds) || body.ObjectIds.length === 0) {
		return badRequest('ObjectIds must list the object ids of the activities to close.');
	}
	const objects = body.ObjectIds.map((id) => (typeof id === 'string' ? findObject(state, id) : undefined));
	const missing = body.ObjectIds.filter((_id, index) => !isActivity(objects[index]));
	if (missing.length > 0) return badRequest(`These are not activities: ${missing.map(String).join(', ')}.`);
	for (const object of objects as M42Object[]) {
		if (object.fragments.get('SPSActivityClassBase')!.State === ACTIVITY_STATE.closed) continue;
		void closeActivity(state, clock, object, user, typeof body.Comments === 'string' ? body.Comments : undefined);
	}
	return noContent();
}
