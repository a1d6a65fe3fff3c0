import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createOnce } from '../../helpers/createOnce';
import { invalidField, textOf } from '../../helpers/params';
import { roleField, roleOf, roleOutput } from '../../helpers/userRoles';
import { listRoles } from './get.operation';

export const permissionsField: INodeProperties = {
	displayName: 'Permission Names or IDs',
	name: 'permissions',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getUserRolePermissions' },
	default: [],
	description:
		'What members of the role may do. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const properties: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', placeholder: 'e.g. First-Level Support' },
	permissionsField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['userRole'], operation: ['create'] } },
	properties,
);

export function roleNameField(context: IExecuteFunctions, itemIndex: number, value: unknown): string {
	const name = textOf(value);
	return name.length >= 1 && name.length <= 100 ? name : invalidField(context, itemIndex, 'Name', name, 'a role name of 1 to 100 characters');
}

/** Permission names from the multi-select or an expression giving a list (the type check refuses anything else). */
export function permissionNames(context: IExecuteFunctions, itemIndex: number, value: unknown): string[] {
	const entries = Array.isArray(value) ? value : [];
	const names = entries.map((entry) => (typeof entry === 'string' ? entry.trim() : entry)).filter((entry) => entry !== '');
	const wrong = names.find((name) => typeof name !== 'string' || !/^[A-Za-z]+$/.test(name));
	if (wrong !== undefined) {
		invalidField(context, itemIndex, 'Permissions', wrong, 'permission names such as ManageUsers (User Role → Create lists them)');
	}
	return [...new Set(names as string[])];
}

/**
 * POST /userroles {Name, Permissions[]} → `{ Role }` (TeamViewerPS New-TeamViewerRole.ps1). Once per name
 * (helpers/createOnce.ts): the company's roles are listed first and a role of that name (any case; role names
 * are unique per company, TeamViewerPS's help says) is returned with `created: false`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const name = roleNameField(this, itemIndex, this.getNodeParameter('name', itemIndex, ''));
	const permissions = permissionNames(this, itemIndex, this.getNodeParameter('permissions', itemIndex, []));
	const result = await createOnce(
		this,
		{ method: 'POST', path: '/userroles', body: { Name: name, Permissions: permissions }, itemIndex },
		{
			what: `user role "${name}"`,
			id: [name.toLowerCase()],
			find: async () =>
				(await listRoles.call(this, itemIndex)).find(
					(role) => String(roleField(role, 'Name')).toLowerCase() === name.toLowerCase(),
				),
			check: `Look for a role named "${name}" (User Role → Get Many)`,
		},
	);
	// A create answers `{ Role: {...} }` (or `{ role }`); a role found by name is the list entry itself.
	const { created, ...rest } = result;
	const role = roleOf(rest) ?? rest;
	return [{ ...roleOutput(role), created }];
}
