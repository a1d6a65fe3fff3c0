import type { INodeParameters } from 'n8n-workflow';

import { locator, useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

const UNKNOWN_TOKEN = '7654321-NoSuchTokenAtAllXyZ';
const REJECTED = 'TeamViewer rejected the token: it is invalid or has expired';

describe('Account: Get', () => {
	it('reads the account the token belongs to, with the fields of GET /account', async () => {
		const result = await tv.run({ resource: 'account', operation: 'get' });

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v1/account']);
		expect(tv.calls()[0].headers.authorization).toBe(`Bearer ${tv.sandbox.tokens.admin}`);
		const user = tv.sim.state.users.get(tv.sandbox.accountUserId)!;
		const { account } = tv.sim.state;
		const { license } = account;
		expect(result.json).toEqual([
			{
				userid: user.id,
				email: user.email,
				name: user.name,
				company_name: account.company_name,
				profilepicture_url: null,
				license,
				email_validated: user.email_validated,
				email_language: user.email_language,
				available_licenses: [
					{
						license_type: license.license_type,
						type: license.type,
						details: license.details,
						teamViewerLicenseId: license.teamViewerLicenseId,
						isactive: license.isactive,
					},
				],
				custom_field_has_paid_license: account.custom_field_has_paid_license,
				social_login_identity_issuer: null,
			},
		]);
		expect(result.json[0]).toMatchObject({ company_name: 'Sandbox Support GmbH', name: 'Ada Agent' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('works with the read-only token, which has "View account data"', async () => {
		const result = await tv.run(
			{ resource: 'account', operation: 'get' },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.status).toBe('success');
		expect(result.json[0].userid).toBe(tv.sandbox.accountUserId);
	});

	it('explains a token TeamViewer does not accept', async () => {
		const result = await tv.run(
			{ resource: 'account', operation: 'get' },
			{ credential: tv.tokenCredential(UNKNOWN_TOKEN) },
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(REJECTED);
		expect((result.error as { description?: string }).description).toMatch(/Management Console/);
		// n8n itself sends a script-token call once more after a 401 (its credential refresh hook); the
		// node adds no retry of its own on top.
		const calls = tv.calls();
		expect(calls).toHaveLength(2);
		expect(calls.every((call) => call.path === '/api/v1/account' && call.status === 401)).toBe(true);
	});
});

describe('Account: Verify Token', () => {
	it('pings TeamViewer with the token and reports it valid', async () => {
		const result = await tv.run({ resource: 'account', operation: 'verifyToken' });

		const calls = tv.calls();
		expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v1/ping']);
		expect(calls[0].token).toBe(tv.sandbox.tokens.admin);
		expect(result.items).toEqual([{ json: { token_valid: true }, pairedItem: { item: 0 } }]);
	});

	it('passes with Fail If Invalid on when the token is valid', async () => {
		const result = await tv.run({ resource: 'account', operation: 'verifyToken', failIfInvalid: true });

		expect(result.status).toBe('success');
		expect(result.json).toEqual([{ token_valid: true }]);
	});

	it('reports an unknown token as not valid when TeamViewer answers 200 token_valid:false', async () => {
		tv.sim.config.pingInvalidToken = 'false200';

		const result = await tv.run(
			{ resource: 'account', operation: 'verifyToken' },
			{ credential: tv.tokenCredential(UNKNOWN_TOKEN) },
		);

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => [call.path, call.status, call.token])).toEqual([['/api/v1/ping', 200, UNKNOWN_TOKEN]]);
		expect(result.json).toEqual([{ token_valid: false }]);
	});

	it('reports an expired token as not valid', async () => {
		tv.sim.expireToken(tv.sandbox.tokens.limited);

		const result = await tv.run(
			{ resource: 'account', operation: 'verifyToken' },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.json).toEqual([{ token_valid: false }]);
	});

	it('stops with a clear error for a token that is not valid when Fail If Invalid is on', async () => {
		tv.sim.config.pingInvalidToken = 'false200';

		const result = await tv.run(
			{ resource: 'account', operation: 'verifyToken', failIfInvalid: true },
			{ credential: tv.tokenCredential(UNKNOWN_TOKEN) },
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('TeamViewer answered that the token is not valid');
		expect((result.error as { description?: string }).description).toMatch(/new script token|reconnect/);
		expect(tv.calls()).toHaveLength(1);
	});

	it('turns a 401 from ping into the rejected-token message, and does not retry it', async () => {
		tv.sim.config.pingInvalidToken = '401';

		const result = await tv.run(
			{ resource: 'account', operation: 'verifyToken' },
			{ credential: tv.tokenCredential(UNKNOWN_TOKEN) },
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(REJECTED);
		const calls = tv.calls();
		expect(calls).toHaveLength(2);
		expect(calls.every((call) => call.path === '/api/v1/ping' && call.status === 401)).toBe(true);
	});

	it('gives an error item per invalid token with Continue On Fail', async () => {
		tv.sim.config.pingInvalidToken = 'false200';

		const result = await tv.run(
			{ resource: 'account', operation: 'verifyToken', failIfInvalid: true },
			{ credential: tv.tokenCredential(UNKNOWN_TOKEN), continueOnFail: true, input: [{}, {}] },
		);

		expect(result.status).toBe('success');
		expect(result.items.map((item) => [item.json.error, item.pairedItem])).toEqual([
			['TeamViewer answered that the token is not valid', { item: 0 }],
			['TeamViewer answered that the token is not valid', { item: 1 }],
		]);
	});
});

describe('Missing permissions name the Management Console permission', () => {
	const limitedLacks: Array<[string, () => INodeParameters, string, RegExp]> = [
		[
			'creating a group',
			() => ({ resource: 'group', operation: 'create', name: 'Not Allowed' }),
			'Group management → Create groups',
			/^\/api\/v1\/groups$/,
		],
		[
			'renaming a group',
			() => ({
				resource: 'group',
				operation: 'update',
				groupId: locator(tv.sandbox.groupsByName.Customers),
				updateFields: { name: 'Renamed' },
			}),
			'Group management → Edit groups',
			/^\/api\/v1\/groups\/g\d+$/,
		],
		[
			'sharing a group',
			() => ({
				resource: 'group',
				operation: 'share',
				groupId: locator(tv.sandbox.groupsByName.Customers),
				shares: { user: [{ userId: tv.sandbox.userIds[2], permissions: 'read' }] },
			}),
			'Group management → Share groups',
			/\/share_group$/,
		],
		[
			'creating a user',
			() => ({ resource: 'user', operation: 'create', email: 'x.y@example.com', name: 'X Y', language: 'en' }),
			'User management → Create users',
			/^\/api\/v1\/users$/,
		],
		[
			'deleting a contact',
			() => ({ resource: 'contact', operation: 'delete', contactId: tv.sandbox.contactIds[0] }),
			'Computers & Contacts → Remove entries',
			/^\/api\/v1\/contacts\/c\d+$/,
		],
		[
			'reading the event log',
			() => ({
				resource: 'eventLog',
				operation: 'getAll',
				startDate: '2025-01-01T00:00:00Z',
				endDate: '2025-02-01T00:00:00Z',
			}),
			'Event logging → Read event logs',
			/^\/api\/v1\/EventLogging$/,
		],
	];

	it.each(limitedLacks)('names the permission when the read-only token tries %s', async (_case, parameters, permission, path) => {
		const groupsBefore = JSON.stringify([...tv.sim.state.groups.values()]);

		const result = await tv.run(parameters(), { credential: tv.tokenCredential(tv.sandbox.tokens.limited) });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`The TeamViewer token lacks the permission "${permission}"`);
		expect((result.error as { description?: string }).description).toContain(`grant "${permission}"`);
		const refused = tv.calls().filter((call) => call.status === 403);
		expect(refused).toHaveLength(1);
		expect(refused[0].path).toMatch(path);
		expect(JSON.stringify([...tv.sim.state.groups.values()])).toBe(groupsBefore);
	});
});

describe('Account: Update', () => {
	const ada = () => tv.sim.state.users.get(tv.sandbox.accountUserId)!;

	it('sends name, email and email language, then returns the account as TeamViewer now has it', async () => {
		const result = await tv.run({
			resource: 'account',
			operation: 'update',
			updateFields: { name: ' Ada Lovelace ', email: ' ada.lovelace@example.com ', emailLanguage: 'de' },
		});

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
			'PUT /api/v1/account 204',
			'GET /api/v1/account 200',
		]);
		expect(tv.calls('PUT')[0].body).toEqual({ name: 'Ada Lovelace', email: 'ada.lovelace@example.com', email_language: 'de' });
		expect(ada()).toMatchObject({ name: 'Ada Lovelace', email: 'ada.lovelace@example.com', email_language: 'de' });
		expect(result.json[0]).toMatchObject({ userid: ada().id, name: 'Ada Lovelace', email: 'ada.lovelace@example.com', email_language: 'de' });
	});

	it('changes the password with the current one, as password and oldpassword, and never outputs either', async () => {
		const result = await tv.run({
			resource: 'account',
			operation: 'update',
			updateFields: { password: 'New-Secret-42', oldPassword: 'sandbox-password' },
		});

		expect(result.status).toBe('success');
		expect(tv.calls('PUT')[0].body).toEqual({ password: 'New-Secret-42', oldpassword: 'sandbox-password' });
		expect(ada().password).toBe('New-Secret-42');
		expect(JSON.stringify(result.json)).not.toMatch(/New-Secret-42|sandbox-password/);
	});

	it('refuses a new password without the current one before calling TeamViewer, as TeamViewerPS does', async () => {
		const result = await tv.run({ resource: 'account', operation: 'update', updateFields: { password: 'New-Secret-42' } });

		expect(result.error?.message).toBe('A new password needs the current password');
		expect(JSON.stringify(result.error)).not.toContain('New-Secret-42');
		expect(tv.calls()).toHaveLength(0);
	});

	it('keeps both passwords out of the error when TeamViewer refuses the change and echoes them', async () => {
		tv.sim.injectFault({
			method: 'PUT',
			path: '/account$',
			kind: 'status',
			status: 400,
			body: { error: 'invalid_request', error_description: 'Password New-Secret-42 is too similar to Wrong-Old-1.', error_code: 400 },
		});

		const result = await tv.run({
			resource: 'account',
			operation: 'update',
			updateFields: { password: 'New-Secret-42', oldPassword: 'Wrong-Old-1' },
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('TeamViewer refused the request: Password __hidden__ is too similar to __hidden__');
		const everything = JSON.stringify({ error: result.error, run: result.run.data.resultData });
		expect(everything).not.toContain('New-Secret-42');
		expect(everything).not.toContain('Wrong-Old-1');
		expect(ada().password).toBe('sandbox-password');
	});

	it('reports TeamViewer\'s refusal of a wrong current password', async () => {
		const result = await tv.run({
			resource: 'account',
			operation: 'update',
			updateFields: { password: 'New-Secret-42', oldPassword: 'not-it' },
		});

		expect(result.error?.message).toBe('TeamViewer refused the request: Changing the password needs the current one in oldpassword');
		expect((result.error as { description?: string }).description).toMatch(/current password must be right/);
		expect(ada().password).toBe('sandbox-password');
	});

	it('refuses an update without fields and an email that is not one', async () => {
		const empty = await tv.run({ resource: 'account', operation: 'update' });
		const badEmail = await tv.run({ resource: 'account', operation: 'update', updateFields: { email: 'ada@' } });

		expect(empty.error?.message).toBe('No fields to update were set');
		expect(badEmail.error?.message).toBe('The Email "ada@" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});

	it('needs "Edit account data": the read-only token is refused', async () => {
		const result = await tv.run(
			{ resource: 'account', operation: 'update', updateFields: { name: 'Ada Limited' } },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.error?.message).toBe('The TeamViewer token lacks the permission "Account management → Edit account data"');
		expect(ada().name).toBe('Ada Agent');
	});
});
