import path from 'path';

import { tableRecords } from './lookup';
import { applySeed, type SeedData } from './seed';
import type { ServiceNowState } from './state';

export const DEMO_INTEGRATION_USER = {
	user_name: 'n8n.integration',
	password: 'n8n-Integration-Pa55!',
};
/** The n8n "ServiceNow Basic Auth" credential's data for the demo integration user on `instance`. */
export function serviceNowCredentialData(instance: string): { user: string; password: string; subdomain: string } {
	return { user: DEMO_INTEGRATION_USER.user_name, password: DEMO_INTEGRATION_USER.password, subdomain: instance };
}

export const DEMO_OAUTH_CLIENT = { clientId: 'n8n-demo-client', clientSecret: 'n8n-demo-secret' };

/** The update set an admin imports (scripts/servicenow-update-set.ts writes it); the demo installs it. */
export const SHIPPED_UPDATE_SET = path.resolve(
	__dirname,
	'../../../workflows/servicenow/teamviewer-update-set.xml',
);

/** The custom tables of the TeamViewer flows, as the shipped update set creates them. */
export const DEMO_CUSTOM_TABLES = [
	'u_teamviewer_session',
	'u_teamviewer_connection',
	'u_teamviewer_device',
	'u_teamviewer_sync_state',
] as const;

export interface DemoInfo {
	integrationUser: { user_name: string; password: string; sys_id: string };
	oauthClient: { clientId: string; clientSecret: string };
	/** `user_name` → sys_id. */
	users: Record<string, string>;
	/** Role `name` → sys_id (itil, admin and the update set's u_teamviewer_* roles). */
	roles: Record<string, string>;
	/** CI `name` → sys_id. */
	cis: Record<string, string>;
	/** Task `number` → its class table and sys_id (INC, PRB, CHG, REQ, RITM, SCTASK, TASK). */
	tasks: Record<string, { table: string; sys_id: string }>;
}

const user = (user_name: string, name: string, fields: Record<string, string> = {}) => ({
	user_name,
	name,
	first_name: name.split(' ')[0],
	last_name: name.split(' ').slice(1).join(' '),
	email: `${user_name}@example.com`,
	active: 'true',
	...fields,
});

const DEMO_DATA: SeedData = {
	tables: {
		sys_user: [
			user('n8n.integration', 'n8n Integration', { web_service_access_only: 'true' }),
			user('abel.tuter', 'Abel Tuter', {
				mobile_phone: '+4915112345678',
				phone: '+49 30 12345678',
			}),
			user('beth.anglin', 'Beth Anglin', {
				mobile_phone: '+14155550101',
				phone: '+1 415 555 0100',
				title: 'Service Desk Technician',
			}),
			// A local-format mobile number: Twilio refuses it, as the SN guide warns.
			user('carol.coughlin', 'Carol Coughlin', { mobile_phone: '0151 2345678' }),
			user('david.loo', 'David Loo', { mobile_phone: '', phone: '+44 20 7946 0018' }),
		],
		sys_user_group: [{ name: 'Service Desk', manager: 'Beth Anglin' }],
		sys_user_role: [{ name: 'itil' }, { name: 'admin' }],
		// Role references by display value (the role's name); the u_teamviewer_* roles come from the update set.
		sys_user_has_role: [
			{ user: 'n8n Integration', role: 'itil' },
			{ user: 'n8n Integration', role: 'u_teamviewer_integration' },
			{ user: 'Beth Anglin', role: 'itil' },
			{ user: 'Beth Anglin', role: 'u_teamviewer_user' },
		],
		cmdb_ci_computer: [
			{ name: 'LAPTOP-ABEL-01', assigned_to: 'Abel Tuter', serial_number: 'PF3ABEL01' },
		],
		cmdb_ci_server: [{ name: 'SRV-MAIL-01', serial_number: 'CZ2MAIL01' }],
		cmdb_ci: [{ name: 'PRINTER-3F-01' }],
		incident: [
			{
				short_description: 'Outlook crashes on start',
				caller_id: 'Abel Tuter',
				assigned_to: 'Beth Anglin',
				assignment_group: 'Service Desk',
				cmdb_ci: 'LAPTOP-ABEL-01',
				state: '2',
				impact: '2',
				urgency: '2',
				priority: '3',
			},
			{
				short_description: 'VPN drops every few minutes',
				caller_id: 'Carol Coughlin',
				assignment_group: 'Service Desk',
				state: '1',
			},
			{
				short_description: 'Printer on the 3rd floor is offline',
				caller_id: 'David Loo',
				assigned_to: 'Beth Anglin',
				cmdb_ci: 'PRINTER-3F-01',
				state: '6',
				close_notes: 'Power cycled the printer.',
			},
		],
		// A problem has no caller: who reported it is opened_by.
		problem: [
			{
				short_description: 'Mail server restarts every night',
				opened_by: 'David Loo',
				assigned_to: 'Beth Anglin',
				cmdb_ci: 'SRV-MAIL-01',
				state: '102',
			},
		],
		// A change has no caller: requested_by. The second one has nobody to invite.
		change_request: [
			{
				short_description: 'Upgrade Outlook on LAPTOP-ABEL-01',
				requested_by: 'Abel Tuter',
				assigned_to: 'Beth Anglin',
				cmdb_ci: 'LAPTOP-ABEL-01',
				state: '-2',
			},
			{
				short_description: 'Replace the conference room display',
				requested_by: '',
				assignment_group: 'Service Desk',
				state: '-5',
			},
		],
		sc_request: [
			{ short_description: 'Order: replacement laptop (David Loo)', requested_for: 'David Loo' },
			// Ordered on behalf of Erin, who has no user record: nobody to invite.
			{ short_description: 'Order: new laptop (Erin)', requested_for: '' },
		],
		// Requested items have no caller: request.requested_for (and, in current releases, requested_for).
		sc_req_item: [
			{
				short_description: 'Replacement laptop for David Loo',
				request: 'REQ0010001',
				requested_for: 'David Loo',
				assigned_to: 'Beth Anglin',
				state: '1',
			},
			{
				short_description: 'New laptop for Erin',
				request: 'REQ0010002',
				requested_for: '',
				state: '1',
			},
		],
		sc_task: [
			{
				short_description: 'Install the docking station',
				request_item: 'RITM0010001',
				request: 'REQ0010001',
				assignment_group: 'Service Desk',
				state: '1',
			},
		],
		task: [{ short_description: 'Check the backup job', opened_by: 'Carol Coughlin', state: '1' }],
	},
	passwords: { [DEMO_INTEGRATION_USER.user_name]: DEMO_INTEGRATION_USER.password },
	oauthClients: [DEMO_OAUTH_CLIENT],
};

/** Adds the demo instance (see README) and returns what tests need to address it. */
export function seedDemo(state: ServiceNowState): DemoInfo {
	applySeed(state, DEMO_DATA);
	const index = (table: string, key: string) =>
		Object.fromEntries(tableRecords(state, table).map((record) => [record[key], record.sys_id]));
	const users = index('sys_user', 'user_name');
	return {
		integrationUser: { ...DEMO_INTEGRATION_USER, sys_id: users[DEMO_INTEGRATION_USER.user_name] },
		oauthClient: DEMO_OAUTH_CLIENT,
		users,
		roles: index('sys_user_role', 'name'),
		cis: index('cmdb_ci', 'name'),
		tasks: Object.fromEntries(
			tableRecords(state, 'task').map((record) => [
				record.number,
				{ table: record.sys_class_name, sys_id: record.sys_id },
			]),
		),
	};
}
