import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

import { Inbox } from '../common';

export interface CapturedMail {
	/** Address of the From header. */
	from: string;
	/** Addresses of the To header. */
	to: string[];
	cc: string[];
	subject: string;
	text: string;
	/** '' for a text-only mail. */
	html: string;
	/** The Date header (or the time of receipt), ISO 8601 UTC. */
	date: string;
	/** MAIL FROM and RCPT TO as given: Bcc recipients appear only here. */
	envelope: { from: string; to: string[] };
	/** The AUTH user name, when the client logged in. */
	user?: string;
	/** The message as received, headers included. */
	raw: string;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
	const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
	return objects.flatMap((object) => object.value.map((entry) => entry.address ?? ''));
}

function toCapturedMail(parsed: ParsedMail, raw: string, session: SMTPServerSession): CapturedMail {
	const { mailFrom, rcptTo } = session.envelope;
	return {
		from: addresses(parsed.from)[0] ?? '',
		to: addresses(parsed.to),
		cc: addresses(parsed.cc),
		subject: parsed.subject ?? '',
		text: parsed.text ?? '',
		html: parsed.html || '',
		date: (parsed.date ?? new Date()).toISOString(),
		envelope: { from: mailFrom ? mailFrom.address : '', to: rcptTo.map((rcpt) => rcpt.address) },
		user: session.user,
		raw,
	};
}

async function readStream(stream: SMTPServerDataStream): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/** An SMTP server on 127.0.0.1 that keeps every mail it receives. */
export class SmtpCapture {
	readonly host = '127.0.0.1';
	private readonly inbox = new Inbox<CapturedMail>(
		(mail) => `'${mail.subject}' to ${mail.to.join(', ')}`,
	);
	private readonly server: SMTPServer;
	private boundPort = 0;
	/** Recipients the relay refuses with `550 5.1.1 mailbox unavailable` (RFC 5321 §4.2.2), lower case. */
	private readonly refused = new Set<string>();

	constructor() {
		this.server = new SMTPServer({
			secure: false,
			disabledCommands: ['STARTTLS'],
			authOptional: true,
			allowInsecureAuth: true,
			authMethods: ['PLAIN', 'LOGIN'],
			disableReverseLookup: true,
			logger: false,
			closeTimeout: 500,
			onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
			onRcptTo: (address, _session, callback) => {
				if (!this.refused.has(address.address.toLowerCase())) return callback();
				const error = Object.assign(new Error(`5.1.1 <${address.address}>: mailbox unavailable`), {
					responseCode: 550,
				});
				return callback(error);
			},
			onData: (stream, session, callback) => {
				readStream(stream)
					.then(async (raw) =>
						this.inbox.push(toCapturedMail(await simpleParser(raw), raw, session)),
					)
					.then(() => callback(), callback);
			},
		});
	}

	get port(): number {
		return this.boundPort;
	}

	/** From now on the relay refuses mail to `address` (550), as a relay does for an unknown mailbox. */
	refuseRecipient(address: string): void {
		this.refused.add(address.toLowerCase());
	}

	/** Accept every recipient again. */
	acceptAllRecipients(): void {
		this.refused.clear();
	}

	/** Every mail received since the start or the last `reset()`, oldest first. */
	get messages(): CapturedMail[] {
		return this.inbox.items;
	}

	async listen(port = 0): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server.server.once('error', reject);
			this.server.listen(port, this.host, () => {
				this.server.server.off('error', reject);
				resolve();
			});
		});
		this.boundPort = (this.server.server.address() as AddressInfo).port;
	}

	/** The first mail, received or still to come, that matches; rejects after `timeoutMs`. */
	waitFor(
		predicate: (mail: CapturedMail) => boolean = () => true,
		timeoutMs = 5000,
	): Promise<CapturedMail> {
		return this.inbox.waitFor(predicate, timeoutMs);
	}

	reset(): void {
		this.inbox.clear();
		this.refused.clear();
	}

	/** Stops the server; pending `waitFor`s reject. */
	close(): Promise<void> {
		this.inbox.close();
		return new Promise((resolve) => this.server.close(resolve));
	}
}

/** Starts a capture on 127.0.0.1 (a free port unless `port` is given). */
export async function startSmtpCapture(options: { port?: number } = {}): Promise<SmtpCapture> {
	const capture = new SmtpCapture();
	await capture.listen(options.port);
	return capture;
}
