import { randomBytes } from 'crypto';

import { json, type Reply } from '../common';

export const API_VERSION = '2010-04-01';

export interface TwilioAccount {
	/** `AC` + 32 hex characters. */
	accountSid: string;
	authToken: string;
}

/** One accepted text message. */
export interface SmsMessage {
	/** `SM` + 32 hex characters. */
	sid: string;
	accountSid: string;
	/** As sent, `whatsapp:` prefix included. */
	to: string;
	from: string;
	body: string;
	/** Acceptance time, ISO 8601 UTC. */
	createdAt: string;
	statusCallback?: string;
}

/** `whatsapp:+4915112345678` or `+4915112345678`. */
const E164 = /^(whatsapp:)?\+[1-9]\d{1,14}$/;
/** A phone number, or an alphanumeric sender ID of up to 11 characters. */
const SENDER = /^((whatsapp:)?\+[1-9]\d{1,14}|(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11})$/;

/** Twilio's error body: `{ code, message, more_info, status }`. */
export function twilioError(status: number, code: number, message: string): Reply {
	return json(
		{ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
		status,
	);
}

export function notAuthenticated(): Reply {
	return {
		...twilioError(401, 20003, 'Authenticate'),
		headers: { 'WWW-Authenticate': 'Basic realm="Twilio API"' },
	};
}

export function notFound(path: string): Reply {
	return twilioError(404, 20404, `The requested resource ${path} was not found`);
}

/** The 400 Twilio gives for a message it will not send, or undefined when the form is fine. */
export function invalidMessage(form: Record<string, string>): Reply | undefined {
	const { To: to, From: from, Body: body } = form;
	if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
	if (!E164.test(to))
		return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
	if (!from) return twilioError(400, 21603, "A 'From' phone number is required.");
	if (!SENDER.test(from)) {
		return twilioError(
			400,
			21212,
			`The 'From' number ${from} is not a valid phone number, shortcode, or alphanumeric sender ID.`,
		);
	}
	if (!body) return twilioError(400, 21602, 'Message body is required.');
	return undefined;
}

export function newMessageSid(): string {
	return `SM${randomBytes(16).toString('hex')}`;
}

/** RFC 2822 with `+0000`, as Twilio writes dates. */
function rfc2822(iso: string): string {
	return new Date(iso).toUTCString().replace('GMT', '+0000');
}

/** GSM-7 text takes 160 characters in one segment, 153 per part; anything else 70 and 67. */
function segments(body: string): number {
	const gsm = /^[\x20-\x7e\n\r£¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà]*$/.test(body);
	const [single, part] = gsm ? [160, 153] : [70, 67];
	return body.length <= single ? 1 : Math.ceil(body.length / part);
}

/** The Message resource as `POST …/Messages.json` returns it (201). */
export function messageResource(message: SmsMessage): Record<string, unknown> {
	const uri = `/${API_VERSION}/Accounts/${message.accountSid}/Messages/${message.sid}`;
	const date = rfc2822(message.createdAt);
	return {
		account_sid: message.accountSid,
		api_version: API_VERSION,
		body: message.body,
		date_created: date,
		date_sent: null,
		date_updated: date,
		direction: 'outbound-api',
		error_code: null,
		error_message: null,
		from: message.from,
		messaging_service_sid: null,
		num_media: '0',
		num_segments: String(segments(message.body)),
		price: null,
		price_unit: 'USD',
		sid: message.sid,
		status: 'queued',
		subresource_uris: { media: `${uri}/Media.json` },
		to: message.to,
		uri: `${uri}.json`,
	};
}

/** The Account resource, for the n8n credential test (`GET /2010-04-01/Accounts/{sid}.json`). */
export function accountResource(accountSid: string): Record<string, unknown> {
	return {
		sid: accountSid,
		friendly_name: 'Simulated Twilio account',
		status: 'active',
		type: 'Full',
		uri: `/${API_VERSION}/Accounts/${accountSid}.json`,
	};
}
