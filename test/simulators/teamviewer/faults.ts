import type { Reply } from '../common/reply';

/** A scripted failure for `/api/v1/**` requests; the first matching rule fires, `times` times. */
export interface FaultRule {
	method?: string;
	/** Regular-expression source, matched case-insensitively against the request path. */
	path?: string;
	/** Default 1. */
	times?: number;
	/**
	 * `status`: answer `status`/`headers`/`body` without handling the call; `reset`: drop the
	 * connection before handling it; `resetAfter`: handle it, then drop the connection instead of
	 * answering; `latency`: wait `delayMs`, then handle and answer; `slowReply`: handle at once,
	 * answer after `delayMs` (a client that gave up meanwhile never learns the outcome).
	 */
	kind: 'status' | 'reset' | 'resetAfter' | 'latency' | 'slowReply';
	status?: number;
	headers?: Record<string, string>;
	/** JSON, or a string sent as text/plain. Default: an error body for `status`. */
	body?: unknown;
	delayMs?: number;
}

interface QueuedFault {
	rule: FaultRule;
	path: RegExp | undefined;
	remaining: number;
}

const KINDS: readonly FaultRule['kind'][] = ['status', 'reset', 'resetAfter', 'latency', 'slowReply'];

export class FaultQueue {
	private queue: QueuedFault[] = [];

	add(rule: FaultRule): void {
		if (!KINDS.includes(rule.kind)) {
			throw new Error(`Fault kind must be one of ${KINDS.join(', ')}.`);
		}
		if (rule.kind === 'status' && !Number.isInteger(rule.status)) {
			throw new Error('A status fault needs a status.');
		}
		const times = rule.times ?? 1;
		if (!Number.isInteger(times) || times < 1) throw new Error('times must be a positive integer.');
		const path = rule.path === undefined ? undefined : new RegExp(rule.path, 'i');
		this.queue.push({ rule, path, remaining: times });
	}

	clear(): void {
		this.queue = [];
	}

	/** The first rule matching the request, with one of its uses consumed. */
	take(method: string, path: string): FaultRule | undefined {
		const index = this.queue.findIndex(
			(fault) =>
				(fault.rule.method === undefined || fault.rule.method.toUpperCase() === method) &&
				(fault.path === undefined || fault.path.test(path)),
		);
		if (index < 0) return undefined;
		const fault = this.queue[index];
		if (--fault.remaining === 0) this.queue.splice(index, 1);
		return fault.rule;
	}
}

export function faultReply(rule: FaultRule): Reply {
	const status = rule.status ?? 500;
	const description = status === 429 ? 'Too many requests. Retry later.' : 'Simulated failure.';
	const error = status === 429 ? 'too_many_requests' : 'server_error';
	return {
		status,
		headers: rule.headers,
		body: rule.body ?? { error, error_description: description, error_code: status },
	};
}
