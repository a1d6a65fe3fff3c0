/**
 * The sandbox console: one web page on loopback that shows, live, what the shipped flows did in the
 * sandbox — the emails and text messages as their recipients get them, each ITSM's tickets with the
 * notes, journals, worklogs and comments written on them, TeamViewer's service cases and connection
 * reports — and has the buttons an agent or a customer would press: an ITSM's buttons (which call
 * n8n's webhooks the way the ITSM does), "the customer comes online" and "a supporter was connected
 * for N minutes" on an open service case.
 *
 *   GET  /                                   the page
 *   GET  /api/state                          everything the page shows, as JSON
 *   POST /api/itsm/:itsm/:action             {"ticket"?: id, "target"?: "published" | "test"}
 *   POST /api/ticket-webhook                 {"target"?} the getting-started ticket webhook, with its secret
 *   POST /api/teamviewer/sessions/:code/online
 *   POST /api/teamviewer/sessions/:code/connect   {"minutes": 1..480}
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { itsmViews, runItsmAction, type Performed, type WebhookCall } from './itsms';
import { CONSOLE_PAGE } from './page';
import { TICKET_WEBHOOK_SECRET, type SandboxWorld } from './world';

export type Target = 'published' | 'test';

export interface ActionResult {
	/** What was done, in words. */
	what: string;
	/** n8n's answer to a webhook call; absent for an action done in the simulator. */
	status?: number;
	body?: unknown;
}

class ConsoleError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

const MAX_BODY = 64 * 1024;

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
	let size = 0;
	const chunks: Buffer[] = [];
	for await (const chunk of request) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY) throw new ConsoleError(413, 'The request body is larger than 64 kB.');
		chunks.push(chunk as Buffer);
	}
	const text = Buffer.concat(chunks).toString('utf8').trim();
	if (!text) return {};
	try {
		const value: unknown = JSON.parse(text);
		if (value && typeof value === 'object' && !Array.isArray(value))
			return value as Record<string, unknown>;
	} catch {
		// answered below
	}
	throw new ConsoleError(400, 'The request body must be a JSON object.');
}

function send(
	response: ServerResponse,
	status: number,
	body: unknown,
	type = 'application/json; charset=utf-8',
): void {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	response.writeHead(status, {
		'content-type': type,
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff',
	});
	response.end(text);
}

function targetOf(body: Record<string, unknown>): Target {
	const target = body.target ?? 'published';
	if (target !== 'published' && target !== 'test')
		throw new ConsoleError(
			400,
			`target must be "published" or "test", not ${JSON.stringify(target)}.`,
		);
	return target;
}

export class SandboxConsole {
	private readonly server: Server;
	private boundPort = 0;

	constructor(private readonly world: SandboxWorld) {
		this.server = createServer((request, response) => {
			this.handle(request, response).catch((error: Error) => {
				const status = error instanceof ConsoleError ? error.status : 500;
				send(response, status, { error: error.message });
			});
		});
	}

	get url(): string {
		return `http://127.0.0.1:${this.boundPort}`;
	}

