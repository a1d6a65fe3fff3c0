import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { teamViewerApiRequest } from '../transport';
import { lockKey } from './singleFlight';

/**
 * A group given by name, resolved to its ID once per credential and n8n process.
 *
 * GET /sessions filters by `groupid`, not by group name (TeamViewer's OpenAPI document, /api/v1/docs),
 * so a service case filed "By Name" could otherwise only be found by listing every open case of the
 * company. The name is looked up with GET /groups?name=…&shouldMatchFullName=true (same document) and
 * the ID kept for GROUP_NAME_TTL_MS.
 * The case is then created with that `groupid`, so it lands in the group that is listed.
 *
 * - No group of that name, or several (e.g. an own group and a shared one): not resolved, the case is
 *   created with `groupname` and looked for among all open cases (the behaviour before this cache).
 *   Not remembered: the first create may make the group, and the next call finds it.
 * - The lookup fails (e.g. the token may not read groups): not resolved, remembered as such for the
 *   same time, so that such a token does not pay for a failing lookup on every call.
 * - TeamViewer refuses a create with a remembered ID (400, e.g. the group was deleted): the name is
 *   looked up again (see getOrCreateCaseInGroup in oneCasePerKey.ts).
 * - A group renamed in TeamViewer keeps receiving cases under its old name for up to the TTL.
 */
export const GROUP_NAME_TTL_MS = 10 * 60_000;
const MAX_NAMES = 1000;

interface Resolved {
	/** undefined = not resolvable (lookup failed). */
	id: string | undefined;
	at: number;
}

const resolvedNames = new Map<string, Resolved>();

export interface GroupScope {
	/** The query that lists this group's cases: `{ groupid }`, or `{}` when the group is not known by ID. */
	listQuery: IDataObject;
	/** The group fields of the create body: `groupid`, or `groupname` as the user gave it. */
	target: IDataObject;
	/** The ID came from this process's memory, not from a lookup made for this call. */
	remembered: boolean;
}

function cacheKey(context: IExecuteFunctions, name: string): string {
	return lockKey(context, 'groupName', name);
}

async function lookUp(context: IExecuteFunctions, name: string, itemIndex: number): Promise<Resolved | undefined> {
	try {
		const response = await teamViewerApiRequest.call(context, {
			method: 'GET',
			path: '/groups',
			qs: { name, shouldMatchFullName: true },
			itemIndex,
		});
		const groups = ((response.groups as IDataObject[] | undefined) ?? []).filter(
			(group) => String(group.name ?? '').toLowerCase() === name.toLowerCase(),
		);
		const exact = groups.filter((group) => group.name === name);
		const only = groups.length === 1 ? groups[0] : exact.length === 1 ? exact[0] : undefined;
		// None or several: not remembered, looked up again next time.
		return only?.id ? { id: String(only.id), at: Date.now() } : undefined;
	} catch (error) {
		context.logger.debug('Could not look up a TeamViewer group by name; listing all open cases instead', {
			error: (error as Error).message,
		});
		return { id: undefined, at: Date.now() };
	}
}

function remember(key: string, resolved: Resolved): void {
	resolvedNames.delete(key);
	resolvedNames.set(key, resolved);
	if (resolvedNames.size > MAX_NAMES) resolvedNames.delete(resolvedNames.keys().next().value as string);
}

/** Forgets a remembered name, e.g. after TeamViewer refused a create with its ID. */
export function forgetGroupName(context: IExecuteFunctions, name: string): void {
	resolvedNames.delete(cacheKey(context, name));
}

/**
 * Where a case with `groupTarget` (`{ groupid }` or `{ groupname }` from getGroupTarget) is filed and
 * listed. A name is resolved to its ID (remembered, see above); an ID is used as is.
 */
export async function groupScope(context: IExecuteFunctions, groupTarget: IDataObject, itemIndex: number): Promise<GroupScope> {
	if (groupTarget.groupid) {
		return { listQuery: { groupid: groupTarget.groupid }, target: { groupid: groupTarget.groupid }, remembered: false };
	}
	const name = String(groupTarget.groupname ?? '');
	const key = cacheKey(context, name);
	let resolved = resolvedNames.get(key);
	let remembered = true;
	if (!resolved || Date.now() - resolved.at >= GROUP_NAME_TTL_MS) {
		resolvedNames.delete(key);
		remembered = false;
		resolved = await lookUp(context, name, itemIndex);
		if (resolved) remember(key, resolved);
	}
	if (!resolved?.id) return { listQuery: {}, target: { groupname: name }, remembered: false };
	return { listQuery: { groupid: resolved.id }, target: { groupid: resolved.id }, remembered };
}
