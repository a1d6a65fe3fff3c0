import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { groupRLC } from '../../descriptions/rlc.description';
import { compactObject, getPrefixedId, remoteControlIdField } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';

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

// POST /devices {remotecontrol_id: "r…", groupid, alias, description, password} — reference §5.1
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const raw = this.getNodeParameter('teamViewerId', itemIndex, '') as string;
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body = compactObject({
		remotecontrol_id: remoteControlIdField(this, itemIndex, raw, 'TeamViewer ID'),
		groupid: getPrefixedId(this, itemIndex, 'group', 'groupId', 'Group'),
		alias: fields.alias as string,
		description: fields.description as string,
		password: fields.password as string,
	});
	const device = await teamViewerApiRequest.call(this, { method: 'POST', path: '/devices', body, itemIndex });
	return [device];
}
