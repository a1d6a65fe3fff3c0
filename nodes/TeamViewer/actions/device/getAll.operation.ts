import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyOutput } from '../../descriptions/common.description';
import { groupRLC, optionalLocator } from '../../descriptions/rlc.description';
import { compactObject, optionalPrefixedId, remoteControlIdField } from '../../helpers/params';
import { simplifyDevice } from '../../helpers/simplify';
import { teamViewerApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			optionalLocator(groupRLC, 'Group', 'groupId', 'Only devices in this group'),
			{
				displayName: 'Online State',
				name: 'onlineState',
				type: 'options',
				default: 'online',
				options: [
					{ name: 'Away', value: 'away' },
					{ name: 'Busy', value: 'busy' },
					{ name: 'Offline', value: 'offline' },
					{ name: 'Online', value: 'online' },
				],
			},
			{
				displayName: 'TeamViewer ID',
				name: 'teamViewerId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 123 456 789',
			},
		],
	},
	simplifyOutput,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['device'], operation: ['getAll'] } },
	properties,
);

// GET /devices (unpaged: the whole list in one answer)
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs = compactObject({
		online_state: filters.onlineState as string,
		groupid: optionalPrefixedId(this, itemIndex, 'group', filters.groupId, 'Group'),
		remotecontrol_id: filters.teamViewerId
			? remoteControlIdField(this, itemIndex, String(filters.teamViewerId), 'TeamViewer ID')
			: undefined,
	});
	const response = await teamViewerApiRequest.call(this, { method: 'GET', path: '/devices', qs, itemIndex });
	let devices = (response.devices as IDataObject[] | undefined) ?? [];
	if (!(this.getNodeParameter('returnAll', itemIndex, false) as boolean)) {
		devices = devices.slice(0, Number(this.getNodeParameter('limit', itemIndex, 50)));
	}
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify ? devices.map(simplifyDevice) : devices;
}
