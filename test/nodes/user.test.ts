import type { IDataObject } from 'n8n-workflow';

import { teamViewerWorkflow } from '../harness/engine';
import { locator, useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

/** The sandbox's roles: Administrator (Ada), Supporter (Ben, Chloe), Viewer (nobody). */
const ADMINISTRATOR = '3b9f1c52-7d1e-4c4e-9a1f-0c2d5e6f7a81';
const SUPPORTER = '8e2d4a17-5b3c-4f6d-8e9a-1b2c3d4e5f60';
const VIEWER = 'c4a7e9f2-1d3b-4a5c-b6d7-e8f9a0b1c2d3';
const ROLE_ID = VIEWER;

/** Users of the sandbox by position: 0 Ada (the account), 1 Ben, 2 Chloe, 3 Dana, 4 Emil. */
function stored(index: number) {
	return tv.sim.state.users.get(tv.sandbox.userIds[index])!;
}

function storedByEmail(email: string) {
	return [...tv.sim.state.users.values()].find((user) => user.email === email);
}

/** A user as `GET /users/{id}` returns it (TeamViewer's `GetUserResponse`), from the simulator's state. */
function userAsRead(id: string): IDataObject {
	const user = tv.sim.state.users.get(id)!;
	const granted = new Set(user.roleIds.flatMap((roleId) => tv.sim.state.userRoles.get(roleId)?.permissions ?? []));
	return {
		id: user.id,
		name: user.name,
		email: user.email,
		permissions: [...granted].sort().join(','),
		online_state: user.online_state,
		active: user.active,
		log_sessions: user.log_sessions,
		show_comment_window: user.show_comment_window,
		custom_quicksupport_id: user.custom_quicksupport_id,
		custom_quickjoin_id: user.custom_quickjoin_id,
		last_access_date: user.last_access_date,
		activated_license_id: user.activated_license_id,
		activated_license_name: user.activated_license_name,
		activated_meeting_license_key: user.activated_meeting_license_key,
		userRoleId: user.roleIds[0] ?? null,
		tfa_enforcement: user.tfa_enforcement,
		tfa_enabled: user.tfa_enabled,
		sso_status: user.sso_status,
	};
}

/** What Simplify keeps of a user. */
function simplified(id: string): IDataObject {
	const { name, email, active, online_state, last_access_date, userRoleId } = userAsRead(id);
	return { id, name, email, active, online_state, last_access_date, userRoleId };
}

const createParameters = (overrides: IDataObject = {}) => ({
	resource: 'user',
	operation: 'create',
	email: 'nora.new@example.com',
	name: 'Nora New',
	language: 'en',
	...overrides,
});

describe('User: Create', () => {
	it('creates a user with every additional field mapped to its TeamViewer name', async () => {
		const result = await tv.run(
			createParameters({
				email: '  nora.new@example.com ',
				name: ' Nora New ',
				language: ' pt ',
				additionalFields: {
					password: 'secret-pass-1',
					userRoleId: ROLE_ID,
					logSessions: false,
					showCommentWindow: true,
					customQuickSupportId: 'qs-nora',
					customQuickJoinId: 'qj-nora',
				},
			}),
		);

		expect(result.status).toBe('success');
		const posts = tv.calls('POST', /^\/api\/v1\/users$/);
		expect(posts).toHaveLength(1);
		expect(posts[0].body).toEqual({
			email: 'nora.new@example.com',
			name: 'Nora New',
			language: 'pt',
			password: 'secret-pass-1',
			userRoleId: ROLE_ID,
			log_sessions: false,
			show_comment_window: true,
			custom_quicksupport_id: 'qs-nora',
			custom_quickjoin_id: 'qj-nora',
		});
		const created = storedByEmail('nora.new@example.com');
		expect(created).toMatchObject({
			name: 'Nora New',
			email_language: 'pt',
			log_sessions: false,
			show_comment_window: true,
			roleIds: [ROLE_ID],
		});
		expect(result.json).toEqual([{ ...userAsRead(created!.id), created: true }]);
		expect(result.json[0].id).toMatch(/^u\d+$/);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends only email, name and language when nothing else is set', async () => {
		const result = await tv.run(createParameters());

		expect(tv.calls('POST')[0].body).toEqual({ email: 'nora.new@example.com', name: 'Nora New', language: 'en' });
		expect(result.json).toEqual([{ ...userAsRead(storedByEmail('nora.new@example.com')!.id), created: true }]);
	});

	it('keeps the email in the output when TeamViewer does not echo it', async () => {
		tv.sim.config.userCreateEchoesEmail = false;

		const result = await tv.run(createParameters({ email: 'Quiet.User@Example.com', name: 'Quiet User' }));

		expect(result.status).toBe('success');
		const created = storedByEmail('Quiet.User@Example.com')!;
		expect(result.json).toEqual([{ ...userAsRead(created.id), created: true }]);
		expect(result.json[0].email).toBe('Quiet.User@Example.com');
	});

	it.each([
		['an email without @', { email: 'nora.example.com' }, 'The Email "nora.example.com" is not valid', /email address/],
		['an empty email', { email: '  ' }, 'The Email "  " is not valid', /email address/],
		['a one-letter name', { name: ' N ' }, 'The Name "N" is not valid', /2 to 50 characters/],
		['a name over 50 characters', { name: 'N'.repeat(51) }, `The Name "${'N'.repeat(51)}" is not valid`, /2 to 50/],
		['a language name instead of a code', { language: 'English' }, 'The Language "English" is not valid', /\(auto, bg, cs, da, de, .*, zh_CN, zh_TW\); a locale such as de-DE or zh-CN is converted/],
		['a blank language', { language: '  ' }, 'The Language "" is not valid', /language code/],
	])('refuses %s before calling TeamViewer', async (_case, overrides, message, expected) => {
		const result = await tv.run(createParameters(overrides));

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(message);
		expect((result.error as { description?: string }).description).toMatch(expected);
		expect(tv.calls()).toHaveLength(0);
	});

	it('returns the company user with that email with created: false instead of creating one', async () => {
		const taken = stored(1);

		const result = await tv.run(createParameters({ email: taken.email.toUpperCase() }));

		expect(result.status).toBe('success');
		expect(tv.calls('POST')).toHaveLength(0);
		expect(result.json[0]).toMatchObject({ id: taken.id, created: false });
		expect(tv.sim.state.users.size).toBe(tv.sandbox.userIds.length);
	});
});

describe('User: Get', () => {
	it('reads a user picked from the list', async () => {
		const id = tv.sandbox.userIds[1];

		const result = await tv.run({ resource: 'user', operation: 'get', userId: locator(id, 'list'), simplify: false });

		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([`GET /api/v1/users/${id}`]);
		expect(result.json).toEqual([userAsRead(id)]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('returns the simplified user by default', async () => {
		const id = tv.sandbox.userIds[1];
		const full = userAsRead(id);

		const result = await tv.run({ resource: 'user', operation: 'get', userId: locator(id, 'list') });

		const keys = ['id', 'name', 'email', 'active', 'online_state', 'last_access_date', 'userRoleId'];
		expect(result.json).toEqual([Object.fromEntries(keys.filter((key) => key in full).map((key) => [key, full[key as keyof typeof full]]))]);
	});

	it.each([
		['an upper-case prefix', (id: string) => id.toUpperCase()],
		['no prefix', (id: string) => id.slice(1)],
	])('normalises a typed ID with %s', async (_case, spell) => {
		const id = tv.sandbox.userIds[3];

		const result = await tv.run({ resource: 'user', operation: 'get', userId: locator(spell(id)), simplify: false });

		expect(tv.calls('GET')[0].path).toBe(`/api/v1/users/${id}`);
		expect(result.json).toEqual([userAsRead(id)]);
	});

	it('names the user TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'user', operation: 'get', userId: locator('u9999999') });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('User "u9999999" was not found in TeamViewer');
	});

	it('refuses an email where a user ID belongs, without calling TeamViewer', async () => {
		const result = await tv.run(
			{ resource: 'user', operation: 'get', userId: locator('={{ $json.user }}') },
			{ input: [{ user: 'ben@example.com' }] },
		);

		expect(result.error?.message).toBe('The User "ben@example.com" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});
});

describe('User: Get Many', () => {
	it('asks for the full list and returns every user simplified', async () => {
		const result = await tv.run({ resource: 'user', operation: 'getAll', returnAll: true });

		const calls = tv.calls('GET', /\/users$/);
		expect(calls).toHaveLength(1);
		expect(calls[0].query).toEqual({ full_list: 'true' });
		expect(result.json).toEqual([...tv.sim.state.users.keys()].map(simplified));
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('returns every TeamViewer field with Simplify off', async () => {
		const result = await tv.run({ resource: 'user', operation: 'getAll', returnAll: true, simplify: false });

		expect(result.json).toEqual([...tv.sim.state.users.keys()].map(userAsRead));
		expect(Object.keys(result.json[0])).toEqual(expect.arrayContaining(['log_sessions', 'tfa_enabled', 'sso_status']));
	});

	it('sends several emails as one comma-joined email parameter', async () => {
		const ben = stored(1);
		const dana = stored(3);

		const result = await tv.run({
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			filters: { email: ` ${ben.email} ,${dana.email.toUpperCase()}, ` },
		});

		const [call] = tv.calls('GET');
		expect(call.query).toEqual({ full_list: 'true', email: `${ben.email},${dana.email.toUpperCase()}` });
		expect(result.json).toEqual([simplified(ben.id), simplified(dana.id)]);
	});

	it('refuses a filter email that is not one, before calling TeamViewer', async () => {
		const result = await tv.run({
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			filters: { email: `${stored(1).email}, dana` },
		});

		expect(result.error?.message).toBe('The Email "dana" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});

	it('filters by part of the name', async () => {
		const expected = [...tv.sim.state.users.values()].filter((user) => user.name.toLowerCase().includes('a'));

		const result = await tv.run({
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			filters: { name: '  a ' },
		});

		expect(tv.calls('GET')[0].query).toEqual({ full_list: 'true', name: 'a' });
		expect(expected.length).toBeLessThan(tv.sim.state.users.size);
		expect(result.json.map((user) => user.id)).toEqual(expected.map((user) => user.id));
	});

	it('returns at most Limit users', async () => {
		const result = await tv.run({ resource: 'user', operation: 'getAll', returnAll: false, limit: 2 });

		expect(result.json).toEqual(tv.sandbox.userIds.slice(0, 2).map(simplified));
		expect(tv.calls()).toHaveLength(1);
	});
});

describe('User: Update', () => {
	it('sends the changed fields in TeamViewer form and returns the user read back', async () => {
		const id = tv.sandbox.userIds[4];

		const result = await tv.run({
			resource: 'user',
			operation: 'update',
			userId: locator(id, 'list'),
			updateFields: {
				name: ' Emil E. ',
				email: ' emil.e@example.com ',
				active: false,
				logSessions: false,
				showCommentWindow: true,
				password: 'new-secret-1',
				customQuickSupportId: 'qs-emil',
				customQuickJoinId: 'qj-emil',
			},
		});

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([
			`PUT /api/v1/users/${id}`,
			`GET /api/v1/users/${id}`,
		]);
		expect(tv.calls('PUT')[0].body).toEqual({
			name: 'Emil E.',
			email: 'emil.e@example.com',
			active: false,
			log_sessions: false,
			show_comment_window: true,
			password: 'new-secret-1',
			custom_quicksupport_id: 'qs-emil',
			custom_quickjoin_id: 'qj-emil',
		});
		expect(tv.sim.state.users.get(id)).toMatchObject({ name: 'Emil E.', email: 'emil.e@example.com', active: false });
		expect(result.json).toEqual([userAsRead(id)]);
	});

	it('deactivates a user with only Active set to false', async () => {
		const id = tv.sandbox.userIds[2];

		const result = await tv.run({
			resource: 'user',
			operation: 'update',
			userId: locator(id),
			updateFields: { active: false },
		});

		expect(tv.calls('PUT')[0].body).toEqual({ active: false });
		expect(result.json[0]).toMatchObject({ id, active: false });
	});

	it.each([
		['no fields', {}, 'No fields to update were set'],
		['only a blank name', { name: '  ' }, 'No fields to update were set'],
		['an email that is not one', { email: 'emil at example' }, 'The Email "emil at example" is not valid'],
	])('refuses an update with %s', async (_case, updateFields, message) => {
		const result = await tv.run({
			resource: 'user',
			operation: 'update',
			userId: locator(tv.sandbox.userIds[4]),
			updateFields,
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(message);
		expect(tv.calls()).toHaveLength(0);
	});

	it('names an unknown user', async () => {
		const result = await tv.run({
			resource: 'user',
			operation: 'update',
			userId: locator('u9999998'),
			updateFields: { name: 'Nobody Here' },
		});

		expect(result.error?.message).toBe('User "u9999998" was not found in TeamViewer');
		expect(tv.calls('GET')).toHaveLength(0);
	});
});

describe('User: search', () => {
	it('lists users for the user picker as "name <email>", filtered by name or email', async () => {
		const workflow = teamViewerWorkflow({
			parameters: { resource: 'user', operation: 'get' },
			credential: tv.credential,
		});
		const users = [...tv.sim.state.users.values()];
		const option = (user: (typeof users)[number]) => ({ name: `${user.name} <${user.email}>`, value: user.id });
		const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

		const all = await tv.engine.listSearch(workflow, 'searchUsers');
		const byText = await tv.engine.listSearch(workflow, 'searchUsers', 'DANA');
		const byEmail = await tv.engine.listSearch(workflow, 'searchUsers', stored(1).email);

		expect(all.results).toEqual(users.map(option).sort(byName));
		expect(byText.results).toEqual([option(stored(3))]);
		expect(byEmail.results).toEqual([option(stored(1))]);
		expect(tv.calls('GET').map((call) => call.path)).toEqual(['/api/v1/users', '/api/v1/users', '/api/v1/users']);
	});
});

describe('User: Create (issue #14 fields and language)', () => {
	it('sends SSO customer ID, predefined-role flag, active, newsletter, licence keys and a picked role under TeamViewer\'s names', async () => {
		const result = await tv.run(
			createParameters({
				additionalFields: {
					active: false,
					ignorePredefinedRole: true,
					subscribeNewsletter: true,
					ssoCustomerId: 'sso-customer-42',
					licenseKey: 'LIC-AAAA-BBBB',
					meetingLicenseKey: 'MEET-CCCC',
					userRoleId: locator(SUPPORTER, 'list'),
				},
			}),
		);

		expect(result.status).toBe('success');
		expect(tv.calls('POST')[0].body).toEqual({
			email: 'nora.new@example.com',
			name: 'Nora New',
			language: 'en',
			sso_customer_id: 'sso-customer-42',
			license_key: 'LIC-AAAA-BBBB',
			userRoleId: SUPPORTER,
			ignorePredefinedRole: true,
			active: false,
			subscribe_newsletter: true,
			meeting_license_key: 'MEET-CCCC',
		});
		const created = storedByEmail('nora.new@example.com')!;
		expect(created).toMatchObject({
			active: false,
			subscribeNewsletter: true,
			ssoCustomerId: 'sso-customer-42',
			activated_meeting_license_key: 'MEET-CCCC',
			activated_license_name: 'Corporate',
			roleIds: [SUPPORTER],
		});
		expect(result.json).toEqual([{ ...userAsRead(created.id), created: true }]);
		expect(result.json[0]).toMatchObject({ userRoleId: SUPPORTER, permissions: 'ManageConnections,ModifyConnections' });
	});

	it('gives a new user the predefined role unless Ignore Predefined Role is on, which is sent only when set', async () => {
		tv.sim.state.predefinedRoleId = VIEWER;

		const plain = await tv.run(createParameters({ email: 'plain@example.com', additionalFields: { ignorePredefinedRole: false } }));
		const ignoring = await tv.run(createParameters({ email: 'ignoring@example.com', additionalFields: { ignorePredefinedRole: true } }));

		expect(tv.calls('POST').map((call) => (call.body as IDataObject).ignorePredefinedRole)).toEqual([undefined, true]);
		expect(plain.json[0].userRoleId).toBe(VIEWER);
		expect(ignoring.json[0].userRoleId).toBeNull();
	});

	it.each([
		['de-DE', 'de'],
		['pt-BR', 'pt'],
		['zh-CN', 'zh_CN'],
		['ZH_tw', 'zh_TW'],
		['zh_CN', 'zh_CN'],
		['auto', 'auto'],
		[' fr ', 'fr'],
	])('converts the language %p from an expression or an old workflow to %p, as TeamViewerPS does', async (typed, sent) => {
		const result = await tv.run(createParameters({ language: '={{ $json.locale }}' }), { input: [{ locale: typed }] });

		expect(result.status).toBe('success');
		expect((tv.calls('POST')[0].body as IDataObject).language).toBe(sent);
		expect(storedByEmail('nora.new@example.com')!.email_language).toBe(sent);
	});

	it.each(['zh-HK', 'nb-NO', 'zh', 'xx', 'auto-DE', 'de-DE-1996'])(
		'refuses the language %p, naming the value and TeamViewer\'s list, before calling TeamViewer',
		async (typed) => {
			const result = await tv.run(createParameters({ language: typed }));

			expect(result.error?.message).toBe(`The Language "${typed}" is not valid`);
			expect((result.error as { description?: string }).description).toContain('auto, bg, cs, da, de, el, en');
			expect(tv.calls()).toHaveLength(0);
		},
	);

	it('offers TeamViewer\'s languages sorted by name, with their codes', () => {
		const language = tv.engine
			.nodeDescription()
			.properties.find((property) => property.name === 'language' && property.displayOptions?.show?.resource?.includes('user'))!;
		const options = language.options as Array<{ name: string; value: string }>;

		expect(language.type).toBe('options');
		expect(options.map((option) => option.value).sort()).toEqual(
			['auto', 'bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'fi', 'fr', 'hr', 'hu', 'id', 'it', 'ja', 'ko', 'lt', 'nl', 'no', 'pl', 'pt', 'ro', 'ru', 'sk', 'sr', 'sv', 'th', 'tr', 'uk', 'vi', 'zh_CN', 'zh_TW'].sort(),
		);
		expect(options.find((option) => option.value === 'de')?.name).toBe('German (de)');
		expect(options.map((option) => option.name)).toEqual([...options.map((option) => option.name)].sort((a, b) => a.localeCompare(b)));
	});

	it('passes on TeamViewer\'s refusal of an unknown role', async () => {
		const unknown = '0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11';

		const result = await tv.run(createParameters({ additionalFields: { userRoleId: locator(unknown) } }));

		expect(result.error?.message).toBe(`TeamViewer refused the request: userRoleId: the user role ${unknown} does not exist`);
		expect(storedByEmail('nora.new@example.com')).toBeUndefined();
	});

	it('refuses a role that is not a UUID before calling TeamViewer', async () => {
		const result = await tv.run(createParameters({ additionalFields: { userRoleId: locator('={{ $json.role }}') } }), { input: [{ role: 'Supporter' }] });

		expect(result.error?.message).toBe('The User Role "Supporter" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});
});

describe('User: Update (issue #14 fields)', () => {
	it('sends SSO customer ID, licence key, TFA enforcement and role changes, then reads the user back', async () => {
		const ben = tv.sandbox.userIds[1];

		const result = await tv.run({
			resource: 'user',
			operation: 'update',
			userId: locator(ben),
			updateFields: {
				ssoCustomerId: 'sso-99',
				licenseKey: 'LIC-1',
				tfaEnforcement: true,
				assignUserRoleIds: [VIEWER.toUpperCase(), ADMINISTRATOR],
				unassignUserRoleIds: [SUPPORTER],
			},
		});

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([`PUT /api/v1/users/${ben}`, `GET /api/v1/users/${ben}`]);
		expect(tv.calls('PUT')[0].body).toEqual({
			sso_customer_id: 'sso-99',
			license_key: 'LIC-1',
			tfa_enforcement: true,
			assignUserRoleIds: [VIEWER, ADMINISTRATOR],
			unassignUserRoleIds: [SUPPORTER],
		});
		expect(stored(1)).toMatchObject({ roleIds: [VIEWER, ADMINISTRATOR], tfa_enforcement: true, ssoCustomerId: 'sso-99' });
		expect(result.json).toEqual([userAsRead(ben)]);
		expect(result.json[0].permissions).toBe('AllowGroupSharing,ManageAdmins,ManageUsers');
	});

	it.each([
		['a role both assigned and unassigned', { assignUserRoleIds: [VIEWER], unassignUserRoleIds: [VIEWER] }, `The Unassign User Roles "${VIEWER}" is not valid`],
		['a role that is not a UUID', { assignUserRoleIds: ['Supporter'] }, 'The Assign User Roles "Supporter" is not valid'],
	])('refuses %s before calling TeamViewer', async (_case, updateFields, message) => {
		const result = await tv.run({ resource: 'user', operation: 'update', userId: locator(tv.sandbox.userIds[1]), updateFields });

		expect(result.error?.message).toBe(message);
		expect(tv.calls()).toHaveLength(0);
	});
});

describe('User: Delete', () => {
	it('removes a user from the company without deleting the account', async () => {
		const emil = tv.sandbox.userIds[4];

		const result = await tv.run({ resource: 'user', operation: 'delete', userId: locator(emil, 'list') });

		expect(tv.calls().map((call) => [call.method, call.path, call.query])).toEqual([['DELETE', `/api/v1/users/${emil}`, {}]]);
		expect(result.json).toEqual([{ id: emil, deleted: true, permanent: false }]);
		expect(tv.sim.state.users.has(emil)).toBe(false);
		expect(tv.sim.state.removedAccounts.has(emil)).toBe(true);
		expect(tv.sim.state.userGroups.get(4002)!.memberIds).not.toContain(Number(emil.slice(1)));
	});

	it('deletes the account with Delete Permanently (isPermanentDelete=true, as TeamViewerPS sends it)', async () => {
		const dana = tv.sandbox.userIds[3];

		const result = await tv.run({ resource: 'user', operation: 'delete', userId: locator(dana.slice(1)), permanent: true });

		expect(tv.calls()[0]).toMatchObject({ method: 'DELETE', path: `/api/v1/users/${dana}`, query: { isPermanentDelete: 'true' } });
		expect(result.json).toEqual([{ id: dana, deleted: true, permanent: true }]);
		expect(tv.sim.state.users.has(dana)).toBe(false);
		expect(tv.sim.state.removedAccounts.has(dana)).toBe(false);
	});

	it('deletes one user per item, a few at a time, output in input order', async () => {
		const ids = tv.sandbox.userIds.slice(1, 5);

		const result = await tv.run(
			{ resource: 'user', operation: 'delete', userId: locator('={{ $json.id }}') },
			{ input: ids.map((id) => ({ id })) },
		);

		expect(result.json.map((item) => item.id)).toEqual(ids);
		expect(result.items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(tv.sim.state.users.size).toBe(1);
	});

	it('names an unknown user', async () => {
		const result = await tv.run({ resource: 'user', operation: 'delete', userId: locator('u9999999') });

		expect(result.error?.message).toBe('User "u9999999" was not found in TeamViewer');
	});

	it('names the missing permission for a token that may not delete users', async () => {
		const result = await tv.run(
			{ resource: 'user', operation: 'delete', userId: locator(tv.sandbox.userIds[4]) },
			{ credential: tv.tokenCredential(tv.sim.addToken({ userId: tv.sandbox.userIds[0], permissions: ['users.read', 'users.edit'] })) },
		);

		expect(result.error?.message).toBe('The TeamViewer token lacks the permission "User management → Delete users"');
		expect(tv.sim.state.users.has(tv.sandbox.userIds[4])).toBe(true);
	});
});

describe('User: Remove Two-Factor Authentication', () => {
	it('turns off two-factor authentication of a user who has it', async () => {
		const chloe = tv.sandbox.userIds[2];
		stored(2).tfa_enabled = true;

		const result = await tv.run({ resource: 'user', operation: 'removeTfa', userId: locator(chloe, 'list') });

		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([`GET /api/v1/users/${chloe}`, `DELETE /api/v1/users/${chloe}/tfa`]);
		expect(result.json).toEqual([{ id: chloe, tfa_removed: true, tfa_enabled: false }]);
		expect(stored(2).tfa_enabled).toBe(false);
	});

	it('sends nothing for a user without two-factor authentication, so a rerun does not fail', async () => {
		const chloe = tv.sandbox.userIds[2];

		const result = await tv.run({ resource: 'user', operation: 'removeTfa', userId: locator(chloe) });

		expect(result.status).toBe('success');
		expect(tv.calls('DELETE')).toHaveLength(0);
		expect(result.json).toEqual([{ id: chloe, tfa_removed: false, tfa_enabled: false }]);
	});

	it('names an unknown user', async () => {
		const result = await tv.run({ resource: 'user', operation: 'removeTfa', userId: locator('u9999999') });

		expect(result.error?.message).toBe('User "u9999999" was not found in TeamViewer');
		expect(tv.calls('DELETE')).toHaveLength(0);
	});
});

describe('User: Get Many by permissions', () => {
	it('sends the permissions comma-joined and returns the users who have all of them', async () => {
		const result = await tv.run({
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			filters: { permissions: ' ManageUsers , AllowGroupSharing ' },
		});

		expect(tv.calls('GET')[0].query).toEqual({ full_list: 'true', permissions: 'ManageUsers,AllowGroupSharing' });
		expect(result.json).toEqual([simplified(tv.sandbox.userIds[0])]);
	});

	it('refuses a permission that is not a name, before calling TeamViewer', async () => {
		const result = await tv.run({ resource: 'user', operation: 'getAll', returnAll: true, filters: { permissions: 'ManageUsers, view all' } });

		expect(result.error?.message).toBe('The Permissions "ManageUsers, view all" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});
});
