/**
 * The bad-input corpus: values a webhook payload or an expression can put into a field (wrong types,
 * wrong formats, path tricks, long and unicode text). For each one the node either fails the item
 * with an error that names the field, before sending anything, or sends exactly the request shown.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { locator, useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

/** The field under test reads the item's `v`. */
const V = '={{ $json.v }}';
const groupG = 'g2720001';

interface Target {
	/** The field as the error names it. */
	field: string;
	parameters: () => INodeParameters;
}

const targets: Target[] = [
	{ field: 'Group', parameters: () => ({ resource: 'session', operation: 'create', groupId: locator(V) }) },
	{ field: 'Session Type', parameters: () => ({ resource: 'session', operation: 'create', groupId: locator(groupG), sessionType: V }) },
	{ field: 'Additional Fields → SMS Invite Number', parameters: () => ({ resource: 'session', operation: 'create', groupId: locator(groupG), additionalFields: { smsInviteNumber: V } }) },
	{ field: 'Additional Fields → Description', parameters: () => ({ resource: 'session', operation: 'create', groupId: locator(groupG), additionalFields: { description: V } }) },
	{ field: 'Additional Fields → End Customer Email', parameters: () => ({ resource: 'session', operation: 'create', groupId: locator(groupG), additionalFields: { endCustomerEmail: V } }) },
	{ field: 'Additional Fields → Valid Until', parameters: () => ({ resource: 'session', operation: 'create', groupId: locator(groupG), additionalFields: { validUntil: V } }) },
	{ field: 'Options → Idempotency Key', parameters: () => ({ resource: 'session', operation: 'create', groupId: locator(groupG), options: { idempotencyKey: V } }) },
	{ field: 'Custom ID', parameters: () => ({ resource: 'session', operation: 'getOrCreate', groupId: locator(groupG), customId: V }) },
	{ field: 'Service Case', parameters: () => ({ resource: 'session', operation: 'get', sessionCode: locator(V) }) },
	{ field: 'Limit', parameters: () => ({ resource: 'session', operation: 'getAll', returnAll: false, limit: V }) },
	{ field: 'Filters → State', parameters: () => ({ resource: 'session', operation: 'getAll', filters: { state: V } }) },
	{ field: 'TeamViewer ID', parameters: () => ({ resource: 'device', operation: 'create', groupId: locator(groupG), teamViewerId: V }) },
	{ field: 'Additional Fields → Alias', parameters: () => ({ resource: 'device', operation: 'create', groupId: locator(groupG), teamViewerId: '123456789', additionalFields: { alias: V } }) },
	{ field: 'Additional Fields → Password', parameters: () => ({ resource: 'device', operation: 'create', groupId: locator(groupG), teamViewerId: '123456789', additionalFields: { password: V } }) },
	{ field: 'Device Password', parameters: () => ({ resource: 'device', operation: 'assign', teamViewerId: '123456789', devicePassword: V }) },
	{ field: 'Name', parameters: () => ({ resource: 'group', operation: 'create', name: V }) },
	{ field: 'Email', parameters: () => ({ resource: 'contact', operation: 'create', groupId: locator(groupG), email: V }) },
	{ field: 'Filters → Online State', parameters: () => ({ resource: 'contact', operation: 'getAll', filters: { onlineState: V } }) },
	{ field: 'Update Fields → Billing State', parameters: () => ({ resource: 'connectionReport', operation: 'update', reportId: '0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11', updateFields: { billingState: V } }) },
	{ field: 'Update Fields → Active', parameters: () => ({ resource: 'user', operation: 'update', userId: locator('u1000001'), updateFields: { active: V } }) },
	{ field: 'Start', parameters: () => ({ resource: 'eventLog', operation: 'getAll', startDate: V, endDate: '2030-01-01T00:00:00Z' }) },
];

