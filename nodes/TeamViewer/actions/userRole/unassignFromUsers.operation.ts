import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { changeAssignments, description as shared } from './assignToUsers.operation';

/** Shown with Assign to Users' fields (the index lists them once); here for the router's type checks. */
export const description = shared;

// POST /userroles/unassign/account {UserIds, UserRoleId}
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await changeAssignments.call(this, itemIndex, false);
}
