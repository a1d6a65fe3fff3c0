import type { IncomingMessage } from 'http';

export interface ParsedBody {
	/** Parsed JSON or form fields; the raw text for any other type; undefined when empty. */
	value: unknown;
	/** Set when a JSON body does not parse. */
	error?: string;
	/** The bytes as sent, for file uploads (an attachment's bytes do not survive a round trip through text). */
	bytes?: Buffer;
}

export function readBodyBytes(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

export async function readBody(req: IncomingMessage): Promise<string> {
	return (await readBodyBytes(req)).toString('utf8');
}

/** JSON (any `…json` type) and `application/x-www-form-urlencoded` are parsed; anything else stays text. */
export function parseBody(raw: string, contentType: string | undefined): ParsedBody {
	if (raw === '') return { value: undefined };
	const type = (contentType ?? '').toLowerCase();
	if (type.includes('application/x-www-form-urlencoded')) {
		return { value: Object.fromEntries(new URLSearchParams(raw)) };
	}
	if (!type.includes('json')) return { value: raw };
	try {
		return { value: JSON.parse(raw) };
	} catch {
		return { value: raw, error: 'The request body is not valid JSON.' };
	}
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