	async listen(port = 0): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, '127.0.0.1', () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		this.boundPort = (this.server.address() as AddressInfo).port;
	}

	close(): Promise<void> {
		return new Promise((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}

	/** Everything the page shows. */
	state(): Record<string, unknown> {
		const { tv, smtp, sms } = this.world;
		const now = tv.clock.nowIso();
		const userName = (id: string | null) => (id ? (tv.state.users.get(id)?.name ?? id) : null);
		const cases = [...tv.state.sessions.values()]
			.sort((a, b) => b.created_at.localeCompare(a.created_at))
			.map((session) => ({
				code: session.code,
				state: session.state,
				customId: session.customId,
				description: session.description,
				end_customer: session.end_customer,
				online: session.online && (session.onlineUntil === null || session.onlineUntil > now),
				group: tv.state.groups.get(session.groupid)?.name ?? session.groupid,
				assignee: userName(session.assigned_userid),
				created_at: session.created_at,
				valid_until: session.valid_until,
				closed_at: session.closed_at,
				end_customer_link: session.end_customer_link,
				supporter_link: session.supporter_link,
			}));
		const reports = [...tv.state.reports.values()]
			.sort((a, b) => b.end_date.localeCompare(a.end_date))
			.slice(0, 25)
			.map((report) => ({
				id: report.id,
				session_code: report.session_code,
				username: report.username,
				devicename: report.devicename,
				start_date: report.start_date,
				end_date: report.end_date,
				minutes: Math.round((Date.parse(report.end_date) - Date.parse(report.start_date)) / 60_000),
			}));
		return {
			n8nUrl: this.world.n8nUrl,
			now,
			mail: smtp.messages.map(({ from, to, cc, subject, text, html, date }) => ({
				from,
				to,
				cc,
				subject,
				text,
				html,
				date,
			})),
			sms: sms.messages.map(({ to, from, body, createdAt }) => ({ to, from, body, createdAt })),
			itsms: itsmViews(this.world),
			teamviewer: { cases, reports, reportCount: tv.state.reports.size },
		};
	}

	/** Calls an n8n webhook the way the ITSM does: production URL, or the editor's test URL after "Execute workflow". */
	async callN8n(call: WebhookCall, target: Target): Promise<ActionResult> {
		const url = `${this.world.n8nUrl}/${target === 'test' ? 'webhook-test' : 'webhook'}/${call.path}`;
		let response: Response;
		try {
			response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...call.headers },
				body: JSON.stringify(call.body),
				signal: AbortSignal.timeout(120_000),
			});
		} catch (error) {
			throw new ConsoleError(
				502,
				`n8n did not answer at ${url}: ${(error as Error).message}. Is it running?`,
			);
		}
		const text = await response.text();
		let body: unknown = text;
		try {
			body = text ? JSON.parse(text) : '';
		} catch {
			// not JSON: shown as text
		}
		// n8n's own 404 for a test webhook nobody listens to carries a stack trace: the message and hint say it all.
		if (body && typeof body === 'object' && 'stacktrace' in body)
			delete (body as Record<string, unknown>).stacktrace;
		return {
			what: `POST ${url.replace(this.world.n8nUrl, '')} ${JSON.stringify(call.body)}`,
			status: response.status,
			body,
		};
	}

	private async perform(performed: Performed, target: Target): Promise<ActionResult> {
		if ('webhook' in performed) return await this.callN8n(performed.webhook, target);
		return { what: 'done in the simulator', body: performed.done };
	}

	private session(code: string) {
		const session = [...this.world.tv.state.sessions.values()].find(
			(candidate) => candidate.code === code,
		);
		if (!session)
			throw new ConsoleError(404, `There is no service case ${code} in the TeamViewer sandbox.`);
		if (session.state !== 'Open')
			throw new ConsoleError(
				409,
				`Service case ${code} is ${session.state.toLowerCase()}: only an open case can be joined.`,
			);
		return session;
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', 'http://console');
		const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
		const method = request.method ?? 'GET';
		if (method === 'GET' && url.pathname === '/')
			return send(response, 200, CONSOLE_PAGE, 'text/html; charset=utf-8');
		if (method === 'GET' && url.pathname === '/api/state') return send(response, 200, this.state());
		if (method !== 'POST' || parts[0] !== 'api')
			throw new ConsoleError(404, `Nothing at ${method} ${url.pathname}.`);
		const body = await readJson(request);

		if (parts[1] === 'itsm' && parts.length === 4) {
			const ticket = body.ticket === undefined ? undefined : String(body.ticket);
			let performed: Performed;
			try {
				performed = await runItsmAction(this.world, parts[2], parts[3], ticket);
			} catch (error) {
				throw new ConsoleError(404, (error as Error).message);
			}
			return send(response, 200, await this.perform(performed, targetOf(body)));
		}
		if (parts[1] === 'ticket-webhook' && parts.length === 2) {
			const call: WebhookCall = {
				path: 'teamviewer/ticket-session',
				headers: { [TICKET_WEBHOOK_SECRET.name]: TICKET_WEBHOOK_SECRET.value },
				body: {
					ticket: 'INC0010042',
					requester: { name: 'Erika Muster', email: 'erika@example.com' },
				},
			};
			return send(response, 200, await this.callN8n(call, targetOf(body)));
		}
		if (parts[1] === 'teamviewer' && parts[2] === 'sessions' && parts.length === 5) {
			const session = this.session(parts[3]);
			if (parts[4] === 'online') {
				this.world.tv.setSessionOnline(session.code, true);
				return send(response, 200, {
					what: `the customer of ${session.code} is online (waiting for a supporter)`,
				});
			}
			if (parts[4] === 'connect') {
				const minutes = Number(body.minutes ?? 15);
				if (!Number.isInteger(minutes) || minutes < 1 || minutes > 480)
					throw new ConsoleError(
						400,
						`minutes must be a whole number from 1 to 480, not ${JSON.stringify(body.minutes)}.`,
					);
				const now = this.world.tv.clock.nowMs();
				const report = this.world.tv.connectSession(session.code, {
					startedAt: new Date(now - minutes * 60_000).toISOString(),
					durationSeconds: minutes * 60,
				});
				return send(response, 200, {
					what: `a supporter was connected to ${session.code} for ${minutes} min (ended now): connection report ${report.id}`,
				});
			}
		}
		throw new ConsoleError(404, `Nothing at POST ${url.pathname}.`);
	}
}

export async function startSandboxConsole(world: SandboxWorld, port = 0): Promise<SandboxConsole> {
	const console = new SandboxConsole(world);
	await console.listen(port);
	return console;
}
