import type { IDataObject } from 'n8n-workflow';

import { teamViewerWorkflow } from '../harness/engine';
import { locator, useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

type GroupName = 'Customers' | 'ServiceNow' | 'Servers' | 'Shared with me';

function groupIdOf(name: GroupName) {
	return tv.sandbox.groupsByName[name];
}

function userName(userId: string) {
	return tv.sim.state.users.get(userId)?.name ?? null;
}

/** A group as the token's user (Ada) reads it (TeamViewer's group fields), from the simulator's state. */
function groupAsSeen(groupId: string): IDataObject {
	const group = tv.sim.state.groups.get(groupId)!;
	const me = tv.sandbox.accountUserId;
	const share = group.shared_with.find((entry) => entry.userid === me);
	return {
		id: group.id,
		name: group.name,
		shared_with: group.shared_with.map((entry) => ({
			userid: entry.userid,
			name: userName(entry.userid),
			permissions: entry.permissions,
			pending: entry.pending,
		})),
		owner: { userid: group.ownerId, name: userName(group.ownerId) },
		permissions: group.ownerId === me ? 'owned' : share?.permissions,
		policy_id: group.policy_id,
	};
}

function visibleGroups() {
	const me = tv.sandbox.accountUserId;
	return [...tv.sim.state.groups.values()].filter(
		(group) => group.ownerId === me || group.shared_with.some((entry) => entry.userid === me),
	);
}

/** Users of the sandbox by position: 0 Ada (the account), 1 Ben, 2 Chloe, 3 Dana, 4 Emil. */
function userId(index: number) {
	return tv.sandbox.userIds[index];
}

describe('Group: Create', () => {
	it('creates a group with the trimmed name and the policy, and returns it as TeamViewer has it', async () => {
		const result = await tv.run({
			resource: 'group',
			operation: 'create',
			name: '  Field Service  ',
			additionalFields: { policyId: 'policy-7f3a' },
		});

		expect(result.status).toBe('success');
		const posts = tv.calls('POST', /^\/api\/v1\/groups$/);
		expect(posts).toHaveLength(1);
		expect(posts[0].body).toEqual({ name: 'Field Service', policy_id: 'policy-7f3a' });
		const created = [...tv.sim.state.groups.values()].find((group) => group.name === 'Field Service');
		expect(created).toBeDefined();
		expect(created!.policy_id).toBe('policy-7f3a');
		expect(result.json).toEqual([{ ...groupAsSeen(created!.id), created: true }]);
		expect(result.json[0]).toMatchObject({ permissions: 'owned', owner: { userid: tv.sandbox.accountUserId } });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends only the name when no policy is set', async () => {
		const result = await tv.run({ resource: 'group', operation: 'create', name: 'Kiosks' });

		expect(tv.calls('POST')[0].body).toEqual({ name: 'Kiosks' });
		expect(result.json[0]).toMatchObject({ name: 'Kiosks', policy_id: null, shared_with: [] });
		expect(result.json[0].id).toMatch(/^g\d+$/);
	});

	it('requires a name and does not call TeamViewer for a blank one', async () => {
		const result = await tv.run({ resource: 'group', operation: 'create', name: '   ' });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The Name "" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});

	it('returns the group of that name (any case) with created: false instead of a second one', async () => {
		const before = tv.sim.state.groups.size;
		const id = tv.sandbox.groupsByName.Customers;

		const result = await tv.run({ resource: 'group', operation: 'create', name: 'customers' });

		expect(result.status).toBe('success');
		expect(tv.calls('POST')).toHaveLength(0);
		expect(tv.calls('GET')[0].query).toEqual({ name: 'customers', shouldMatchFullName: 'true' });
		expect(result.json).toEqual([{ ...groupAsSeen(id), created: false }]);
		expect(tv.sim.state.groups.size).toBe(before);
	});
});

describe('Group: Get', () => {
	it('reads a group picked from the list', async () => {
		const id = groupIdOf('Customers');

		const result = await tv.run({ resource: 'group', operation: 'get', groupId: locator(id, 'list') });

		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([`GET /api/v1/groups/${id}`]);
		expect(result.json).toEqual([groupAsSeen(id)]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it.each([
		['an upper-case prefix', (id: string) => id.toUpperCase()],
		['no prefix', (id: string) => id.slice(1)],
		['spaces around it', (id: string) => `  ${id} `],
	])('normalises a typed ID with %s', async (_case, spell) => {
		const id = groupIdOf('Servers');

		const result = await tv.run({ resource: 'group', operation: 'get', groupId: locator(spell(id)) });

		expect(tv.calls('GET')[0].path).toBe(`/api/v1/groups/${id}`);
		expect(result.json).toEqual([groupAsSeen(id)]);
	});

	it('shows a group shared with me with my permission on it', async () => {
		const id = groupIdOf('Shared with me');

		const result = await tv.run({ resource: 'group', operation: 'get', groupId: locator(id) });

		expect(result.json[0]).toMatchObject({ id, permissions: 'read', owner: { userid: userId(3) } });
	});

	it('names the group TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'group', operation: 'get', groupId: locator('g9999999') });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Group "g9999999" was not found in TeamViewer');
		expect(tv.calls('GET')[0].status).toBe(404);
	});

	it('refuses a computed value that is not a group ID without calling TeamViewer', async () => {
		const result = await tv.run(
			{ resource: 'group', operation: 'get', groupId: locator('={{ $json.group }}') },
			{ input: [{ group: 'Customers' }] },
		);

		expect(result.error?.message).toBe('The Group "Customers" is not valid');
		expect((result.error as { description?: string }).description).toContain('g2720325');
		expect(tv.calls()).toHaveLength(0);
	});
});

describe('Group: Get Many', () => {
	it('lists every group I see, without filters in the query', async () => {
		const result = await tv.run({ resource: 'group', operation: 'getAll', returnAll: true });

		const calls = tv.calls('GET', /\/groups$/);
		expect(calls).toHaveLength(1);
		expect(calls[0].query).toEqual({});
		expect(result.json).toEqual(visibleGroups().map((group) => groupAsSeen(group.id)));
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('filters by part of the name, trimmed', async () => {
		const expected = visibleGroups().filter((group) => group.name.toLowerCase().includes('serv'));

		const result = await tv.run({
			resource: 'group',
			operation: 'getAll',
			returnAll: true,
			filters: { name: ' serv ' },
		});

		expect(tv.calls('GET')[0].query).toEqual({ name: 'serv' });
		expect(expected.length).toBeGreaterThan(1);
		expect(result.json.map((group) => group.id)).toEqual(expected.map((group) => group.id));
	});

	it.each([
		['shared', 'true', (owner: string) => owner !== tv.sandbox.accountUserId],
		['own', 'false', (owner: string) => owner === tv.sandbox.accountUserId],
	])('sends shared=%s as %s and returns only those groups', async (shared, wire, keep) => {
		const expected = visibleGroups().filter((group) => keep(group.ownerId));

		const result = await tv.run({
			resource: 'group',
			operation: 'getAll',
			returnAll: true,
			filters: { shared },
		});

		expect(tv.calls('GET')[0].query).toEqual({ shared: wire });
		expect(expected.length).toBeGreaterThan(0);
		expect(result.json.map((group) => group.id)).toEqual(expected.map((group) => group.id));
	});

	it('does not send shared for "Any"', async () => {
		const result = await tv.run({
			resource: 'group',
			operation: 'getAll',
			returnAll: true,
			filters: { shared: 'any' },
		});

		expect(tv.calls('GET')[0].query).toEqual({});
		expect(result.json).toHaveLength(visibleGroups().length);
	});

	it('returns at most Limit groups', async () => {
		const result = await tv.run({ resource: 'group', operation: 'getAll', returnAll: false, limit: 2 });

		expect(visibleGroups().length).toBeGreaterThan(2);
		expect(result.json.map((group) => group.id)).toEqual(visibleGroups().slice(0, 2).map((group) => group.id));
		expect(tv.calls()).toHaveLength(1);
	});
});

describe('Group: Update', () => {
	it('sends the changed fields and returns the group read back', async () => {
		const id = groupIdOf('Customers');

		const result = await tv.run({
			resource: 'group',
			operation: 'update',
			groupId: locator(id, 'list'),
			updateFields: { name: ' Customers EU ', policyId: 'policy-eu' },
		});

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([
			`PUT /api/v1/groups/${id}`,
			`GET /api/v1/groups/${id}`,
		]);
		expect(tv.calls('PUT')[0].body).toEqual({ name: 'Customers EU', policy_id: 'policy-eu' });
		expect(tv.sim.state.groups.get(id)).toMatchObject({ name: 'Customers EU', policy_id: 'policy-eu' });
		expect(result.json).toEqual([groupAsSeen(id)]);
	});

	it.each([
		['no fields', {}],
		['only a blank name', { name: '   ' }],
	])('refuses an update with %s', async (_case, updateFields) => {
		const result = await tv.run({
			resource: 'group',
			operation: 'update',
			groupId: locator(groupIdOf('Customers')),
			updateFields,
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('No fields to update were set');
		expect(tv.calls()).toHaveLength(0);
	});

	it('names an unknown group', async () => {
		const result = await tv.run({
			resource: 'group',
			operation: 'update',
			groupId: locator('g9999998'),
			updateFields: { name: 'Anything' },
		});

		expect(result.error?.message).toBe('Group "g9999998" was not found in TeamViewer');
		expect(tv.calls('GET')).toHaveLength(0);
	});
});

describe('Group: Delete', () => {
	it('deletes an owned group and says so', async () => {
		const id = groupIdOf('ServiceNow');

		const result = await tv.run({ resource: 'group', operation: 'delete', groupId: locator(id.toUpperCase()) });

		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([`DELETE /api/v1/groups/${id}`]);
		expect(result.json).toEqual([{ id, deleted: true }]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(tv.sim.state.groups.has(id)).toBe(false);
	});

	it('for a group only shared with me, removes my share and leaves the group', async () => {
		const id = groupIdOf('Shared with me');

		const result = await tv.run({ resource: 'group', operation: 'delete', groupId: locator(id, 'list') });

		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([`DELETE /api/v1/groups/${id}`]);
		expect(result.json).toEqual([{ id, deleted: true }]);
		const group = tv.sim.state.groups.get(id)!;
		expect(group.ownerId).toBe(userId(3));
		expect(group.shared_with.map((share) => share.userid)).not.toContain(tv.sandbox.accountUserId);
	});

	it('names the group TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'group', operation: 'delete', groupId: locator('g9999997') });

		expect(result.error?.message).toBe('Group "g9999997" was not found in TeamViewer');
		expect(tv.sim.state.groups.size).toBe(tv.sandbox.groupIds.length);
	});
});

describe('Group: Share and Unshare', () => {
	it('shares with several users, each with its permission, and shows the shares', async () => {
		const id = groupIdOf('ServiceNow');
		const chloe = userId(2);
		const emil = userId(4);

		const result = await tv.run({
			resource: 'group',
			operation: 'share',
			groupId: locator(id, 'list'),
			shares: {
				user: [
					{ userId: chloe.toUpperCase(), permissions: 'readwrite' },
					{ userId: ` ${emil.slice(1)} `, permissions: 'read' },
				],
			},
		});

		expect(result.status).toBe('success');
		const [post] = tv.calls('POST');
		expect(post.path).toBe(`/api/v1/groups/${id}/share_group`);
		expect(post.body).toEqual({
			users: [
				{ userid: chloe, permissions: 'readwrite' },
				{ userid: emil, permissions: 'read' },
			],
		});
		expect(tv.calls('GET').map((call) => call.path)).toEqual([`/api/v1/groups/${id}`]);
		expect(result.json).toEqual([groupAsSeen(id)]);
		expect(result.json[0].shared_with).toEqual([
			{ userid: chloe, name: userName(chloe), permissions: 'readwrite', pending: false },
			{ userid: emil, name: userName(emil), permissions: 'read', pending: false },
		]);
	});

	it('changes the permission of a user the group is already shared with', async () => {
		const id = groupIdOf('Customers');
		const ben = userId(1);
		expect(tv.sim.state.groups.get(id)!.shared_with).toEqual([{ userid: ben, permissions: 'readwrite', pending: false }]);

		const result = await tv.run({
			resource: 'group',
			operation: 'share',
			groupId: locator(id),
			shares: { user: [{ userId: ben, permissions: 'read' }] },
		});

		expect(tv.calls('POST')[0].body).toEqual({ users: [{ userid: ben, permissions: 'read' }] });
		expect(result.json[0].shared_with).toEqual([{ userid: ben, name: userName(ben), permissions: 'read', pending: false }]);
	});

	it('refuses a user ID that is not one, naming the field, before calling TeamViewer', async () => {
		const result = await tv.run({
			resource: 'group',
			operation: 'share',
			groupId: locator(groupIdOf('ServiceNow')),
			shares: { user: [{ userId: userId(2), permissions: 'read' }, { userId: 'bob', permissions: 'read' }] },
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The User "bob" is not valid');
		expect((result.error as { description?: string }).description).toContain('u1234567');
		expect(tv.calls()).toHaveLength(0);
	});

	it('refuses to share with nobody', async () => {
		const result = await tv.run({ resource: 'group', operation: 'share', groupId: locator(groupIdOf('ServiceNow')) });

		expect(result.error?.message).toBe('The Share With [] is not valid');
		expect((result.error as { description?: string }).description).toBe('Expected at least one user.');
		expect(tv.calls()).toHaveLength(0);
	});

	it('fails without changing anything when I do not own the group', async () => {
		const id = groupIdOf('Shared with me');
		const before = JSON.stringify(tv.sim.state.groups.get(id)!.shared_with);

		const result = await tv.run({
			resource: 'group',
			operation: 'share',
			groupId: locator(id),
			shares: { user: [{ userId: userId(2), permissions: 'readwrite' }] },
		});

		expect(result.status).toBe('error');
		expect(tv.calls().map((call) => [call.method, call.status])).toEqual([['POST', 403]]);
		expect(JSON.stringify(tv.sim.state.groups.get(id)!.shared_with)).toBe(before);
	});

	it('names an unknown group when sharing', async () => {
		const result = await tv.run({
			resource: 'group',
			operation: 'share',
			groupId: locator('g9999996'),
			shares: { user: [{ userId: userId(2), permissions: 'read' }] },
		});

		expect(result.error?.message).toBe('Group "g9999996" was not found in TeamViewer');
		expect(tv.calls('POST')).toHaveLength(1);
		expect(tv.calls('GET')).toHaveLength(0);
	});

	it('unshares the users of a comma-separated list and shows who is left', async () => {
		const id = groupIdOf('Customers');
		const [, ben, chloe, dana] = tv.sandbox.userIds;
		tv.sim.state.groups.get(id)!.shared_with.push(
			{ userid: chloe, permissions: 'read', pending: false },
			{ userid: dana, permissions: 'readwrite', pending: false },
		);

		const result = await tv.run({
			resource: 'group',
			operation: 'unshare',
			groupId: locator(id, 'list'),
			userIds: ` ${ben}, ${chloe.slice(1)} ,, `,
		});

		expect(result.status).toBe('success');
		const [post] = tv.calls('POST');
		expect(post.path).toBe(`/api/v1/groups/${id}/unshare_group`);
		expect(post.body).toEqual({ users: [ben, chloe] });
		expect(result.json).toEqual([groupAsSeen(id)]);
		expect(result.json[0].shared_with).toEqual([
			{ userid: dana, name: userName(dana), permissions: 'readwrite', pending: false },
		]);
	});

	it.each([
		['an empty list', ' , ', 'The User IDs "," is not valid'],
		['a name among the IDs', `u1000002, bob`, 'The User IDs "bob" is not valid'],
	])('refuses to unshare with %s', async (_case, userIds, message) => {
		const result = await tv.run({
			resource: 'group',
			operation: 'unshare',
			groupId: locator(groupIdOf('Customers')),
			userIds,
		});

		expect(result.error?.message).toBe(message);
		expect(tv.calls()).toHaveLength(0);
	});
});

describe('Group: Continue On Fail and search', () => {
	it('keeps going per item and pairs each output with its input', async () => {
		const id = groupIdOf('Servers');

		const result = await tv.run(
			{ resource: 'group', operation: 'get', groupId: locator('={{ $json.group }}') },
			{ input: [{ group: id }, { group: 'g9999999' }, { group: 'Servers' }], continueOnFail: true },
		);

		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.json[0]).toEqual(groupAsSeen(id));
		expect(result.json[1].error).toBe('Group "g9999999" was not found in TeamViewer');
		expect(result.json[2].error).toBe('The Group "Servers" is not valid');
		expect(tv.calls()).toHaveLength(2);
	});

	it('lists the groups for the group picker by name, and passes the search text to TeamViewer', async () => {
		const workflow = teamViewerWorkflow({
			parameters: { resource: 'group', operation: 'get' },
			credential: tv.credential,
		});
		const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

		const all = await tv.engine.listSearch(workflow, 'searchGroups');
		const filtered = await tv.engine.listSearch(workflow, 'searchGroups', 'SERV');

		expect(all.results).toEqual(
			visibleGroups()
				.map((group) => ({ name: group.name, value: group.id }))
				.sort(byName),
		);
		expect(filtered.results).toEqual(
			visibleGroups()
				.filter((group) => group.name.toLowerCase().includes('serv'))
				.map((group) => ({ name: group.name, value: group.id }))
				.sort(byName),
		);
		expect(filtered.results.map((result) => result.name)).toEqual(['Servers', 'ServiceNow']);
		expect(tv.calls('GET').map((call) => call.query)).toEqual([{}, { name: 'SERV' }]);
	});
});
