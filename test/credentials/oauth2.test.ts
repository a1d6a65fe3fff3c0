import { connectOAuth2, N8N_CALLBACK_URL } from '../harness/oauth';
import { useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

function oauthCredential() {
	return tv.engine.addCredential('teamViewerOAuth2Api', {
		clientId: tv.sandbox.oauthClient.clientId,
		clientSecret: tv.sandbox.oauthClient.clientSecret,
		apiBaseUrl: tv.sim.apiUrl,
	});
}

describe('TeamViewer OAuth2 API credential', () => {
	it('points authorize and token URLs at TeamViewer by default and at the base URL otherwise', async () => {
		const production = tv.engine.addCredential('teamViewerOAuth2Api', { clientId: 'x', clientSecret: 'y' });
		const sandbox = oauthCredential();
		const resolve = async (id: string) =>
			await tv.engine.credentialsHelper.getDecrypted({} as never, { id, name: '' }, 'teamViewerOAuth2Api', 'internal');

		expect(await resolve(production.id)).toMatchObject({
			grantType: 'authorizationCode',
			authUrl: 'https://login.teamviewer.com/oauth2/authorize',
			accessTokenUrl: 'https://webapi.teamviewer.com/api/v1/oauth2/token',
			authentication: 'body',
			authQueryParameters: 'display=popup',
			scope: '',
		});
		expect(await resolve(sandbox.id)).toMatchObject({
			authUrl: `${tv.sim.apiUrl}/oauth2/authorize`,
			accessTokenUrl: `${tv.sim.apiUrl}/oauth2/token`,
		});
	});

	it('asks only for the API base URL, a pace and the client\'s ID and secret: grant type, URLs, scope and the rest are set for TeamViewer and hidden', () => {
		// Merged with n8n's oAuth2Api as n8n's server does for the editor (CredentialsHelper.getCredentialsProperties).
		const form = tv.engine.credentialsHelper.getCredentialsProperties('teamViewerOAuth2Api');
		const shown = form.filter((property) => property.type !== 'hidden' && property.name !== 'oauthTokenData');

		expect(shown.map((property) => property.name)).toEqual(['clientId', 'clientSecret', 'apiBaseUrl', 'maxRequestsPerSecond']);
		expect(Object.fromEntries(form.filter((property) => property.type === 'hidden').map((property) => [property.name, property.default]))).toEqual({
			grantType: 'authorizationCode',
			authUrl: expect.stringMatching(/^=\{\{/),
			accessTokenUrl: expect.stringMatching(/^=\{\{/),
			scope: '',
			authQueryParameters: 'display=popup',
			authentication: 'body',
		});
	});

	it('connects through the authorize page and stores the token data n8n signs calls with', async () => {
		const credential = oauthCredential();

		await connectOAuth2(tv.engine, credential);

		const [authorize] = tv.calls('GET', /oauth2\/authorize$/);
		expect(authorize.query).toMatchObject({
			response_type: 'code',
			client_id: tv.sandbox.oauthClient.clientId,
			redirect_uri: N8N_CALLBACK_URL,
			display: 'popup',
		});
		expect(tv.calls('POST', /oauth2\/token$/)[0].body).toMatchObject({ grant_type: 'authorization_code' });
		expect(credential.data.oauthTokenData).toMatchObject({
			token_type: 'bearer',
			expires_in: 86400,
			access_token: expect.any(String),
			refresh_token: expect.any(String),
		});
	});

	it('refreshes an expired access token mid-run and loses no item', async () => {
		const credential = oauthCredential();
		await connectOAuth2(tv.engine, credential);
		const first = credential.data.oauthTokenData as { access_token: string; refresh_token: string };
		const before = await tv.run({ resource: 'account', operation: 'get' }, { credential });
		expect(before.status).toBe('success');
		tv.sim.expireToken(first.access_token);
		tv.sim.log.clear();

		const result = await tv.run(
			{ resource: 'account', operation: 'get' },
			{ credential, input: [{ ticket: 1 }, { ticket: 2 }] },
		);

		expect(result.status).toBe('success');
		expect(result.json).toHaveLength(2);
		expect(result.json.every((account) => account.userid === tv.sandbox.accountUserId)).toBe(true);
		const refresh = tv.calls('POST', /oauth2\/token$/);
		expect(refresh).toHaveLength(1);
		expect(refresh[0].body).toMatchObject({
			grant_type: 'refresh_token',
			refresh_token: first.refresh_token,
			client_id: tv.sandbox.oauthClient.clientId,
			client_secret: tv.sandbox.oauthClient.clientSecret,
		});
		const stored = credential.data.oauthTokenData as { access_token: string };
		expect(stored.access_token).not.toBe(first.access_token);
		expect(tv.calls('GET', /account$/).map((call) => call.status)).toEqual([401, 200, 200]);
		expect(tv.calls('GET', /account$/).slice(1).every((call) => call.token === stored.access_token)).toBe(true);
	});

	it('asks to reconnect when the refresh token is no longer valid', async () => {
		const credential = oauthCredential();
		await connectOAuth2(tv.engine, credential);
		const token = credential.data.oauthTokenData as { access_token: string };
		tv.sim.expireToken(token.access_token);
		tv.sim.state.oauth.refreshTokens.clear();

		const result = await tv.run({ resource: 'account', operation: 'get' }, { credential });

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/needs to be reconnected|rejected the token/);
		const everything = JSON.stringify(result.run.data) + JSON.stringify(result.error ?? {});
		expect(everything).not.toContain(tv.sandbox.oauthClient.clientSecret);
		expect(everything).not.toContain(token.access_token);
		expect(everything).not.toContain((credential.data.oauthTokenData as { refresh_token: string }).refresh_token);
	});

	it('a credential that must be reconnected mid-run fails on the item that met it, with n8n\'s words', async () => {
		const credential = oauthCredential();
		await connectOAuth2(tv.engine, credential);
		const [first, second] = tv.sandbox.deviceIds;
		tv.sim.state.oauth.refreshTokens.clear();
		tv.sim.injectFault({ kind: 'status', status: 401, method: 'GET', path: `devices/${second}$`, body: { error: 'invalid_token', error_description: 'Token expired.' } });

		const result = await tv.run(
			{ resource: 'device', operation: 'get', deviceId: { __rl: true, mode: 'id', value: '={{ $json.device }}' } },
			{ credential, input: [{ device: first }, { device: second }] },
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`The credential "${credential.name}" needs to be reconnected.`);
		expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		expect(tv.calls('GET', /devices\//).map((call) => call.status)).toEqual([200, 401]);
	});

	it.each([
		['200 {"token_valid": false}', 'false200' as const, ['GET /api/v1/ping 200', 'GET /api/v1/account 401', 'GET /api/v1/account 200', 'GET /api/v1/ping 200']],
		['401', '401' as const, ['GET /api/v1/ping 401', 'GET /api/v1/ping 200']],
	])('Verify Token with an expired OAuth2 token whose ping answers %s: n8n refreshes, the token is valid', async (_answer, mode, calls) => {
		tv.sim.config.pingInvalidToken = mode;
		const credential = oauthCredential();
		await connectOAuth2(tv.engine, credential);
		const first = credential.data.oauthTokenData as { access_token: string };
		tv.sim.expireToken(first.access_token);
		tv.sim.log.clear();

		const result = await tv.run(
			{ authentication: 'oAuth2', resource: 'account', operation: 'verifyToken', failIfInvalid: true },
			{ credential },
		);

		expect(result.status).toBe('success');
		expect(result.json).toEqual([{ token_valid: true }]);
		expect(tv.calls().filter((call) => !/oauth2/.test(call.path)).map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual(calls);
		expect(tv.calls('POST', /oauth2\/token$/)).toHaveLength(1);
	});

	it('through a connected OAuth2 credential, a 429 is waited out as long as its Retry-After says, and a 503 read is retried', async () => {
		const credential = oauthCredential();
		await connectOAuth2(tv.engine, credential);
		tv.sim.log.clear();
		tv.sim.injectFault({ kind: 'status', status: 429, path: 'account$', headers: { 'Retry-After': '1' } });
		tv.sim.injectFault({ kind: 'status', status: 503, path: 'account$' });

		const result = await tv.run({ resource: 'account', operation: 'get' }, { credential });

		expect(result.status).toBe('success');
		const calls = tv.calls('GET', /account$/);
		expect(calls.map((call) => call.status)).toEqual([429, 503, 200]);
		expect(calls[1].realAt - calls[0].realAt).toBeGreaterThanOrEqual(950);
	});

	it("a token refresh TeamViewer answers 503 with Retry-After: the call waits as long as it says, refreshes again and succeeds", async () => {
		const credential = oauthCredential();
		await connectOAuth2(tv.engine, credential);
		tv.sim.expireToken((credential.data.oauthTokenData as { access_token: string }).access_token);
		tv.sim.log.clear();
		tv.sim.injectFault({ kind: 'status', status: 503, path: 'oauth2/token$', headers: { 'Retry-After': '2' } });

		const result = await tv.run({ resource: 'account', operation: 'get' }, { credential });

		expect(result.status).toBe('success');
		expect(result.json[0].userid).toBe(tv.sandbox.accountUserId);
		const refreshes = tv.calls('POST', /oauth2\/token$/);
		expect(refreshes.map((call) => call.status)).toEqual([503, 200]);
		// Without the Retry-After the first retry comes after 200-400 ms (RETRY.baseDelayMs with jitter).
		expect(refreshes[1].realAt - refreshes[0].realAt).toBeGreaterThanOrEqual(1950);
		expect(tv.calls('GET', /account$/).map((call) => call.status)).toEqual([401, 401, 200]);
	});

	it('Verify Token with a script token that TeamViewer calls invalid stays invalid: no refresh is tried', async () => {
		const result = await tv.run({ resource: 'account', operation: 'verifyToken' }, { credential: tv.tokenCredential('1234567-NotAKnownTokenAtAll1') });

		expect(result.json).toEqual([{ token_valid: false }]);
		expect(tv.calls().map((call) => call.path)).toEqual(['/api/v1/ping']);
	});
});
