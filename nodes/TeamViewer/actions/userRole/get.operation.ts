import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { userRoleRLC } from '../../descriptions/rlc.description';
import { getUuid } from '../../helpers/params';
import { roleField, roleOutput, rolesOf } from '../../helpers/userRoles';
import { passThroughError, teamViewerApiRequest } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['userRole'], operation: ['get'] } },
	[userRoleRLC],
);

export function getRoleId(context: IExecuteFunctions, itemIndex: number): string {
	return getUuid(context, itemIndex, 'userRoleId', 'User Role');
}

export function roleNotFound(context: IExecuteFunctions, roleId: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(context.getNode(), `User role "${roleId}" was not found in TeamViewer`, {
		itemIndex,
		description: 'Check the ID: the role may have been deleted. User Role → Get Many lists the roles of your company.',
	});
}

/** Runs `call`; a 404 (the role, named in the body or query, is unknown) becomes "User role … was not found". */
export async function forRole<T>(
	context: IExecuteFunctions,
	roleId: string,
	itemIndex: number,
	call: () => Promise<T>,
): Promise<T> {
	try {
		return await call();
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') throw roleNotFound(context, roleId, itemIndex);
		throw passThroughError(context.getNode(), error, itemIndex);
	}
}

/** All roles of the company: GET /userroles is not paged and has no single-role path (TeamViewer's OpenAPI document). */
export async function listRoles(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return rolesOf(await teamViewerApiRequest.call(this, { method: 'GET', path: '/userroles', itemIndex }));
}

/** One role as TeamViewer lists it, or the "not found" error. */
export async function getRole(this: IExecuteFunctions, roleId: string, itemIndex: number): Promise<IDataObject> {
	const role = (await listRoles.call(this, itemIndex)).find(
		(candidate) => String(roleField(candidate, 'Id')).toLowerCase() === roleId,
	);
	if (!role) throw roleNotFound(this, roleId, itemIndex);
	return role;
}

// GET /userroles, the role picked out by its id
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return [roleOutput(await getRole.call(this, getRoleId(this, itemIndex), itemIndex))];
}
