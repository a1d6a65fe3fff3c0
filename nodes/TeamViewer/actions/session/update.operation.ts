import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { groupRLC, optionalLocator, sessionRLC } from '../../descriptions/rlc.description';
import { getSessionCode, optionalPrefixedId } from '../../helpers/params';
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
			optionalLocator(groupRLC, 'Group', 'groupId', 'Move the service case to this group'),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['update'] } },
	properties,
);

// PUT /sessions/{code} → 204, then the updated case is read back
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const code = getSessionCode(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = sessionDetailsBody(this, itemIndex, fields);
	const group = optionalPrefixedId(this, itemIndex, 'group', fields.groupId, 'Group');
	if (group) body.groupid = group;
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No fields to update were set', {
			itemIndex,
			description: 'Add at least one field under "Update Fields".',
		});
	}
	const customer = body.end_customer as IDataObject | undefined;
	if (customer && (customer.name === undefined || customer.email === undefined)) {
		// TeamViewer replaces end_customer as a whole: keep the half that is not being changed.
		const current = (await getSession.call(this, code, itemIndex)).end_customer as IDataObject | null;
		body.end_customer = { name: current?.name ?? null, email: current?.email ?? null, ...customer };
	}
	await teamViewerApiRequest.call(this, { method: 'PUT', path: `/sessions/${code}`, body, itemIndex });
	return [await getSession.call(this, code, itemIndex)];
}
