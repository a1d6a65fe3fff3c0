/**
 * An OAuth2 credential that nobody has connected yet (the sandbox imports one): every path that
 * calls TeamViewer — an execution, the editor's list search, the trigger's poll — says what to do
 * instead of n8n's "Unable to sign without access token", and sends nothing.
 */
import { teamViewerTriggerWorkflow, teamViewerWorkflow } from '../harness/engine';
import { connectOAuth2 } from '../harness/oauth';
import { useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();
const MESSAGE = 'Connect this credential first: open it and press Connect';

function unconnected(name = 'TeamViewer (OAuth2)') {
	return tv.engine.addCredential(
		'teamViewerOAuth2Api',
		{ clientId: tv.sandbox.oauthClient.clientId, clientSecret: tv.sandbox.oauthClient.clientSecret, apiBaseUrl: tv.sim.apiUrl },
		name,
	);
}

describe('OAuth2 credential that is not connected', () => {
	it('reaches the node as n8n hands it over: empty token data', async () => {
		const credential = unconnected();
		const resolved = await tv.engine.credentialsHelper.getDecrypted({} as never, { id: credential.id, name: credential.name }, credential.type, 'internal');
		expect(resolved.oauthTokenData).toEqual({});
	});

	it('fails an execution with a plain "connect it first", naming the credential, and calls nothing', async () => {
		const result = await tv.run({ resource: 'account', operation: 'get' }, { credential: unconnected() });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(MESSAGE);
		expect(result.error?.description).toContain('"TeamViewer (OAuth2)" has no access token yet');
		expect(result.error?.description).toContain('press Connect');
		expect(JSON.stringify(result.error)).not.toMatch(/Unable to sign|not connected/i);
		expect(tv.calls()).toHaveLength(0);
	});

	it.each(['searchGroups', 'searchSessions', 'searchDevices', 'searchUsers'])('fails the editor list %s with the same message', async (method) => {
		const workflow = teamViewerWorkflow({ parameters: { resource: 'session', operation: 'create' }, credential: unconnected() });

		await expect(tv.engine.listSearch(workflow, method)).rejects.toThrow(MESSAGE);
		expect(tv.calls()).toHaveLength(0);
	});

	it('fails the trigger poll (and its test event) with the same message', async () => {
		const workflow = teamViewerTriggerWorkflow({ parameters: { event: 'connectionReportNew' }, credential: unconnected() });

		await expect(tv.engine.poll(workflow, {}, 'manual')).rejects.toThrow(MESSAGE);
		expect(tv.calls()).toHaveLength(0);
	});

	it('works as soon as it is connected', async () => {
		const credential = unconnected();
		await connectOAuth2(tv.engine, credential);

		const result = await tv.run({ resource: 'account', operation: 'get' }, { credential });

		expect(result.status).toBe('success');
		expect(result.json[0].userid).toBe(tv.sandbox.accountUserId);
	});
});
