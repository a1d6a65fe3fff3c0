/**
 * The sandbox of everything (`npm start`): the TeamViewer sandbox, the five ITSM simulators, the SMTP
 * capture, the SMS sink, the scripted OpenAI-compatible model of the AI helpdesk agent and the TLS proxy that hands n8n's HTTPS calls to the ITSMs' cloud hosts and to
 * Twilio over to them. Each ITSM holds its demo data (the same the e2e suites start from), and the two
 * ITSMs that call n8n by themselves (a Matrix42 workflow on "activity closed", a BOSSDesk automation on
 * "ticket closed") are pointed at n8n's production webhooks, so every shipped flow runs unmodified.
 *
 * Everything lives in memory and starts from the same seed on each start; n8n's own data (flows,
 * credentials, executions) is what persists.
 */
import { startBossDeskSimulator, type BossDeskSimulator } from '../bossdesk';
import type { DemoInfo as BossDemo } from '../bossdesk/demo';
import { startCherwellSimulator, type CherwellSimulator } from '../cherwell';
import type { DemoInfo as CherwellDemo } from '../cherwell/demo';
import { startMatrix42Simulator, type Matrix42Simulator } from '../matrix42';
import type { DemoInfo as Matrix42Demo } from '../matrix42/demo';
import { startTlsProxy, type TlsProxy } from '../proxy';
import { startServiceDeskPlusSimulator, type ServiceDeskPlusSimulator } from '../servicedeskplus';
import { zohoRefreshCredentialData, type DemoInfo as SdpDemo } from '../servicedeskplus/demo';
import { startServiceNowSimulator, type ServiceNowSimulator } from '../servicenow';
import { serviceNowCredentialData, type DemoInfo as SnDemo } from '../servicenow/demo';
import { DEFAULT_OPENAI_KEY, startOpenAiSimulator, type OpenAiSimulator } from '../openai';
import { DEFAULT_TWILIO_ACCOUNT, startSmsSink, type SmsSink } from '../sms';
import { startSmtpCapture, type SmtpCapture } from '../smtp';
import {
	startTeamViewerSimulator,
	type SandboxInfo,
	type TeamViewerSimulator,
} from '../teamviewer';

export const ITSM_KEYS = [
	'servicenow',
	'servicedeskplus',
	'cherwell',
	'matrix42',
	'bossdesk',
] as const;
export type ItsmKey = (typeof ITSM_KEYS)[number];

/** The user and password each ITSM sends to n8n's webhooks (HTTP Basic), and the n8n credential that checks them. */
export const WEBHOOK_USERS: Record<ItsmKey, { user: string; password: string }> = {
	servicenow: { user: 'servicenow', password: 'sandbox-ServiceNow-hook' },
	servicedeskplus: { user: 'servicedeskplus', password: 'sandbox-SDP-hook' },
	cherwell: { user: 'cherwell', password: 'sandbox-Cherwell-hook' },
	matrix42: { user: 'matrix42', password: 'sandbox-Matrix42-hook' },
	bossdesk: { user: 'bossdesk', password: 'sandbox-BOSSDesk-hook' },
};
/** The header the getting-started ticket webhook checks. */
export const TICKET_WEBHOOK_SECRET = { name: 'X-Webhook-Secret', value: 'sandbox-webhook-secret' };
/** The Basic login of the AI helpdesk agent's chat (workflows/getting-started/ai-helpdesk-agent.json). */
export const AGENT_CHAT_LOGIN = { user: 'helpdesk', password: 'sandbox-agent-chat' };

export interface SandboxWorldOptions {
	/** The TeamViewer sandbox's port (its API URL is stored in the n8n credentials); 0 = free. */
	teamViewerPort?: number;
	/** The SMTP capture's port (stored in the n8n SMTP credential); 0 = free. */
	smtpPort?: number;
	/** The OpenAI-compatible model's port (stored as Base URL in the n8n OpenAI credential); 0 = free. */
	openAiPort?: number;
	/** n8n's base URL, for the ITSMs that call its webhooks by themselves. */
	n8nUrl: string;
	/** TeamViewer sandbox PRNG seed; default 1. */
	seed?: number;
}

