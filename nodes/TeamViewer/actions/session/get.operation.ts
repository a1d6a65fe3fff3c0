import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyOutput } from '../../descriptions/common.description';
import { sessionRLC } from '../../descriptions/rlc.description';
import { getSessionCode } from '../../helpers/params';
import { simplifySession } from '../../helpers/simplify';
import { teamViewerApiRequest } from '../../transport';

const properties: INodeProperties[] = [sessionRLC, simplifyOutput];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['get'] } },
	properties,
);

export async function getSession(
	this: IExecuteFunctions,
	code: string,
	itemIndex: number,
): Promise<IDataObject> {
	return await teamViewerApiRequest.call(this, {
		method: 'GET',
		path: `/sessions/${code}`,
		itemIndex,
	});
}

// GET /sessions/{code}
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const session = await getSession.call(this, getSessionCode(this, itemIndex), itemIndex);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	return [simplify ? simplifySession(session) : session];
}
