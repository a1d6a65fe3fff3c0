import { toIso } from './ids';

/** The simulator's "now": real time plus an offset, or frozen by `set`. */
export class Matrix42Clock {
	private frozenAt: number | undefined;
	private offsetMs = 0;

	nowMs(): number {
		return this.frozenAt ?? Date.now() + this.offsetMs;
	}

	nowIso(): string {
		return toIso(this.nowMs());
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
