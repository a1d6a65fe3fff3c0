import { createServer, type RequestListener, type Server } from 'http';

import {
	closeHttpServer,
	controlRoute,
	FaultQueue,
	Inbox,
	json,
	listenOnLoopback,
	RequestLog,
	simulatorListener,
	standardControlRoutes,
	type FaultRule,
	type LoggedRequest,
	type ProxyRoute,
} from '../common';
import { handleApi } from './api';
import { twilioError, type SmsMessage, type TwilioAccount } from './twilio';

export const DEFAULT_TWILIO_ACCOUNT: TwilioAccount = {
	accountSid: 'AC0123456789abcdef0123456789abcdef',
	authToken: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
};

export interface SmsSinkOptions {
	/** 0 (default) = a free port. */
	port?: number;
	/** The accounts whose `AccountSid:AuthToken` are accepted; default `[DEFAULT_TWILIO_ACCOUNT]`. */
	accounts?: TwilioAccount[];
}

/** A Twilio-shaped sink for text messages, listening on 127.0.0.1. */
export class SmsSink {
	readonly accounts: TwilioAccount[];
	/** Every non-control request; `requests` is its list. */
	readonly log = new RequestLog();
	readonly faults = new FaultQueue();
	/** The HTTP handler, for the TLS proxy to dispatch `https://api.twilio.com` to. */
	readonly listener: RequestListener;
	private readonly inbox = new Inbox<SmsMessage>((message) => `${message.to}: ${message.body}`);
	private readonly server: Server;
	private boundPort = 0;

	constructor(accounts: TwilioAccount[] = [DEFAULT_TWILIO_ACCOUNT]) {
		this.accounts = accounts;
		this.listener = simulatorListener({
			log: this.log,
			faults: this.faults,
			control: [
				...standardControlRoutes(this),
				controlRoute('GET', '/__messages', () => json(this.messages)),
			],
			handle: (request) => handleApi({ accounts: this.accounts, messages: this.inbox }, request),
			internalError: (message) => twilioError(500, 20500, message),
		});
		this.server = createServer(this.listener);
	}

	/** `{ host: /^api\.twilio\.com$/i, listener }` for `startTlsProxy({ routes })`. */
	get proxyRoute(): ProxyRoute {
		return { host: /^api\.twilio\.com$/i, listener: this.listener };
	}

	get port(): number {
		return this.boundPort;
	}

	get url(): string {
		return `http://127.0.0.1:${this.boundPort}`;
	}

	/** Accepted messages, oldest first; refused ones are only in `requests`. */
	get messages(): SmsMessage[] {
		return this.inbox.items;
	}

	get requests(): LoggedRequest[] {
		return this.log.entries;
	}

	async listen(port = 0): Promise<void> {
		this.boundPort = await listenOnLoopback(this.server, port);
	}

	/** The first message, accepted or still to come, that matches; rejects after `timeoutMs`. */
	waitFor(
		predicate: (message: SmsMessage) => boolean = () => true,
		timeoutMs = 5000,
	): Promise<SmsMessage> {
		return this.inbox.waitFor(predicate, timeoutMs);
	}

	injectFault(rule: FaultRule): void {
		this.faults.add(rule);
	}

	clearFaults(): void {
		this.faults.clear();
	}

	/** No messages, no log, no faults; the accounts stay. */
	reset(): void {
		this.inbox.clear();
		this.log.reset();
		this.faults.clear();
	}

	snapshot(): { messages: SmsMessage[] } {
		return { messages: this.messages };
	}

	close(): Promise<void> {
		this.inbox.close();
		return closeHttpServer(this.server);
	}
}

export async function startSmsSink(options: SmsSinkOptions = {}): Promise<SmsSink> {
	const sink = new SmsSink(options.accounts);
	await sink.listen(options.port);
	return sink;
}
