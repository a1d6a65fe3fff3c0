/**
 * The scripted "model": deterministic answers for the helpdesk agent example
 * (workflows/getting-started/ai-helpdesk-agent.json). It reads the conversation the way a model would —
 * the latest user message, then the tool calls it already made in this turn and their results — and
 * either calls the next tool or answers in text. Arguments are built only for the parameters the tool's
 * JSON schema asks for (as n8n generated it from the node's $fromAI() placeholders); a required
 * parameter it cannot fill makes it answer in text instead of guessing, so a schema that drifts from
 * the script shows up as a wrong answer, not a silent success.
 */
import type { ChatMessage, ChatRequest, ModelTurn, ToolDefinition } from './protocol';

/** The tool names the script looks for: n8n names a tool after its node (spaces become underscores). */
export interface ScriptTools {
	session: string;
	email: string;
	connections: string;
	devices: string;
}

export const DEFAULT_SCRIPT_TOOLS: ScriptTools = {
	session: 'Start_support_session',
	email: 'Email_the_customer',
	connections: 'Find_connections',
	devices: 'Find_devices',
};

const DAY_MS = 24 * 60 * 60 * 1000;

function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) {
		return content.map((part) => (typeof part === 'object' && part !== null && 'text' in part ? String((part as { text: unknown }).text) : '')).join('');
	}
	return '';
}

/** A tool result as n8n sends it (JSON text of the node's output items), as objects. */
function resultItems(content: unknown): Array<Record<string, unknown>> {
	const text = textOf(content);
	try {
		const parsed = JSON.parse(text) as unknown;
		const list = Array.isArray(parsed) ? parsed : [parsed];
		return list.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null);
	} catch {
		return [];
	}
}

function failed(content: unknown): string | undefined {
	const text = textOf(content);
	const items = resultItems(content);
	const error = items.find((item) => item.error !== undefined)?.error;
	if (error !== undefined) return typeof error === 'string' ? error : JSON.stringify(error);
	if (items.length === 0 && /^(error|there was an error)/i.test(text.trim())) return text.trim();
	return undefined;
}

const minutes = (seconds: number) => Math.round(seconds / 60);

interface Turn {
	prompt: string;
	/** Tool calls of this turn with their results, in order. */
	done: Array<{ name: string; arguments: Record<string, unknown>; result: unknown }>;
}

/** The latest user message and what happened after it. */
function currentTurn(messages: ChatMessage[]): Turn | undefined {
	const last = messages.map((message) => message.role).lastIndexOf('user');
	if (last < 0) return undefined;
	const done: Turn['done'] = [];
	const after = messages.slice(last + 1);
	for (const message of after) {
		for (const call of message.tool_calls ?? []) {
			const result = after.find((candidate) => candidate.role === 'tool' && candidate.tool_call_id === call.id)?.content;
			let args: Record<string, unknown> = {};
			try {
				args = JSON.parse(call.function.arguments) as Record<string, unknown>;
			} catch {
				// the script wrote them: always JSON
			}
			done.push({ name: call.function.name, arguments: args, result });
		}
	}
	return { prompt: textOf(messages[last].content), done };
}

/** Arguments for the parameters `tool` declares, from the values the script knows; the first it cannot fill. */
function argumentsFor(tool: ToolDefinition, known: Record<string, unknown>): { args: Record<string, unknown>; missing?: string } {
	const parameters = (tool.function.parameters ?? {}) as { properties?: Record<string, unknown>; required?: string[] };
	const args: Record<string, unknown> = {};
	for (const name of Object.keys(parameters.properties ?? {})) {
		if (known[name] !== undefined && known[name] !== '') args[name] = known[name];
		else if ((parameters.required ?? []).includes(name)) return { args, missing: name };
	}
	return { args };
}

function call(tools: ToolDefinition[], name: string, known: Record<string, unknown>, purpose: string): ModelTurn {
	const tool = tools.find((candidate) => candidate.function.name === name);
	if (!tool) return { kind: 'text', text: `I cannot ${purpose}: none of my tools does that (I looked for "${name}").` };
	const { args, missing } = argumentsFor(tool, known);
	if (missing) return { kind: 'text', text: `I cannot ${purpose}: the tool "${name}" needs "${missing}" and the request does not say it.` };
	return { kind: 'tools', calls: [{ name, arguments: args }] };
}

/** "Erika Muster <erika@example.com>" or a bare address in the prompt. */
function customerOf(prompt: string): { name?: string; email?: string } {
	const named = /([A-Z][\w'-]+(?: [A-Z][\w'-]+)*)\s*<([^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)>/.exec(prompt);
	if (named) return { name: named[1], email: named[2] };
	const bare = /[^\s<>@,;]+@[^\s<>@,;]+\.[A-Za-z]{2,}/.exec(prompt);
	return bare ? { email: bare[0] } : {};
}

