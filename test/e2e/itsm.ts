/**
 * The parts every ITSM e2e suite needs: TeamViewer sandbox, SMTP capture, SMS sink and the TLS proxy
 * that hands n8n's HTTPS calls to hard-coded cloud hosts (ServiceNow, Twilio, …) to local simulators.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

import type { ProxyRoute } from '../simulators/common';
import { startTlsProxy } from '../simulators/proxy';
import { serviceNowCredentialData } from '../simulators/servicenow/demo';
import type { TlsProxy } from '../simulators/proxy';
import { DEFAULT_TWILIO_ACCOUNT, startSmsSink } from '../simulators/sms';
import type { SmsSink } from '../simulators/sms';
import { startSmtpCapture } from '../simulators/smtp';
import type { SmtpCapture } from '../simulators/smtp';
import type { SandboxInfo, TeamViewerSimulator } from '../simulators/teamviewer';
import { startTeamViewerSimulator } from '../simulators/teamviewer';
import type { CredentialFile } from './n8n';

export interface ItsmWorld {
	tv: TeamViewerSimulator;
	sandbox: SandboxInfo;
	smtp: SmtpCapture;
	sms: SmsSink;
	proxy: TlsProxy;
	/** Environment that routes n8n's HTTPS through the proxy and trusts its test CA. */
	env: Record<string, string>;
	credentials: CredentialFile[];
	close(): Promise<void>;
}

export const WEBHOOK_USER = { user: 'servicenow', password: 'e2e-Webhook-Pa55' };

/** The ServiceNow flows' two credentials: the instance (demo integration user) and the webhook's Basic user. */
export function serviceNowCredentials(instance: string): CredentialFile[] {
	return [
		{ id: 'snInstance000001', name: 'ServiceNow', type: 'serviceNowBasicApi', data: serviceNowCredentialData(instance) },
		{ id: 'snWebhookAuth001', name: 'ServiceNow to n8n webhook', type: 'httpBasicAuth', data: WEBHOOK_USER },
	];
}

export async function startItsmWorld(routes: (sms: SmsSink) => ProxyRoute[]): Promise<ItsmWorld> {
	const tv = await startTeamViewerSimulator({ seed: 'empty' });
	const sandbox = tv.seedSandbox();
	const smtp = await startSmtpCapture();
	const sms = await startSmsSink();
	const proxy = await startTlsProxy({ routes: [...routes(sms), sms.proxyRoute] });
	return {
		tv,
		sandbox,
		smtp,
		sms,
		proxy,
		env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1,localhost,::1', NODE_EXTRA_CA_CERTS: proxy.caCertPath },
		credentials: [
			...teamViewerAndSmtpCredentials(tv, sandbox, smtp),
			{ id: 'twilioSms0000001', name: 'Twilio', type: 'twilioApi', data: { authType: 'authToken', accountSid: DEFAULT_TWILIO_ACCOUNT.accountSid, authToken: DEFAULT_TWILIO_ACCOUNT.authToken } },
		],
		async close() {
			await proxy.close();
			await sms.close();
			await smtp.close();
			await tv.close();
		},
	};
}

/** The *TeamViewer* (script token) and *SMTP* credentials the shipped flows name, pointing at the simulators. */
export function teamViewerAndSmtpCredentials(tv: TeamViewerSimulator, sandbox: SandboxInfo, smtp: SmtpCapture): CredentialFile[] {
	return [
		{ id: 'tvSandboxToken01', name: 'TeamViewer', type: 'teamViewerApi', data: { accessToken: sandbox.tokens.admin, apiBaseUrl: tv.apiUrl } },
		{ id: 'smtpOutbound0001', name: 'SMTP', type: 'smtp', data: { host: smtp.host, port: smtp.port, secure: false, disableStartTls: true, user: '', password: '' } },
	];
}

export function basicAuth({ user, password }: { user: string; password: string }): string {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export async function eventually<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Stops n8n and the simulators; returns the non-loopback connections n8n attempted (should be none). */
export async function stopAll(n8n: { networkViolations(): string[]; stop(): Promise<void> } | undefined, ...others: Array<{ close(): Promise<void> } | undefined>): Promise<string[]> {
	const violations = n8n?.networkViolations() ?? [];
	await n8n?.stop();
	for (const other of others) await other?.close();
	return violations;
}

/**
 * When a published flow's "Every 5 minutes" Schedule Trigger next fires (ms since epoch, the coming one or the one
 * that fired in the last `graceMs`): n8n 2.x fires it at second S of every fifth minute, S derived from the workflow
 * and node IDs (ScheduleTrigger `toCronExpression`: sha256 of `<workflow id>:<node id>:second`, mod 60).
 */
export function nextFiveMinuteFire(flowFile: string, now = Date.now(), graceMs = 5_000): number {
	const flow = JSON.parse(readFileSync(flowFile, 'utf8')) as { id: string; nodes: Array<{ id: string; type: string }> };
	const trigger = flow.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
	if (!trigger) throw new Error(`${flowFile} has no Schedule Trigger`);
	const second = createHash('sha256').update(`${flow.id}:${trigger.id}:second`).digest().readUInt32BE(0) % 60;
	const period = 5 * 60_000;
	const fire = Math.floor(now / period) * period + second * 1000;
	return [fire - period, fire, fire + period].find((at) => at + graceMs > now)!;
}
