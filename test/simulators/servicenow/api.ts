import type { ApiRequest, Reply } from '../common';
import { ATTACHMENT_FILE_PATH, attachmentApi } from './attachment';
import { authenticate, tokenEndpoint } from './auth';
import { notAuthenticated, snError, unknownResource } from './errors';
import type { ServiceNowState } from './state';
import { scriptedApi } from './scripted';
import { tableApi } from './table';

/** `/api/now/table/{table}[/{sys_id}]`, also under the versioned `/api/now/v1|v2/table/…`. */
const TABLE_PATH = /^\/api\/now(?:\/v[12])?\/table\/([^/]+)(?:\/([^/]+))?\/?$/;

/** `POST /oauth_token.do` needs no user; everything else needs Basic or Bearer auth first. */
export function handleApi(state: ServiceNowState, request: ApiRequest): Reply {
	const { pathname } = request.url;
	if (pathname === '/oauth_token.do') {
		if (request.method !== 'POST') return snError(405, 'Method not Supported');
		return tokenEndpoint(state, request.body.value, request.headers);
	}
	const userName = authenticate(state, request.headers);
	if (userName === undefined) return notAuthenticated();
	if (ATTACHMENT_FILE_PATH.test(pathname)) return attachmentApi(state, request, userName);
	const match = TABLE_PATH.exec(pathname);
	if (!match) return scriptedApi(state, request, userName) ?? unknownResource();
	const [, table, sysId] = match;
	return tableApi(
		state,
		request,
		userName,
		decodeURIComponent(table),
		sysId === undefined ? undefined : decodeURIComponent(sysId),
	);
}
