import type { BossDeskState, BossUser, Comment, Ticket } from './state';

/** A user as embedded in tickets and comments. */
export function renderUser(user: BossUser | undefined): Record<string, unknown> | null {
	return user ? { id: user.id, name: user.name, email: user.email } : null;
}

/** A ticket as `GET /tickets/{id}` answers it (UNCONFIRMED field names, see README). */
export function renderTicket(state: BossDeskState, ticket: Ticket): Record<string, unknown> {
	return {
		id: ticket.id,
		number: ticket.number,
		title: ticket.title,
		description: ticket.description,
		status: ticket.status,
		priority: ticket.priority,
		category: ticket.category,
		type: ticket.type,
		source: ticket.source,
		requester: renderUser(state.users.get(ticket.requesterId)),
		technician:
			ticket.technicianId === null ? null : renderUser(state.users.get(ticket.technicianId)),
		created_at: ticket.created_at,
		updated_at: ticket.updated_at,
		closed_at: ticket.closed_at,
		lock_version: ticket.lock_version,
	};
}

export function renderComment(state: BossDeskState, comment: Comment): Record<string, unknown> {
	return {
		id: comment.id,
		ticket_id: comment.ticket_id,
		body: comment.body,
		is_private: comment.is_private,
		created_at: comment.created_at,
		author: renderUser(state.users.get(comment.authorId)),
	};
}
