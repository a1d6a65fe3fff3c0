import { badRequest } from './errors';

export interface StringRules {
	required?: boolean;
	min?: number;
	max?: number;
	pattern?: RegExp;
	/** How to describe `pattern` in the error, e.g. `look like u1234567`. */
	expected?: string;
}

export const EMAIL: StringRules = {
	pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
	expected: 'be an email address',
};

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Typed, validating access to query parameters or body fields. Names match case-insensitively, as
 * ASP.NET model binding does (`StartDate` = `startdate`). Every violation is a 400 `invalid_request`.
 */
export class Input {
	private readonly values = new Map<string, unknown>();

	/** `prefix` names nested fields in errors, e.g. `end_customer.`. */
	constructor(
		source: unknown,
		private readonly prefix = '',
	) {
		if (!isRecord(source)) return;
		for (const [name, value] of Object.entries(source)) this.values.set(name.toLowerCase(), value);
	}

	get isEmpty(): boolean {
		return this.values.size === 0;
	}

	raw(name: string): unknown {
		return this.values.get(name.toLowerCase());
	}

	/** Present and not null/empty. */
	has(name: string): boolean {
		const value = this.raw(name);
		return value !== undefined && value !== null && value !== '';
	}

	string(name: string, rules: StringRules & { required: true }): string;
	string(name: string, rules?: StringRules): string | undefined;
	string(name: string, rules: StringRules = {}): string | undefined {
		if (!this.has(name)) {
			if (rules.required) throw badRequest(`${this.label(name)} is required.`);
			return undefined;
		}
		const text = this.scalar(name);
		if (rules.min !== undefined && text.length < rules.min) {
			throw badRequest(`${this.label(name)} must be at least ${rules.min} characters long.`);
		}
		if (rules.max !== undefined && text.length > rules.max) {
			throw badRequest(`${this.label(name)} must be at most ${rules.max} characters long.`);
		}
		if (rules.pattern && !rules.pattern.test(text)) {
			throw badRequest(
				`${this.label(name)} must ${rules.expected ?? `match ${rules.pattern.source}`}, got '${text}'.`,
			);
		}
		return text;
	}

	boolean(name: string): boolean | undefined {
		if (!this.has(name)) return undefined;
		const value = this.raw(name);
		if (typeof value === 'boolean') return value;
		const text = this.scalar(name).toLowerCase();
		if (text === 'true' || text === 'false') return text === 'true';
		throw badRequest(`${this.label(name)} must be true or false.`);
	}

	integer(name: string): number | undefined {
		if (!this.has(name)) return undefined;
		const text = this.scalar(name);
		if (!/^-?\d+$/.test(text)) {
			throw badRequest(`${this.label(name)} must be an integer, got '${text}'.`);
		}
		return Number(text);
	}

	/** An ISO 8601 date-time as epoch milliseconds. */
	dateTime(name: string, rules: { required: true }): number;
	dateTime(name: string, rules?: { required?: boolean }): number | undefined;
	dateTime(name: string, rules: { required?: boolean } = {}): number | undefined {
		const text = this.string(name, rules);
		if (text === undefined) return undefined;
		const ms = Date.parse(text);
		if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(ms)) {
			throw badRequest(
				`${this.label(name)} must be an ISO 8601 date-time such as 2025-03-01T09:00:00Z, got '${text}'.`,
			);
		}
		return ms;
	}

	/** A JSON array of strings, repeated query parameters, or one comma-separated string. */
	list(name: string): string[] | undefined {
		if (!this.has(name)) return undefined;
		const value = this.raw(name);
		const items = Array.isArray(value) ? value : [value];
		if (!items.every((item) => typeof item === 'string')) {
			throw badRequest(`${this.label(name)} must be a list of strings.`);
		}
		return (items as string[])
			.flatMap((item) => item.split(','))
			.map((item) => item.trim())
			.filter((item) => item !== '');
	}

	record(name: string): Record<string, unknown> | undefined {
		if (!this.has(name)) return undefined;
		const value = this.raw(name);
		if (!isRecord(value)) throw badRequest(`${this.label(name)} must be an object.`);
		return value;
	}

	array(name: string): unknown[] | undefined {
		if (!this.has(name)) return undefined;
		const value = this.raw(name);
		if (!Array.isArray(value)) throw badRequest(`${this.label(name)} must be an array.`);
		return value;
	}

	private label(name: string): string {
		return `${this.prefix}${name}`;
	}

	/** The text of a string, number or boolean; the first value of a repeated query parameter. */
	private scalar(name: string): string {
		const raw = this.raw(name);
		const value = Array.isArray(raw) && raw.length > 0 ? raw[0] : raw;
		if (typeof value === 'string') return value;
		if (typeof value === 'number' || typeof value === 'boolean') return String(value);
		throw badRequest(`${this.label(name)} must be a string.`);
	}
}
