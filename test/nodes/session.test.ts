import { locator, useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

const SESSION_CODE = /^s\d{3}-\d{3}-\d{3}$/;
const HOUR = 3600_000;

function groupIdOf(name: 'Customers' | 'ServiceNow') {
	return tv.sandbox.groupsByName[name];
}

describe('Service case: Create', () => {
	it('creates a remote-control case in a group picked from the list, valid for 24 h', async () => {
		const result = await tv.run({
			resource: 'session',
			operation: 'create',
			groupId: locator(groupIdOf('Customers'), 'list'),
		});

		expect(result.status).toBe('success');
		const [post] = tv.calls('POST', /^\/api\/v1\/sessions$/);
		expect(post.body).toEqual({ groupid: groupIdOf('Customers'), support_session_type: 0 });
		expect(result.items).toHaveLength(1);
		const [session] = result.json;
		expect(session.code).toMatch(SESSION_CODE);
		expect(session.state).toBe('Open');
		expect(Date.parse(session.valid_until as string) - Date.parse(session.created_at as string)).toBe(24 * HOUR);
		expect(session.end_customer_link).toContain((session.code as string).replace(/-/g, ''));
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(tv.sim.state.sessions.get(session.code as string)?.groupid).toBe(groupIdOf('Customers'));
	});

	it('sends every field in TeamViewer form: group by name, Assist AR, customer, user, expiry, SMS, custom ID', async () => {
		const validUntil = new Date(Date.now() + 2 * HOUR).toISOString();
		const result = await tv.run({
			resource: 'session',
			operation: 'create',
			groupId: locator('ServiceNow', 'name'),
			sessionType: 'assistAr',
			additionalFields: {
				description: 'INC0010042: printer does not print',
				endCustomerName: 'Erika Muster',
				endCustomerEmail: ' erika@example.com ',
				assignedUserId: tv.sandbox.accountUserId.toUpperCase(),
				validUntil,
				waitingMessage: 'Please wait',
				customId: 'INC0010042',
				smsInviteNumber: '+49 151 2345 6789',
			},
		});

		expect(result.status).toBe('success');
		const [post] = tv.calls('POST', /^\/api\/v1\/sessions$/);
		expect(post.body).toEqual({
			groupname: 'ServiceNow',
			support_session_type: 1,
			description: 'INC0010042: printer does not print',
			end_customer: { name: 'Erika Muster', email: 'erika@example.com' },
			assigned_userid: tv.sandbox.accountUserId,
			valid_until: validUntil.replace(/\.\d{3}Z$/, 'Z'),
			waiting_message: 'Please wait',
			customId: 'INC0010042',
			sms_invite_number: '+4915123456789',
		});
		expect(result.json[0]).toMatchObject({ groupid: groupIdOf('ServiceNow'), support_session_type: 'Pilot' });
	});

	it.each([
		['End Customer Email', { endCustomerEmail: 'not-an-email' }, /End Customer Email "not-an-email"/],
		['SMS Invite Number', { smsInviteNumber: '0151 2345' }, /SMS Invite Number "0151 2345"/],
		['Assigned User', { assignedUserId: 'ada@example.com' }, /Assigned User "ada@example.com"/],
		['Valid Until', { validUntil: '2001-01-01T00:00:00Z' }, /Valid Until "2001-01-01T00:00:00Z"/],
	])('rejects a bad %s before calling TeamViewer', async (_field, additionalFields, message) => {
		const result = await tv.run({
			resource: 'session',
			operation: 'create',
			groupId: locator(groupIdOf('Customers')),
			additionalFields,
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).toMatch(/is not valid/);
		expect(tv.calls('POST')).toHaveLength(0);
	});

	it('rejects a group ID that is not one: n8n flags a typed one, the node a computed one', async () => {
		await expect(
			tv.run({ resource: 'session', operation: 'create', groupId: locator('Customers') }),
		).rejects.toThrow(/Not a group ID \(e\.g\. g2720325\)/);

		const result = await tv.run(
			{ resource: 'session', operation: 'create', groupId: locator('={{ $json.group }}') },
			{ input: [{ group: 'Customers' }] },
		);

		expect(result.error?.message).toBe('The Group "Customers" is not valid');
		expect((result.error as { description?: string }).description).toContain('g2720325');
		expect(tv.calls()).toHaveLength(0);
	});

	it.each([
		['as text (the default)', undefined],
		['as a JSON error body', { error: 'invalid_request', error_description: 'The session could not be created because of license limitations.' }],
	])('explains the concurrent-session licence limit, %s', async (_shape, body) => {
		const now = Date.now();
		if (body) tv.sim.config.licenceLimitBody = body;
		tv.sim.config.licenceLimit = [...tv.sim.state.sessions.values()].filter(
			(session) => session.state === 'Open' && Date.parse(session.valid_until) > now,
		).length;

		const result = await tv.run({ resource: 'session', operation: 'create', groupId: locator(groupIdOf('Customers')) });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('TeamViewer refused: licence limit of concurrent sessions reached');
		expect((result.error as { description?: string }).description).toMatch(/Close service cases/);
		expect(tv.calls('POST', /sessions/)).toHaveLength(1);
	});

	it('a refusal other than 400 that mentions the licence is not taken for the licence limit', async () => {
		tv.sim.injectFault({ kind: 'status', status: 403, method: 'POST', path: 'sessions$', body: { error: 'forbidden', error_description: 'No licence limitation applies; the token lacks the permission.' } });

		const result = await tv.run({ resource: 'session', operation: 'create', groupId: locator(groupIdOf('Customers')) });

		expect(result.error?.message).toBe('The TeamViewer token lacks the permission "Session management → Create sessions"');
	});
});

describe('Service case: Get', () => {
	it('accepts an undashed code and returns the simplified case', async () => {
		const code = tv.sandbox.openSessionCodes[0];

		const result = await tv.run({
			resource: 'session',
			operation: 'get',
			sessionCode: locator(code.replace(/-/g, '').toUpperCase()),
		});

		expect(tv.calls('GET').map((call) => call.path)).toEqual([`/api/v1/sessions/${code}`]);
		const stored = tv.sim.state.sessions.get(code)!;
		expect(result.json).toEqual([
			{
				code,
				state: 'Open',
				online: stored.online,
				description: stored.description,
				end_customer_name: stored.end_customer?.name ?? null,
				end_customer_email: stored.end_customer?.email ?? null,
				assigned_userid: stored.assigned_userid,
				valid_until: stored.valid_until,
				end_customer_link: stored.end_customer_link,
				supporter_link: stored.supporter_link,
				...(stored.customId ? { customId: stored.customId } : {}),
			},
		]);
	});

	it('returns every field with Simplify off, and takes a pasted customer link', async () => {
		const code = tv.sandbox.openSessionCodes[0];
		const link = tv.sim.state.sessions.get(code)!.end_customer_link;

		const result = await tv.run({
			resource: 'session',
			operation: 'get',
			sessionCode: locator(link, 'url'),
			simplify: false,
		});

		expect(result.json[0]).toMatchObject({ code, supporter_link: expect.any(String), created_at: expect.any(String) });
		expect(Object.keys(result.json[0]).length).toBeGreaterThan(12);
	});

	it('names the session code TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'session', operation: 'get', sessionCode: locator('s999-999-999') });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Session "s999-999-999" was not found in TeamViewer');
	});
});

