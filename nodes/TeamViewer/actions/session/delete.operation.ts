import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { sessionRLC } from '../../descriptions/rlc.description';
import { getSessionCode } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';

const properties: INodeProperties[] = [sessionRLC];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['delete'] } },
	properties,
);

// DELETE /sessions/{code} → 204
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const code = getSessionCode(this, itemIndex);
	await teamViewerApiRequest.call(this, { method: 'DELETE', path: `/sessions/${code}`, itemIndex });
	return [{ code, deleted: true }];
}
