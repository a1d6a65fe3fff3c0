import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidField, remoteControlIdField, secretOf } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';
import { teamViewerIdField } from './create.operation';

const properties: INodeProperties[] = [
	{ ...teamViewerIdField, description: 'The TeamViewer ID of the device to assign to this account' },
	{
		displayName: 'Device Password',
		name: 'devicePassword',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'The current unattended-access password of the device',
	},
	{
		displayName: 'Enable Easy Access',
		name: 'enableEasyAccess',
		type: 'boolean',
		default: false,
		description: 'Whether the account may connect without the password afterwards',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['device'], operation: ['assign'] } },
	properties,
);

/**
 * POST /devices/assign → 204. Whether `device_id` is the `d…` entry ID or the
 * TeamViewer ID is UNCONFIRMED; a device not yet in the list has only a TeamViewer ID, so that
 * is what is sent (bare digits).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const raw = this.getNodeParameter('teamViewerId', itemIndex, '') as string | number;
	const teamViewerId = remoteControlIdField(this, itemIndex, raw, 'TeamViewer ID').slice(1);
	const password = secretOf(this.getNodeParameter('devicePassword', itemIndex, '')) ?? '';
	if (!password) invalidField(this, itemIndex, 'Device Password', '', 'the current password of the device');
	const enableEasyAccess = this.getNodeParameter('enableEasyAccess', itemIndex, false) as boolean;
	await teamViewerApiRequest.call(this, {
		method: 'POST',
		path: '/devices/assign',
		body: { device_id: teamViewerId, current_device_password: password, enable_easy_access: enableEasyAccess },
		itemIndex,
		hint: 'Check the Device Password (the current unattended-access password of the device) and that TeamViewer runs on the device and is not yet assigned to an account.',
	});
	return [{ teamviewer_id: teamViewerId, assigned: true }];
}
