import { applySeed, seedRecord } from './seed';
import type { CherwellState } from './state';

/** The REST API client the flows log in with (a client ID is a GUID in CSM). */
export const DEMO_API_CLIENT = { clientId: '4f1d6a2e-8b3c-4e5f-9a7d-2c6b8e0f1a3d' };
/** The integration user (internal login). */
export const DEMO_API_USER = {
	username: 'n8n.integration',
	password: 'Cherwell-Integration-Pa55!',
};

export interface DemoInfo {
	apiClient: { clientId: string };
	apiUser: { username: string; password: string };
	/** Incident public ID (`101001`, …) → RecID. */
	incidents: Record<string, string>;
	/** Customer full name → RecID. */
	customers: Record<string, string>;
}

const CUSTOMERS: Array<[string, string]> = [
	['Abel Tuter', 'abel.tuter@example.com'],
	['Carol Coughlin', 'carol.coughlin@example.com'],
	// No email address: the create flow must refuse to invite.
	['David Loo', ''],
	['Erin Ng', 'erin.ng@example.com'],
	['Frank Ruiz', 'frank.ruiz@example.com'],
	['Gina Park', 'gina.park@example.com'],
];

/** Customer - External records (a company's contacts): the flows must read them from their own object. */
const EXTERNAL_CUSTOMERS: Array<[string, string, string]> = [
	['Hana Ito', 'Contoso Ltd', 'hana.ito@contoso.example'],
	// No email address: the create flow must refuse with a reason naming the external customer.
	['Ivan Petrov', 'Fabrikam Inc', ''],
];

/** [customer, short description, status, owner] for incidents 101001 … 101009, in that order. */
const INCIDENTS: Array<[string, string, string, string]> = [
	['Abel Tuter', 'Outlook crashes on start', 'In Progress', 'Beth Anglin'],
	['Carol Coughlin', 'VPN drops every few minutes', 'New', ''],
	['David Loo', 'Printer on the 3rd floor is offline', 'Assigned', 'Beth Anglin'],
	['Abel Tuter', 'Laptop fan is loud', 'Closed', 'Beth Anglin'],
	['Erin Ng', 'Teams camera shows a black picture', 'In Progress', 'Beth Anglin'],
	['Frank Ruiz', 'Excel macros are blocked', 'In Progress', 'Beth Anglin'],
	['Gina Park', 'Cannot map the network drive', 'New', ''],
	['Hana Ito', 'Shared mailbox is missing', 'In Progress', 'Beth Anglin'],
	['Ivan Petrov', 'Cannot reach the partner portal', 'In Progress', 'Beth Anglin'],
];

/** Adds the demo system (see README) and returns what tests need to address it. */
export function seedDemo(state: CherwellState, nowMs: number): DemoInfo {
	applySeed(
		state,
		{
			users: { [DEMO_API_USER.username]: DEMO_API_USER.password },
			clients: [DEMO_API_CLIENT.clientId],
		},
		nowMs,
	);
	const customers: Record<string, string> = {};
	for (const [fullName, email] of CUSTOMERS) {
		const [firstName, lastName] = fullName.split(' ');
		const record = seedRecord(
			state,
			{
				busOb: 'CustomerInternal',
				fields: { FullName: fullName, FirstName: firstName, LastName: lastName, Email: email },
			},
			nowMs,
		);
		customers[fullName] = record.fields.RecID;
	}
	for (const [fullName, company, email] of EXTERNAL_CUSTOMERS) {
		const record = seedRecord(
			state,
			{
				busOb: 'CustomerExternal',
				fields: { FullName: fullName, CompanyName: company, Email: email },
			},
			nowMs,
		);
		customers[fullName] = record.fields.RecID;
	}
	const incidents: Record<string, string> = {};
	for (const [customer, shortDescription, status, owner] of INCIDENTS) {
		const record = seedRecord(
			state,
			{
				busOb: 'Incident',
				fields: {
					ShortDescription: shortDescription,
					Description: shortDescription,
					Status: status,
					Priority: '3',
					CustomerRecID: customers[customer],
					CustomerDisplayName: customer,
					OwnedBy: owner,
					OwnedByTeam: 'Service Desk',
				},
			},
			nowMs,
		);
		incidents[record.fields.IncidentID] = record.fields.RecID;
	}
	return { apiClient: DEMO_API_CLIENT, apiUser: DEMO_API_USER, incidents, customers };
}
