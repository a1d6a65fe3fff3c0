import type { IDataObject } from 'n8n-workflow';

import { teamViewerWorkflow } from '../harness/engine';
import { locator, useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

/** The sandbox's user groups: Helpdesk (Ben, Chloe; role Supporter), Escalation (Dana, Emil). */
const HELPDESK = 4001;
const ESCALATION = 4002;

const user = (index: number) => tv.sandbox.userIds[index];
const accountId = (index: number) => Number(user(index).slice(1));
const group = (id: number) => tv.sim.state.userGroups.get(id)!;
const groupOut = (id: number): IDataObject => ({ id, name: group(id).name, creationSourceType: group(id).creationSourceType });
const limited = () => tv.tokenCredential(tv.sandbox.tokens.limited);

/** `n` more user groups, `Team 001` …, after the sandbox's two. */
function addGroups(n: number): number[] {
	const seeds = Array.from({ length: n }, (_, i) => ({ id: 5001 + i, name: `Team ${String(i + 1).padStart(3, '0')}` }));
	tv.sim.seed({ userGroups: seeds });
	return seeds.map((seed) => seed.id);
}

describe('User Group: Get Many', () => {
	it('lists the user groups with paginationToken paging and a page limit', async () => {
		const extra = addGroups(150);

		const result = await tv.run({ resource: 'userGroup', operation: 'getAll', returnAll: true });

		const calls = tv.calls('GET');
		expect(calls.map((call) => call.path)).toEqual(['/api/v1/usergroups', '/api/v1/usergroups']);
		expect(calls[0].query).toEqual({ limit: '100' });
		expect(calls[1].query).toEqual({ limit: '100', paginationToken: expect.any(String) });
		expect(result.json).toEqual([HELPDESK, ESCALATION, ...extra].map(groupOut));
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('asks for no more than Limit and stops there', async () => {
		addGroups(150);

		const result = await tv.run({ resource: 'userGroup', operation: 'getAll', returnAll: false, limit: 3 });

		expect(tv.calls().map((call) => call.query)).toEqual([{ limit: '3' }]);
		expect(result.json).toEqual([HELPDESK, ESCALATION, 5001].map(groupOut));
	});

	it('names the permission a token without user-group access lacks', async () => {
		const result = await tv.run({ resource: 'userGroup', operation: 'getAll', returnAll: true }, { credential: limited() });

		expect(result.error?.message).toBe('The TeamViewer token lacks the permission "User groups → View user groups"');
	});
});

describe('User Group: Get', () => {
	it('reads one user group', async () => {
		const result = await tv.run({ resource: 'userGroup', operation: 'get', userGroupId: locator(` ${HELPDESK} `) });

		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([`GET /api/v1/usergroups/${HELPDESK}`]);
		expect(result.json).toEqual([groupOut(HELPDESK)]);
	});

	it('names a user group TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'userGroup', operation: 'get', userGroupId: locator('9999') });

		expect(result.error?.message).toBe('User group "9999" was not found in TeamViewer');
	});

	it('refuses an ID that is not a number before calling TeamViewer', async () => {
		const result = await tv.run({ resource: 'userGroup', operation: 'get', userGroupId: locator('={{ $json.id }}') }, { input: [{ id: 'Helpdesk' }] });

		expect(result.error?.message).toBe('The User Group "Helpdesk" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});
});

describe('User Group: Create', () => {
	it('creates a user group after checking the name is free (201 from TeamViewer)', async () => {
		const result = await tv.run({ resource: 'userGroup', operation: 'create', name: ' Field Service ' });

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
			'GET /api/v1/usergroups 200',
			'POST /api/v1/usergroups 201',
		]);
		expect(tv.calls('POST')[0].body).toEqual({ name: 'Field Service' });
		const made = [...tv.sim.state.userGroups.values()].find((candidate) => candidate.name === 'Field Service')!;
		expect(made.creationSourceType).toBe(1);
		expect(result.json).toEqual([{ ...groupOut(made.id), created: true }]);
	});

	it('returns the group of that name (any case, on any page) with created: false', async () => {
		tv.sim.config.userGroupsPageSize = 1;
		addGroups(120);

		const result = await tv.run({ resource: 'userGroup', operation: 'create', name: 'team 120' });

		expect(tv.calls('POST')).toHaveLength(0);
		expect(tv.calls('GET')).toHaveLength(2);
		expect(result.json).toEqual([{ ...groupOut(5120), created: false }]);
	});

	it('answers a 409 for a name taken meanwhile with the group that took it', async () => {
		// The first lookup sees no group; then another process makes it before the POST arrives.
		const original = tv.sim.state.userGroups;
		let lookups = 0;
		tv.sim.state.userGroups = new Proxy(original, {
			get(target, key) {
				if (key === 'values' && lookups++ === 0) {
					const values = target.values.bind(target);
					return () => {
						const answer = [...values()];
						target.set(7001, { id: 7001, name: 'Race', creationSourceType: 2, memberIds: [], roleId: null });
						return answer.values();
					};
				}
				const value = Reflect.get(target, key, target) as unknown;
				return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
			},
		});

		const result = await tv.run({ resource: 'userGroup', operation: 'create', name: 'Race' });

		expect(tv.calls().map((call) => `${call.method} ${call.status}`)).toEqual(['GET 200', 'POST 409', 'GET 200']);
		expect(result.json).toEqual([{ id: 7001, name: 'Race', creationSourceType: 2, created: false }]);
	});

	it('refuses an empty or too long name before calling TeamViewer', async () => {
		const empty = await tv.run({ resource: 'userGroup', operation: 'create', name: '  ' });
		const long = await tv.run({ resource: 'userGroup', operation: 'create', name: 'x'.repeat(101) });

		expect(empty.error?.message).toBe('The Name "" is not valid');
		expect(long.error?.message).toMatch(/^The Name "x+… \(103 characters\) is not valid$/);
		expect(tv.calls()).toHaveLength(0);
	});
});

describe('User Group: Update and Delete', () => {
	it('renames a user group and returns what TeamViewer answers', async () => {
		const result = await tv.run({ resource: 'userGroup', operation: 'update', userGroupId: locator(String(ESCALATION), 'list'), name: 'Second Line' });

		expect(tv.calls().map((call) => [call.method, call.path, call.body])).toEqual([
			['PUT', `/api/v1/usergroups/${ESCALATION}`, { name: 'Second Line' }],
		]);
		expect(result.json).toEqual([groupOut(ESCALATION)]);
		expect(group(ESCALATION).name).toBe('Second Line');
	});

	it('passes on the 409 for a name another group has', async () => {
		const result = await tv.run({ resource: 'userGroup', operation: 'update', userGroupId: locator(String(ESCALATION)), name: 'HELPDESK' });

		expect(result.error?.message).toBe("TeamViewer refused the request: A user group named 'Helpdesk' already exists");
		expect(group(ESCALATION).name).toBe('Escalation');
	});

	it('deletes a user group', async () => {
		const result = await tv.run({ resource: 'userGroup', operation: 'delete', userGroupId: locator(String(HELPDESK)) });

		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([`DELETE /api/v1/usergroups/${HELPDESK}`]);
		expect(result.json).toEqual([{ id: HELPDESK, deleted: true }]);
		expect(tv.sim.state.userGroups.has(HELPDESK)).toBe(false);
	});

	it('names an unknown group on delete', async () => {
		const result = await tv.run({ resource: 'userGroup', operation: 'delete', userGroupId: locator('9999') });

		expect(result.error?.message).toBe('User group "9999" was not found in TeamViewer');
	});

	it('names the permission a read-only token lacks', async () => {
		const token = tv.sim.addToken({ userId: user(0), permissions: ['userGroups.read'] });

		const result = await tv.run({ resource: 'userGroup', operation: 'delete', userGroupId: locator(String(HELPDESK)) }, { credential: tv.tokenCredential(token) });

		expect(result.error?.message).toBe('The TeamViewer token lacks the permission "User groups → Manage user groups"');
		expect(tv.sim.state.userGroups.has(HELPDESK)).toBe(true);
	});
});

describe('User Group: members', () => {
	it('lists the members with their user IDs', async () => {
		const result = await tv.run({ resource: 'userGroup', operation: 'getMembers', userGroupId: locator(String(HELPDESK)), returnAll: true });

		expect(tv.calls().map((call) => [call.path, call.query])).toEqual([[`/api/v1/usergroups/${HELPDESK}/members`, { limit: '100' }]]);
		expect(result.json).toEqual([
			{ userGroupId: HELPDESK, userId: user(1), accountId: accountId(1), name: 'Ben Backoffice' },
			{ userGroupId: HELPDESK, userId: user(2), accountId: accountId(2), name: 'Chloe Field' },
		]);
	});

	it('follows nextPaginationToken through a large group and stops at Limit', async () => {
		const seeded = Array.from({ length: 150 }, (_, i) => ({ id: `u${3000001 + i}`, name: `Bulk ${i}`, email: `bulk${i}@example.com` }));
		tv.sim.seed({ users: seeded });
		group(ESCALATION).memberIds.push(...seeded.map((entry) => Number(entry.id.slice(1))));

		const all = await tv.run({ resource: 'userGroup', operation: 'getMembers', userGroupId: locator(String(ESCALATION)), returnAll: true });
		const calls = tv.calls().map((call) => call.query);
		const some = await tv.run({ resource: 'userGroup', operation: 'getMembers', userGroupId: locator(String(ESCALATION)), returnAll: false, limit: 5 });

		expect(calls).toEqual([{ limit: '100' }, { limit: '100', paginationToken: expect.any(String) }]);
		expect(all.json).toHaveLength(152);
		expect(all.json[151]).toEqual({ userGroupId: ESCALATION, userId: 'u3000150', accountId: 3000150, name: 'Bulk 149' });
		expect(tv.calls().slice(2).map((call) => call.query)).toEqual([{ limit: '5' }]);
		expect(some.json.map((member) => member.userId)).toEqual([user(3), user(4), 'u3000001', 'u3000002', 'u3000003']);
	});

	it('adds only users who are not members, as a bare array of account ids', async () => {
		const result = await tv.run({
			resource: 'userGroup',
			operation: 'addMembers',
			userGroupId: locator(String(HELPDESK)),
			userIds: `${user(2)}, ${user(0)} ${user(3).slice(1)}`,
		});

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([
			`GET /api/v1/usergroups/${HELPDESK}/members`,
			`POST /api/v1/usergroups/${HELPDESK}/members`,
		]);
		expect(tv.calls('POST')[0].body).toEqual([accountId(0), accountId(3)]);
		expect(result.json).toEqual([
			{ userGroupId: HELPDESK, userId: user(2), member: true, changed: false },
			{ userGroupId: HELPDESK, userId: user(0), member: true, changed: true },
			{ userGroupId: HELPDESK, userId: user(3), member: true, changed: true },
		]);
		expect(group(HELPDESK).memberIds).toEqual([accountId(1), accountId(2), accountId(0), accountId(3)]);
	});

	it('sends nothing when everyone is a member already, so a rerun does not fail', async () => {
		const result = await tv.run({ resource: 'userGroup', operation: 'addMembers', userGroupId: locator(String(HELPDESK)), userIds: user(1) });

		expect(result.status).toBe('success');
		expect(tv.calls('POST')).toHaveLength(0);
	});

	it('adds at most 100 accounts per call', async () => {
		const seeded = Array.from({ length: 130 }, (_, i) => ({ id: `u${3000001 + i}`, name: `Bulk ${i}`, email: `bulk${i}@example.com` }));
		tv.sim.seed({ users: seeded });

		await tv.run({ resource: 'userGroup', operation: 'addMembers', userGroupId: locator(String(ESCALATION)), userIds: seeded.map((entry) => entry.id).join(',') });

		expect(tv.calls('POST').map((call) => (call.body as number[]).length)).toEqual([100, 30]);
		expect(group(ESCALATION).memberIds).toHaveLength(132);
	});

	it('removes only members, with DELETE and the account ids in the body', async () => {
		const result = await tv.run({ resource: 'userGroup', operation: 'removeMembers', userGroupId: locator(String(HELPDESK)), userIds: `${user(1)},${user(4)}` });

		expect(tv.calls('DELETE').map((call) => [call.path, call.body])).toEqual([[`/api/v1/usergroups/${HELPDESK}/members`, [accountId(1)]]]);
		expect(result.json).toEqual([
			{ userGroupId: HELPDESK, userId: user(1), member: false, changed: true },
			{ userGroupId: HELPDESK, userId: user(4), member: false, changed: false },
		]);
		expect(group(HELPDESK).memberIds).toEqual([accountId(2)]);
	});

	it('passes on TeamViewer\'s 404 for a user who is not in the company', async () => {
		const result = await tv.run({ resource: 'userGroup', operation: 'addMembers', userGroupId: locator(String(HELPDESK)), userIds: 'u9999999' });

		expect(result.error?.message).toBe('User group "4001" was not found in TeamViewer');
		expect(result.error?.description).toContain('Account 9999999 was not found.');
	});

	it('names an unknown group', async () => {
		const result = await tv.run({ resource: 'userGroup', operation: 'getMembers', userGroupId: locator('9999'), returnAll: true });

		expect(result.error?.message).toBe('User group "9999" was not found in TeamViewer');
	});

	it('refuses user IDs that are not IDs before calling TeamViewer', async () => {
		const result = await tv.run({ resource: 'userGroup', operation: 'removeMembers', userGroupId: locator(String(HELPDESK)), userIds: 'Ben Backoffice' });

		expect(result.error?.message).toBe('The User IDs "Ben" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});
});

describe('User Group: search', () => {
	it('reads pages until a name matches and hands the editor the token for more', async () => {
		addGroups(250);
		const workflow = teamViewerWorkflow({ parameters: { resource: 'userGroup', operation: 'get' }, credential: tv.credential });

		const first = await tv.engine.listSearch(workflow, 'searchUserGroups');
		const deep = await tv.engine.listSearch(workflow, 'searchUserGroups', 'team 25');
		const none = await tv.engine.listSearch(workflow, 'searchUserGroups', 'nothing like this');

		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'Escalation', value: String(ESCALATION) });
		expect(first.paginationToken).toEqual(expect.any(String));
		const more = await tv.engine.listSearch(workflow, 'searchUserGroups', undefined, first.paginationToken);
		expect(more.results.map((entry) => entry.name)).toContain('Team 099');
		expect(deep.results).toEqual([{ name: 'Team 250', value: '5250' }]);
		expect(none.results).toEqual([]);
		expect(none.paginationToken).toBeUndefined();
	});
});
