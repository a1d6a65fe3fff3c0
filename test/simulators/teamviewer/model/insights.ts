import type { SimulatorConfig } from '../config';
import { ApiError } from '../errors';
import type { Random } from '../random';
import type { SimState } from '../state';

/*
 * Session Insights: the add-ons of a connection report. Shapes from TeamViewer's OpenAPI document
 * (/api/v1/docs; copy in panoramicdata/TeamViewer.Api:Documentation/swagger-spec.json, tag "Connections
 * Management": GetSessionReportAiSummaryResponse, GetSessionReportChatTranscriptResponse,
 * GetSessionReportVoiceTranscriptLineResponse, GetSessionReportCallSummaryResponse,
 * GetSessionReportScreenshotResponse, GetSessionReportFeaturesResponse). When insights exist
 * (TeamViewer's knowledge-base article "Generate session summaries with Session Insights"): activated for
 * the company, the remote side consented, the remote device runs Windows or macOS. The document lists no
 * error answers for these routes; README.md ("Session Insights") gives the bodies this simulator sends.
 */

/** Why a report has (or has no) insights. */
export type InsightsStatus = 'available' | 'notActivated' | 'notConsented' | 'unsupportedPlatform';

export interface AiSummary {
	Summary: string;
	Name: string;
	IssueTypeLabels: string[];
	ApplicationLabels: string[];
	Steps: Array<{ Application: string; Action: string; Commands: string }>;
}

export interface ChatParticipant {
	TeamViewerId: number;
	Name: string;
}

export interface ChatMessage {
	Sender: ChatParticipant;
	Recipients: ChatParticipant[];
	WrittenAtTimestamp: string;
	IsOutgoing: boolean;
	Content: string;
}

export interface VoiceLine {
	speaker: { teamviewerId: number; name: string };
	writtenAtTimestamp: string;
	originalText: string;
	originalLanguageCode: string;
	translatedText: string;
	translatedLanguageCode: string;
}

export interface Screenshot {
	screenshotId: string;
	fileName: string;
	mimeType: string;
	takenAt: string;
	/** The file, base64. */
	content: string;
}

export interface ReportInsights {
	status: InsightsStatus;
	aiSummary?: AiSummary;
	chat?: ChatMessage[];
	voice?: VoiceLine[];
	augmented?: { summary: string; title: string };
	screenshots?: Screenshot[];
}

/** A valid 1×1 PNG, different per index in its last data byte (so attachments can be told apart). */
export function samplePng(index = 0): Buffer {
	const png = Buffer.from(
		'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
		'base64',
	);
	png[png.length - 20] = (png[png.length - 20] + index) % 256;
	return png;
}

