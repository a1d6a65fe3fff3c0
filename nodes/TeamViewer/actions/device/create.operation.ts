import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { groupRLC } from '../../descriptions/rlc.description';
import { createOnce, findInList } from '../../helpers/createOnce';
import { compactObject, getPrefixedId, remoteControlIdField, secretOf, textOf } from '../../helpers/params';

export const teamViewerIdField: INodeProperties = {
	displayName: 'TeamViewer ID',
	name: 'teamViewerId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 123 456 789',
	description: 'The TeamViewer ID shown on the device. Spaces and an "r" prefix are accepted.',
};

const properties: INodeProperties[] = [
	teamViewerIdField,
	groupRLC,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Alias', name: 'alias', type: 'string', default: '', description: 'Display name of the device (up to 50 characters)' },
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'Password',
				name: 'password',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'The unattended-access password of the device',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['device'], operation: ['create'] } },
	properties,
);

/**
 * POST /devices {remotecontrol_id: "r…", groupid, alias, description, password}.
 * Once per TeamViewer ID and group (helpers/createOnce.ts): an entry that exists is returned with
 * `created: false` instead of adding the device a second time.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const raw = this.getNodeParameter('teamViewerId', itemIndex, '') as string | number;
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const remotecontrolId = remoteControlIdField(this, itemIndex, raw, 'TeamViewer ID');
	const groupid = getPrefixedId(this, itemIndex, 'group', 'groupId', 'Group');
	const body = compactObject({
		remotecontrol_id: remotecontrolId,
		groupid,
		alias: textOf(fields.alias),
		description: textOf(fields.description),
		password: secretOf(fields.password),
	});
	const device = await createOnce(this, { method: 'POST', path: '/devices', body, itemIndex }, {
		what: `device ${remotecontrolId} in group ${groupid}`,
		id: [remotecontrolId, groupid],
		find: findInList(this, '/devices', { remotecontrol_id: remotecontrolId, groupid }, 'devices', (device) =>
			String(device.remotecontrol_id).toLowerCase() === remotecontrolId && device.groupid === groupid, itemIndex),
		check: `Look for TeamViewer ID ${remotecontrolId} in group ${groupid} (Device → Get Many)`,
	});
	return [device];
}