function supportSession(turn: Turn, tools: ToolDefinition[], names: ScriptTools, ticket: string): ModelTurn {
	const customer = customerOf(turn.prompt);
	const wantsEmail = /\bemail\b|\bmail\b/i.test(turn.prompt);
	const session = turn.done.find((step) => step.name === names.session);
	if (!session) {
		if (wantsEmail && !customer.email) {
			return { kind: 'text', text: `To email the customer of ticket ${ticket} I need their email address. Who is the customer?` };
		}
		return call(tools, names.session, { ticket, customer_name: customer.name ?? '', customer_email: customer.email ?? '' }, `start a support session for ticket ${ticket}`);
	}
	const problem = failed(session.result);
	if (problem) return { kind: 'text', text: `TeamViewer did not start the session for ticket ${ticket}: ${problem}` };
	const item = resultItems(session.result).find((candidate) => typeof candidate.end_customer_link === 'string');
	if (!item) return { kind: 'text', text: `TeamViewer answered without a customer link for ticket ${ticket}.` };
	const code = String(item.code);
	const link = String(item.end_customer_link);
	const created = item.created === false ? 'The open session' : 'A new session';
	if (!wantsEmail) return { kind: 'text', text: `${created} ${code} is ready for ticket ${ticket}. Customer link: ${link}` };
	const email = turn.done.find((step) => step.name === names.email);
	if (!email) {
		return call(
			tools,
			names.email,
			{ to: customer.email, customer_name: customer.name ?? 'customer', ticket, session_code: code, customer_link: link },
			`email the customer the link of ${code}`,
		);
	}
	const mailProblem = failed(email.result);
	if (mailProblem) return { kind: 'text', text: `${created} ${code} is ready for ticket ${ticket}, but the email failed: ${mailProblem}. Customer link: ${link}` };
	return { kind: 'text', text: `${created} ${code} is ready for ticket ${ticket}. I emailed the customer link to ${customer.email}: ${link}` };
}

function connections(turn: Turn, tools: ToolDefinition[], names: ScriptTools, device: string, now: number): ModelTurn {
	const found = turn.done.find((step) => step.name === names.connections);
	if (!found) {
		const from = new Date(now - 7 * DAY_MS).toISOString();
		const to = new Date(now).toISOString();
		return call(tools, names.connections, { device_name: device, from, to }, `look up the connections to ${device}`);
	}
	const problem = failed(found.result);
	if (problem) return { kind: 'text', text: `TeamViewer did not return the connections to ${device}: ${problem}` };
	const reports = resultItems(found.result).filter((report) => report.start_date !== undefined);
	if (reports.length === 0) return { kind: 'text', text: `Nobody connected to ${device} in the last 7 days.` };
	const total = reports.reduce((sum, report) => sum + Number(report.duration_seconds ?? 0), 0);
	const lines = reports.map((report) => `- ${String(report.username)}: ${String(report.start_date)}, ${minutes(Number(report.duration_seconds ?? 0))} min`);
	return {
		kind: 'text',
		text: [`${reports.length} connection(s) to ${device} in the last 7 days, ${minutes(total)} min in all:`, ...lines].join('\n'),
	};
}

function removeDevice(turn: Turn, tools: ToolDefinition[], names: ScriptTools, device: string): ModelTurn {
	const destructive = tools.find((tool) => /delete|remove/i.test(tool.function.name));
	if (destructive && !turn.done.some((step) => step.name === destructive.function.name)) {
		return call(tools, destructive.function.name, { device_name: device, device_id: device }, `delete ${device}`);
	}
	const looked = turn.done.find((step) => step.name === names.devices);
	if (!looked && tools.some((tool) => tool.function.name === names.devices)) return call(tools, names.devices, {}, `find ${device}`);
	const match = resultItems(looked?.result).find((item) => String(item.alias).toLowerCase() === device.toLowerCase());
	const seen = match ? `${device} is device ${String(match.device_id)} (${String(match.online_state)}). ` : '';
	return { kind: 'text', text: `${seen}I cannot delete devices: none of my tools removes or deletes anything in TeamViewer. Ask an administrator to remove it in the TeamViewer Management Console.` };
}

function findDevice(turn: Turn, tools: ToolDefinition[], names: ScriptTools, device: string): ModelTurn {
	const looked = turn.done.find((step) => step.name === names.devices);
	if (!looked) return call(tools, names.devices, {}, `find ${device}`);
	const match = resultItems(looked.result).find((item) => String(item.alias).toLowerCase() === device.toLowerCase());
	if (!match) return { kind: 'text', text: `I found no device called ${device}.` };
	return { kind: 'text', text: `${device} is device ${String(match.device_id)}, TeamViewer ID ${String(match.teamviewer_id ?? match.remotecontrol_id)}, ${String(match.online_state)}.` };
}

/** The next assistant turn for a chat request. */
export function scriptedTurn(request: ChatRequest, names: ScriptTools, now: number): ModelTurn {
	const turn = currentTurn(request.messages);
	if (!turn) return { kind: 'text', text: 'How can I help?' };
	const tools = request.tools ?? [];
	const ticket = /\bticket\s+([A-Za-z0-9][\w-]*)/i.exec(turn.prompt)?.[1];
	if (ticket && /\bsession\b/i.test(turn.prompt)) return supportSession(turn, tools, names, ticket);
	const connectedTo = /\bconnected to\s+([A-Za-z0-9][\w.-]*[A-Za-z0-9])/i.exec(turn.prompt)?.[1];
	if (connectedTo) return connections(turn, tools, names, connectedTo, now);
	const removal = /\b(?:delete|remove)\s+(?:the\s+)?device\s+([A-Za-z0-9][\w.-]*[A-Za-z0-9])/i.exec(turn.prompt)?.[1];
	if (removal) return removeDevice(turn, tools, names, removal);
	const lookup = /\b(?:find|is)\s+(?:the\s+)?device\s+([A-Za-z0-9][\w.-]*[A-Za-z0-9])/i.exec(turn.prompt)?.[1];
	if (lookup) return findDevice(turn, tools, names, lookup);
	return {
		kind: 'text',
		text: 'I can start a TeamViewer support session for a ticket and email the customer the link ("start a support session for ticket INC0010042 and email the customer Erika Muster <erika@example.com>"), tell who connected to a device and for how long ("who connected to PC-RECEPTION last week and for how long"), and find a device ("find device SRV-DB-01").',
	};
}