/** An n8n credential as `n8n import:credentials` reads it. */
export interface SandboxCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface SandboxWorld {
	tv: TeamViewerSimulator;
	tvInfo: SandboxInfo;
	servicenow: { sim: ServiceNowSimulator; demo: SnDemo };
	servicedeskplus: { sim: ServiceDeskPlusSimulator; demo: SdpDemo };
	cherwell: { sim: CherwellSimulator; demo: CherwellDemo };
	matrix42: { sim: Matrix42Simulator; demo: Matrix42Demo };
	bossdesk: { sim: BossDeskSimulator; demo: BossDemo };
	smtp: SmtpCapture;
	sms: SmsSink;
	/** The scripted OpenAI-compatible model behind the AI helpdesk agent flow. */
	openai: OpenAiSimulator;
	proxy: TlsProxy;
	n8nUrl: string;
	/** For n8n: its HTTPS calls go through the proxy, which it trusts (the test CA). */
	env: Record<string, string>;
	credentials(): SandboxCredential[];
	close(): Promise<void>;
}

export function basicAuth({ user, password }: { user: string; password: string }): string {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export async function startSandboxWorld(options: SandboxWorldOptions): Promise<SandboxWorld> {
	const n8nUrl = options.n8nUrl.replace(/\/+$/, '');
	const tv = await startTeamViewerSimulator({ port: options.teamViewerPort ?? 0, seed: 'empty' });
	const tvInfo = tv.seedSandbox({ seed: options.seed });
	const smtp = await startSmtpCapture({ port: options.smtpPort ?? 0 });
	const sms = await startSmsSink();
	const openai = await startOpenAiSimulator({ port: options.openAiPort ?? 0 });
	const sn = await startServiceNowSimulator();
	const snDemo = sn.seedDemo();
	const sdp = await startServiceDeskPlusSimulator();
	const sdpDemo = sdp.seedDemo();
	const cw = await startCherwellSimulator();
	const cwDemo = cw.seedDemo();
	const m42 = await startMatrix42Simulator();
	const m42Demo = m42.seedDemo();
	const boss = await startBossDeskSimulator();
	const bossDemo = boss.seedDemo();
	const proxy = await startTlsProxy({
		routes: [
			sn.proxyRoute,
			sdp.proxyRoute,
			cw.proxyRoute,
			m42.proxyRoute,
			boss.proxyRoute,
			sms.proxyRoute,
		],
	});

	// What the ITSM admin sets up on their side (workflows/matrix42/README.md, workflows/bossdesk/README.md).
	m42.onActivityClosed({
		url: `${n8nUrl}/webhook/matrix42/teamviewer/activity-closed`,
		headers: { Authorization: basicAuth(WEBHOOK_USERS.matrix42) },
	});
	boss.addAutomation({
		event: 'ticket.closed',
		url: `${n8nUrl}/webhook/bossdesk/teamviewer/ticket-closed`,
		username: WEBHOOK_USERS.bossdesk.user,
		password: WEBHOOK_USERS.bossdesk.password,
	});

	const webhookCredential = (id: string, name: string, key: ItsmKey): SandboxCredential => ({
		id,
		name,
		type: 'httpBasicAuth',
		data: { ...WEBHOOK_USERS[key] },
	});

	return {
		tv,
		tvInfo,
		servicenow: { sim: sn, demo: snDemo },
		servicedeskplus: { sim: sdp, demo: sdpDemo },
		cherwell: { sim: cw, demo: cwDemo },
		matrix42: { sim: m42, demo: m42Demo },
		bossdesk: { sim: boss, demo: bossDemo },
		smtp,
		sms,
		openai,
		proxy,
		n8nUrl,
		env: {
			HTTPS_PROXY: proxy.url,
			HTTP_PROXY: proxy.url,
			NO_PROXY: '127.0.0.1,localhost,::1',
			NODE_EXTRA_CA_CERTS: proxy.caCertPath,
		},
		// The credential IDs are the ones the shipped flows name, so importing them needs no mapping.
		credentials: () => [
			{
				id: 'tvSandboxOAuth01',
				name: 'TeamViewer (OAuth2)',
				type: 'teamViewerOAuth2Api',
				data: {
					clientId: tvInfo.oauthClient.clientId,
					clientSecret: tvInfo.oauthClient.clientSecret,
					apiBaseUrl: tv.apiUrl,
				},
			},
			{
				id: 'tvWebhookSecret1',
				name: 'Ticket webhook secret',
				type: 'httpHeaderAuth',
				data: { ...TICKET_WEBHOOK_SECRET },
			},
			{
				id: 'smtpOutbound0001',
				name: 'SMTP',
				type: 'smtp',
				data: {
					host: '127.0.0.1',
					port: smtp.port,
					secure: false,
					disableStartTls: true,
					user: '',
					password: '',
				},
			},
			{
				id: 'openAiSandbox001',
				name: 'OpenAI',
				type: 'openAiApi',
				data: { apiKey: DEFAULT_OPENAI_KEY, url: openai.baseUrl, header: false },
			},
			{
				id: 'tvAgentChatAuth1',
				name: 'Helpdesk agent chat login',
				type: 'httpBasicAuth',
				data: { ...AGENT_CHAT_LOGIN },
			},
			{
				id: 'twilioSms0000001',
				name: 'Twilio',
				type: 'twilioApi',
				data: {
					authType: 'authToken',
					accountSid: DEFAULT_TWILIO_ACCOUNT.accountSid,
					authToken: DEFAULT_TWILIO_ACCOUNT.authToken,
				},
			},
			{
				id: 'snInstance000001',
				name: 'ServiceNow',
				type: 'serviceNowBasicApi',
				data: serviceNowCredentialData(sn.instance),
			},
			webhookCredential('snWebhookAuth001', 'ServiceNow to n8n webhook', 'servicenow'),
			{
				id: 'sdpZohoRefresh01',
				name: 'Zoho refresh token (ServiceDesk Plus)',
				type: 'httpCustomAuth',
				data: zohoRefreshCredentialData(),
			},
			webhookCredential('sdpWebhookAuth01', 'ServiceDesk Plus to n8n webhook', 'servicedeskplus'),
			{
				id: 'cwApiLogin000001',
				name: 'Cherwell API login',
				type: 'httpCustomAuth',
				data: {
					json: JSON.stringify({
						body: {
							client_id: cwDemo.apiClient.clientId,
							username: cwDemo.apiUser.username,
							password: cwDemo.apiUser.password,
						},
					}),
				},
			},
			webhookCredential('cwWebhookAuth001', 'Cherwell to n8n webhook', 'cherwell'),
			{
				id: 'm42ApiToken00001',
				name: 'Matrix42 API token',
				type: 'httpHeaderAuth',
				data: { name: 'Authorization', value: `Bearer ${m42Demo.apiToken}` },
			},
			webhookCredential('m42WebhookAuth01', 'Matrix42 to n8n webhook', 'matrix42'),
			{
				id: 'bossDeskApiKey01',
				name: 'BOSSDesk API key',
				type: 'httpHeaderAuth',
				data: { name: 'Authorization', value: `Token token="${bossDemo.apiKey}"` },
			},
			webhookCredential('bossWebhookAuth01', 'BOSSDesk to n8n webhook', 'bossdesk'),
			// Last: n8n gives a TeamViewer node added fresh the most recently updated credential (start.sh dates it newest).
			{
				id: 'tvSandboxToken01',
				name: 'TeamViewer',
				type: 'teamViewerApi',
				data: { accessToken: tvInfo.tokens.admin, apiBaseUrl: tv.apiUrl },
			},
		],
		async close() {
			await proxy.close();
			for (const part of [boss, m42, cw, sdp, sn, openai, sms, smtp, tv]) await part.close();
		},
	};
}
