import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { roleField, rolesOf } from '../helpers/userRoles';
import { teamViewerApiRequest } from '../transport';

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));
}

const byName = (a: INodeListSearchItems, b: INodeListSearchItems) => a.name.localeCompare(b.name);

/** Open cases of at most this many pages are read for one answer to the editor (1 000 per page). */
const SESSION_PAGES_PER_SEARCH = 10;

/**
 * Open cases for the picker, newest first. GET /sessions has no text filter (TeamViewer's OpenAPI document), so the
 * node reads the pages itself (cursor `offset`) and filters each: an answer ends after the first page
 * with a match, or after SESSION_PAGES_PER_SEARCH pages; `paginationToken` lets the editor load more,
 * so every open case can be found, the oldest of many thousands too.
 */
export async function searchSessions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = [];
	let offset = paginationToken;
	for (let pages = 0; pages < SESSION_PAGES_PER_SEARCH; pages++) {
		const page = await teamViewerApiRequest.call(this, {
			method: 'GET',
			path: '/sessions',
			qs: { state: 'open', full_list: true, ...(offset ? { offset } : {}) },
		});
		const sessions = (page.sessions as IDataObject[] | undefined) ?? [];
		for (const session of sessions) {
			const customer = (session.end_customer as IDataObject | undefined) ?? {};
			if (!matches(filter, session.code, session.description, customer.name, customer.email)) continue;
			const label = [session.code, session.description, customer.name].filter(Boolean).join(' · ');
			results.push({ name: label, value: session.code as string, url: session.supporter_link as string });
		}
		const next = page.sessions_remaining === 0 || sessions.length === 0 ? undefined : page.next_offset;
		offset = next === undefined || next === null || next === '' ? undefined : String(next);
		if (offset === undefined || results.length > 0) break;
	}
	return offset === undefined ? { results } : { results, paginationToken: offset };
}

export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const response = await teamViewerApiRequest.call(this, {
		method: 'GET',
		path: '/groups',
		qs: filter ? { name: filter } : {},
	});
	const groups = (response.groups as IDataObject[] | undefined) ?? [];
	return {
		results: groups
			.map((group) => ({ name: String(group.name), value: String(group.id) }))
			.sort(byName),
	};
}

/** Devices per answer to the editor. */
const DEVICE_SEARCH_PAGE = 100;
/** A filter that is a whole TeamViewer ID (or `r` + one) is looked up with `remotecontrol_id`. */
const TEAMVIEWER_ID = /^r?(\d{9,10})$/i;
/** How long typing a search and "load more" reuse the device list read when the picker opened. */
const DEVICE_LIST_REUSE_MS = 60_000;
const deviceLists = new Map<string, { at: number; devices: IDataObject[] }>();

async function readDevices(context: ILoadOptionsFunctions, qs: IDataObject): Promise<IDataObject[]> {
	const response = await teamViewerApiRequest.call(context, { method: 'GET', path: '/devices', qs });
	return (response.devices as IDataObject[] | undefined) ?? [];
}

/**
 * Devices for the picker, DEVICE_SEARCH_PAGE at a time (`paginationToken`: where the next answer
 * starts). GET /devices is not paged and its only filter with a known matching is `remotecontrol_id`
 * (TeamViewer's OpenAPI document and TeamViewerPS; `name` is in the OpenAPI document without saying
 * how it matches), so:
 * a whole TeamViewer ID is looked up at TeamViewer; any other text is matched here (alias,
 * description, TeamViewer ID) against the list read when the picker opened, reused for up to a minute
 * for typing and "load more", so that neither reads the whole list again.
 */