describe('Service case: Get Many', () => {
	it('sends the filters and pages with offset until the last page', async () => {
		tv.sim.config.sessionsPageSize = 2;
		const expected = [...tv.sim.state.sessions.values()].filter(
			(session) => session.state === 'Open' && session.groupid === groupIdOf('Customers'),
		);

		const result = await tv.run({
			resource: 'session',
			operation: 'getAll',
			returnAll: true,
			filters: { state: 'open', groupId: groupIdOf('Customers').slice(1) },
			simplify: false,
		});

		expect(result.status).toBe('success');
		const calls = tv.calls('GET', /\/sessions$/);
		expect(calls.length).toBe(Math.ceil(expected.length / 2));
		expect(calls[0].query).toEqual({ full_list: 'true', state: 'open', groupid: groupIdOf('Customers') });
		calls.slice(1).forEach((call, page) => expect(call.query.offset).toBe(String((page + 1) * 2)));
		expect(result.json.map((session) => session.code).sort()).toEqual(expected.map((s) => s.code).sort());
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('stops paging as soon as Limit is reached', async () => {
		tv.sim.config.sessionsPageSize = 2;

		const result = await tv.run({ resource: 'session', operation: 'getAll', returnAll: false, limit: 3 });

		expect(result.json).toHaveLength(3);
		expect(tv.calls('GET', /\/sessions$/)).toHaveLength(2);
	});

	it('filters by assigned user', async () => {
		const result = await tv.run({
			resource: 'session',
			operation: 'getAll',
			returnAll: true,
			filters: { assignedUserId: tv.sandbox.accountUserId },
		});

		expect(tv.calls('GET')[0].query.assigned_userid).toBe(tv.sandbox.accountUserId);
		expect(result.json.length).toBeGreaterThan(0);
		expect(result.json.every((session) => session.assigned_userid === tv.sandbox.accountUserId)).toBe(true);
	});
});

describe('Service case: Update, Close, Delete', () => {
	it('updates the fields set and returns the case as TeamViewer now has it', async () => {
		const code = tv.sandbox.openSessionCodes[0];

		const result = await tv.run({
			resource: 'session',
			operation: 'update',
			sessionCode: locator(code),
			updateFields: { description: 'Escalated', endCustomerName: 'Erika Muster', groupId: groupIdOf('ServiceNow') },
		});

		const email = tv.sim.state.sessions.get(code)!.end_customer?.email ?? null;
		const [put] = tv.calls('PUT');
		expect(put.path).toBe(`/api/v1/sessions/${code}`);
		expect(put.body).toEqual({
			description: 'Escalated',
			end_customer: { name: 'Erika Muster', email },
			groupid: groupIdOf('ServiceNow'),
		});
		expect(result.json[0]).toMatchObject({
			code,
			description: 'Escalated',
			groupid: groupIdOf('ServiceNow'),
			end_customer: { name: 'Erika Muster', email },
		});
	});

	it('keeps the end customer email when only the name changes (TeamViewer replaces end_customer whole)', async () => {
		const code = tv.sandbox.openSessionCodes[0];
		tv.sim.state.sessions.get(code)!.end_customer = { name: 'E. Muster', email: 'erika@example.com' };

		const result = await tv.run({
			resource: 'session',
			operation: 'update',
			sessionCode: locator(code),
			updateFields: { endCustomerName: 'Erika Muster' },
		});

		expect(tv.calls().map((call) => call.method)).toEqual(['GET', 'PUT', 'GET']);
		expect(tv.calls('PUT')[0].body).toEqual({ end_customer: { name: 'Erika Muster', email: 'erika@example.com' } });
		expect(result.json[0].end_customer).toEqual({ name: 'Erika Muster', email: 'erika@example.com' });
	});

	it('refuses an update without fields', async () => {
		const result = await tv.run({ resource: 'session', operation: 'update', sessionCode: locator(tv.sandbox.openSessionCodes[0]) });

		expect(result.error?.message).toBe('No fields to update were set');
		expect(tv.calls()).toHaveLength(0);
	});

	it('closes a case the way production clients do', async () => {
		const code = tv.sandbox.openSessionCodes[0];

		const result = await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(code) });

		expect(tv.calls('PUT')[0].body).toEqual({ state: 'closed' });
		expect(result.json[0]).toMatchObject({ code, state: 'Closed', closed_at: expect.any(String) });
		expect(tv.sim.state.sessions.get(code)?.state).toBe('Closed');
	});

	it.each(['refuse', 'accept'] as const)('closing a closed case again succeeds without a change (TeamViewer closing twice: %s)', async (closingClosedSession) => {
		tv.sim.config.closingClosedSession = closingClosedSession;
		const code = tv.sandbox.openSessionCodes[0];
		const first = await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(code) });

		const again = await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(code) });

		expect(again.status).toBe('success');
		expect(again.json[0]).toMatchObject({ code, state: 'Closed', closed_at: first.json[0].closed_at });
		expect(tv.calls('PUT', new RegExp(`/sessions/${code}$`))).toHaveLength(2);
	});

	it('a refused close of an open case is an error naming TeamViewer\'s reason', async () => {
		const code = tv.sandbox.openSessionCodes[0];
		tv.sim.injectFault({ kind: 'status', method: 'PUT', path: `/sessions/${code}$`, status: 400, body: { error: 'invalid_request', error_description: 'Session cannot be closed.' } });

		const result = await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(code) });

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Session cannot be closed/);
		expect(tv.sim.state.sessions.get(code)?.state).toBe('Open');
	});

	it('deletes a case', async () => {
		const code = tv.sandbox.openSessionCodes[0];

		const result = await tv.run({ resource: 'session', operation: 'delete', sessionCode: locator(code) });

		expect(tv.calls('DELETE')[0].path).toBe(`/api/v1/sessions/${code}`);
		expect(result.json).toEqual([{ code, deleted: true }]);
		expect(tv.sim.state.sessions.has(code)).toBe(false);
	});
});

