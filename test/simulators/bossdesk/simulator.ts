import { HttpSimulator, type Pipeline } from '../common';
import { handleApi } from './api';
import { runAutomations, ticketClosedPayload } from './automations';
import { controlRoutes } from './control';
import { seedDemo, type DemoInfo } from './demo';
import { bossError } from './errors';
import { renderTicket } from './render';
import { applySeed, findUser, type SeedData } from './seed';
import {
	createState,
	nowIso,
	resetState,
	snapshotState,
	type Automation,
	type BossDeskConfig,
	type BossDeskState,
	type BossUser,
	type Comment,
	type Delivery,
	type Ticket,
} from './state';

export interface StartOptions {
	/** 0 (default) = a free port. */
	port?: number;
	/** The cloud subdomain: `yourcompany` (default) answers as `yourcompany.bossdesk.io`. */
	subdomain?: string;
	/** Initial data; default 'empty'. */
	seed?: SeedData | 'demo' | 'empty';
}

/** A stateful stand-in for one BOSSDesk cloud tenant's REST API, listening on 127.0.0.1. */
export class BossDeskSimulator extends HttpSimulator {
	readonly state: BossDeskState = createState();

	private pending: Array<Promise<Delivery>> = [];

	constructor(readonly subdomain = 'yourcompany') {
		super();
	}

	protected pipeline(): Omit<Pipeline, 'log' | 'faults'> {
		return {
			control: controlRoutes(this),
			handle: (request) =>
				handleApi(this.state, request, (ticket, by) => this.fireTicketClosed(ticket, by)),
			internalError: (message) =>
				bossError(500, 'internal_server_error', `Simulator error: ${message}`),
		};
	}

	protected hostnames(): string[] {
		return [this.hostname];
	}

	get hostname(): string {
		return `${this.subdomain}.bossdesk.io`;
	}

	/** `https://<subdomain>.bossdesk.io/api/v1`: the URL the flows' Config node holds (via the TLS proxy). */
	get apiUrl(): string {
		return `https://${this.hostname}/api/v1`;
	}

	get config(): BossDeskConfig {
		return this.state.config;
	}

	get deliveries(): Delivery[] {
		return this.state.deliveries;
	}

	/** Empty tenant, default config, no log, faults, automations or deliveries. */
	reset(): void {
		resetState(this.state);
		this.resetTraffic();
		this.pending = [];
	}

	seed(data: SeedData): void {
		applySeed(this.state, data);
	}

	seedDemo(): DemoInfo {
		return seedDemo(this.state);
	}

	snapshot(): Record<string, unknown> {
		return snapshotState(this.state);
	}

	/** The stored ticket (the live object), or undefined. */
	ticket(id: number): Ticket | undefined {
		return this.state.tickets.get(id);
	}

	/** The ticket as `GET /tickets/{id}` shows it. */
	renderedTicket(id: number): Record<string, unknown> | undefined {
		const ticket = this.ticket(id);
		return ticket && renderTicket(this.state, ticket);
	}

	/** Comments of a ticket, oldest first (stored form). */
	commentsOf(ticketId: number): Comment[] {
		return this.state.comments.filter((comment) => comment.ticket_id === ticketId);
	}

	addAutomation(rule: Automation): void {
		if (rule.event !== 'ticket.closed')
			throw new Error(`Unknown automation event "${String(rule.event)}".`);
		if (!/^https?:\/\//.test(String(rule.url)))
			throw new Error('An automation needs an http(s) url.');
		this.state.automations.push(rule);
	}

	/**
	 * An agent closes the ticket in BOSSDesk's UI (by default the ticket's technician): status Closed,
	 * then the `ticket.closed` automations start. Returns at once with the deliveries started.
	 */
	startClosingTicket(
		id: number,
		by?: string,
	): { ticket: Record<string, unknown>; deliveries: Delivery[] } {
		const ticket = this.ticket(id);
		if (!ticket) throw new Error(`Ticket ${id} does not exist.`);
		if (ticket.status === 'Closed') throw new Error(`Ticket ${id} is closed already.`);
		const agent = this.closingAgent(ticket, by);
		const now = nowIso();
		ticket.status = 'Closed';
		ticket.closed_at = now;
		ticket.updated_at = now;
		ticket.lock_version += 1;
		const before = this.state.deliveries.length;
		this.fireTicketClosed(ticket, agent);
		return {
			ticket: renderTicket(this.state, ticket),
			deliveries: this.state.deliveries.slice(before),
		};
	}

	/** As `startClosingTicket`, and waits until every automation call was answered. */
	async closeTicket(id: number, by?: string): Promise<Delivery[]> {
		const { deliveries } = this.startClosingTicket(id, by);
		await this.settled();
		return deliveries;
	}

	/** Resolves once every automation call started so far was answered (or failed). */
	async settled(): Promise<Delivery[]> {
		return await Promise.all(this.pending);
	}

	private closingAgent(ticket: Ticket, by?: string): BossUser {
		const agent =
			by === undefined
				? ticket.technicianId === null
					? [...this.state.users.values()].find((user) => user.role === 'technician')
					: this.state.users.get(ticket.technicianId)
				: findUser(this.state, by);
		if (!agent) throw new Error(`No agent to close ticket ${ticket.id}${by ? ` ("${by}")` : ''}.`);
		return agent;
	}

	private fireTicketClosed(ticket: Ticket, by: BossUser): void {
		const payload = ticketClosedPayload(this.state, ticket, by);
		this.pending.push(...runAutomations(this.state, 'ticket.closed', payload));
	}
}

export async function startBossDeskSimulator(
	options: StartOptions = {},
): Promise<BossDeskSimulator> {
	const simulator = new BossDeskSimulator(options.subdomain);
	await simulator.listen(options.port);
	if (options.seed === 'demo') simulator.seedDemo();
	else if (options.seed !== undefined && options.seed !== 'empty') simulator.seed(options.seed);
	return simulator;
}
