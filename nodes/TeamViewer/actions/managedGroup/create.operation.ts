import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createOnce } from '../../helpers/createOnce';
import { invalidField, textOf } from '../../helpers/params';
import { teamViewerPages } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Branch Office Laptops',
		description: 'Name of the managed group (1 to 100 characters)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['managedGroup'], operation: ['create'] } },
	properties,
);

/** The first managed group the token sees whose name equals `name` in any case; pages stop at the match. */
async function findByName(context: IExecuteFunctions, name: string, itemIndex: number): Promise<IDataObject | undefined> {
	const wanted = name.toLowerCase();
	const pages = teamViewerPages.call(context, {
		request: { method: 'GET', path: '/managed/groups', itemIndex },
		cursor: 'paginationToken',
		itemsKey: 'resources',
	});
	for await (const groups of pages) {
		const found = groups.find((group) => String(group.name ?? '').toLowerCase() === wanted);
		if (found) return found;
	}
	return undefined;
}

/**
 * POST /managed/groups {name} → the group (TeamViewerPS New-TeamViewerManagedGroup.ps1). Nothing in
 * TeamViewer's documentation makes group names unique, so the node keeps to one per name (any case;
 * helpers/createOnce.ts): it reads the managed groups first and returns one of that name with
 * `created: false`; creates with the same name and credential in this n8n process run one after
 * another; after an answer that leaves it open whether the group was made it looks again before
 * sending the create again.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const name = textOf(this.getNodeParameter('name', itemIndex, ''));
	if (!name) invalidField(this, itemIndex, 'Name', name, 'a managed group name of 1 to 100 characters');
	if (name.length > 100) invalidField(this, itemIndex, 'Name', name, 'at most 100 characters');
	const group = await createOnce(this, { method: 'POST', path: '/managed/groups', body: { name }, itemIndex }, {
		what: `managed group "${name}"`,
		id: [name.toLowerCase()],
		find: async () => await findByName(this, name, itemIndex),
		check: `Look for a managed group named "${name}" (Managed Group → Get Many)`,
	});
	return [group];
}
