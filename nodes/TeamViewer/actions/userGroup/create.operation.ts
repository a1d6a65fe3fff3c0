import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createOnce } from '../../helpers/createOnce';
import { invalidField, textOf } from '../../helpers/params';
import { readUserGroupPages } from './getAll.operation';

const properties: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', placeholder: 'e.g. Helpdesk' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['userGroup'], operation: ['create'] } },
	properties,
);

export function userGroupNameField(context: IExecuteFunctions, itemIndex: number, value: unknown): string {
	const name = textOf(value);
	return name.length >= 1 && name.length <= 100 ? name : invalidField(context, itemIndex, 'Name', name, 'a user group name of 1 to 100 characters');
}

/**
 * POST /usergroups {name} → 201 (TeamViewer's OpenAPI document; 409 for a taken name). Once per name
 * (helpers/createOnce.ts): the company's user groups are read first (every page: the list has no name filter)
 * and a group of that name, in any case, is returned with `created: false`; a 409 because another run made it
 * meanwhile is answered with that group too.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const name = userGroupNameField(this, itemIndex, this.getNodeParameter('name', itemIndex, ''));
	const group = await createOnce(this, { method: 'POST', path: '/usergroups', body: { name }, itemIndex }, {
		what: `user group "${name}"`,
		id: [name.toLowerCase()],
		find: async () =>
			(await readUserGroupPages.call(this, '/usergroups', itemIndex)).find(
				(candidate) => String(candidate.name).toLowerCase() === name.toLowerCase(),
			),
		check: `Look for a user group named "${name}" (User Group → Get Many)`,
	});
	return [group];
}
