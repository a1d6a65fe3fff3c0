import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { sessionRLC } from '../../descriptions/rlc.description';
import { getSessionCode } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';
import { getSession } from './get.operation';

const properties: INodeProperties[] = [sessionRLC];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['close'] } },
	properties,
);

// PUT /sessions/{code} {"state":"closed"} — what production clients send
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const code = getSessionCode(this, itemIndex);
	await teamViewerApiRequest.call(this, {
		method: 'PUT',
		path: `/sessions/${code}`,
		body: { state: 'closed' },
		itemIndex,
	});
	return [await getSession.call(this, code, itemIndex)];
}
