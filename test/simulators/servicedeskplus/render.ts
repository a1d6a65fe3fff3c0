import { dateTime } from './envelope';
import {
	STATUSES,
	type SdpNote,
	type SdpRequest,
	type SdpUser,
	type SdpWorklog,
	type ServiceDeskPlusState,
} from './state';

const STATUS_COLOURS: Record<string, string> = {
	Open: '#0066ff',
	'In Progress': '#00ffcc',
	'On Hold': '#ff9900',
	Resolved: '#00ff66',
	Closed: '#006600',
	Canceled: '#999999',
};

/** A user as other records embed it. */
export function userRef(user: SdpUser | undefined): Record<string, unknown> | null {
	if (!user) return null;
	return {
		id: user.id,
		name: user.name,
		email_id: user.email_id,
		is_technician: user.is_technician,
	};
}

export function renderTechnician(user: SdpUser): Record<string, unknown> {
	return {
		id: user.id,
		name: user.name,
		email_id: user.email_id,
		mobile: user.mobile,
		phone: user.phone,
		status: 'ACTIVE',
	};
}

export function renderRequest(
	state: ServiceDeskPlusState,
	request: SdpRequest,
): Record<string, unknown> {
	const requester = state.users.get(request.requesterId);
	const technician =
		request.technicianId === null ? undefined : state.users.get(request.technicianId);
	const statusIndex = STATUSES.indexOf(request.status);
	return {
		id: request.id,
		display_id: request.display_id,
		subject: request.subject,
		description: request.description,
		status: {
			id: `11605800000000${String(statusIndex + 1).padStart(4, '0')}`,
			name: request.status,
			color: STATUS_COLOURS[request.status],
			in_progress: request.status === 'Open' || request.status === 'In Progress',
		},
		priority: request.priority === null ? null : { name: request.priority },
		requester: requester
			? {
					id: requester.id,
					name: requester.name,
					email_id: requester.email_id,
					mobile: requester.mobile,
					phone: requester.phone,
					is_vipuser: false,
				}
			: null,
		technician: technician
			? { id: technician.id, name: technician.name, email_id: technician.email_id }
			: null,
		group: request.group === null ? null : { name: request.group },
		created_time: dateTime(request.createdMs),
		last_updated_time: dateTime(request.updatedMs),
		has_notes: state.notes.some((note) => note.requestId === request.id),
		udf_fields: { ...request.udf_fields },
	};
}

export function renderNote(state: ServiceDeskPlusState, note: SdpNote): Record<string, unknown> {
	return {
		id: note.id,
		description: note.description,
		show_to_requester: note.show_to_requester,
		notify_technician: note.notify_technician,
		mark_first_response: note.mark_first_response,
		add_to_linked_requests: note.add_to_linked_requests,
		added_time: dateTime(note.addedMs),
		added_by: userRef(state.users.get(note.addedBy)),
		last_updated_time: dateTime(note.addedMs),
		request: { id: note.requestId },
	};
}

export function renderWorklog(
	state: ServiceDeskPlusState,
	worklog: SdpWorklog,
): Record<string, unknown> {
	return {
		id: worklog.id,
		owner: userRef(state.users.get(worklog.ownerId)),
		description: worklog.description,
		start_time: dateTime(worklog.startMs),
		end_time: dateTime(worklog.endMs),
		time_spent: { hours: String(worklog.hours), minutes: String(worklog.minutes) },
		include_nonoperational_hours: worklog.include_nonoperational_hours,
		created_time: dateTime(worklog.createdMs),
		created_by: userRef(state.users.get(worklog.createdBy)),
		request: { id: worklog.requestId },
	};
}