describe('Service case: Get or Create', () => {
	const parameters = (customId: string) => ({
		resource: 'session',
		operation: 'getOrCreate',
		customId,
		groupId: locator(groupIdOf('ServiceNow')),
		additionalFields: { description: `${customId}: VPN down` },
	});

	it('gives one ticket one session however often its webhook fires', async () => {
		const first = await tv.run(parameters('incident:46d44a5d'));
		const second = await tv.run(parameters('incident:46d44a5d'));
		const third = await tv.run(parameters('incident:46d44a5d'), { input: [{}, {}] });

		expect(first.json[0]).toMatchObject({ created: true, customId: 'incident:46d44a5d' });
		expect(second.json[0]).toMatchObject({ created: false, code: first.json[0].code });
		expect(third.json.map((session) => session.code)).toEqual([first.json[0].code, first.json[0].code]);
		const posts = tv.calls('POST', /\/sessions$/);
		expect(posts).toHaveLength(1);
		expect(posts[0].body).toMatchObject({ customId: 'incident:46d44a5d', custom_api: 'incident:46d44a5d' });
		const open = [...tv.sim.state.sessions.values()].filter((s) => s.customId === 'incident:46d44a5d');
		expect(open).toHaveLength(1);
	});

	it('creates a new case when the one for the ticket has expired or is closed', async () => {
		const { code, customId } = tv.sandbox.customIdSession;
		tv.sim.state.sessions.get(code)!.valid_until = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z/, 'Z');

		const result = await tv.run({ ...parameters(customId), groupId: locator(tv.sim.state.sessions.get(code)!.groupid) });

		expect(result.json[0]).toMatchObject({ created: true });
		expect(result.json[0].code).not.toBe(code);
	});

	it('never hands out a closed case, even when the list returns one for the ticket', async () => {
		tv.sim.config.sessionListIgnoresState = true;
		const first = await tv.run(parameters('INC0010098'));
		await tv.run({ resource: 'session', operation: 'close', sessionCode: locator(first.json[0].code as string) });

		const second = await tv.run(parameters('INC0010098'));

		const listed = tv.calls('GET', /\/sessions$/).at(-1)!;
		expect(listed.query).toMatchObject({ state: 'open' });
		expect(second.json[0]).toMatchObject({ created: true, state: 'Open' });
		expect(second.json[0].code).not.toBe(first.json[0].code);
		expect(tv.sim.state.sessions.get(first.json[0].code as string)?.state).toBe('Closed');
	});

	it('reuses a case by custom_api when TeamViewer does not echo customId on reads', async () => {
		tv.sim.config.echoCustomIdOnRead = false;
		const first = await tv.run(parameters('INC0010099'));
		const second = await tv.run(parameters('INC0010099'));

		expect(second.json[0]).toMatchObject({ created: false, code: first.json[0].code });
		expect(tv.calls('POST', /\/sessions$/)).toHaveLength(1);
	});

	it('creates anew when the open case would expire within the minimum validity', async () => {
		const first = await tv.run(parameters('INC0010100'));
		const second = await tv.run({ ...parameters('INC0010100'), options: { minValidityMinutes: 25 * 60 } });

		expect(second.json[0]).toMatchObject({ created: true });
		expect(second.json[0].code).not.toBe(first.json[0].code);
	});

	it('reuses a case valid longer than the minimum validity, not one valid exactly that long (TeamViewer\'s clock)', async () => {
		tv.sim.clock.set('2026-03-02T09:00:00Z');
		const first = await tv.run(parameters('INC0010101'));
		// Valid 24 h from its creation: 1 439 minutes is less than that, 1 440 exactly that.
		const shorter = await tv.run({ ...parameters('INC0010101'), options: { minValidityMinutes: 1439 } });
		const exact = await tv.run({ ...parameters('INC0010101'), options: { minValidityMinutes: 1440 } });

		expect(tv.sim.state.sessions.get(first.json[0].code as string)?.valid_until).toBe('2026-03-03T09:00:00Z');
		expect(shorter.json[0]).toMatchObject({ created: false, code: first.json[0].code });
		expect(exact.json[0]).toMatchObject({ created: true });
	});

	it('keeps custom_api for the ticket key: the Custom API Field is not offered here', async () => {
		const { packageNodeTypes, PACKAGE_NAME } = await import('../harness/package');
		const properties = packageNodeTypes.get(`${PACKAGE_NAME}.teamViewer`)!.description.properties;
		const fieldsOf = (operation: string) =>
			properties
				.filter((property) => property.name === 'additionalFields' && (property.displayOptions?.show?.operation as string[]).includes(operation))
				.flatMap((property) => (property.options as Array<{ name: string }>).map((option) => option.name));

		expect(fieldsOf('create')).toContain('customApi');
		expect(fieldsOf('getOrCreate')).not.toContain('customApi');
	});

	it('requires a custom ID', async () => {
		const result = await tv.run(parameters('  '));

		expect(result.error?.message).toBe('The Custom ID "" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});
});

describe('Service case: Continue On Fail and search', () => {
	it('keeps going per item: a bad item becomes an error item, the others still run', async () => {
		const code = tv.sandbox.openSessionCodes[0];

		const result = await tv.run(
			{ resource: 'session', operation: 'get', sessionCode: locator('={{ $json.code }}') },
			{ input: [{ code: 'nonsense' }, { code }, { code: 's999-999-999' }], continueOnFail: true },
		);

		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.json[0].error).toBe('The Service Case "nonsense" is not valid');
		expect(result.json[1].code).toBe(code);
		expect(result.json[2].error).toBe('Session "s999-999-999" was not found in TeamViewer');
	});

	it('lists open cases for the service case picker, filtered by the search text', async () => {
		const code = tv.sandbox.openSessionCodes[0];
		const workflow = (await import('../harness/engine')).teamViewerWorkflow({
			parameters: { resource: 'session', operation: 'get' },
			credential: tv.credential,
		});

		const all = await tv.engine.listSearch(workflow, 'searchSessions');
		const filtered = await tv.engine.listSearch(workflow, 'searchSessions', code.slice(1, 8));

		expect(all.results.map((result) => result.value).sort()).toEqual([...tv.sandbox.openSessionCodes].sort());
		expect(filtered.results.map((result) => result.value)).toEqual([code]);
		expect(tv.calls('GET')[0].query).toEqual({ state: 'open', full_list: 'true' });
	});
});

describe('Service case: Get Many by link validity', () => {
	it("splits open cases into expired and still valid on TeamViewer's clock", async () => {
		const now = Date.now();
		tv.sim.clock.set(new Date(now + 30 * HOUR).toISOString());
		const open = [...tv.sim.state.sessions.values()].filter((session) => session.state === 'Open');
		const expected = (expired: boolean) =>
			open.filter((session) => (Date.parse(session.valid_until) <= now + 30 * HOUR) === expired).map((session) => session.code).sort();

		const expired = await tv.run({ resource: 'session', operation: 'getAll', returnAll: true, filters: { state: 'open', validity: 'expired' } });
		const valid = await tv.run({ resource: 'session', operation: 'getAll', returnAll: true, filters: { state: 'open', validity: 'valid' } });

		expect(expired.json.map((session) => session.code).sort()).toEqual(expected(true));
		expect(valid.json.map((session) => session.code).sort()).toEqual(expected(false));
		expect(expected(true).length).toBeGreaterThan(0);
	});
});
