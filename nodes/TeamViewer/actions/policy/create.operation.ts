import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createOnce } from '../../helpers/createOnce';
import { invalidField, textOf } from '../../helpers/params';
import { policySettings } from '../../helpers/policies';
import { listPolicies } from './getAll.operation';

export const settingsField: INodeProperties = {
	displayName: 'Settings',
	name: 'settings',
	type: 'json',
	default: '[]',
	description:
		'The policy\'s settings as a JSON list of objects with "Key", "Value" and "Enforce" (whether users may not change the setting), as TeamViewer\'s policy API names them',
	placeholder: 'e.g. [{"Key": "AccessControlIncoming", "Value": 1, "Enforce": true}]',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Helpdesk PCs',
	},
	settingsField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Default Policy',
				name: 'default',
				type: 'boolean',
				default: false,
				description: "Whether TeamViewer makes this the company's default policy (its `default` flag)",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['policy'], operation: ['create'] } },
	properties,
);

/**
 * POST /teamviewerpolicies {name, settings[], default} → 200 policy (TeamViewer's OpenAPI document;
 * TeamViewerPS New-TeamViewerPolicy.ps1 sends all three, settings [] and default false when not given).
 * Once per name, any case (helpers/createOnce.ts): the policy list is read first and a policy of that name
 * is returned with `created: false`, so a rerun or a retried item never makes a second policy of the same name.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const name = textOf(this.getNodeParameter('name', itemIndex, ''));
	if (!name) invalidField(this, itemIndex, 'Name', name, 'a policy name');
	const settings = policySettings(this, itemIndex, this.getNodeParameter('settings', itemIndex, '[]')) ?? [];
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { name, settings, default: fields.default === true };
	const policy = await createOnce(this, { method: 'POST', path: '/teamviewerpolicies', body, itemIndex }, {
		what: `policy "${name}"`,
		id: [name.toLowerCase()],
		find: async () =>
			(await listPolicies.call(this, itemIndex)).find((entry) => String(entry.name ?? '').toLowerCase() === name.toLowerCase()),
		check: `Look for a policy named "${name}" (Policy → Get Many)`,
	});
	return [policy];
}
