import type { IDataObject } from 'n8n-workflow';

import { teamViewerWorkflow } from '../harness/engine';
import { locator, useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

const ROLE_ID = '0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11';

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
	return {
		id: user.id,
		name: user.name,
		email: user.email,
		online_state: user.online_state,
		active: user.active,
		log_sessions: user.log_sessions,
		show_comment_window: user.show_comment_window,
		custom_quicksupport_id: user.custom_quicksupport_id,
		custom_quickjoin_id: user.custom_quickjoin_id,
		last_access_date: user.last_access_date,
		activated_license_id: user.activated_license_id,
		activated_license_name: user.activated_license_name,
		userRoleId: user.userRoleId,
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
				language: ' pt-BR ',
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
			language: 'pt-BR',
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
			email_language: 'pt-BR',
			log_sessions: false,
			show_comment_window: true,
			userRoleId: ROLE_ID,
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
		['a language name instead of a code', { language: 'English' }, 'The Language "English" is not valid', /pt-BR/],
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
