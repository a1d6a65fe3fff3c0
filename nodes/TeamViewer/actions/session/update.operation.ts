import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { sessionRLC } from '../../descriptions/rlc.description';
import { getSessionCode, normalizeIdField } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';
import { sessionDetailFields, sessionDetailsBody } from './fields';
import { getSession } from './get.operation';

const UPDATABLE = new Set([
	'assignedUserId',
	'customApi',
	'description',
	'endCustomerEmail',
	'endCustomerName',
	'smsInviteNumber',
	'waitingMessage',
]);

const properties: INodeProperties[] = [
	sessionRLC,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...sessionDetailFields.filter((field) => UPDATABLE.has(field.name)),
			{
				displayName: 'Group ID',
				name: 'groupId',
				type: 'string',
				default: '',
				placeholder: 'e.g. g2720325',
				description: 'Move the service case to this group',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['update'] } },
	properties,
);

// PUT /sessions/{code} → 204, then the updated case is read back — reference §3.4
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const code = getSessionCode(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = sessionDetailsBody(this, itemIndex, fields);
	if (fields.groupId) {
		body.groupid = normalizeIdField(this, itemIndex, 'group', String(fields.groupId), 'Group ID');
	}
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No fields to update were set', {
			itemIndex,
			description: 'Add at least one field under "Update Fields".',
		});
	}
	await teamViewerApiRequest.call(this, { method: 'PUT', path: `/sessions/${code}`, body, itemIndex });
	return [await getSession.call(this, code, itemIndex)];
}
