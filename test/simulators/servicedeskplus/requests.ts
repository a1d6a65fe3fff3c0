import { isRecord, type Reply } from '../common';
import { searchPredicate } from './criteria';
import {
	invalidValue,
	list,
	MESSAGE_CODES,
	mandatoryMissing,
	notFound,
	one,
	SdpError,
	typeMismatch,
} from './envelope';
import {
	dateTimeInput,
	entityInput,
	listWindow,
	optionalBoolean,
	wholeNumber,
	type Input,
} from './input';
import { renderNote, renderRequest, renderTechnician, renderWorklog } from './render';
import {
	findUserByEmail,
	nextId,
	STATUSES,
	type SdpRequest,
	type SdpUser,
	type ServiceDeskPlusState,
	type StatusName,
} from './state';

/** The handlers behind `/api/v3/requests/…` and `/api/v3/technicians`; `userId` is the token's user. */

export function findRequest(state: ServiceDeskPlusState, id: string): SdpRequest {
	const request = state.requests.get(id);
	if (!request) throw notFound(`No request with id ${id}.`);
	return request;
}

export function getRequest(state: ServiceDeskPlusState, id: string): Reply {
	return one('request', renderRequest(state, findRequest(state, id)));
}

const EDITABLE_REQUEST_FIELDS = ['udf_fields', 'subject', 'status'];
const NOTE_FIELDS = [
	'description',
	'show_to_requester',
	'notify_technician',
	'mark_first_response',
	'add_to_linked_requests',
];
const WORKLOG_FIELDS = [
	'owner',
	'description',
	'time_spent',
	'start_time',
	'end_time',
	'include_nonoperational_hours',
];

/**
 * The keys of `fields` the simulator knows. An unknown one is refused (400, 4001), or left out when the knob
 * `unknownFields` is 'ignore' (README S11: SDP's pages do not say what an unknown key does).
 */
function knownKeys(
	state: ServiceDeskPlusState,
	fields: Input,
	known: readonly string[],
	entity: string,
): string[] {
	const keys = Object.keys(fields);
	const unknown = keys.find((key) => !known.includes(key));
	if (unknown !== undefined && state.knobs.unknownFields === 'reject') {
		throw invalidValue(
			unknown,
			`The simulator does not know '${unknown}' in ${entity}; it knows ${known.join(', ')}.`,
		);
	}
	return keys.filter((key) => known.includes(key));
}

/** `PUT /requests/{id}`: `subject`, `status: { name }` and `udf_fields` (declared fields only). */
export function updateRequest(state: ServiceDeskPlusState, id: string, input: Input): Reply {
	const request = findRequest(state, id);
	const given = entityInput(input, 'request');
	const changes = Object.fromEntries(
		knownKeys(state, given, EDITABLE_REQUEST_FIELDS, 'request').map((key) => [key, given[key]]),
	);
	const udf = changes.udf_fields;
	const updates: Record<string, string | null> = {};
	if (udf !== undefined) {
		if (!isRecord(udf)) throw typeMismatch('udf_fields', 'udf_fields must be an object.');
		for (const [field, value] of Object.entries(udf)) {
			if (!state.udfFields.has(field)) {
				if (state.knobs.unknownFields === 'ignore') continue;
				throw invalidValue(`udf_fields.${field}`, `There is no additional field '${field}'.`);
			}
			if (value !== null && typeof value !== 'string')
				throw typeMismatch(`udf_fields.${field}`, `${field} takes text.`);
			updates[field] = value === '' ? null : value;
		}
	}
	let status: StatusName | undefined;
	if (changes.status !== undefined) {
		const name = isRecord(changes.status) ? changes.status.name : undefined;
		status = STATUSES.find(
			(candidate) => candidate.toLowerCase() === String(name ?? '').toLowerCase(),
		);
		if (!status) throw invalidValue('status', `Unknown status ${JSON.stringify(name)}.`);
	}
	if (changes.subject !== undefined && typeof changes.subject !== 'string')
		throw typeMismatch('subject', 'subject must be text.');
	if (typeof changes.subject === 'string' && changes.subject.trim() === '')
		throw invalidValue('subject', 'subject must not be empty.');
	Object.assign(request.udf_fields, updates);
	if (status) request.status = status;
	if (typeof changes.subject === 'string') request.subject = changes.subject;
	request.updatedMs = Date.now();
	return one('request', renderRequest(state, request));
}

