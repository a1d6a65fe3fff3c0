import type { IncomingHttpHeaders } from 'http';

/** One `/api/v1/**` request as the simulator received and answered it. */
export interface LoggedRequest {
	seq: number;
	/** Simulator-clock time of arrival. */
	at: string;
	/** Real time of arrival, `Date.now()`. */
	realAt: number;
	method: string;
	/** As received, without the query string. */
	path: string;
	query: Record<string, string | string[]>;
	headers: { authorization?: string; contentType?: string; accept?: string; retryAttempt?: string };
	/** The bearer token used, if any. */
	token?: string;
	/** Parsed JSON or form; the raw text otherwise. */
	body: unknown;
	/** 0 when a `reset` fault dropped the connection. */
	status: number;
	/** The kind of the fault rule that hit this request. */
	fault?: string;
}

/** `x-retry-attempt` is where a client may say which retry a request is. */
export function loggedHeaders(headers: IncomingHttpHeaders): LoggedRequest['headers'] {
	const header = (name: string): string | undefined => {
		const value = headers[name];
		return Array.isArray(value) ? value.join(', ') : value;
	};
	return {
		authorization: header('authorization'),
		contentType: header('content-type'),
		accept: header('accept'),
		retryAttempt: header('x-retry-attempt'),
	};
}

export function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const key of new Set(params.keys())) {
		const values = params.getAll(key);
		query[key] = values.length === 1 ? values[0] : values;
	}
	return query;
}

export class RequestLog {
	readonly entries: LoggedRequest[] = [];
	private lastSeq = 0;

	nextSeq(): number {
		return ++this.lastSeq;
	}

	add(entry: LoggedRequest): void {
		this.entries.push(entry);
	}

	since(seq: number): LoggedRequest[] {
		return this.entries.filter((entry) => entry.seq > seq);
	}

	/** Forgets the entries; sequence numbers keep counting so `since` stays meaningful. */
	clear(): void {
		this.entries.length = 0;
	}

	reset(): void {
		this.clear();
		this.lastSeq = 0;
	}
}
