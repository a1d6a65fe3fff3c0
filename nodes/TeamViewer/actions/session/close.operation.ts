import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { sessionRLC } from '../../descriptions/rlc.description';
import { getSessionCode } from '../../helpers/params';
import { passThroughError, teamViewerApiRequest } from '../../transport';
import { getSession } from './get.operation';

const properties: INodeProperties[] = [sessionRLC];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['close'] } },
	properties,
);

/**
 * PUT /sessions/{code} {"state":"closed"}, what production clients send. Closing is idempotent: whether
 * TeamViewer accepts closing a closed case is not documented, so a 400/409 counts as done when a read
 * shows the case closed (a retried Close, two flows closing the same case, a renewal racing a close).
 */
export async function closeSession(context: IExecuteFunctions, code: string, itemIndex: number): Promise<void> {
	try {
		await teamViewerApiRequest.call(context, { method: 'PUT', path: `/sessions/${code}`, body: { state: 'closed' }, itemIndex });
	} catch (error) {
		const refused = error instanceof NodeApiError && (error.httpCode === '400' || error.httpCode === '409');
		if (refused && isClosed(await getSession.call(context, code, itemIndex))) return;
		throw passThroughError(context.getNode(), error, itemIndex);
	}
}

const isClosed = (session: IDataObject) => String(session.state ?? '').toLowerCase() === 'closed';

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const code = getSessionCode(this, itemIndex);
	await closeSession(this, code, itemIndex);
	return [await getSession.call(this, code, itemIndex)];
}
