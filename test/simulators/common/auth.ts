import type { IncomingHttpHeaders } from 'http';

export interface BasicCredentials {
	username: string;
	password: string;
}

export function basicCredentials(headers: IncomingHttpHeaders): BasicCredentials | undefined {
	const encoded = /^Basic\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
	if (encoded === undefined) return undefined;
	const decoded = Buffer.from(encoded, 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
	return /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
}
