import type { IncomingHttpHeaders } from 'http';

import type { FaultKind } from './faults';

/** One API request as a simulator received and answered it. */
export interface LoggedRequest {
	seq: number;
	/** Arrival, ISO 8601 UTC. */
	at: string;
	method: string;
	/** The Host header as sent: `dev12345.service-now.com` when it came through the TLS proxy. */
	host: string;
	/** Without the query string. */
	path: string;
	query: Record<string, string | string[]>;
	headers: { authorization?: string; contentType?: string };
	/** Parsed JSON or form; the raw text otherwise. */
	body: unknown;
	/** 0 until answered, and when a `reset` fault dropped the connection. */
	status: number;
	/** The kind of the fault rule that hit this request. */
	fault?: FaultKind;
}

export function loggedHeaders(headers: IncomingHttpHeaders): LoggedRequest['headers'] {
	const header = (name: string): string | undefined => {
		const value = headers[name];
		return Array.isArray(value) ? value.join(', ') : value;
	};
	return { authorization: header('authorization'), contentType: header('content-type') };
}

export function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const key of new Set(params.keys())) {
		const values = params.getAll(key);
		query[key] = values.length === 1 ? values[0] : values;
	}
	return query;
}

/** A numbered list of entries; `seq` starts at 1 and keeps counting across `clear()`. */
export class RequestLog<Entry extends { seq: number } = LoggedRequest> {
	readonly entries: Entry[] = [];
	private lastSeq = 0;

	/** Numbers and keeps an entry; returns it so that its status can be filled in once answered. */
	add(fields: Omit<Entry, 'seq'>): Entry {
		const entry = { seq: ++this.lastSeq, ...fields } as Entry;
		this.entries.push(entry);
		return entry;
	}

	since(seq: number): Entry[] {
		return this.entries.filter((entry) => entry.seq > seq);
	}

	/** Forgets the entries; sequence numbers keep counting so that `since` stays meaningful. */
	clear(): void {
		this.entries.length = 0;
	}

	reset(): void {
		this.clear();
		this.lastSeq = 0;
	}
}
