import { tableRecords } from './lookup';
import { applySeed, type SeedData } from './seed';
import type { ServiceNowState } from './state';

export const DEMO_INTEGRATION_USER = {
	user_name: 'n8n.integration',
	password: 'n8n-Integration-Pa55!',
};
export const DEMO_OAUTH_CLIENT = { clientId: 'n8n-demo-client', clientSecret: 'n8n-demo-secret' };

/** Custom tables of the TeamViewer flows, declared empty so that GET works before the first POST. */
export const DEMO_CUSTOM_TABLES = [
	'x_tv_session',
	'x_tv_connection_report',
	'x_tv_device',
] as const;

export interface DemoInfo {
	integrationUser: { user_name: string; password: string; sys_id: string };
	oauthClient: { clientId: string; clientSecret: string };
	/** `user_name` → sys_id. */
	users: Record<string, string>;
	/** CI `name` → sys_id. */
	cis: Record<string, string>;
	/** Task `number` → its class table and sys_id. */
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
			user('n8n.integration', 'n8n Integration'),
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
		cmdb_ci_computer: [
			{ name: 'LAPTOP-ABEL-01', u_teamviewer_id: '123456789', assigned_to: 'Abel Tuter' },
		],
		cmdb_ci_server: [{ name: 'SRV-MAIL-01', u_teamviewer_id: '987654321' }],
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
		problem: [
			{
				short_description: 'Mail server restarts every night',
				caller_id: 'Abel Tuter',
				assigned_to: 'Beth Anglin',
				cmdb_ci: 'SRV-MAIL-01',
				state: '102',
			},
		],
		change_request: [
			{
				short_description: 'Upgrade Outlook on LAPTOP-ABEL-01',
				caller_id: 'Abel Tuter',
				requested_by: 'Abel Tuter',
				assigned_to: 'Beth Anglin',
				cmdb_ci: 'LAPTOP-ABEL-01',
				state: '-2',
			},
		],
		sc_req_item: [
			{
				short_description: 'Replacement laptop for David Loo',
				caller_id: 'David Loo',
				requested_for: 'David Loo',
				assigned_to: 'Beth Anglin',
				state: '1',
			},
		],
		...Object.fromEntries(DEMO_CUSTOM_TABLES.map((table) => [table, []])),
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
		cis: index('cmdb_ci', 'name'),
		tasks: Object.fromEntries(
			tableRecords(state, 'task').map((record) => [
				record.number,
				{ table: record.sys_class_name, sys_id: record.sys_id },
			]),
		),
	};
}
