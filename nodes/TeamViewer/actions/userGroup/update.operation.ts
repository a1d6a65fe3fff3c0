import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { userGroupRLC } from '../../descriptions/rlc.description';
import { teamViewerApiRequest } from '../../transport';
import { userGroupNameField } from './create.operation';
import { getUserGroupId } from './get.operation';

const properties: INodeProperties[] = [
	userGroupRLC,
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', placeholder: 'e.g. Helpdesk EMEA', description: 'The new name' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['userGroup'], operation: ['update'] } },
	properties,
);

// PUT /usergroups/{id} {name} → 200 with the group (TeamViewer's OpenAPI document; TeamViewerPS Set-TeamViewerUserGroup.ps1)
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const groupId = getUserGroupId(this, itemIndex);
	const name = userGroupNameField(this, itemIndex, this.getNodeParameter('name', itemIndex, ''));
	const answer = await teamViewerApiRequest.call(this, { method: 'PUT', path: `/usergroups/${groupId}`, body: { name }, itemIndex });
	// An empty answer (204) would still be a success: the group is then read back.
	if (answer.id !== undefined) return [answer];
	return [await teamViewerApiRequest.call(this, { method: 'GET', path: `/usergroups/${groupId}`, itemIndex })];
}
