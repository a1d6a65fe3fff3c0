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

/**
 * GET /ping → {token_valid}. Whether an expired token gets 200 `{token_valid:
 * false}` or a 401 is UNCONFIRMED (#6); both are handled. n8n refreshes an OAuth2 token only when a
 * call answers 401, so with OAuth2 a `false` is checked once more after a call that does answer 401
 * for an expired token (GET /account): n8n refreshes there, and the second ping sees the new token.
 * A script token cannot be refreshed, so its `false` stands.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const ping = async () => (await teamViewerApiRequest.call(this, { method: 'GET', path: '/ping', itemIndex })).token_valid === true;
	let valid = await ping();
	if (!valid && this.getNode().parameters.authentication === 'oAuth2') {
		try {
			await teamViewerApiRequest.call(this, { method: 'GET', path: '/account', itemIndex });
			valid = await ping();
		} catch (error) {
			this.logger.debug('TeamViewer token check: the account call after token_valid false failed too', {
				error: (error as Error).message,
			});
		}
	}
	if (!valid && (this.getNodeParameter('failIfInvalid', itemIndex, false) as boolean)) {
		throw new NodeOperationError(this.getNode(), 'TeamViewer answered that the token is not valid', {
			itemIndex,
			description: 'Create a new script token, or reconnect the OAuth2 credential.',
		});
	}
	return [{ token_valid: valid }];
}
