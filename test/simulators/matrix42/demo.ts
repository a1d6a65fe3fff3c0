import type { SimClock } from '../teamviewer/clock';
import { toIso } from './ids';
import { insertObject } from './records';
import { ACTIVITY_STATE, TEAMVIEWER_ID_ATTRIBUTE } from './schema';
import type { Matrix42State } from './state';

/** The demo's API token (Administration → Integration → Web Service Tokens), for the n8n credential. */
export const DEMO_API_TOKEN = 'm42-demo-api-token.eyJzdWIiOiJuOG4taW50ZWdyYXRpb24ifQ.c2ltdWxhdG9y';

export interface DemoPerson {
	objectId: string;
	/** The `SPSUserClassBase` fragment id: what relations (Initiator, ResponsibleUser) hold. */
	userId: string;
	name: string;
	email: string | null;
}

export interface DemoActivity {
	objectId: string;
	ci: string;
	ticketNumber: string;
	subject: string;
}

export interface DemoInfo {
	apiToken: string;
	/** The person the API token acts for. */
	integrationUser: DemoPerson;
	/** By first name: `max`, `erika`, `tom`, `nora`. */
	people: Record<string, DemoPerson>;
	/** By ticket number. */
	activities: Record<string, DemoActivity>;
	/** Computer `Name` → object id. */
	assets: Record<string, string>;
}

const PEOPLE: Array<[key: string, first: string, last: string, email: string | null]> = [
	['integration', 'n8n', 'Integration', 'n8n.integration@example.com'],
	['max', 'Max', 'Mustermann', 'max.mustermann@example.com'],
	['erika', 'Erika', 'Beispiel', 'erika.beispiel@example.com'],
	['tom', 'Tom', 'Techniker', 'tom.techniker@example.com'],
	['nora', 'Nora', 'Nomail', null],
];

const ACTIVITIES: Array<{
	ci: string;
	number: string;
	subject: string;
	initiator: string;
	responsible?: string;
	state: number;
	hoursAgo: number;
}> = [
	{ ci: 'SPSActivityTypeTicket', number: 'TCK00001', subject: 'Outlook crashes on start', initiator: 'max', responsible: 'tom', state: ACTIVITY_STATE.inProgress, hoursAgo: 5 },
	{ ci: 'SPSActivityTypeTicket', number: 'TCK00002', subject: 'VPN drops every few minutes', initiator: 'erika', responsible: 'tom', state: ACTIVITY_STATE.new, hoursAgo: 4 },
	{ ci: 'SPSActivityTypeIncident', number: 'INC00003', subject: 'Printer on the 2nd floor is offline', initiator: 'max', responsible: 'tom', state: ACTIVITY_STATE.inProgress, hoursAgo: 3 },
	{ ci: 'SPSActivityTypeServiceRequest', number: 'SRQ00004', subject: 'Teams camera not detected', initiator: 'erika', state: ACTIVITY_STATE.waiting, hoursAgo: 2 },
	{ ci: 'SPSActivityTypeTicket', number: 'TCK00005', subject: 'Monitor flickers', initiator: 'max', responsible: 'tom', state: ACTIVITY_STATE.closed, hoursAgo: 30 },
	{ ci: 'SPSActivityTypeTicket', number: 'TCK00006', subject: 'Keyboard is missing keys', initiator: 'nora', state: ACTIVITY_STATE.new, hoursAgo: 1 },
];

/**
 * Computers. The names match devices of the TeamViewer sandbox (test/simulators/teamviewer/sandbox):
 * Computers & Contacts devices PC-ACCOUNTING-01, PC-RECEPTION (spelled in lower case here), SRV-DB-01,
 * KIOSK-LOBBY, and the managed device LAPTOP-HR-01; PRINTER-2F-01 and WS-OLD-99 have no device.
 */
const COMPUTERS: Array<[name: string, teamViewerId: string | null]> = [
	['PC-ACCOUNTING-01', null],
	['pc-reception', null],
	['SRV-DB-01', '111111111'],
	['KIOSK-LOBBY', null],
	['LAPTOP-HR-01', null],
	['PRINTER-2F-01', null],
	['WS-OLD-99', '222222222'],
];

export function seedDemo(state: Matrix42State, clock: SimClock): DemoInfo {
	const people: Record<string, DemoPerson> = {};
	for (const [key, first, last, email] of PEOPLE) {
		const object = insertObject(state, 'SPSUserType', {
			SPSUserClassBase: { FirstName: first, LastName: last, MailAddress: email },
		});
		const userId = object.fragments.get('SPSUserClassBase')!.ID;
		people[key] = { objectId: object.ID, userId, name: `${first} ${last}`, email };
	}
	const activities: Record<string, DemoActivity> = {};
	for (const activity of ACTIVITIES) {
		const created = clock.nowMs() - activity.hoursAgo * 3_600_000;
		const object = insertObject(state, activity.ci, {
			SPSActivityClassBase: {
				TicketNumber: activity.number,
				Subject: activity.subject,
				DescriptionHTML: `<p>${activity.subject}</p>`,
				State: activity.state,
				Initiator: people[activity.initiator].userId,
				ResponsibleUser: activity.responsible ? people[activity.responsible].userId : null,
				CreatedDate: toIso(created),
				ClosedDate: activity.state === ACTIVITY_STATE.closed ? toIso(created + 3_600_000) : null,
			},
		});
		activities[activity.number] = { objectId: object.ID, ci: activity.ci, ticketNumber: activity.number, subject: activity.subject };
	}
	const assets: Record<string, string> = {};
	COMPUTERS.forEach(([name, teamViewerId], index) => {
		const object = insertObject(state, 'SPSComputerType', {
			SPSComputerClassBase: { Name: name, SerialNumber: `SN-${String(index + 1).padStart(4, '0')}`, [TEAMVIEWER_ID_ATTRIBUTE]: teamViewerId },
		});
		assets[name] = object.ID;
	});
	state.apiTokens.set(DEMO_API_TOKEN, { user: people.integration.userId, name: 'n8n TeamViewer flows', expiresAtMs: null, disabled: false });
	const { integration, ...others } = people;
	return { apiToken: DEMO_API_TOKEN, integrationUser: integration, people: others, activities, assets };
}
