const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Deterministic PRNG (mulberry32): the same seed always yields the same data. */
export class Random {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** A float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [min, max], both inclusive. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		return items[this.int(0, items.length - 1)];
	}

	/** `length` decimal digits, the first one non-zero. */
	digits(length: number): string {
		let out = String(this.int(1, 9));
		while (out.length < length) out += String(this.int(0, 9));
		return out;
	}

	alphanumeric(length: number): string {
		let out = '';
		while (out.length < length) out += ALPHANUMERIC[this.int(0, ALPHANUMERIC.length - 1)];
		return out;
	}

	/** A version-4 shaped UUID. */
	uuid(): string {
		const hex = Array.from({ length: 32 }, () => this.int(0, 15).toString(16));
		hex[12] = '4';
		hex[16] = ((this.int(0, 15) & 0x3) | 0x8).toString(16);
		const s = hex.join('');
		return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
	}
}
