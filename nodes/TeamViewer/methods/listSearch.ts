import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { teamViewerApiRequest } from '../transport';

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));
}

const byName = (a: INodeListSearchItems, b: INodeListSearchItems) => a.name.localeCompare(b.name);

export async function searchSessions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const page = await teamViewerApiRequest.call(this, {
		method: 'GET',
		path: '/sessions',
		qs: { state: 'open', full_list: true },
	});
	const sessions = (page.sessions as IDataObject[] | undefined) ?? [];
	const results = sessions
		.filter((session) => {
			const customer = (session.end_customer as IDataObject | undefined) ?? {};
			return matches(filter, session.code, session.description, customer.name, customer.email);
		})
		.map((session) => {
			const customer = (session.end_customer as IDataObject | undefined)?.name;
			const label = [session.code, session.description, customer].filter(Boolean).join(' · ');
			return { name: label, value: session.code as string, url: session.supporter_link as string };
		});
	return { results };
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

export async function searchDevices(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const response = await teamViewerApiRequest.call(this, { method: 'GET', path: '/devices' });
	const devices = (response.devices as IDataObject[] | undefined) ?? [];
	return {
		results: devices
			.filter((device) =>
				matches(filter, device.alias, device.description, device.remotecontrol_id, String(device.teamviewer_id ?? '')),
			)
			.map((device) => ({
				name: `${device.alias ?? device.remotecontrol_id} (${device.online_state ?? 'unknown'})`,
				value: String(device.device_id),
			}))
			.sort(byName),
	};
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
