export type FaultKind = 'status' | 'reset' | 'latency';

/**
 * `status`: answer `status` with `headers` and `body` instead of the API (no body unless given);
 * `reset`: destroy the socket once the whole request arrived; `latency`: answer normally after `delayMs`.
 */
export interface FaultRule {
	kind: FaultKind;
	method?: string;
	/** Regex source, case-insensitive, tested against the path. */
	path?: string;
	/** How many requests it hits; default 1. */
	times?: number;
	status?: number;
	headers?: Record<string, string>;
	body?: unknown;
	delayMs?: number;
}

/** Rules in the order they were added; the first that matches a request uses up one of its `times`. */
export class FaultQueue {
	private rules: Array<{ rule: FaultRule; left: number; path?: RegExp }> = [];

	add(rule: FaultRule): void {
		const path = rule.path === undefined ? undefined : new RegExp(rule.path, 'i');
		this.rules.push({ rule, left: rule.times ?? 1, path });
	}

	clear(): void {
		this.rules = [];
	}

	take(method: string, path: string): FaultRule | undefined {
		const hit = this.rules.find(
			({ rule, path: pattern }) =>
				(rule.method === undefined || rule.method.toUpperCase() === method) &&
				(pattern === undefined || pattern.test(path)),
		);
		if (!hit) return undefined;
		hit.left -= 1;
		if (hit.left <= 0) this.rules = this.rules.filter((entry) => entry !== hit);
		return hit.rule;
	}
}
