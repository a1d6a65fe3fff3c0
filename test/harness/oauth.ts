/**
 * Connects a TeamViewer OAuth2 credential the way n8n's editor does: open the authorize URL the
 * credential resolves to, follow TeamViewer's redirect to n8n's callback, and exchange the code with
 * n8n's own OAuth2 client. The resulting token data is stored on the credential.
 */
import { ClientOAuth2 } from '@n8n/client-oauth2';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { StoredCredential } from './credentials';
import type { Engine } from './engine';

export const N8N_CALLBACK_URL = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

export async function connectOAuth2(engine: Engine, credential: StoredCredential): Promise<ICredentialDataDecryptedObject> {
	const resolved = await engine.credentialsHelper.getDecrypted(
		{} as never,
		{ id: credential.id, name: credential.name },
		credential.type,
		'internal',
	);
	const inBody = resolved.authentication === 'body';
	const client = new ClientOAuth2({
		clientId: resolved.clientId as string,
		// With "body" authentication n8n leaves the secret out of the Basic header and posts it instead.
		clientSecret: inBody ? undefined : (resolved.clientSecret as string),
		accessTokenUri: resolved.accessTokenUrl as string,
		authorizationUri: resolved.authUrl as string,
		redirectUri: N8N_CALLBACK_URL,
		scopes: [],
		state: 'n8n-state',
	});
	const extraQuery = resolved.authQueryParameters ? `&${String(resolved.authQueryParameters)}` : '';
	const authorize = await fetch(`${client.code.getUri()}${extraQuery}`, { redirect: 'manual' });
	const callback = authorize.headers.get('location');
	if (authorize.status !== 302 || !callback) {
		throw new Error(`Authorize answered ${authorize.status}: ${await authorize.text()}`);
	}
	const token = await client.code.getToken(
		callback,
		inBody ? { body: { client_id: resolved.clientId, client_secret: resolved.clientSecret } } : {},
	);
	credential.data = { ...credential.data, oauthTokenData: token.data };
	return resolved;
}
