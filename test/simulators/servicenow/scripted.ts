/*
 * Scripted REST APIs an installed update set defines (sys_ws_definition + sys_ws_operation). The simulator
 * cannot run their server-side JavaScript; it serves the one resource the shipped update set has — the
 * device password for the integration role — by its path, with the behaviour of that resource's script:
 * 403 without the role u_teamviewer_integration, 404 for an unknown device, else the decrypted password.
 * A Scripted REST resource's return value arrives wrapped in `{ "result": … }` (docs "Scripted REST API
 * response", RESTAPIResponse: "the object returned by the script is serialized into the result element").
 * An operation whose path the simulator does not implement answers 501, so an update set that ships a new
 * one fails loudly in tests.
 */
import { json, type ApiRequest, type Reply } from '../common';
import { findRecord, tableRecords } from './lookup';
import type { ServiceNowState } from './state';
import { child, childText } from './xml';

interface Operation {
	method: string;
	pattern: RegExp;
	uri: string;
}

const DEVICE_PASSWORD = /\/device\/\{sys_id\}\/password$/;
const ROLE = 'u_teamviewer_integration';

function operations(state: ServiceNowState): Operation[] {
	return state.updateSets.flatMap((set) =>
		set.updates
			.filter((update) => update.record.name === 'sys_ws_operation' && childText(update.record, 'active') !== 'false')
			.map((update) => {
				const uri = childText(update.record, 'operation_uri');
				const source = uri.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, '(?<$1>[^/]+)');
				return { method: (child(update.record, 'http_method')?.text ?? 'GET').trim().toUpperCase(), pattern: new RegExp(`^${source}/?$`), uri };
			}),
	);
}

function hasRole(state: ServiceNowState, userName: string, role: string): boolean {
	const [user] = tableRecords(state, 'sys_user').filter((record) => record.user_name === userName);
	if (!user) return false;
	const roleIds = new Set(tableRecords(state, 'sys_user_role').filter((record) => record.name === role || record.name === 'admin').map((record) => record.sys_id));
	return tableRecords(state, 'sys_user_has_role').some((grant) => grant.user === user.sys_id && roleIds.has(grant.role));
}

/** The reply of a Scripted REST resource at this path, or undefined when no installed operation matches. */
export function scriptedApi(state: ServiceNowState, request: ApiRequest, userName: string): Reply | undefined {
	for (const operation of operations(state)) {
		const match = operation.pattern.exec(request.url.pathname);
		if (!match) continue;
		if (request.method !== operation.method) return json({ error: { message: 'Method not Supported', detail: `${request.method} method not supported for API` }, status: 'failure' }, 405);
		if (!DEVICE_PASSWORD.test(operation.uri)) return json({ error: { message: 'Not implemented by the simulator', detail: operation.uri }, status: 'failure' }, 501);
		if (!hasRole(state, userName, ROLE)) return json({ result: { error: `Only the ${ROLE} role may read device passwords.` } }, 403);
		const sysId = decodeURIComponent(match.groups?.sys_id ?? '');
		const device = findRecord(state, 'u_teamviewer_device', sysId);
		if (!device) return json({ result: { error: `No u_teamviewer_device record ${sysId}.` } }, 404);
		return json({ result: { sys_id: device.sys_id, password: device.u_password ?? '' } });
	}
	return undefined;
}