export async function searchDevices(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = filter?.trim() ?? '';
	const id = TEAMVIEWER_ID.exec(text)?.[1];
	let devices: IDataObject[];
	if (id) {
		devices = await readDevices(this, { remotecontrol_id: `r${id}` });
	} else {
		const credentials = Object.values(this.getNode().credentials ?? {}).map((credential) => credential.id ?? credential.name);
		const key = JSON.stringify(credentials);
		const opening = !text && !paginationToken;
		let list = opening ? undefined : deviceLists.get(key);
		if (!list || Date.now() - list.at > DEVICE_LIST_REUSE_MS) {
			list = { at: Date.now(), devices: await readDevices(this, {}) };
			deviceLists.delete(key);
			deviceLists.set(key, list);
			if (deviceLists.size > 50) deviceLists.delete(deviceLists.keys().next().value as string);
		}
		devices = list.devices;
	}
	const found = devices
		.filter((device) =>
			matches(text, device.alias, device.description, device.remotecontrol_id, String(device.teamviewer_id ?? '')),
		)
		.map((device) => ({
			name: `${device.alias ?? device.remotecontrol_id} (${device.online_state ?? 'unknown'})`,
			value: String(device.device_id),
		}))
		.sort(byName);
	const start = Math.max(0, Number.parseInt(paginationToken ?? '0', 10) || 0);
	const end = start + DEVICE_SEARCH_PAGE;
	const results = found.slice(start, end);
	return end < found.length ? { results, paginationToken: String(end) } : { results };
}

export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const response = await teamViewerApiRequest.call(this, { method: 'GET', path: '/users' });
	const users = (response.users as IDataObject[] | undefined) ?? [];
	return {
		results: users
			.filter((user) => matches(filter, user.name, user.email))
			.map((user) => ({ name: `${user.name} <${user.email}>`, value: String(user.id) }))
			.sort(byName),
	};
}

/** Pages read for one answer to the editor at most, for lists TeamViewer cannot filter by name. */
const PAGES_PER_SEARCH = 10;

/**
 * A `paginationToken` list without a name filter (GET /managed/groups, /usergroups: TeamViewer's OpenAPI
 * document), matched by `name` here: an answer ends after the first page with a match, an empty page or
 * PAGES_PER_SEARCH pages, and TeamViewer's `nextPaginationToken` is handed to the editor's "load more".
 */
async function searchTokenPages(
	context: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = [];
	let token = paginationToken;
	for (let pages = 0; pages < PAGES_PER_SEARCH; pages++) {
		const page = await teamViewerApiRequest.call(context, {
			method: 'GET',
			path,
			qs: { ...qs, ...(token ? { paginationToken: token } : {}) },
		});
		const entries = (page.resources as IDataObject[] | undefined) ?? [];
		for (const entry of entries) {
			if (matches(filter, entry.name)) results.push({ name: String(entry.name), value: String(entry.id) });
		}
		const next = page.nextPaginationToken;
		token = entries.length === 0 || next === undefined || next === null || next === '' ? undefined : String(next);
		if (token === undefined || results.length > 0) break;
	}
	results.sort(byName);
	return token === undefined ? { results } : { results, paginationToken: token };
}

/** Managed groups for the picker, matched by name page by page. */
export async function searchManagedGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchTokenPages(this, '/managed/groups', {}, filter, paginationToken);
}

/** Policies for the picker: GET /teamviewerpolicies is unpaged and has no filter, so the text is matched here. */
export async function searchPolicies(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const response = await teamViewerApiRequest.call(this, { method: 'GET', path: '/teamviewerpolicies' });
	const policies = (response.policies as IDataObject[] | undefined) ?? [];
	return {
		results: policies
			.filter((policy) => matches(filter, policy.name, policy.policy_id))
			.map((policy) => ({ name: String(policy.name), value: String(policy.policy_id) }))
			.sort(byName),
	};
}

/** GET /userroles is not paged and has no filter: the roles are matched here by name. */
export async function searchUserRoles(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const response = await teamViewerApiRequest.call(this, { method: 'GET', path: '/userroles' });
	return {
		results: rolesOf(response)
			.filter((role) => matches(filter, roleField(role, 'Name')))
			.map((role) => ({ name: String(roleField(role, 'Name')), value: String(roleField(role, 'Id')) }))
			.sort(byName),
	};
}

/** User groups per request to TeamViewer for the picker. */
const USER_GROUP_SEARCH_PAGE = 100;

/** User groups for the picker, matched by name page by page (`limit` per page). */
export async function searchUserGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchTokenPages(this, '/usergroups', { limit: USER_GROUP_SEARCH_PAGE }, filter, paginationToken);
}
