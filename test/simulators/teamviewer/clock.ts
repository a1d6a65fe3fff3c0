/** Whole-second ISO 8601 in UTC, the format of every TeamViewer timestamp (`2025-03-01T09:00:00Z`). */
export function toIso(date: Date | number): string {
	return new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The simulator's "now". Real time by default. `set` freezes the clock at an instant; `advance`
 * moves a frozen clock, or adds an offset to the running real-time clock.
 */
export class SimClock {
	private frozenAt: number | undefined;
	private offsetMs = 0;

	now(): Date {
		return new Date(this.nowMs());
	}

	nowMs(): number {
		return this.frozenAt ?? Date.now() + this.offsetMs;
	}

	nowIso(): string {
		return toIso(this.nowMs());
	}

	get frozen(): boolean {
		return this.frozenAt !== undefined;
	}

	set(iso: string): void {
		const ms = Date.parse(iso);
		if (Number.isNaN(ms)) throw new Error(`Not a date-time: ${iso}`);
		this.frozenAt = ms;
	}

	advance(ms: number): void {
		if (this.frozenAt === undefined) this.offsetMs += ms;
		else this.frozenAt += ms;
	}

	reset(): void {
		this.frozenAt = undefined;
		this.offsetMs = 0;
	}
}

/** `iso` moved by `seconds` (negative = earlier), as whole-second ISO. */
export function addSeconds(iso: string, seconds: number): string {
	return toIso(Date.parse(iso) + seconds * 1000);
}
