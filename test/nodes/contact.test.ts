import type { IDataObject } from 'n8n-workflow';

import { locator, useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

function groupIdOf(name: 'Customers' | 'ServiceNow' | 'Servers') {
	return tv.sandbox.groupsByName[name];
}

/** A contact as TeamViewer returns it, from the simulator's state. */
function contactAsRead(id: string): IDataObject {
	const contact = tv.sim.state.contacts.get(id)!;
	return {
		contact_id: contact.contact_id,
		user_id: contact.user_id,
		name: contact.name,
		email: contact.email,
		groupid: contact.groupid,
		description: contact.description,
		online_state: contact.online_state,
		profilepicture_url: contact.profilepicture_url,
		supported_features: contact.supported_features,
	};
}

/** Contacts in groups the token's user (Ada) sees, in the simulator's order. */
function visibleContacts() {
	const me = tv.sandbox.accountUserId;
	return [...tv.sim.state.contacts.values()].filter((contact) => {
		const group = tv.sim.state.groups.get(contact.groupid);
		return group !== undefined && (group.ownerId === me || group.shared_with.some((share) => share.userid === me));
	});
}

function contactByEmail(email: string) {
	return [...tv.sim.state.contacts.values()].find((contact) => contact.email === email);
}

describe('Contact: Create', () => {
	it('adds a contact to a group picked from the list, with name, description and invitation', async () => {
		const groupid = groupIdOf('ServiceNow');

		const result = await tv.run({
			resource: 'contact',
			operation: 'create',
			email: ' new.customer@example.com ',
			groupId: locator(groupid, 'list'),
			additionalFields: { name: 'New Customer', description: 'VIP, call first', invite: true },
		});

		expect(result.status).toBe('success');
		const posts = tv.calls('POST', /^\/api\/v1\/contacts$/);
		expect(posts).toHaveLength(1);
		expect(posts[0].body).toEqual({
			email: 'new.customer@example.com',
			groupid,
			name: 'New Customer',
			description: 'VIP, call first',
			invite: true,
		});
		const created = contactByEmail('new.customer@example.com');
		expect(created).toMatchObject({ groupid, name: 'New Customer', description: 'VIP, call first' });
		expect(result.json).toEqual([{ ...contactAsRead(created!.contact_id), created: true }]);
		expect(result.json[0].contact_id).toMatch(/^c\d+$/);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends only email and group when nothing else is set, normalising a typed group ID', async () => {
		const groupid = groupIdOf('Customers');

		const result = await tv.run({
			resource: 'contact',
			operation: 'create',
			email: 'plain@example.com',
			groupId: locator(groupid.toUpperCase()),
		});

		expect(tv.calls('POST')[0].body).toEqual({ email: 'plain@example.com', groupid });
		expect(result.json).toEqual([{ ...contactAsRead(contactByEmail('plain@example.com')!.contact_id), created: true }]);
	});

	it('refuses an email that is not one before calling TeamViewer', async () => {
		const result = await tv.run({
			resource: 'contact',
			operation: 'create',
			email: 'erika at example',
			groupId: locator(groupIdOf('Customers')),
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The Email "erika at example" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});

	it('refuses a computed group that is not a group ID before calling TeamViewer', async () => {
		const result = await tv.run(
			{ resource: 'contact', operation: 'create', email: 'x@example.com', groupId: locator('={{ $json.group }}') },
			{ input: [{ group: 'Customers' }] },
		);

		expect(result.error?.message).toBe('The Group "Customers" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});

	it('returns the contact already in the group with created: false instead of adding it twice', async () => {
		const existing = tv.sim.state.contacts.get(tv.sandbox.contactIds[0])!;

		const result = await tv.run({
			resource: 'contact',
			operation: 'create',
			email: existing.email,
			groupId: locator(existing.groupid),
		});

		expect(result.status).toBe('success');
		expect(tv.calls('POST')).toHaveLength(0);
		expect(result.json).toEqual([{ ...contactAsRead(existing.contact_id), created: false }]);
		expect(tv.sim.state.contacts.size).toBe(tv.sandbox.contactIds.length);
	});
});

describe('Contact: Get Many', () => {
	it('lists every contact I see, without filters in the query', async () => {
		const result = await tv.run({ resource: 'contact', operation: 'getAll', returnAll: true });

		const calls = tv.calls('GET', /\/contacts$/);
		expect(calls).toHaveLength(1);
		expect(calls[0].query).toEqual({});
		expect(result.json).toEqual(visibleContacts().map((contact) => contactAsRead(contact.contact_id)));
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('sends the filters as TeamViewer names them: several emails, group, online state', async () => {
		const groupid = groupIdOf('Customers');
		const [erika, john] = tv.sandbox.contactIds.map((id) => tv.sim.state.contacts.get(id)!);
		const emails = `${erika.email},${john.email}`;
		const expected = visibleContacts().filter(
			(contact) =>
				[erika.email, john.email].includes(contact.email) && contact.groupid === groupid && contact.online_state === 'Online',
		);

		const result = await tv.run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { email: emails, groupId: groupid.slice(1), onlineState: 'online' },
		});

		expect(tv.calls('GET')[0].query).toEqual({ email: emails, groupid, online_state: 'online' });
		expect(expected.map((contact) => contact.contact_id)).toEqual([erika.contact_id]);
		expect(result.json).toEqual([contactAsRead(erika.contact_id)]);
	});

	it('trims the emails of a comma-separated list, as typed by hand', async () => {
		const [erika, john] = tv.sandbox.contactIds.map((id) => tv.sim.state.contacts.get(id)!);

		const result = await tv.run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { email: ` ${erika.email} , ${john.email}, ` },
		});

		expect(tv.calls('GET')[0].query).toEqual({ email: `${erika.email},${john.email}` });
		expect(result.json).toEqual([contactAsRead(erika.contact_id), contactAsRead(john.contact_id)]);
	});

	it('refuses a filter email that is not one, before calling TeamViewer', async () => {
		const result = await tv.run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { email: 'erika.muster@customer.example, erika' },
		});

		expect(result.error?.message).toBe('The Email "erika" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});

	it('filters by name', async () => {
		const expected = visibleContacts().filter((contact) => contact.name.toLowerCase().includes('li'));

		const result = await tv.run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { name: 'li' },
		});

		expect(tv.calls('GET')[0].query).toEqual({ name: 'li' });
		expect(expected.length).toBeGreaterThan(0);
		expect(result.json.map((contact) => contact.contact_id)).toEqual(expected.map((contact) => contact.contact_id));
	});

	it('refuses a group filter that is not a group ID', async () => {
		const result = await tv.run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { groupId: 'Customers' },
		});

		expect(result.error?.message).toBe('The Group "Customers" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});

	it('returns at most Limit contacts', async () => {
		const result = await tv.run({ resource: 'contact', operation: 'getAll', returnAll: false, limit: 2 });

		expect(result.json).toEqual(visibleContacts().slice(0, 2).map((contact) => contactAsRead(contact.contact_id)));
		expect(tv.calls()).toHaveLength(1);
	});
});

describe('Contact: Delete', () => {
	it.each([
		['as given', (id: string) => id],
		['with an upper-case prefix', (id: string) => id.toUpperCase()],
		['without a prefix', (id: string) => ` ${id.slice(1)} `],
	])('deletes a contact whose ID is typed %s', async (_case, spell) => {
		const id = tv.sandbox.contactIds[1];

		const result = await tv.run({ resource: 'contact', operation: 'delete', contactId: spell(id) });

		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([`DELETE /api/v1/contacts/${id}`]);
		expect(result.json).toEqual([{ contact_id: id, deleted: true }]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(tv.sim.state.contacts.has(id)).toBe(false);
	});

	it('names the contact TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'contact', operation: 'delete', contactId: 'c9999999' });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Contact "c9999999" was not found in TeamViewer');
		expect(tv.sim.state.contacts.size).toBe(tv.sandbox.contactIds.length);
	});

	it('refuses an email where a contact ID belongs, before calling TeamViewer', async () => {
		const result = await tv.run({ resource: 'contact', operation: 'delete', contactId: 'erika@example.com' });

		expect(result.error?.message).toBe('The Contact ID "erika@example.com" is not valid');
		expect((result.error as { description?: string }).description).toContain('c5551234');
		expect(tv.calls()).toHaveLength(0);
	});

	it('deletes one contact per input item', async () => {
		const [first, second] = tv.sandbox.contactIds;

		const result = await tv.run(
			{ resource: 'contact', operation: 'delete', contactId: '={{ $json.id }}' },
			{ input: [{ id: first }, { id: second.toUpperCase() }] },
		);

		expect(tv.calls('DELETE').map((call) => call.path)).toEqual([`/api/v1/contacts/${first}`, `/api/v1/contacts/${second}`]);
		expect(result.items).toEqual([
			{ json: { contact_id: first, deleted: true }, pairedItem: { item: 0 } },
			{ json: { contact_id: second, deleted: true }, pairedItem: { item: 1 } },
		]);
	});
});

describe('Contact: Get', () => {
	it('reads one contact by ID and unwraps TeamViewer\'s {contacts: [...]} answer', async () => {
		const contactId = tv.sandbox.contactIds[0];

		const result = await tv.run({ resource: 'contact', operation: 'get', contactId: ` ${contactId.toUpperCase()} ` });

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([`GET /api/v1/contacts/${contactId} 200`]);
		expect(result.items).toEqual([{ json: contactAsRead(contactId), pairedItem: { item: 0 } }]);
	});

	it('accepts the bare number of a contact ID', async () => {
		const contactId = tv.sandbox.contactIds[1];

		const result = await tv.run({ resource: 'contact', operation: 'get', contactId: contactId.slice(1) });

		expect(tv.calls()[0].path).toBe(`/api/v1/contacts/${contactId}`);
		expect(result.json).toEqual([contactAsRead(contactId)]);
	});

	it('names a contact TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'contact', operation: 'get', contactId: 'c1' });

		expect(result.error?.message).toBe('Contact "c1" was not found in TeamViewer');
		expect(tv.calls().map((call) => call.status)).toEqual([404]);
	});

	it('refuses an ID that is not a contact ID without calling TeamViewer', async () => {
		const result = await tv.run({ resource: 'contact', operation: 'get', contactId: 'nathan@example.com' });

		expect(result.error?.message).toBe('The Contact ID "nathan@example.com" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});
});
