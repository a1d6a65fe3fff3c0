import type { IDataObject } from 'n8n-workflow';

/**
 * Session Insights: the add-ons of a connection report (TeamViewer's OpenAPI document /api/v1/docs, tag
 * "Connections Management": `/reports/connections/{outgoingSessionReportId}/ai-summary`, `/chat-transcript`,
 * `/voice-transcript`, `/augmented-session-summary`, `/screenshots`, `/{screenshotId}/screenshot`).
 *
 * When they exist at all (TeamViewer's knowledge-base article "Generate session summaries with Session
 * Insights"): Session Insights is activated for the company (Admin settings → AI settings → Session
 * Insights, separately for outgoing and incoming connections), the user logs sessions for connection
 * reporting, the remote side agreed in that session, and the remote device runs Windows or macOS.
 * The OpenAPI document lists no error answers for these routes, so what TeamViewer answers when one of
 * these does not hold is not public: the node reads the reason from TeamViewer's text where it names one,
 * and otherwise lists all three with what to change (README decisions table).
 */

const ADDON_PATH =
	/^\/reports\/connections\/([^/]+)\/(ai-summary|chat-transcript|voice-transcript|augmented-session-summary|screenshots|([^/]+)\/screenshot)$/;

const WHAT: Record<string, string> = {
	'ai-summary': 'an AI summary',
	'chat-transcript': 'a chat transcript',
	'voice-transcript': 'a voice transcript',
	'augmented-session-summary': 'an augmented session summary',
	screenshots: 'screenshots',
};

export const ACTIVATE =
	'An administrator activates Session Insights in TeamViewer: Admin settings → AI settings → Session Insights (for outgoing connections), and the connecting user must have "Log sessions for connection reporting" on. Only sessions held after that get summaries; older reports cannot get one afterwards.';
export const CONSENT =
	'By default TeamViewer asks the person on the remote device to agree to Session Insights at the start of each session; without that consent nothing is generated for that session. Ask the customer to accept the Session Insights prompt in the next session.';
export const PLATFORM =
	'Session Insights works only when the remote device runs Windows or macOS; sessions to Linux, mobile or other devices get no summary, transcript or screenshots.';

export type InsightsReason = 'notActivated' | 'notConsented' | 'unsupportedPlatform';

/** The reason TeamViewer's text names, if it names one. */
export function insightsReason(text: string | undefined): InsightsReason | undefined {
	if (!text) return undefined;
	if (/consent|opt(ed)?[ -]?in|agree|declin/i.test(text)) return 'notConsented';
	if (/windows|mac ?os|operating system|platform/i.test(text)) return 'unsupportedPlatform';
	if (/not (been )?(activated|enabled)|deactivated|disabled|turned off|switched off|inactive/i.test(text)) return 'notActivated';
	return undefined;
}

export interface InsightsExplanation {
	message: string;
	description: string;
}

/**
 * The error for a refused Session Insights read, or undefined when the path is not one or the status
 * says something else (permissions without a reason, rate limits, server errors keep their usual text).
 */
export function explainInsights(path: string, status: number, apiText: string | undefined): InsightsExplanation | undefined {
	const match = ADDON_PATH.exec(path);
	if (!match || (status !== 403 && status !== 404)) return undefined;
	const reportId = decodeURIComponent(match[1]);
	const reason = insightsReason(apiText);
	const said = apiText ? ` TeamViewer said: "${apiText}"` : '';
	if (reason === 'notActivated') {
		return { message: 'Session Insights is not activated for this TeamViewer company', description: `${ACTIVATE}${said}` };
	}
	if (reason === 'notConsented') {
		return {
			message: `The remote side did not consent to Session Insights in the session of connection report "${reportId}"`,
			description: `${CONSENT}${said}`,
		};
	}
	if (reason === 'unsupportedPlatform') {
		return {
			message: `Session Insights is not available for the device of connection report "${reportId}": only Windows and macOS are supported`,
			description: `${PLATFORM}${said}`,
		};
	}
	if (status === 403) return undefined;
	const what = match[3] !== undefined ? `screenshot "${decodeURIComponent(match[3])}"` : WHAT[match[2]];
	return {
		message: `TeamViewer has no ${what.replace(/^an? /, '')} for connection report "${reportId}"`,
		description: `TeamViewer keeps ${what} of a session only when all of these hold. (1) ${ACTIVATE} (2) ${CONSENT} (3) ${PLATFORM} Also check the report ID: it may be mistyped, deleted, or not visible to this token's account.${said}`,
	};
}

