import { applySeed, type SeedData } from './seed';
import type { BossDeskState } from './state';

/** The API key of the demo's integration user (what the n8n Header Auth credential carries). */
export const DEMO_API_KEY = 'bd_live_7f3c9a1e5b2d4f6081a9c3e5d7f9b1a3';

/** The integration user the API key acts as; technicians log in with their own passwords. */
export const DEMO_INTEGRATION_USER = {
	name: 'n8n Integration',
	email: 'n8n.integration@yourcompany.example',
	password: 'n8n-Integration-Pa55!',
};

/**
 * Technicians named like the TeamViewer sandbox's users (`test/simulators/teamviewer/sandbox/`), with
 * the same email addresses, so that tickets, service cases and connection reports line up.
 */
export const DEMO_TECHNICIANS = [
	{ name: 'Ada Agent', email: 'ada.agent@sandbox-support.example' },
	{ name: 'Ben Backoffice', email: 'ben.backoffice@sandbox-support.example' },
	{ name: 'Chloe Field', email: 'chloe.field@sandbox-support.example' },
] as const;

export const DEMO_REQUESTERS = [
	{ name: 'Erika Muster', email: 'erika.muster@example.com' },
	{ name: 'John Doe', email: 'john.doe@example.com' },
	{ name: 'Maria Rossi', email: 'maria.rossi@example.com' },
	{ name: 'Li Wei', email: 'li.wei@example.com' },
	{ name: 'Ahmed Khan', email: 'ahmed.khan@example.com' },
] as const;

export interface DemoInfo {
	apiKey: string;
	integrationUser: { id: number; name: string; email: string; password: string };
	/** Ticket title → `{ id, number }`. */
	tickets: Record<string, { id: number; number: number }>;
}

const DEMO_DATA: SeedData = {
	users: [
		{ ...DEMO_INTEGRATION_USER, role: 'technician' },
		...DEMO_TECHNICIANS.map((user) => ({
			...user,
			role: 'technician' as const,
			password: 'tech-Pa55!',
		})),
		...DEMO_REQUESTERS.map((user) => ({ ...user, role: 'requester' as const })),
	],
	tickets: [
		{
			title: 'Outlook crashes on start',
			requester: 'Erika Muster',
			technician: 'Ada Agent',
			status: 'In Progress',
			category: 'PC',
			type: 'Incident',
			priority: 'Medium',
			source: 'Email',
		},
		{
			title: 'VPN drops every few minutes',
			requester: 'John Doe',
			technician: 'Ben Backoffice',
			category: 'Network',
			type: 'Incident',
			priority: 'Urgent',
			source: 'Technician Portal',
		},
		{
			title: 'Printer on the 3rd floor is offline',
			requester: 'Maria Rossi',
			technician: 'Chloe Field',
			category: 'Printer',
			type: 'Incident',
			priority: 'Low',
			source: 'User Portal',
		},
		{
			title: 'Install Visio for the design team',
			requester: 'Li Wei',
			technician: 'Ada Agent',
			category: 'Support',
			type: 'Service Request',
			priority: 'Medium',
			source: 'User Portal',
		},
		{
			title: 'Set up the laptop of a new starter',
			requester: 'Ahmed Khan',
			technician: 'Ben Backoffice',
			category: 'PC',
			type: 'Request',
			priority: 'High',
			source: 'Email',
		},
		{
			title: 'Monitor flickers',
			requester: 'Erika Muster',
			technician: null,
			category: 'PC',
			type: 'Incident',
			priority: 'Low',
			source: 'Phone',
		},
		{
			title: 'Shared drive mapped twice',
			requester: 'John Doe',
			technician: 'Ada Agent',
			status: 'Closed',
			category: 'Network',
			type: 'Incident',
			priority: 'Low',
			source: 'User Portal',
		},
		{
			// The ticket the Sessions Summary flow keeps its once-per-period ledger on (Config summaryLogTicketId).
			title: 'TeamViewer Sessions Summary log',
			description: 'Internal: the n8n TeamViewer Sessions Summary flow notes each summary it sends here.',
			requester: DEMO_INTEGRATION_USER.email,
			technician: null,
			status: 'On Hold',
			category: 'Support',
			type: 'Service Request',
			priority: 'Low',
			source: 'Technician Portal',
		},
	],
	apiKeys: { [DEMO_API_KEY]: DEMO_INTEGRATION_USER.email },
};

/** Adds the demo helpdesk (see README) and returns what tests need to address it. */
export function seedDemo(state: BossDeskState): DemoInfo {
	const firstNewTicket = state.counters.ticket;
	applySeed(state, DEMO_DATA);
	const integration = [...state.users.values()].find(
		(user) => user.email === DEMO_INTEGRATION_USER.email,
	);
	return {
		apiKey: DEMO_API_KEY,
		integrationUser: { ...DEMO_INTEGRATION_USER, id: integration?.id ?? 0 },
		tickets: Object.fromEntries(
			[...state.tickets.values()]
				.filter((ticket) => ticket.id >= firstNewTicket)
				.map((ticket) => [ticket.title, { id: ticket.id, number: ticket.number }]),
		),
	};
}
