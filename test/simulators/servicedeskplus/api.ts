import type { ApiRequest, Reply } from '../common';
import { listAttachments, uploadAttachment } from './attachments';
import { errorReply, notFound, SdpError, MESSAGE_CODES } from './envelope';
import { readInput, writeInput } from './input';
import {
	addNote,
	addWorklog,
	getRequest,
	listNotes,
	listRequests,
	listTechnicians,
	listWorklogs,
	updateRequest,
} from './requests';
import type { ServiceDeskPlusState } from './state';
import { authenticate, tokenEndpoint } from './zoho';

export const SDP_ACCEPT = 'application/vnd.manageengine.sdp.v3+json';

export interface ApiOptions {
	portal: string;
	/** Access tokens one refresh token may yield within ten minutes. */
	tokensPerTenMinutes: number;
}

/** `/app/{portal}/api/v3/{rest}`, or `/api/v3/{rest}` for the default portal. */
const API_PATH = /^(?:\/app\/([^/]+))?\/api\/v3\/(.+?)\/?$/;

function methodNotAllowed(method: string, path: string): SdpError {
	return new SdpError(405, MESSAGE_CODES.invalidValue, `${method} is not allowed on ${path}.`);
}

function route(
	state: ServiceDeskPlusState,
	request: ApiRequest,
	rest: string,
	userId: string,
): Reply {
	const { method } = request;
	const parts = rest.split('/').map(decodeURIComponent);
	if (parts[0] === 'technicians' && parts.length === 1) {
		if (method !== 'GET') throw methodNotAllowed(method, rest);
		return listTechnicians(state, readInput(request));
	}
	if (parts[0] === 'requests' && parts.length === 1) {
		if (method !== 'GET') throw methodNotAllowed(method, rest);
		return listRequests(state, readInput(request));
	}
	if (parts[0] !== 'requests' || parts.length < 2 || parts.length > 3)
		throw notFound(`Invalid URL: /api/v3/${rest}`);
	const id = parts[1];
	if (parts.length === 2) {
		if (method === 'GET') return getRequest(state, id);
		if (method === 'PUT') return updateRequest(state, id, writeInput(request));
		throw methodNotAllowed(method, rest);
	}
	if (parts[2] === 'notes') {
		if (method === 'GET') return listNotes(state, id, readInput(request));
		if (method === 'POST') return addNote(state, id, writeInput(request), userId);
		throw methodNotAllowed(method, rest);
	}
	if (parts[2] === 'upload') {
		if (method === 'PUT') return uploadAttachment(state, id, request, userId);
		throw methodNotAllowed(method, rest);
	}
	if (parts[2] === 'attachments') {
		if (method === 'GET') return listAttachments(state, id);
		throw methodNotAllowed(method, rest);
	}
	if (parts[2] === 'worklogs') {
		if (method === 'GET') return listWorklogs(state, id, readInput(request));
		if (method === 'POST') return addWorklog(state, id, writeInput(request), userId);
		throw methodNotAllowed(method, rest);
	}
	throw notFound(`Invalid URL: /api/v3/${rest}`);
}

/**
 * Zoho's token endpoint needs no authentication; every `/api/v3` call needs a `Zoho-oauthtoken`
 * (checked first), then the v3 `Accept` header, then the portal.
 */
export function handleApi(
	state: ServiceDeskPlusState,
	request: ApiRequest,
	options: ApiOptions,
): Reply {
	const { pathname } = request.url;
	if (pathname === '/oauth/v2/token') {
		if (request.method !== 'POST') return errorReply(methodNotAllowed(request.method, pathname));
		return tokenEndpoint(state, request.url, request.body.value, options.tokensPerTenMinutes);
	}
	try {
		const match = API_PATH.exec(pathname);
		if (!match) throw notFound(`Invalid URL: ${pathname}`);
		const userId = authenticate(state, request.headers);
		const accept = String(request.headers.accept ?? '');
		if (!accept.toLowerCase().includes(SDP_ACCEPT)) {
			throw new SdpError(
				406,
				MESSAGE_CODES.invalidValue,
				`The Accept header must be ${SDP_ACCEPT}; got '${accept}'.`,
			);
		}
		const [, portal, rest] = match;
		if (portal !== undefined && portal !== options.portal)
			throw notFound(`There is no portal '${portal}'.`);
		return route(state, request, rest, userId);
	} catch (error) {
		if (error instanceof SdpError) {
			return errorReply(
				error,
				error.httpStatus === 401 ? { 'WWW-Authenticate': 'Zoho-oauthtoken' } : undefined,
			);
		}
		throw error;
	}
}
