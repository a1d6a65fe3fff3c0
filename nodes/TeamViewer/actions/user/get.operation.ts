import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyOutput } from '../../descriptions/common.description';
import { userRLC } from '../../descriptions/rlc.description';
import { getPrefixedId } from '../../helpers/params';
import { simplifyUser } from '../../helpers/simplify';
import { teamViewerApiRequest } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['get'] } },
	[userRLC, simplifyOutput],
);

export async function getUser(this: IExecuteFunctions, userId: string, itemIndex: number): Promise<IDataObject> {
	return await teamViewerApiRequest.call(this, { method: 'GET', path: `/users/${userId}`, itemIndex });
}

// GET /users/{id}
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const user = await getUser.call(this, getPrefixedId(this, itemIndex, 'user', 'userId', 'User'), itemIndex);
	return [(this.getNodeParameter('simplify', itemIndex, true) as boolean) ? simplifyUser(user) : user];
}
