import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { getUuid } from '../../helpers/params';
import { withDuration } from '../../helpers/simplify';
import { teamViewerApiRequest } from '../../transport';
import { getReport, reportIdField } from './get.operation';

const properties: INodeProperties[] = [
	reportIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Billing State',
				name: 'billingState',
				type: 'options',
				default: 'Bill',
				options: [
					{ name: 'Bill', value: 'Bill' },
					{ name: 'Billed', value: 'Billed' },
					{ name: 'Do Not Bill', value: 'DoNotBill' },
				],
			},
			{
				displayName: 'Notes',
				name: 'notes',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectionReport'], operation: ['update'] } },
	properties,
);

// PUT /reports/connections/{id} {notes, billing_state} → 204
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = getUuid(this, itemIndex, 'reportId', 'Report ID');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.notes !== undefined) body.notes = fields.notes;
	if (fields.billingState !== undefined) body.billing_state = fields.billingState;
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No fields to update were set', {
			itemIndex,
			description: 'Add "Notes" or "Billing State" under "Update Fields".',
		});
	}
	await teamViewerApiRequest.call(this, { method: 'PUT', path: `/reports/connections/${id}`, body, itemIndex });
	return [withDuration(await getReport.call(this, id, itemIndex))];
}
