import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { managedGroupRLC } from '../../descriptions/rlc.description';
import { getUuid, invalidField, textOf } from '../../helpers/params';
import { passThroughError, teamViewerApiRequest, teamViewerPages } from '../../transport';
import { getManagedGroupId } from './get.operation';

/** Where a managers call goes (`/managed/groups/{id}` or `/managed/devices/{id}`) and what names it in the output. */
export interface ManagersTarget {
	path: string;
	output: IDataObject;
}

export function managedGroupTarget(context: IExecuteFunctions, itemIndex: number): ManagersTarget {
	const id = getManagedGroupId(context, itemIndex);
	return { path: `/managed/groups/${id}`, output: { managedGroupId: id } };
}

/**
 * Manager permissions by name, as TeamViewerPS sends them (Docs/Help/Add-TeamViewerManager.md describes
 * them; TeamViewer's OpenAPI document lists the same eight for the managers endpoints).
 */
export const managerPermissionsField: INodeProperties = {
	displayName: 'Permissions',
	name: 'managerPermissions',
	type: 'multiOptions',
	default: [],
	description: 'What the manager may do. None still gives read access to the device or group data.',
	options: [
		{ name: 'Custom Fields Administration', value: 'CustomFieldsAdministration' },
		{ name: 'Device Administration', value: 'DeviceAdministration', description: 'Change device properties such as the name (devices)' },
		{ name: 'Device Description', value: 'DeviceDescription' },
		{ name: 'Easy Access', value: 'EasyAccess', description: 'Connect without a password' },
		{ name: 'Group Administration', value: 'GroupAdministration', description: 'Change group properties and add devices (groups)' },
		{ name: 'Manager Administration', value: 'ManagerAdministration', description: 'Change the other managers' },
		{ name: 'Policy Administration', value: 'PolicyAdministration', description: 'Change the assigned policy (devices)' },
		{ name: 'Software Update', value: 'SoftwareUpdate' },
	],
};

const MANAGER_PERMISSIONS = (managerPermissionsField.options ?? []).map((option) => (option as { value: string }).value);

export const managerIdField: INodeProperties = {
	displayName: 'Manager ID',
	name: 'managerId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6',
	description: 'The ID of the manager entry (a UUID: the ID that Get Managers returns)',
};

/** The fields that name whom Add Manager adds, and with which permissions. */
export const addManagerFields: INodeProperties[] = [
	{
		displayName: 'Manager Type',
		name: 'managerType',
		type: 'options',
		default: 'account',
		options: [
			{ name: 'Account', value: 'account', description: 'A TeamViewer account (user) of the company' },
			{ name: 'Company', value: 'company', description: 'The whole company' },
			{ name: 'Manager ID', value: 'managerId', description: 'A manager known from another device or group' },
		],
	},
	{
		displayName: 'User ID',
		name: 'managerAccountId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. u1234567',
		description: 'The account to make a manager (User → Get Many shows the IDs)',
		displayOptions: { show: { managerType: ['account'] } },
	},
	{
		displayName: 'Company ID',
		name: 'managerCompanyId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1234567',
		description: 'The company to make a manager (Account → Get shows its ID)',
		displayOptions: { show: { managerType: ['company'] } },
	},
	{ ...managerIdField, displayOptions: { show: { managerType: ['managerId'] } } },
	managerPermissionsField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['managedGroup'], operation: ['addManager'] } },
	[managedGroupRLC, ...addManagerFields],
);

/** The Permissions field: known names only (an expression may give any list). */
export function managerPermissions(context: IExecuteFunctions, itemIndex: number): string[] {
	const value = context.getNodeParameter('managerPermissions', itemIndex, []) as unknown;
	const names = (Array.isArray(value) ? value : [value]).map((entry) => textOf(entry)).filter((entry) => entry !== '');
	const wrong = names.find((name) => !MANAGER_PERMISSIONS.includes(name));
	if (wrong !== undefined) {
		invalidField(context, itemIndex, 'Permissions', wrong, `permission names among ${MANAGER_PERMISSIONS.join(', ')}`);
	}
	return [...new Set(names)];
}

