import { applySeed, type SeedData } from './seed';
import type { ServiceDeskPlusState } from './state';

/*
 * The demo help desk. Its technicians carry the email addresses of the TeamViewer sandbox users
 * (`../teamviewer/sandbox`: `<first>.<last>@sandbox-support.example`), so that a connection made by a
 * TeamViewer user can be booked as a worklog of the matching SDP technician:
 *
 *   TeamViewer user   SDP technician
 *   Ada Agent         Ada Agent
 *   Ben Backoffice    Ben Backoffice
 *   Chloe Field       Chloe Field
 *   Dana Ops          Dana Ops (email stored in another letter case)
 *   Emil Escalation   — (no SDP technician: worklogs fall back to the request's technician)
 *   —                 Heidi Admin (the SDAdmin behind the Zoho client), Frank Fieldtech (no TeamViewer account)
 */

export const DEMO_SESSION_FIELD = 'udf_sline_301';

export const DEMO_OAUTH_CLIENT = {
	clientId: '1000.N8NDEMOCLIENT0000000000000000',
	clientSecret: 'n8n-demo-zoho-client-secret',
	refreshToken: '1000.demo0refresh0token.n8n0sdp0teamviewer',
};

const sandboxEmail = (name: string) =>
	`${name.toLowerCase().replace(/\s+/g, '.')}@sandbox-support.example`;

const DEMO_DATA: SeedData = {
	technicians: [
		{ name: 'Heidi Admin', email_id: sandboxEmail('Heidi Admin') },
		{ name: 'Ada Agent', email_id: sandboxEmail('Ada Agent'), mobile: '+4915120000001' },
		{ name: 'Ben Backoffice', email_id: sandboxEmail('Ben Backoffice') },
		{ name: 'Chloe Field', email_id: sandboxEmail('Chloe Field') },
		{ name: 'Dana Ops', email_id: 'Dana.Ops@Sandbox-Support.example' },
		{ name: 'Frank Fieldtech', email_id: sandboxEmail('Frank Fieldtech') },
	],
	requesters: [
		{
			name: 'Erika Muster',
			email_id: 'erika.muster@customer.example',
			mobile: '+4915112345678',
			phone: '+49 30 1234567',
		},
		// A local-format mobile number: it cannot take an SMS.
		{ name: 'John Doe', email_id: 'john.doe@acme.example', mobile: '0151 2345678' },
		{ name: 'Li Wei', email_id: 'li.wei@globex.example' },
		{ name: 'Maria Rossi', email_id: 'maria.rossi@initech.example', mobile: '+393471234567' },
		{ name: 'Noah Nomail', email_id: null, phone: '+44 20 7946 0018' },
	],
	udfFields: [DEMO_SESSION_FIELD],
	requests: [
		{
			subject: 'Outlook crashes on start',
			requester: 'Erika Muster',
			technician: 'Ada Agent',
			group: 'Service Desk',
			priority: 'High',
		},
		{
			subject: 'VPN drops every few minutes',
			requester: 'John Doe',
			technician: 'Ben Backoffice',
			status: 'In Progress',
			group: 'Network',
		},
		{
			subject: 'Printer on the 3rd floor is offline',
			requester: 'Li Wei',
			technician: 'Chloe Field',
			group: 'Service Desk',
		},
		{
			subject: 'Label printer shows a paper jam',
			requester: 'Erika Muster',
			technician: 'Frank Fieldtech',
			group: 'Field Service',
		},
		{
			subject: 'Old laptop returned',
			requester: 'Maria Rossi',
			technician: 'Ada Agent',
			status: 'Closed',
		},
		{ subject: 'New starter needs a laptop', requester: 'Noah Nomail', technician: null },
		{
			subject: 'Screen flickers after the update',
			requester: 'Maria Rossi',
			technician: 'Dana Ops',
			group: 'Service Desk',
		},
	],
	oauthClients: [{ ...DEMO_OAUTH_CLIENT, user: 'Heidi Admin' }],
};

/** The n8n custom-auth credential's data the flows use to refresh the demo client's Zoho token. */
export function zohoRefreshCredentialData(): { json: string } {
	return {
		json: JSON.stringify({
			qs: { client_id: DEMO_OAUTH_CLIENT.clientId, client_secret: DEMO_OAUTH_CLIENT.clientSecret, refresh_token: DEMO_OAUTH_CLIENT.refreshToken },
		}),
	};
}

export interface DemoInfo {
	portal: string;
	/** The additional field that holds a request's TeamViewer session code. */
	sessionField: string;
	/** The SDAdmin the Zoho client acts as: notes are added by this user. */
	apiUser: { id: string; name: string; email_id: string };
	oauthClient: typeof DEMO_OAUTH_CLIENT;
	/** Name → id. */
	technicians: Record<string, string>;
	requesters: Record<string, string>;
	/** Display id (`'101'` …) → request id. */
	requests: Record<string, string>;
}

export function seedDemo(state: ServiceDeskPlusState, portal: string): DemoInfo {
	applySeed(state, DEMO_DATA);
	const users = [...state.users.values()];
	const byName = (technician: boolean) =>
		Object.fromEntries(
			users.filter((user) => user.is_technician === technician).map((user) => [user.name, user.id]),
		);
	const apiUser = users.find((user) => user.name === 'Heidi Admin')!;
	return {
		portal,
		sessionField: DEMO_SESSION_FIELD,
		apiUser: { id: apiUser.id, name: apiUser.name, email_id: apiUser.email_id ?? '' },
		oauthClient: DEMO_OAUTH_CLIENT,
		technicians: byName(true),
		requesters: byName(false),
		requests: Object.fromEntries(
			[...state.requests.values()].map((request) => [request.display_id, request.id]),
		),
	};
}
