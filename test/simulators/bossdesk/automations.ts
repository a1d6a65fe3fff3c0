import { renderTicket, renderUser } from './render';
import {
	nowIso,
	type Automation,
	type BossDeskState,
	type BossUser,
	type Delivery,
	type Ticket,
} from './state';

/*
 * BOSSDesk automation rules that call a URL when something happens to a ticket. That BOSSDesk can do
 * this, and the payload, are UNCONFIRMED (BOSSDesk's public documentation shows no outbound webhook): the simulator POSTs
 * `{ event, occurred_at, ticket, actor }` as JSON, with HTTP Basic when the rule has credentials.
 */

const DELIVERY_TIMEOUT_MS = 120_000;

export function ticketClosedPayload(
	state: BossDeskState,
	ticket: Ticket,
	by: BossUser,
): Record<string, unknown> {
	return {
		event: 'ticket.closed',
		occurred_at: ticket.closed_at ?? nowIso(),
		ticket: renderTicket(state, ticket),
		actor: renderUser(by),
	};
}

async function post(rule: Automation, delivery: Delivery): Promise<void> {
	const headers: Record<string, string> = { 'Content-Type': 'application/json' };
	if (rule.username !== undefined) {
		const basic = Buffer.from(`${rule.username}:${rule.password ?? ''}`).toString('base64');
		headers.Authorization = `Basic ${basic}`;
	}
	try {
		const response = await fetch(rule.url, {
			method: 'POST',
			headers,
			body: JSON.stringify(delivery.payload),
			signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
		});
		const text = await response.text();
		delivery.status = response.status;
		try {
			delivery.response = JSON.parse(text);
		} catch {
			delivery.response = text;
		}
	} catch (error) {
		delivery.error = error instanceof Error ? error.message : String(error);
	}
}

/** Starts one POST per matching rule; each promise settles (never rejects) once answered. */
export function runAutomations(
	state: BossDeskState,
	event: Automation['event'],
	payload: unknown,
): Array<Promise<Delivery>> {
	return state.automations
		.filter((rule) => rule.event === event)
		.map((rule) => {
			const delivery: Delivery = {
				seq: state.counters.delivery++,
				event,
				url: rule.url,
				payload,
				at: nowIso(),
				status: 0,
			};
			state.deliveries.push(delivery);
			return post(rule, delivery).then(() => delivery);
		});
}
