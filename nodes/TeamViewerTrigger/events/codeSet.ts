/**
 * Service-case codes in little space: `s123-456-789` as its 9 digits in 6 base-36 characters, sorted,
 * with no separator (5 000 codes: 30 000 characters); a code of another shape follows a `|`, comma-separated.
 */
const CODE = /^s(\d{3})-?(\d{3})-?(\d{3})$/i;
const WIDTH = 6;

/** The one spelling a code is kept under: `s123-456-789`, whatever dashes or case TeamViewer sends. */
export function codeKey(code: unknown): string {
	const text = String(code);
	const digits = CODE.exec(text);
	return digits ? `s${digits[1]}-${digits[2]}-${digits[3]}` : text;
}

export function packCodes(codes: Iterable<string>): string {
	const packed: string[] = [];
	const other: string[] = [];
	for (const code of codes) {
		const digits = CODE.exec(code);
		if (digits) packed.push(Number(digits.slice(1).join('')).toString(36).padStart(WIDTH, '0'));
		else other.push(code);
	}
	packed.sort();
	return other.length > 0 ? `${packed.join('')}|${other.sort().join(',')}` : packed.join('');
}

export function unpackCodes(text: unknown): string[] {
	if (typeof text !== 'string' || text === '') return [];
	const bar = text.indexOf('|');
	const packed = bar < 0 ? text : text.slice(0, bar);
	const codes: string[] = [];
	for (let at = 0; at + WIDTH <= packed.length; at += WIDTH) {
		const digits = parseInt(packed.slice(at, at + WIDTH), 36).toString().padStart(9, '0');
		codes.push(`s${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`);
	}
	if (bar >= 0) codes.push(...text.slice(bar + 1).split(',').filter(Boolean));
	return codes;
}
