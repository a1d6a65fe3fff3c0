import { badRequest } from './errors';

/** Opaque page tokens (`paginationToken`, `ContinuationToken`) that carry a list offset. */
function encodeCursor(offset: number): string {
	return Buffer.from(`offset:${offset}`).toString('base64url');
}

/** The offset in `token`; no token = 0; a token this simulator did not issue → 400. */
function decodeCursor(name: string, token: string | undefined): number {
	if (token === undefined) return 0;
	const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
	if (!match) throw badRequest(`${name} '${token}' is not valid.`);
	return Number(match[1]);
}

/** One page of `items` from `token`, and the token of the next page if there is one. */
export function pageOf<T>(
	name: string,
	items: readonly T[],
	token: string | undefined,
	size: number,
) {
	const offset = decodeCursor(name, token);
	const page = items.slice(offset, offset + size);
	const end = offset + page.length;
	return { page, next: end < items.length ? encodeCursor(end) : undefined };
}