/** `POST /requests/{id}/notes` with `{ request_note: { description, show_to_requester, … } }`. */
export function addNote(
	state: ServiceDeskPlusState,
	requestId: string,
	input: Input,
	userId: string,
): Reply {
	const request = findRequest(state, requestId);
	if (input.request_note === undefined && isRecord(input.note)) {
		throw invalidValue(
			'note',
			"SDP Cloud takes the note under 'request_note' (the on-premises API's 'note' key is not accepted).",
		);
	}
	const fields = entityInput(input, 'request_note');
	knownKeys(state, fields, NOTE_FIELDS, 'request_note');
	if (typeof fields.description !== 'string' || fields.description.trim() === '')
		throw mandatoryMissing('description');
	const note = {
		id: nextId(state),
		requestId: request.id,
		description: fields.description,
		show_to_requester: optionalBoolean(fields, 'show_to_requester'),
		notify_technician: optionalBoolean(fields, 'notify_technician'),
		mark_first_response: optionalBoolean(fields, 'mark_first_response'),
		add_to_linked_requests: optionalBoolean(fields, 'add_to_linked_requests'),
		addedMs: Date.now(),
		addedBy: userId,
	};
	state.notes.push(note);
	return one('request_note', renderNote(state, note), 201);
}

export function listNotes(state: ServiceDeskPlusState, requestId: string, input: Input): Reply {
	const request = findRequest(state, requestId);
	const { page, info } = listWindow(
		state.notes.filter((note) => note.requestId === request.id),
		input,
	);
	return list(
		'request_notes',
		page.map((note) => renderNote(state, note)),
		info,
	);
}

function technicianFrom(state: ServiceDeskPlusState, owner: unknown): SdpUser {
	if (!isRecord(owner)) throw mandatoryMissing('owner');
	let user: SdpUser | undefined;
	if (owner.id !== undefined) user = state.users.get(String(owner.id));
	else if (typeof owner.email_id === 'string') user = findUserByEmail(state, owner.email_id);
	else if (typeof owner.name === 'string')
		user = [...state.users.values()].find((candidate) => candidate.name === owner.name);
	else throw invalidValue('owner', 'owner needs an id, email_id or name.');
	if (!user || !user.is_technician)
		throw invalidValue('owner', `${JSON.stringify(owner)} is not a technician.`);
	return user;
}

/**
 * `POST /requests/{id}/worklogs`: `owner` is mandatory (a technician by id, email_id or name);
 * `time_spent: { hours, minutes }`, derived from start and end when absent; `start_time`/`end_time` in ms.
 */
export function addWorklog(
	state: ServiceDeskPlusState,
	requestId: string,
	input: Input,
	userId: string,
): Reply {
	const request = findRequest(state, requestId);
	const fields = entityInput(input, 'worklog');
	knownKeys(state, fields, WORKLOG_FIELDS, 'worklog');
	const owner = technicianFrom(state, fields.owner);
	const startMs = dateTimeInput(fields.start_time, 'start_time');
	const endMs = dateTimeInput(fields.end_time, 'end_time');
	if (startMs !== null && endMs !== null && endMs < startMs) {
		throw new SdpError(
			400,
			MESSAGE_CODES.timeMismatch,
			'end_time is before start_time.',
			'end_time',
		);
	}
	let hours: number;
	let minutes: number;
	if (fields.time_spent !== undefined) {
		if (!isRecord(fields.time_spent))
			throw typeMismatch('time_spent', 'time_spent must be { hours, minutes }.');
		hours = wholeNumber(fields.time_spent.hours ?? 0, 'time_spent.hours');
		minutes = wholeNumber(fields.time_spent.minutes ?? 0, 'time_spent.minutes');
		if (minutes > 59)
			throw invalidValue('time_spent.minutes', 'time_spent.minutes must be 0 to 59.');
	} else if (startMs !== null && endMs !== null) {
		const total = Math.round((endMs - startMs) / 60_000);
		hours = Math.floor(total / 60);
		minutes = total % 60;
	} else {
		throw mandatoryMissing('time_spent');
	}
	if (fields.description !== undefined && typeof fields.description !== 'string') {
		throw typeMismatch('description', 'description must be text.');
	}
	const worklog = {
		id: nextId(state),
		requestId: request.id,
		ownerId: owner.id,
		description: typeof fields.description === 'string' ? fields.description : '',
		startMs,
		endMs,
		hours,
		minutes,
		include_nonoperational_hours: optionalBoolean(fields, 'include_nonoperational_hours'),
		createdMs: Date.now(),
		createdBy: userId,
	};
	state.worklogs.push(worklog);
	return one('worklog', renderWorklog(state, worklog), 201);
}

