import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { POLICY_TYPE_NAMES, policyTypeField } from '../../descriptions/managed.description';
import { getUuid } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';
import { getManagedDevice, managedDeviceIdField } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['managedDevice'], operation: ['removePolicy'] } },
	[managedDeviceIdField, { ...policyTypeField, description: 'Which of the device\'s policies to take off' }],
);

/**
 * PUT /managed/devices/{id}/policy/remove {policy_type} → 204, then read back (TeamViewer's OpenAPI
 * document: policy types 1 TeamViewer, 4 monitoring, 5 patch management; TeamViewerPS
 * Remove-TeamViewerPolicyFromManagedDevice.ps1).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = getUuid(this, itemIndex, 'managedDeviceId', 'Managed Device ID');
	const policyType = Number(this.getNodeParameter('policyType', itemIndex, 1));
	await teamViewerApiRequest.call(this, {
		method: 'PUT',
		path: `/managed/devices/${id}/policy/remove`,
		body: { policy_type: policyType },
		itemIndex,
		hint: `Check that the device has a ${POLICY_TYPE_NAMES[policyType] ?? 'policy of this type'} assigned.`,
	});
	return [await getManagedDevice.call(this, id, itemIndex)];
}
