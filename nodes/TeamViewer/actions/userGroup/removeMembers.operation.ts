import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { changeMembers, description as shared } from './addMembers.operation';

/** Shown with Add Members' fields (the index lists them once); here for the router's type checks. */
export const description = shared;

// DELETE /usergroups/{id}/members with a bare array of account ids
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await changeMembers.call(this, itemIndex, false);
}