/** A report's insights as a Windows session with consent would have them: every add-on present. */
export function sampleInsights(random: Random, startDate: string, names: { supporter: string; customer: string }): ReportInsights {
	const at = (seconds: number) => new Date(Date.parse(startDate) + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const supporter = { TeamViewerId: 1234567890, Name: names.supporter };
	const customer = { TeamViewerId: 987654321, Name: names.customer };
	return {
		status: 'available',
		aiSummary: {
			Name: 'Outlook could not connect to the mail server',
			Summary: 'The supporter cleared the cached Outlook credentials and recreated the mail profile; Outlook connected again.',
			IssueTypeLabels: ['Email', 'Authentication'],
			ApplicationLabels: ['Microsoft Outlook', 'Control Panel'],
			Steps: [
				{ Application: 'Control Panel', Action: 'Removed the stored Outlook credentials', Commands: 'control keymgr.dll' },
				{ Application: 'Microsoft Outlook', Action: 'Created a new mail profile', Commands: '' },
			],
		},
		chat: [
			{ Sender: supporter, Recipients: [customer], WrittenAtTimestamp: at(30), IsOutgoing: true, Content: 'Hello, I am connected now.' },
			{ Sender: customer, Recipients: [supporter], WrittenAtTimestamp: at(45), IsOutgoing: false, Content: 'Thanks, Outlook keeps asking for my password.' },
		],
		voice: [
			{
				speaker: { teamviewerId: supporter.TeamViewerId, name: supporter.Name },
				writtenAtTimestamp: at(60),
				originalText: 'Please close Outlook for a moment.',
				originalLanguageCode: 'en',
				translatedText: 'Please close Outlook for a moment.',
				translatedLanguageCode: 'en',
			},
		],
		augmented: { title: 'Outlook password prompt', summary: 'Outlook asked for the password repeatedly; a new mail profile fixed it.' },
		screenshots: [0, 1].map((index) => ({
			screenshotId: random.uuid(),
			fileName: `screenshot-${index + 1}.png`,
			mimeType: 'image/png',
			takenAt: at(120 + index * 60),
			content: samplePng(index).toString('base64'),
		})),
	};
}

export type InsightKind = 'ai-summary' | 'chat-transcript' | 'voice-transcript' | 'augmented-session-summary' | 'screenshots';

const WHAT: Record<InsightKind, string> = {
	'ai-summary': 'AI summary',
	'chat-transcript': 'Chat transcript',
	'voice-transcript': 'Voice transcript',
	'augmented-session-summary': 'Augmented session summary',
	screenshots: 'Screenshots',
};

/** The refusal for a report whose insights are not there, by `insightsUnavailable` (README.md lists the bodies). */
export function unavailable(config: SimulatorConfig, insights: ReportInsights | undefined, kind: InsightKind, reportId: string): ApiError {
	const generic = new ApiError(404, 'not_found', `${WHAT[kind]} for connection report ${reportId} was not found.`);
	if (config.insightsUnavailable === 'generic' || !insights) return generic;
	switch (insights.status) {
		case 'notActivated':
			return new ApiError(403, 'session_insights_not_activated', 'Session Insights is not activated for this company.');
		case 'notConsented':
			return new ApiError(404, 'not_found', 'The remote participant did not consent to Session Insights for this session.');
		case 'unsupportedPlatform':
			return new ApiError(404, 'not_found', 'Session Insights is only available for sessions to Windows and macOS devices.');
		default:
			return generic;
	}
}

function camel(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(camel);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value as Record<string, unknown>).map(([key, entry]) => [key.charAt(0).toLowerCase() + key.slice(1), camel(entry)]),
	);
}

/** Field names as the OpenAPI document shows them (`spec`) or all camelCase (`camel`, knob `insightsCasing`). */
export function cased(config: SimulatorConfig, value: unknown): unknown {
	return config.insightsCasing === 'camel' ? camel(value) : value;
}

/** The feature records of a report for `GET /reports/connections/features` (names: README.md). */
export function featureRecords(state: SimState, reportId: string): Array<Record<string, unknown>> {
	const insights = state.insights.get(reportId);
	if (!insights || insights.status !== 'available') return [];
	const record = (FeatureName: string, FeatureId: string) => ({ SessionReportId: reportId, FeatureName, FeatureId });
	return [
		...(insights.aiSummary ? [record('AiSummary', reportId)] : []),
		...(insights.chat?.length ? [record('ChatTranscript', reportId)] : []),
		...(insights.voice?.length ? [record('VoiceTranscript', reportId)] : []),
		...(insights.augmented ? [record('AugmentedSessionSummary', reportId)] : []),
		...(insights.screenshots ?? []).map((screenshot) => record('Screenshot', screenshot.screenshotId)),
	];
}

/** What a test gives for a report: `sample` (every add-on, Windows with consent), a status alone, or the whole record. */
export type InsightsSpec = 'sample' | InsightsStatus | ReportInsights;

/** Records the Session Insights of a report (replacing what it had). */
export function setInsights(state: SimState, reportId: string, spec: InsightsSpec): ReportInsights {
	const report = state.reports.get(reportId.toLowerCase());
	if (!report) throw new Error(`Connection report ${reportId} does not exist.`);
	let insights: ReportInsights;
	if (spec === 'sample') {
		const supporter = report.username || 'Supporter';
		insights = sampleInsights(state.random, report.start_date, { supporter, customer: report.devicename ?? 'Customer' });
	} else if (typeof spec === 'string') {
		insights = { status: spec };
	} else {
		insights = spec;
	}
	state.insights.set(report.id, insights);
	return insights;
}