/** Values of a type no field here accepts, and how the error's description ends for each. */
const PICK_A_FIELD = (kind: string) => ` An expression gave ${kind}: pick the field you mean, e.g. {{ $json.group.name }}.`;
const wrongTypes: Array<[string, unknown, string]> = [
	['an object', { name: 'ServiceNow' }, `got an object.${PICK_A_FIELD('an object')}`],
	['a list', ['a', 'b'], `got a list.${PICK_A_FIELD('a list')}`],
	['null', null, "got null. An expression gave null: end it with ?? '' to leave the field empty."],
	['true', true, 'got true.'],
	['a nested object', { ticket: { id: 7 } }, `got an object.${PICK_A_FIELD('an object')}`],
];

interface Case {
	name: string;
	parameters: INodeParameters;
	v: unknown;
	/** Either the error message, or the request sent. */
	error?: string | RegExp;
	/** The error's description (`details` with Continue On Fail), when the case is about it. */
	details?: string | RegExp;
	request?: { method: string; path: string; body?: IDataObject; query?: Record<string, unknown> };
}

const typeCases: Case[] = targets.flatMap((target) =>
	wrongTypes
		// A boolean field accepts true; its own wrong values are listed below.
		.filter(([, value]) => !(target.field.endsWith('Active') && value === true))
		.map(([kind, value, ending]) => ({
			name: `${target.field}: ${kind}`,
			parameters: target.parameters(),
			v: value,
			error: new RegExp(`^The ${escape(target.field)} .* is not valid$`),
			details: new RegExp(`^Expected .+, ${escape(ending)}$`),
		})),
);

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const sessionCreate = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'session', operation: 'create', groupId: locator(groupG), ...extra });
const postSession = (body: IDataObject) => ({ method: 'POST', path: '/api/v1/sessions', body: { groupid: groupG, support_session_type: 0, ...body } });