export function listWorklogs(state: ServiceDeskPlusState, requestId: string, input: Input): Reply {
	const request = findRequest(state, requestId);
	const { page, info } = listWindow(
		state.worklogs.filter((worklog) => worklog.requestId === request.id),
		input,
	);
	return list(
		'worklogs',
		page.map((worklog) => renderWorklog(state, worklog)),
		info,
	);
}

/** `GET /technicians?input_data={"list_info":{…,"search_criteria":…}}`, by name. */
export function listTechnicians(state: ServiceDeskPlusState, input: Input): Reply {
	const listInfo = isRecord(input.list_info) ? input.list_info : {};
	const matches = searchPredicate(listInfo.search_criteria, ['id', 'name', 'email_id']);
	const technicians = [...state.users.values()]
		.filter(
			(user) =>
				user.is_technician && matches({ id: user.id, name: user.name, email_id: user.email_id }),
		)
		.sort((a, b) => a.name.localeCompare(b.name));
	const { page, info } = listWindow(technicians, input);
	return list('technicians', page.map(renderTechnician), info);
}

/**
 * `GET /requests?input_data={"list_info":{…}}`: search on `id`, `display_id`, `subject`, `status.name` and
 * `udf_fields.<declared field>` (SDP v3 "Get list request": `search_criteria` names fields by their API
 * path, additional fields as `udf_fields.udf_…`; the field names are an assumption, see README choice 9).
 * `sort_field` `id` or `created_time`, `sort_order` `asc`/`desc`. A list entry carries the summary fields
 * only, not `udf_fields`: SDP's list view returns a subset of a request's fields, so a client has to read a
 * request whole before it rewrites one of its additional fields (stricter choice; README choice 9, S14). The
 * knob `requestListFields: 'whole'` gives whole requests instead.
 */
export function listRequests(state: ServiceDeskPlusState, input: Input): Reply {
	const listInfo = isRecord(input.list_info) ? input.list_info : {};
	const udf = [...state.udfFields].map((field) => `udf_fields.${field}`);
	const matches = searchPredicate(listInfo.search_criteria, [
		'id',
		'display_id',
		'subject',
		'status.name',
		...udf,
	]);
	const sortField = String(listInfo.sort_field ?? 'id');
	if (sortField !== 'id' && sortField !== 'created_time') {
		throw invalidValue(
			'list_info.sort_field',
			`The simulator sorts by id or created_time; got '${sortField}'.`,
		);
	}
	const order = String(listInfo.sort_order ?? 'asc').toLowerCase();
	if (order !== 'asc' && order !== 'desc')
		throw invalidValue('list_info.sort_order', `sort_order is asc or desc; got '${order}'.`);
	const key = (request: SdpRequest): bigint =>
		sortField === 'id' ? BigInt(request.id) : BigInt(request.createdMs);
	const found = [...state.requests.values()]
		.filter((request) =>
			matches({
				id: request.id,
				display_id: request.display_id,
				subject: request.subject,
				'status.name': request.status,
				...Object.fromEntries(
					Object.entries(request.udf_fields).map(([field, value]) => [
						`udf_fields.${field}`,
						value,
					]),
				),
			}),
		)
		.sort((a, b) => {
			const difference = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
			return order === 'asc' ? difference : -difference;
		});
	const { page, info } = listWindow(found, input);
	return list(
		'requests',
		page.map((request) => {
			const whole = renderRequest(state, request);
			if (state.knobs.requestListFields === 'whole') return whole;
			const { udf_fields: _udf, description: _description, ...summary } = whole;
			return summary;
		}),
		info,
	);
}
