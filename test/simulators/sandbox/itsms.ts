/**
 * What the sandbox console shows of each ITSM (its tickets with what the flows wrote on them) and the
 * buttons an agent would press there. A button either calls the n8n webhook the ITSM's own button,
 * UI action or rule calls (workflows/<itsm>/README.md), or does in the simulator what the agent does in
 * the ITSM, whose own automation then calls n8n (closing a Matrix42 activity or a BOSSDesk ticket).
 */
import { choiceLabel } from '../servicenow/schema';
import { basicAuth, WEBHOOK_USERS, type ItsmKey, type SandboxWorld } from './world';

export interface Entry {
	/** `work note`, `journal`, `worklog`, `comment`, … */
	kind: string;
	at: string;
	text: string;
}

export interface TicketView {
	/** What the ticket's buttons send (a sys_id, a RecID, an object id …). */
	id: string;
	number: string;
	title: string;
	status: string;
	person: string;
	entries: Entry[];
}

export interface ActionSpec {
	key: string;
	label: string;
	/** The flow that answers (for the console's explanation). */
	flow: string;
}

export interface ItsmView {
	key: ItsmKey;
	name: string;
	tickets: TicketView[];
	/** Buttons on each ticket. */
	ticketActions: ActionSpec[];
	/** Buttons of the whole ITSM (sweeps, syncs). */
	actions: ActionSpec[];
}

/** A webhook call n8n should receive: the path below /webhook/ and the JSON body. */
export interface WebhookCall {
	path: string;
	body: Record<string, unknown>;
	headers: Record<string, string>;
}

/** What an action does: call n8n (the console picks /webhook or /webhook-test) or act in the simulator. */
export type Performed = { webhook: WebhookCall } | { done: unknown };

interface ItsmAdapter {
	name: string;
	view(world: SandboxWorld): TicketView[];
	ticketActions: Array<
		ActionSpec & { run(world: SandboxWorld, ticketId: string): Performed | Promise<Performed> }
	>;
	actions: Array<ActionSpec & { run(world: SandboxWorld): Performed | Promise<Performed> }>;
}

const hook = (key: ItsmKey, path: string, body: Record<string, unknown>): Performed => ({
	webhook: {
		path: `${key}/teamviewer/${path}`,
		body,
		headers: { Authorization: basicAuth(WEBHOOK_USERS[key]) },
	},
});
const byTime = (a: Entry, b: Entry) => a.at.localeCompare(b.at);
/** SDP notes are HTML (line breaks as <br>): shown as the text an agent reads. */
const fromHtml = (html: string) =>
	html
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<[^>]+>/g, '')
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>');
const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : '');

/** Who the ServiceNow flows invite, per task class (workflows/servicenow/README.md). */
const SN_PERSON: Record<string, string[]> = {
	incident: ['caller_id'],
	problem: ['opened_by'],
	change_request: ['requested_by'],
};
/** Incidents first, as an agent's list would show them. */
const SN_ORDER = ['INC', 'RITM', 'SCTASK', 'PRB', 'CHG', 'REQ', 'TASK'];
const snRank = (number: string) => {
	const rank = SN_ORDER.findIndex((prefix) => number.startsWith(prefix));
	return rank < 0 ? SN_ORDER.length : rank;
};

/** ServiceNow: a task's sys_id travels as `table:sys_id` (the UI action sends both). */
const servicenow: ItsmAdapter = {
	name: 'ServiceNow',
	view(world) {
		const sn = world.servicenow.sim;
		return Object.entries(world.servicenow.demo.tasks)
			.sort(([a], [b]) => snRank(a) - snRank(b) || a.localeCompare(b))
			.map(([number, { table, sys_id }]) => {
				const record = sn.record(table, sys_id) ?? {};
				const personField = (SN_PERSON[table] ?? ['opened_by']).find((field) => record[field]);
				const person = personField
					? sn.record('sys_user', String(record[personField]))?.name
					: undefined;
				return {
					id: `${table}:${sys_id}`,
					number,
					title: String(record.short_description ?? ''),
					status: choiceLabel(table, 'state', String(record.state)) ?? String(record.state ?? ''),
					person: String(person ?? ''),
					entries: sn.journal
						.filter((entry) => entry.sys_id === sys_id)
						.map((entry) => ({
							kind: entry.element === 'work_notes' ? 'work note' : 'comment',
							at: `${entry.created_on.replace(' ', 'T')}Z`,
							text: entry.value,
						}))
						.sort(byTime),
				};
			});
	},
	ticketActions: [
		{
			key: 'invite',
			label: 'Remote support: email the customer',
			flow: 'ServiceNow: invite by email',
			run: (_, id) => hook('servicenow', 'invite', snTask(id, { action: 'remote' })),
		},
		{
			key: 'pilot-sms',
			label: 'Pilot: text the customer',
			flow: 'ServiceNow: pilot invite by SMS',
			run: (_, id) => hook('servicenow', 'pilot-sms', snTask(id)),
		},
		{
			key: 'close',
			label: 'Close session and log history',
			flow: 'ServiceNow: close and log history',
			run: (_, id) => hook('servicenow', 'close', snTask(id)),
		},
		{
			key: 'connect',
			label: "Connect to the task's device",
			flow: 'ServiceNow: unattended devices',
			run: (_, id) => hook('servicenow', 'device', snTask(id, { action: 'connect' })),
		},
	],
	actions: [
		{
			key: 'sync',
			label: 'Sync connection reports now',
			flow: 'ServiceNow: report sync',
			run: () => hook('servicenow', 'sync', {}),
		},
		{
			key: 'verify',
			label: 'Verify token and licence',
			flow: 'ServiceNow: verify token and licence',
			run: () => hook('servicenow', 'verify', {}),
		},
	],
};
function snTask(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
	const [table, sys_id] = id.split(':');
	return { table, sys_id, ...extra };
}

