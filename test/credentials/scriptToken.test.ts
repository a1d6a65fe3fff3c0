import { testCredential } from '../harness/credentialTest';
import { packageCredentialTypes } from '../harness/package';
import { useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

describe('TeamViewer API credential (script token)', () => {
	it('keeps the token secret and defaults to the production API', () => {
		const type = packageCredentialTypes.get('teamViewerApi')!;
		const token = type.properties.find((property) => property.name === 'accessToken')!;
		const base = type.properties.find((property) => property.name === 'apiBaseUrl')!;

		expect(token.typeOptions?.password).toBe(true);
		expect(base.default).toBe('https://webapi.teamviewer.com/api/v1');
		expect(type.displayName).toBe('TeamViewer API');
	});

	it('passes the credential test with a valid token, calling GET /ping with the bearer token', async () => {
		const result = await testCredential(tv.engine, tv.credential);

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [ping] = tv.calls('GET', /\/ping$/);
		expect(ping.headers.authorization).toBe(`Bearer ${tv.sandbox.tokens.admin}`);
	});

	it('fails the test and says why when TeamViewer answers token_valid: false', async () => {
		const result = await testCredential(tv.engine, tv.tokenCredential('1234567-NotARealTokenAtAll00'));

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^TeamViewer answered token_valid: false: the script token is unknown, revoked or expired/);
		expect(tv.calls('GET', /\/ping$/)[0].status).toBe(200);
	});

	it('fails the test when TeamViewer answers 401 instead (unconfirmed behaviour, simulator knob)', async () => {
		tv.sim.config.pingInvalidToken = '401';

		const result = await testCredential(tv.engine, tv.tokenCredential('1234567-NotARealTokenAtAll00'));

		expect(result.status).toBe('Error');
		expect(tv.calls('GET', /\/ping$/).map((call) => call.status)).toEqual([401]);
	});

	it('trims a trailing slash from the API base URL', async () => {
		const credential = tv.engine.addCredential('teamViewerApi', {
			accessToken: tv.sandbox.tokens.admin,
			apiBaseUrl: `${tv.sim.apiUrl}//`,
		});

		expect((await testCredential(tv.engine, credential)).status).toBe('OK');
		expect(tv.calls('GET', /\/ping$/)[0].path).toBe('/api/v1/ping');
	});
});