/** A field of an insights answer under its spec name or any other casing (see README decisions table). */
export function field(record: IDataObject, name: string): unknown {
	if (name in record) return record[name];
	const lower = name.toLowerCase();
	const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === lower);
	return key === undefined ? undefined : record[key];
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

function strings(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '') : [];
}

/** The AI summary as plain text for a work note or conversation: title, summary, labels, steps. */
export function aiSummaryText(summary: IDataObject): string {
	const lines: string[] = [];
	const name = text(field(summary, 'Name'));
	if (name) lines.push(name);
	const body = text(field(summary, 'Summary'));
	if (body) lines.push(body);
	const issues = strings(field(summary, 'IssueTypeLabels'));
	if (issues.length) lines.push(`Issue types: ${issues.join(', ')}`);
	const applications = strings(field(summary, 'ApplicationLabels'));
	if (applications.length) lines.push(`Applications: ${applications.join(', ')}`);
	const steps = asList(field(summary, 'Steps'));
	if (steps.length > 0) {
		lines.push('Steps:');
		steps.forEach((step, index) => {
			const parts = [text(field(step, 'Application')), text(field(step, 'Action'))].filter(Boolean);
			const commands = text(field(step, 'Commands'));
			lines.push(`${index + 1}. ${parts.join(': ')}${commands ? ` (${commands})` : ''}`);
		});
	}
	return lines.join('\n');
}

/** The augmented session summary (title and summary) as plain text. */
export function augmentedSummaryText(summary: IDataObject): string {
	return [text(field(summary, 'title')), text(field(summary, 'summary'))].filter(Boolean).join('\n');
}

function participant(value: unknown): string {
	if (!value || typeof value !== 'object') return '';
	const record = value as IDataObject;
	const name = text(field(record, 'Name'));
	const id = field(record, 'TeamViewerId');
	return name || (id === undefined || id === null ? '' : String(id));
}

/** A chat transcript as lines `2025-03-01T09:05:00Z Ada Agent: message`. */
export function chatTranscriptText(messages: IDataObject[]): string {
	return messages
		.map((message) => {
			const at = text(field(message, 'WrittenAtTimestamp'));
			const sender = participant(field(message, 'Sender')) || (field(message, 'IsOutgoing') === true ? 'Supporter' : 'Customer');
			return `${at ? `${at} ` : ''}${sender}: ${text(field(message, 'Content'))}`;
		})
		.join('\n');
}

/** A voice transcript as lines, the translation after the original where there is one. */
export function voiceTranscriptText(lines: IDataObject[]): string {
	return lines
		.map((line) => {
			const at = text(field(line, 'writtenAtTimestamp'));
			const speaker = participant(field(line, 'speaker')) || 'Speaker';
			const original = text(field(line, 'originalText'));
			const translated = text(field(line, 'translatedText'));
			const translation = translated && translated !== original ? ` [${translated}]` : '';
			return `${at ? `${at} ` : ''}${speaker}: ${original}${translation}`;
		})
		.join('\n');
}

/** The entries of a transcript or screenshot list answer; TeamViewer's OpenAPI document declares a JSON array. */
export function asList(answer: unknown): IDataObject[] {
	return Array.isArray(answer) ? (answer.filter((entry) => entry && typeof entry === 'object') as IDataObject[]) : [];
}