const servicedeskplus: ItsmAdapter = {
	name: 'ServiceDesk Plus Cloud',
	view(world) {
		const sdp = world.servicedeskplus.sim;
		return Object.entries(world.servicedeskplus.demo.requests).map(([displayId, id]) => {
			const request = sdp.request(id)!;
			return {
				id,
				number: `#${displayId}`,
				title: request.subject,
				status: request.status,
				person: sdp.userName(request.requesterId) ?? '',
				entries: [
					...sdp
						.notes(id)
						.map((note) => ({
							kind: 'note',
							at: iso(note.addedMs),
							text: fromHtml(note.description),
						})),
					...sdp
						.worklogs(id)
						.map((log) => ({
							kind: `worklog ${log.hours} h ${log.minutes} min`,
							at: iso(log.createdMs),
							text: fromHtml(log.description),
						})),
				].sort(byTime),
			};
		});
	},
	ticketActions: [
		{
			key: 'remote',
			label: 'TeamViewer: remote session',
			flow: 'ServiceDesk Plus: session actions',
			run: (_, id) => hook('servicedeskplus', 'session', { request_id: id, action: 'remote' }),
		},
		{
			key: 'pilot',
			label: 'TeamViewer: Assist AR (Pilot)',
			flow: 'ServiceDesk Plus: session actions',
			run: (_, id) => hook('servicedeskplus', 'session', { request_id: id, action: 'pilot' }),
		},
		{
			key: 'reinvite',
			label: 'Reinvite',
			flow: 'ServiceDesk Plus: session actions',
			run: (_, id) => hook('servicedeskplus', 'session', { request_id: id, action: 'reinvite' }),
		},
		{
			key: 'end',
			label: 'End session and log time',
			flow: 'ServiceDesk Plus: end session and log time',
			run: (_, id) => hook('servicedeskplus', 'end', { request_id: id }),
		},
	],
	actions: [
		{
			key: 'history',
			label: 'History check now',
			flow: 'ServiceDesk Plus: end session and log time',
			run: () => hook('servicedeskplus', 'history', {}),
		},
	],
};

const cherwell: ItsmAdapter = {
	name: 'Cherwell CSM',
	view(world) {
		const cw = world.cherwell.sim;
		return Object.entries(world.cherwell.demo.incidents).map(([publicId, recId]) => {
			const incident = cw.record('Incident', recId) ?? {};
			return {
				id: publicId,
				number: publicId,
				title: String(incident.ShortDescription ?? ''),
				status: String(incident.Status ?? ''),
				person: String(incident.CustomerDisplayName ?? ''),
				entries: cw
					.journalNotes(recId)
					.map((note) => ({
						kind: 'journal note',
						at: String(note.CreatedDateTime ?? ''),
						text: String(note.Details ?? ''),
					})),
			};
		});
	},
	ticketActions: [
		{
			key: 'create',
			label: 'Create TeamViewer session',
			flow: 'Cherwell: create session',
			run: (_, id) => hook('cherwell', 'create', { incidentId: id }),
		},
		{
			key: 'share',
			label: 'Share session',
			flow: 'Cherwell: share session',
			run: (_, id) => hook('cherwell', 'share', { incidentId: id }),
		},
		{
			key: 'close',
			label: 'Close session',
			flow: 'Cherwell: close session',
			run: (_, id) => hook('cherwell', 'close', { incidentId: id }),
		},
	],
	actions: [
		{
			key: 'cleanup',
			label: 'Clean up expired sessions now',
			flow: 'Cherwell: clean up expired sessions',
			run: () => hook('cherwell', 'cleanup', {}),
		},
	],
};

