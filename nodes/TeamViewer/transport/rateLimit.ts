import { sleep } from 'n8n-workflow';

/** Tuning of the pacing; tests may change it (the fault soak lets random 429s pause briefly). */
export const PACING = {
	/** How long every call waits after a 429 without Retry-After. */
	pauseWithoutRetryAfterMs: 1000,
	/** The slowest pace a refusal can teach (calls per second). */
	minPerSecond: 2,
	/** A learned rate is dropped this long after the last 429. */
	forgetAfterMs: 60_000,
};

/**
 * Pacing of the calls to TeamViewer, one limiter per credential in each n8n process (TeamViewer counts
 * requests per account; the numbers are not public).
 *
 * Without a 429 nothing is paced but to the credential's "Max Requests per Second" (if set). A 429 means TeamViewer did not carry the call out: the limiter then
 * - holds every call of this credential until the Retry-After (or 1 s without one) has passed,
 * - learns the account's rate from what TeamViewer accepted in the second before the refusal and paces
 *   calls at 97 % of it (at least PACING.minPerSecond), and
 * - forgets that rate a minute after the last refusal, so a raised limit (or a lone 429) costs nothing for
 *   long; a bulk run at the limit then meets one more refusal a minute (about 90-95 % of the limit overall).
 * The calls that were refused are sent again by the transport; nothing is lost and nothing is doubled.
 */
export class RateLimiter {
	/** Calls per second the account accepts, learned from a 429; undefined = none seen. */
	private learned: number | undefined;
	/** When a call may go next (ms since epoch), for pacing. */
	private nextSlot = 0;
	/** Until when every call waits (a Retry-After), ms since epoch. */
	private pausedUntil = 0;
	/** When the calls TeamViewer accepted in the last second were answered. */
	private readonly accepted: number[] = [];
	/** When TeamViewer last answered 429. */
	private lastRefusal = 0;

	constructor(
		/** The credential's "Max Requests per Second"; 0 (or anything but a positive number) = no cap of its own. */
		private readonly maxPerSecond = 0,
	) {}

	/** The calls per second this limiter paces to now; undefined = not paced. */
	get rate(): number | undefined {
		if (this.learned !== undefined && Date.now() - this.lastRefusal > PACING.forgetAfterMs) this.learned = undefined;
		const cap = this.maxPerSecond > 0 ? this.maxPerSecond : undefined;
		if (this.learned === undefined) return cap;
		return cap === undefined ? this.learned : Math.min(cap, this.learned);
	}

	/** Waits until this call may be sent. */
	async acquire(): Promise<void> {
		for (;;) {
			const now = Date.now();
			if (now < this.pausedUntil) {
				await sleep(this.pausedUntil - now);
				continue;
			}
			const rate = this.rate;
			if (rate === undefined) return;
			const slot = Math.max(now, this.nextSlot);
			this.nextSlot = slot + 1000 / rate;
			if (slot > now) await sleep(slot - now);
			// A refusal while this call waited moved the pause: wait for it too.
			if (Date.now() >= this.pausedUntil) return;
		}
	}

	/** TeamViewer accepted a call (any answer but 429). */
	accept(): void {
		const now = Date.now();
		this.accepted.push(now);
		this.keepLastSecond(now);
	}

	/** TeamViewer answered 429: hold every call for `retryAfterMs` (default 1 s) and slow down. */
	throttled(retryAfterMs: number | undefined): void {
		const now = Date.now();
		this.keepLastSecond(now);
		const resume = now + (retryAfterMs ?? PACING.pauseWithoutRetryAfterMs);
		// Calls in flight together all come back 429: only the first of a pause teaches the rate.
		if (now >= this.pausedUntil) {
			const next = Math.max(PACING.minPerSecond, Math.floor(this.accepted.length * 0.97));
			const current = this.rate;
			this.learned = current === undefined ? next : Math.max(PACING.minPerSecond, Math.min(next, Math.floor(current * 0.97)));
		}
		this.lastRefusal = now;
		this.pausedUntil = Math.max(this.pausedUntil, resume);
		this.nextSlot = Math.max(this.nextSlot, this.pausedUntil);
	}

	/** Drops the accepted calls answered a second or more before `now`. */
	private keepLastSecond(now: number): void {
		while (this.accepted.length > 0 && this.accepted[0] <= now - 1000) this.accepted.shift();
	}
}


const limiters = new Map<string, RateLimiter>();

/** The limiter of a credential (its type, ID, API base URL and own cap) in this n8n process. */
export function limiterFor(key: string, maxPerSecond = 0): RateLimiter {
	const id = `${key}|${maxPerSecond}`;
	let limiter = limiters.get(id);
	if (!limiter) {
		limiter = new RateLimiter(maxPerSecond);
		limiters.set(id, limiter);
	}
	return limiter;
}
