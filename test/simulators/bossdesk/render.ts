import type { BossDeskState, BossUser, Comment, Ticket } from './state';

/** A user as embedded in tickets and comments. */
export function renderUser(user: BossUser | undefined): Record<string, unknown> | null {
	return user ? { id: user.id, name: user.name, email: user.email } : null;
}

/**
 * Lookup values as BOSSDesk records: `{ id, friendly_id, name }` (the shape of docs.bossdesk.io/api_v2's
 * article categories). Ids are stable per kind and name within a simulator run.
 */
const LOOKUP_IDS = new Map<string, number>();
function lookup(kind: string, name: string): Record<string, unknown> {
	const key = `${kind}:${name.toLowerCase()}`;
	if (!LOOKUP_IDS.has(key)) LOOKUP_IDS.set(key, 1300 + LOOKUP_IDS.size);
	const id = LOOKUP_IDS.get(key)!;
	return { id, friendly_id: id - 1299, name };
}

/** A ticket as `GET /tickets/{id}` answers it (UNCONFIRMED field names, see README). */
export function renderTicket(state: BossDeskState, ticket: Ticket): Record<string, unknown> {
	const plain = state.config.representation === 'plain';
	const value = (kind: string, name: string) => (plain ? name : lookup(kind, name));
	return {
		id: ticket.id,
		...(plain ? { number: ticket.number } : { friendly_id: ticket.number }),
		title: ticket.title,
		description: ticket.description,
		status: value('status', ticket.status),
		priority: value('priority', ticket.priority),
		category: value('category', ticket.category),
		type: value('type', ticket.type),
		source: value('source', ticket.source),
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
