import type { ApiContext } from '../context';
import { pageOf } from '../cursor';
import { badRequest, type ApiError } from '../errors';
import type { Input } from '../input';
import { MANAGED_POLICY_TYPES, type ManagedPolicyType } from '../types';
import { json, type Reply } from '../../common/reply';

/**
 * One page of a managed-devices/groups list in TeamViewer's generic page model
 * `{ currentPaginationToken, nextPaginationToken, resources }` (TeamViewer's OpenAPI document:
 * `nextPaginationToken` is what the next call sends as `paginationToken`; absent on the last page).
 */
export function managedPage<T>(ctx: ApiContext, items: readonly T[], toJson: (item: T) => unknown): Reply {
	const token = ctx.query.string('paginationToken');
	const { page, next } = pageOf('paginationToken', items, token, ctx.config.managedPageSize);
	return json({
		currentPaginationToken: token ?? null,
		...(next === undefined ? {} : { nextPaginationToken: next }),
		resources: page.map(toJson),
	});
}

/** Management IDs of devices, groups and policies are UUIDs (TeamViewer's OpenAPI document, `format: uuid`). */
export const UUID_RULE = {
	pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
	expected: 'be a UUID',
};

/**
 * `policy_type`: 1 TeamViewer policy, 4 monitoring policy, 5 patch management policy (TeamViewer's
 * OpenAPI document for `PUT /managed/devices/{id}/policy/remove`; TeamViewerPS Cmdlets/TeamViewerPS.Types.ps1
 * enum PolicyType). Anything else → 400.
 */
export function policyTypeOf(input: Input, name: string, label = name): ManagedPolicyType {
	const type = input.integer(name);
	if (type === undefined) throw badRequest(`${label} is required.`);
	if (!MANAGED_POLICY_TYPES.includes(type as ManagedPolicyType)) {
		throw badRequest(`${label} must be 1 (TeamViewer policy), 4 (monitoring) or 5 (patch management), got '${type}'.`);
	}
	return type as ManagedPolicyType;
}

/** A write that changes nothing: 400 with the wording TeamViewer's OpenAPI document gives for it. */
export function noChanges(): ApiError {
	return badRequest('The request does not include any changes.');
}