const M42_STATES: Record<number, string> = {
	200: 'New',
	201: 'In Progress',
	202: 'Waiting',
	204: 'Closed',
};
const matrix42: ItsmAdapter = {
	name: 'Matrix42',
	view(world) {
		const m42 = world.matrix42.sim;
		const people = new Map(
			Object.values(world.matrix42.demo.people).map((person) => [person.userId, person.name]),
		);
		return Object.values(world.matrix42.demo.activities).map((activity) => {
			const base = m42.fragment(activity.objectId, 'SPSActivityClassBase') ?? { ID: '' };
			return {
				id: activity.objectId,
				number: activity.ticketNumber,
				title: activity.subject,
				status: M42_STATES[Number(base.State)] ?? String(base.State ?? ''),
				person: people.get(String(base.Initiator)) ?? '',
				entries: m42
					.journalOf(activity.objectId)
					.map((entry) => ({ kind: 'journal', at: entry.CreatedDate, text: entry.Comments })),
			};
		});
	},
	ticketActions: [
		{
			key: 'remote-session',
			label: 'Remote session',
			flow: 'Matrix42: remote session',
			run: (_, id) => hook('matrix42', 'remote-session', { activityId: id }),
		},
		{
			key: 'close-activity',
			label: 'Close the activity (its workflow calls n8n)',
			flow: 'Matrix42: collect on close',
			run: async (world, id) => ({
				done: await world.matrix42.sim.closeActivity(id, 'Closed in the sandbox console'),
			}),
		},
	],
	actions: [
		{
			key: 'collect-expired',
			label: 'Collect expired sessions now',
			flow: 'Matrix42: collect expired sessions',
			run: () => hook('matrix42', 'collect-expired', {}),
		},
		{
			key: 'sync-assets',
			label: 'Sync assets now',
			flow: 'Matrix42: asset sync',
			run: () => hook('matrix42', 'sync-assets', {}),
		},
	],
};

const bossdesk: ItsmAdapter = {
	name: 'BOSSDesk',
	view(world) {
		const boss = world.bossdesk.sim;
		return [...boss.state.tickets.values()].map((ticket) => ({
			id: String(ticket.id),
			number: `#${ticket.number}`,
			title: ticket.title,
			status: ticket.status,
			person: boss.state.users.get(ticket.requesterId)?.name ?? '',
			entries: boss
				.commentsOf(ticket.id)
				.map((comment) => ({
					kind: comment.is_private ? 'private comment' : 'comment',
					at: comment.created_at,
					text: comment.body,
				})),
		}));
	},
	ticketActions: [
		{
			key: 'play',
			label: 'Play (start a session)',
			flow: 'BOSSDesk: play session',
			run: (_, id) => hook('bossdesk', 'play', { ticket_id: Number(id) }),
		},
		{
			key: 'stop',
			label: 'Stop',
			flow: 'BOSSDesk: stop session',
			run: (_, id) => hook('bossdesk', 'stop', { ticket_id: Number(id) }),
		},
		{
			key: 'close-ticket',
			label: 'Close the ticket (its automation calls n8n)',
			flow: 'BOSSDesk: ticket closed',
			run: async (world, id) => ({ done: await world.bossdesk.sim.closeTicket(Number(id)) }),
		},
	],
	actions: [
		{
			key: 'history-sweep',
			label: 'History sweep now',
			flow: 'BOSSDesk: history sweep',
			run: () => hook('bossdesk', 'history-sweep', {}),
		},
		{
			key: 'sessions-summary',
			label: 'Sessions summary now',
			flow: 'BOSSDesk: sessions summary',
			run: () => hook('bossdesk', 'sessions-summary', {}),
		},
	],
};

export const ITSMS: Record<ItsmKey, ItsmAdapter> = {
	servicenow,
	servicedeskplus,
	cherwell,
	matrix42,
	bossdesk,
};

export function itsmViews(world: SandboxWorld): ItsmView[] {
	return (Object.keys(ITSMS) as ItsmKey[]).map((key) => {
		const adapter = ITSMS[key];
		const spec = ({ key: action, label, flow }: ActionSpec) => ({ key: action, label, flow });
		return {
			key,
			name: adapter.name,
			tickets: adapter.view(world),
			ticketActions: adapter.ticketActions.map(spec),
			actions: adapter.actions.map(spec),
		};
	});
}

/** Runs a button; throws an Error whose message the console shows for an unknown ITSM, action or ticket. */
export async function runItsmAction(
	world: SandboxWorld,
	key: string,
	action: string,
	ticketId?: string,
): Promise<Performed> {
	const adapter = ITSMS[key as ItsmKey];
	if (!adapter)
		throw new Error(`No ITSM "${key}" in the sandbox (known: ${Object.keys(ITSMS).join(', ')}).`);
	if (ticketId === undefined || ticketId === '') {
		const found = adapter.actions.find((candidate) => candidate.key === action);
		if (!found) throw new Error(`${adapter.name} has no button "${action}".`);
		return await found.run(world);
	}
	const found = adapter.ticketActions.find((candidate) => candidate.key === action);
	if (!found) throw new Error(`${adapter.name} has no ticket button "${action}".`);
	if (!adapter.view(world).some((ticket) => ticket.id === ticketId))
		throw new Error(`${adapter.name} has no ticket ${ticketId}.`);
	return await found.run(world, ticketId);
}
