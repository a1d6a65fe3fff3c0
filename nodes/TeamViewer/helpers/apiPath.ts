/**
 * The path of a Custom API Call, below the credential's API base URL (which ends in `/api/v1`).
 * Returns the path to send, or the reason it cannot be one. Only a path goes through: no scheme or
 * host (the token must only ever reach the credential's own host), no `..` segment (not even
 * percent-encoded: it could climb out of `/api/v1`), no query or fragment (those go in Query
 * Parameters), no backslash, space or control character. A pasted `/api/v1` prefix is dropped.
 * `path` comes trimmed (textOf).
 */
export function apiPath(path: string): { path: string } | { problem: string } {
	if (path === '') return { problem: 'it is empty' };
	if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) {
		return { problem: 'it names a scheme or host; give only the path below the API base URL' };
	}
	if (!path.startsWith('/')) return { problem: 'it does not start with "/"' };
	if (/[?#]/.test(path)) return { problem: 'it contains "?" or "#"; put query parameters under "Query Parameters"' };
	// eslint-disable-next-line no-control-regex
	if (/[\s\\\u0000-\u001f\u007f]/.test(path)) return { problem: 'it contains a space, a backslash or a control character' };
	let decoded: string;
	try {
		decoded = decodeURIComponent(path);
	} catch {
		return { problem: 'it contains a broken percent-encoding' };
	}
	if (decoded.split(/[/\\]/).some((segment) => segment === '..' || segment === '.')) {
		return { problem: 'it contains a "." or ".." segment' };
	}
	const below = path.replace(/^\/api\/v1(?=\/|$)/i, '');
	return { path: below === '' ? '/' : below };
}
