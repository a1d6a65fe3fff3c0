import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyOutput } from '../../descriptions/common.description';
import { deviceRLC } from '../../descriptions/rlc.description';
import { getPrefixedId } from '../../helpers/params';
import { simplifyDevice } from '../../helpers/simplify';
import { teamViewerApiRequest } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['device'], operation: ['get'] } },
	[deviceRLC, simplifyOutput],
);

/** A single device still comes wrapped in `{devices: [...]}`. */
export async function getDevice(
	this: IExecuteFunctions,
	deviceId: string,
	itemIndex: number,
): Promise<IDataObject> {
	const response = await teamViewerApiRequest.call(this, {
		method: 'GET',
		path: `/devices/${deviceId}`,
		itemIndex,
	});
	const [device] = (response.devices as IDataObject[] | undefined) ?? [response];
	return device;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const device = await getDevice.call(this, getPrefixedId(this, itemIndex, 'device', 'deviceId', 'Device'), itemIndex);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	return [simplify ? simplifyDevice(device) : device];
}
