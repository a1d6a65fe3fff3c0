import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { teamViewerApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Fail If Invalid',
		name: 'failIfInvalid',
		type: 'boolean',
		default: false,
		description:
			'Whether to stop with an error when the token is not valid, instead of returning token_valid: false',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['verifyToken'] } },
	properties,
);

// GET /ping → {token_valid} — reference §2.3
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const ping = await teamViewerApiRequest.call(this, { method: 'GET', path: '/ping', itemIndex });
	const valid = ping.token_valid === true;
	if (!valid && (this.getNodeParameter('failIfInvalid', itemIndex, false) as boolean)) {
		throw new NodeOperationError(this.getNode(), 'TeamViewer answered that the token is not valid', {
			itemIndex,
			description: 'Create a new script token, or reconnect the OAuth2 credential.',
		});
	}
	return [{ token_valid: valid }];
}