const specificCases: Case[] = [
	// Numbers where text is expected are converted on purpose.
	{ name: 'SMS number as a number (no +) is a format error, not dropped', parameters: sessionCreate({ additionalFields: { smsInviteNumber: V } }), v: 4915123456789, error: 'The SMS Invite Number 4915123456789 is not valid' },
	{ name: 'SMS number as text with spaces', parameters: sessionCreate({ additionalFields: { smsInviteNumber: V } }), v: '+49 151 2345 6789', request: postSession({ sms_invite_number: '+4915123456789' }) },
	{ name: 'group ID as a number gets its prefix', parameters: sessionCreate({ groupId: locator(V) }), v: 2720001, request: postSession({}) },
	{ name: 'description as a number', parameters: sessionCreate({ additionalFields: { description: V } }), v: 42, request: postSession({ description: '42' }) },
	{ name: 'custom ID as a number', parameters: sessionCreate({ additionalFields: { customId: V } }), v: 10042, request: postSession({ customId: '10042' }) },
	{ name: 'TeamViewer ID as a number', parameters: { resource: 'device', operation: 'create', groupId: locator(groupG), teamViewerId: V }, v: 123456789, request: { method: 'POST', path: '/api/v1/devices', body: { remotecontrol_id: 'r123456789', groupid: groupG } } },
	{ name: 'device password as a number', parameters: { resource: 'device', operation: 'create', groupId: locator(groupG), teamViewerId: '123456789', additionalFields: { password: V } }, v: 987654, request: { method: 'POST', path: '/api/v1/devices', body: { remotecontrol_id: 'r123456789', groupid: groupG, password: '987654' } } },
	{ name: 'group name as a number', parameters: { resource: 'group', operation: 'create', name: V }, v: 2026, request: { method: 'POST', path: '/api/v1/groups', body: { name: '2026' } } },
	// Options accept only their values.
	{ name: 'session type "teleport"', parameters: sessionCreate({ sessionType: V }), v: 'teleport', error: 'The Session Type "teleport" is not valid' },
	{ name: 'session type shown name instead of value', parameters: sessionCreate({ sessionType: V }), v: 'Remote Control', error: 'The Session Type "Remote Control" is not valid' },
	{ name: 'session type as a number', parameters: sessionCreate({ sessionType: V }), v: 1, error: 'The Session Type 1 is not valid' },
	{ name: 'session type Assist AR', parameters: sessionCreate({ sessionType: V }), v: 'assistAr', request: postSession({ support_session_type: 1 }) },
	{ name: 'state filter "pending"', parameters: { resource: 'session', operation: 'getAll', filters: { state: V } }, v: 'pending', error: 'The Filters → State "pending" is not valid' },
	{ name: 'validity filter "soon"', parameters: { resource: 'session', operation: 'getAll', filters: { validity: V } }, v: 'soon', error: 'The Filters → Link Validity "soon" is not valid' },
	{ name: 'billing state "Free"', parameters: { resource: 'connectionReport', operation: 'update', reportId: '0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11', updateFields: { billingState: V } }, v: 'Free', error: 'The Update Fields → Billing State "Free" is not valid' },
	{ name: 'billing state in lower case', parameters: { resource: 'connectionReport', operation: 'update', reportId: '0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11', updateFields: { billingState: V } }, v: 'bill', error: 'The Update Fields → Billing State "bill" is not valid' },
	{ name: 'online state "Online" (the shown name)', parameters: { resource: 'contact', operation: 'getAll', filters: { onlineState: V } }, v: 'Online', error: 'The Filters → Online State "Online" is not valid' },
	{ name: 'online state "online"', parameters: { resource: 'contact', operation: 'getAll', filters: { onlineState: V } }, v: 'online', request: { method: 'GET', path: '/api/v1/contacts', query: { online_state: 'online' } } },
	{ name: 'share permission "admin"', parameters: { resource: 'group', operation: 'share', groupId: locator(groupG), shares: { user: [{ userId: locator('u1000002'), permissions: V }] } }, v: 'admin', error: 'The Share With → User → Permission "admin" is not valid' },
	{ name: 'scope "everything"', parameters: { resource: 'managedDevice', operation: 'getAll', scope: V }, v: 'everything', error: 'The Scope "everything" is not valid' },
	{ name: 'event types not a list', parameters: { resource: 'eventLog', operation: 'getAll', startDate: '2020-01-01T00:00:00Z', endDate: '2030-01-01T00:00:00Z', filters: { eventTypes: V } }, v: 'Session', error: 'The Filters → Event Types "Session" is not valid' },
	// Collections given whole by an expression: n8n replaces a value that is not a set of fields with the
	// collection's default before the node reads it, so the operation's own checks speak.
	{ name: 'share list as text (n8n gives the empty default)', parameters: { resource: 'group', operation: 'share', groupId: locator(groupG), shares: V }, v: 'everyone', error: 'The Share With [] is not valid' },
	{ name: 'share entry as text (n8n gives an entry without a user)', parameters: { resource: 'group', operation: 'share', groupId: locator(groupG), shares: { user: V } }, v: 'u1000002', error: 'The User "" is not valid' },
	{ name: 'update fields as text (n8n gives no fields)', parameters: { resource: 'user', operation: 'update', userId: locator('u1000001'), updateFields: V }, v: 'active', error: 'No fields to update were set' },
	// Values JSON has no form for: named by their type.
	{ name: 'a BigInt from an expression', parameters: sessionCreate({ additionalFields: { description: '={{ BigInt(10) }}' } }), v: null, error: 'The Additional Fields → Description "10" is not valid', details: 'Expected text (a number is accepted too), got a bigint.' },
	{ name: 'a symbol from an expression', parameters: sessionCreate({ additionalFields: { description: '={{ Symbol("x") }}' } }), v: null, error: 'The Additional Fields → Description Symbol(x) is not valid', details: 'Expected text (a number is accepted too), got a symbol.' },
	{ name: 'role IDs (listed by TeamViewer) as text, not a list', parameters: { resource: 'user', operation: 'update', userId: locator('u1000001'), updateFields: { assignUserRoleIds: V } }, v: '0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11', error: 'The Update Fields → Assign User Role Names or IDs "0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11" is not valid', details: 'Expected a list of values, got text.' },
	{ name: 'event types not a list names the listed values', parameters: { resource: 'eventLog', operation: 'getAll', startDate: '2020-01-01T00:00:00Z', endDate: '2030-01-01T00:00:00Z', filters: { eventTypes: V } }, v: 7, error: 'The Filters → Event Types 7 is not valid', details: /^Expected a list of "[A-Za-z]+", ".*, got a number\.$/ },
	// Booleans are booleans.
	{ name: 'active as the text "false"', parameters: { resource: 'user', operation: 'update', userId: locator('u1000001'), updateFields: { active: V } }, v: 'false', error: 'The Update Fields → Active "false" is not valid' },
	{ name: 'active as 0', parameters: { resource: 'user', operation: 'update', userId: locator('u1000001'), updateFields: { active: V } }, v: 0, error: 'The Update Fields → Active 0 is not valid' },
	{ name: 'invite as "yes"', parameters: { resource: 'contact', operation: 'create', groupId: locator(groupG), email: 'a@example.com', additionalFields: { invite: V } }, v: 'yes', error: 'The Additional Fields → Invite "yes" is not valid' },
	{ name: 'return all as "true"', parameters: { resource: 'session', operation: 'getAll', returnAll: V }, v: 'true', error: 'The Return All "true" is not valid' },
	{ name: 'simplify as 1', parameters: { resource: 'session', operation: 'getAll', returnAll: true, simplify: V }, v: 1, error: 'The Simplify 1 is not valid' },
	// Limit ≥ 1, whole.
	...[-1, 0, 1.5, 'abc', '', Number.NaN].map((v) => ({ name: `limit ${JSON.stringify(v)}`, parameters: { resource: 'session', operation: 'getAll', returnAll: false, limit: V }, v, error: /^The Limit .* is not valid$/ })),
	{ name: 'limit as text "2" is read as 2', parameters: { resource: 'group', operation: 'getAll', returnAll: false, limit: V }, v: '2', request: { method: 'GET', path: '/api/v1/groups' } },
	{ name: 'minimum validity -5', parameters: { resource: 'session', operation: 'getOrCreate', groupId: locator(groupG), customId: 'INC1', options: { minValidityMinutes: V } }, v: -5, error: 'The Options → Minimum Remaining Validity (Minutes) -5 is not valid', details: 'Expected a number of at least 0, got a number.' },
	{ name: 'limit 1.5 names the range', parameters: { resource: 'session', operation: 'getAll', returnAll: false, limit: V }, v: 1.5, error: 'The Limit 1.5 is not valid', details: 'Expected a whole number of at least 1, got a number.' },
	{ name: 'limit as text that is no number', parameters: { resource: 'session', operation: 'getAll', returnAll: false, limit: V }, v: ' ', error: 'The Limit " " is not valid', details: 'Expected a whole number of at least 1, got text.' },
	// Path and query tricks never reach the URL.
	...['../account', 's123-456-789/../../account', 's123-456-789?state=closed', 's123-456-789#x', '%2e%2e%2faccount', 's123-456-789%2F..', ' s123-456-7890', 's12-3456-789', 'S123_456_789', 'https://evil.example/s123456789'].map((v) => ({
		name: `service case ${JSON.stringify(v)}`,
		parameters: { resource: 'session', operation: 'get', sessionCode: locator(V) },
		v,
		error: /^The Service Case ".*" is not valid$/,
	})),
	...['d1/../../account', 'd123?x=1', 'g123', '../d1', 'd1;2', 'd12#3'].map((v) => ({
		name: `device ID ${JSON.stringify(v)}`,
		parameters: { resource: 'device', operation: 'get', deviceId: locator(V) },
		v,
		error: /^The Device ".*" is not valid$/,
	})),
	...['g1/../x', 'g1?name=a', 'u123', 'g-1', 'gg1'].map((v) => ({
		name: `group ID ${JSON.stringify(v)}`,
		parameters: { resource: 'group', operation: 'get', groupId: locator(V) },
		v,
		error: /^The Group ".*" is not valid$/,
	})),
	...['u1/../../x', 'u1?x', 'g1', '1.5'].map((v) => ({
		name: `user ID ${JSON.stringify(v)}`,
		parameters: { resource: 'user', operation: 'get', userId: locator(V) },
		v,
		error: /^The User ".*" is not valid$/,
	})),
	...['../x', '0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b1', '0f7c1c3e5b1f4c599a532f3c1d0e9b11?', 'not-a-uuid'].map((v) => ({
		name: `report ID ${JSON.stringify(v)}`,
		parameters: { resource: 'connectionReport', operation: 'get', reportId: V },
		v,
		error: /^The Report ID ".*" is not valid$/,
	})),
	{ name: 'name search with query characters is sent as a value', parameters: { resource: 'group', operation: 'getAll', returnAll: true, filters: { name: V } }, v: 'a&shared=true', request: { method: 'GET', path: '/api/v1/groups', query: { name: 'a&shared=true' } } },
	// Formats.
	...['erika', 'erika@', '@example.com', 'erika @example.com', 'a@b', 'erika@example.com, x'].map((v) => ({
		name: `email ${JSON.stringify(v)}`,
		parameters: { resource: 'contact', operation: 'create', groupId: locator(groupG), email: V },
		v,
		error: /^The Email ".*" is not valid$/,
	})),
	...['0123456', '+0123456789', '+49', '+49 151 abc', '++4915123456789', '+491512345678901234'].map((v) => ({
		name: `SMS number ${JSON.stringify(v)}`,
		parameters: sessionCreate({ additionalFields: { smsInviteNumber: V } }),
		v,
		error: /^The SMS Invite Number ".*" is not valid$/,
	})),
	...['12345', '12345678901', 'r12345', 'abc456789', '123-456-78'].map((v) => ({
		name: `TeamViewer ID ${JSON.stringify(v)}`,
		parameters: { resource: 'device', operation: 'create', groupId: locator(groupG), teamViewerId: V },
		v,
		error: /^The TeamViewer ID ".*" is not valid$/,
	})),
	...['yesterday', '2025-13-01T00:00:00Z', '01/02/2025', 'now'].map((v) => ({
		name: `valid until ${JSON.stringify(v)}`,
		parameters: sessionCreate({ additionalFields: { validUntil: V } }),
		v,
		error: /^The Valid Until ".*" is not valid$/,
	})),
	{ name: 'valid until in the past', parameters: sessionCreate({ additionalFields: { validUntil: V } }), v: '2001-01-01T00:00:00Z', error: 'The Valid Until "2001-01-01T00:00:00Z" is not valid' },
	...['English', 'e', 'en-', '12'].map((v) => ({
		name: `language ${JSON.stringify(v)}`,
		parameters: { resource: 'user', operation: 'create', email: 'n@example.com', name: 'Nora', language: V },
		v,
		error: /^The Language ".*" is not valid$/,
	})),
	// Lengths: refused with the echo cut short, or sent whole when allowed.
	{ name: 'description of 4001 characters', parameters: sessionCreate({ additionalFields: { description: V } }), v: 'x'.repeat(4001), error: /^The Description "x{40}…" is not valid$/ },
	{ name: 'description of 4000 characters is sent', parameters: sessionCreate({ additionalFields: { description: V } }), v: 'y'.repeat(4000), request: postSession({ description: 'y'.repeat(4000) }) },
	{ name: 'a 10 000-character TeamViewer ID is echoed cut short', parameters: { resource: 'device', operation: 'create', groupId: locator(groupG), teamViewerId: V }, v: '9'.repeat(10_000), error: /^The TeamViewer ID "9{79}… \(10002 characters\) is not valid$/ },
	{ name: 'a 10 000-character session code is echoed cut short', parameters: { resource: 'session', operation: 'get', sessionCode: locator(V) }, v: 's'.repeat(10_000), error: /^The Service Case "s{79}… \(10002 characters\) is not valid$/ },
	{ name: 'a 1 000-element list is echoed cut short', parameters: sessionCreate({ additionalFields: { description: V } }), v: Array.from({ length: 1000 }, (_, i) => i), error: /^The Additional Fields → Description \[0,1,2,[\d,]+… \(\d+ characters\) is not valid$/ },
	// Unicode is sent as it is.
	{ name: 'customer name with accents and emoji', parameters: sessionCreate({ additionalFields: { endCustomerName: V } }), v: 'Zoë Ñúñez 🚀', request: postSession({ end_customer: { name: 'Zoë Ñúñez 🚀' } }) },
	{ name: 'right-to-left description', parameters: sessionCreate({ additionalFields: { description: V } }), v: 'שלום עולם', request: postSession({ description: 'שלום עולם' }) },
	{ name: 'CJK group name', parameters: { resource: 'group', operation: 'create', name: V }, v: '東京サポート', request: { method: 'POST', path: '/api/v1/groups', body: { name: '東京サポート' } } },
	{ name: 'waiting message with a newline and quotes', parameters: sessionCreate({ additionalFields: { waitingMessage: V } }), v: 'Bitte "warten"\nDanke', request: postSession({ waiting_message: 'Bitte "warten"\nDanke' }) },
	{ name: 'non-breaking spaces in a TeamViewer ID', parameters: { resource: 'device', operation: 'create', groupId: locator(groupG), teamViewerId: V }, v: '123\u00a0456\u00a0789', request: { method: 'POST', path: '/api/v1/devices', body: { remotecontrol_id: 'r123456789', groupid: groupG } } },
	{ name: 'zero-width space in a session code', parameters: { resource: 'session', operation: 'get', sessionCode: locator(V) }, v: 's123\u200b-456-789', error: /^The Service Case ".*" is not valid$/ },
	{ name: 'empty group name', parameters: { resource: 'group', operation: 'create', name: V }, v: '   ', error: 'The Name "" is not valid' },
	{ name: 'empty custom ID', parameters: { resource: 'session', operation: 'getOrCreate', groupId: locator(groupG), customId: V }, v: '', error: 'The Custom ID "" is not valid' },
	{ name: 'idempotency key and a different custom ID', parameters: sessionCreate({ additionalFields: { customId: 'A-1' }, options: { idempotencyKey: V } }), v: 'B-2', error: 'The Custom ID "A-1" is not valid' },
];

const corpus: Case[] = [...typeCases, ...specificCases];

describe('bad-input corpus', () => {
	it('has at least 150 cases', () => {
		const refused = corpus.filter((entry) => entry.error !== undefined).length;
		console.log(`bad-input corpus: ${corpus.length} cases, ${refused} refused with a named field before any request, ${corpus.length - refused} sent exactly as expected`);
		expect(corpus.length).toBeGreaterThanOrEqual(150);
	});

	it.each(corpus.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
		const result = await tv.run(entry.parameters, { input: [{ v: entry.v } as IDataObject], continueOnFail: true });
		const [item] = result.json;

		if (entry.error !== undefined) {
			expect(item.error).toEqual(typeof entry.error === 'string' ? entry.error : expect.stringMatching(entry.error));
			expect(String(item.error).length).toBeLessThan(200);
			expect(typeof item.details).toBe('string');
			if (entry.details !== undefined) expect(item.details).toEqual(typeof entry.details === 'string' ? entry.details : expect.stringMatching(entry.details));
			expect(tv.calls()).toEqual([]);
			return;
		}
		expect(item?.error).toBeUndefined();
		const expected = entry.request!;
		const sent = tv.calls(expected.method).find((call) => call.path === expected.path);
		expect(sent).toBeDefined();
		if (expected.body) expect(sent!.body).toEqual(expected.body);
		if (expected.query) expect(sent!.query).toMatchObject(expected.query);
		// Nothing else was sent anywhere but the operation's own path.
		expect(tv.calls().every((call) => call.path === expected.path)).toBe(true);
	});
});
