import type { Delivery, M42Object, Matrix42State } from './state';

/**
 * The Matrix42 side of the close event: when a hook is set, POSTs `{ activityId, ticketNumber,
 * subject, state, closedDate }` as JSON to it (what a Matrix42 workflow on "activity closed" would
 * send to n8n). Resolves once answered; the outcome is kept in `state.deliveries`.
 */
export async function notifyActivityClosed(state: Matrix42State, object: M42Object): Promise<void> {
	const target = state.hooks.activityClosed;
	if (!target) return;
	const fragment = object.fragments.get('SPSActivityClassBase')!;
	const body = {
		activityId: object.ID,
		ticketNumber: fragment.TicketNumber,
		subject: fragment.Subject,
		state: fragment.State,
		closedDate: fragment.ClosedDate,
	};
	const delivery: Delivery = { event: 'activityClosed', url: target.url, body, status: 0, response: undefined };
	state.deliveries.push(delivery);
	try {
		const response = await fetch(target.url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', ...target.headers },
			body: JSON.stringify(body),
		});
		delivery.status = response.status;
		const text = await response.text();
		try {
			delivery.response = JSON.parse(text);
		} catch {
			delivery.response = text;
		}
	} catch (error) {
		delivery.error = error instanceof Error ? error.message : String(error);
	}
}