/** Whom the item adds, as TeamViewerPS Add-TeamViewerManager.ps1 names it: `accountId` (the user ID without `u`), `companyId` or `id`. */
function managerKey(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const type = context.getNodeParameter('managerType', itemIndex, 'account') as string;
	if (type === 'company') {
		const companyId = textOf(context.getNodeParameter('managerCompanyId', itemIndex, ''));
		return companyId ? { companyId } : invalidField(context, itemIndex, 'Company ID', companyId, 'the ID of a company, such as 1234567');
	}
	if (type === 'managerId') return { id: getUuid(context, itemIndex, 'managerId', 'Manager ID') };
	const raw = textOf(context.getNodeParameter('managerAccountId', itemIndex, ''));
	const digits = /^u?(\d+)$/i.exec(raw)?.[1];
	return digits ? { accountId: digits } : invalidField(context, itemIndex, 'User ID', raw, 'a user ID such as u1234567');
}

/** Whether a manager entry (Get Managers) is the one `key` names. */
function isManager(manager: IDataObject, key: IDataObject): boolean {
	if (key.id !== undefined) return String(manager.id ?? '').toLowerCase() === key.id;
	if (key.companyId !== undefined) return String(manager.companyId ?? '') === key.companyId;
	return String(manager.accountId ?? '').replace(/^u/i, '') === key.accountId;
}

/** The manager entry of `target` that `test` picks, read page by page from GET …/managers (stops at the page that has it). */
export async function findManager(
	context: IExecuteFunctions,
	target: ManagersTarget,
	test: (manager: IDataObject) => boolean,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const pages = teamViewerPages.call(context, {
		request: { method: 'GET', path: `${target.path}/managers`, itemIndex },
		cursor: 'paginationToken',
		itemsKey: 'resources',
	});
	for await (const managers of pages) {
		const found = managers.find(test);
		if (found) return found;
	}
	return undefined;
}

/**
 * POST …/managers with a list of one `{accountId | companyId | id, permissions}` (TeamViewerPS
 * Add-TeamViewerManager.ps1), then the new entry is read back for its manager ID. Duplicates are avoided
 * by the manager's natural key (account, company or manager ID) in the device or group: TeamViewer keeps one
 * entry per manager, so the transport may resend the POST after a dropped answer, and when TeamViewer
 * refuses it (400) the node reads the managers: one already there (a rerun) gives `added: false` with its
 * entry as it is, not an error (its permissions are not changed: Update Manager Permissions does that).
 */
export async function addManager(context: IExecuteFunctions, target: ManagersTarget, itemIndex: number): Promise<IDataObject[]> {
	const key = managerKey(context, itemIndex);
	const permissions = managerPermissions(context, itemIndex);
	const lookUp = async () => await findManager(context, target, (manager) => isManager(manager, key), itemIndex);
	try {
		await teamViewerApiRequest.call(context, {
			method: 'POST',
			path: `${target.path}/managers`,
			body: [{ ...key, permissions }],
			idempotent: true,
			itemIndex,
			hint: 'Check the user, company or manager ID, and that this account has the Manager Administration permission there.',
		});
	} catch (error) {
		if (!(error instanceof NodeApiError && error.httpCode === '400')) throw passThroughError(context.getNode(), error, itemIndex);
		const existing = await lookUp().catch(() => undefined);
		if (!existing) throw passThroughError(context.getNode(), error, itemIndex);
		return [{ ...target.output, ...existing, added: false }];
	}
	const added = await lookUp();
	return [{ ...target.output, ...(added ?? { ...key, permissions }), added: true }];
}

// POST /managed/groups/{id}/managers (TeamViewerPS Add-TeamViewerManager.ps1 -Group)
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await addManager(this, managedGroupTarget(this, itemIndex), itemIndex);
}
