import {
	BUSINESS_OBJECT_IDS,
	DEMO_API_CLIENT,
	DEMO_API_USER,
	RELATIONSHIP_IDS,
	startCherwellSimulator,
	type CherwellSimulator,
	type DemoInfo,
} from './index';

interface Answer {
	status: number;
	body: any;
}

let sim: CherwellSimulator;
let demo: DemoInfo;

const PASSWORD_GRANT = {
	grant_type: 'password',
	client_id: DEMO_API_CLIENT.clientId,
	username: DEMO_API_USER.username,
	password: DEMO_API_USER.password,
};

async function call(
	method: string,
	path: string,
	options: { json?: unknown; form?: Record<string, string>; token?: string | null } = {},
): Promise<Answer> {
	const headers: Record<string, string> = { Accept: 'application/json' };
	if (options.token) headers.Authorization = `Bearer ${options.token}`;
	let body: string | undefined;
	if (options.json !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(options.json);
	} else if (options.form) {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(options.form).toString();
	}
	const response = await fetch(`${sim.url}${path}`, { method, headers, body });
	const text = await response.text();
	return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

async function login(): Promise<string> {
	const answer = await call('POST', '/CherwellAPI/token', { form: PASSWORD_GRANT });
	expect(answer.status).toBe(200);
	return answer.body.access_token;
}

const api = (path: string) => `/CherwellAPI/api/V1/${path}`;

function fieldsOf(read: {
	fields: Array<{ name: string; value: string }>;
}): Record<string, string> {
	return Object.fromEntries(read.fields.map((field) => [field.name, field.value]));
}

/** `fields` entries for a save, field IDs taken from a template. */
async function fill(token: string, busObId: string, values: Record<string, string>) {
	const template = await call('POST', api('getbusinessobjecttemplate'), {
		token,
		json: { busObId, includeAll: true },
	});
	return Object.entries(values).map(([name, value]) => {
		const field = template.body.fields.find(
			(candidate: { name: string }) => candidate.name === name,
		);
		return { fieldId: field.fieldId, name, value, dirty: true };
	});
}

beforeAll(async () => {
	sim = await startCherwellSimulator();
});

afterAll(async () => {
	await sim.close();
});

beforeEach(() => {
	sim.reset();
	demo = sim.seedDemo();
});

describe('the token endpoint', () => {
	it('answers the password grant from a form body as CSM does, with a 20-minute token', async () => {
		sim.clock.set('2025-03-03T09:00:00Z');
		const answer = await call('POST', '/CherwellAPI/token?auth_mode=Internal', {
			form: PASSWORD_GRANT,
		});

		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			access_token: expect.stringMatching(/^[\w-]{40,}$/),
			token_type: 'bearer',
			expires_in: 1199,
			refresh_token: expect.stringMatching(/^[\w-]{40,}$/),
			'as:client_id': DEMO_API_CLIENT.clientId,
			username: DEMO_API_USER.username,
			'.issued': 'Mon, 03 Mar 2025 09:00:00 GMT',
			'.expires': 'Mon, 03 Mar 2025 09:20:00 GMT',
		});
		expect(sim.tokenRequests.map((request) => [request.headers.contentType, request.body])).toEqual(
			[['application/x-www-form-urlencoded', PASSWORD_GRANT]],
		);
	});

	it('refuses a JSON body, a wrong password, an unknown client and other login modes', async () => {
		const json = await call('POST', '/CherwellAPI/token', { json: PASSWORD_GRANT });
		const password = await call('POST', '/CherwellAPI/token', {
			form: { ...PASSWORD_GRANT, password: 'nope' },
		});
		const client = await call('POST', '/CherwellAPI/token', {
			form: { ...PASSWORD_GRANT, client_id: 'someone-else' },
		});
		const ldap = await call('POST', '/CherwellAPI/token?auth_mode=LDAP', { form: PASSWORD_GRANT });

		expect([json.status, password.status, client.status, ldap.status]).toEqual([
			400, 400, 400, 400,
		]);
		expect(json.body.error).toBe('unsupported_grant_type');
		expect(json.body.error_description).toContain('application/x-www-form-urlencoded');
		expect(password.body).toEqual({
			error: 'invalid_grant',
			error_description: 'The user name or password is incorrect.',
		});
		expect(client.body.error).toBe('invalid_client_id');
		expect(ldap.body.error_description).toContain('auth_mode "LDAP"');
	});

	it('expires the access token after 20 minutes on its clock; the refresh grant gives a new one once', async () => {
		const first = await call('POST', '/CherwellAPI/token', { form: PASSWORD_GRANT });
		const incident = api(
			`getbusinessobject/busobid/${BUSINESS_OBJECT_IDS.incident}/publicid/101001`,
		);
		expect((await call('GET', incident, { token: first.body.access_token })).status).toBe(200);

		sim.clock.advance(19 * 60_000);
		expect((await call('GET', incident, { token: first.body.access_token })).status).toBe(200);
		sim.clock.advance(60_000);
		const expired = await call('GET', incident, { token: first.body.access_token });
		expect(expired).toEqual({
			status: 401,
			body: { Message: 'Authorization has been denied for this request.' },
		});

		const refreshGrant = {
			grant_type: 'refresh_token',
			client_id: DEMO_API_CLIENT.clientId,
			refresh_token: first.body.refresh_token,
		};
		const refreshed = await call('POST', '/CherwellAPI/token', { form: refreshGrant });
		expect(refreshed.status).toBe(200);
		expect(refreshed.body.refresh_token).not.toBe(first.body.refresh_token);
		expect((await call('GET', incident, { token: refreshed.body.access_token })).status).toBe(200);
		expect((await call('POST', '/CherwellAPI/token', { form: refreshGrant })).body.error).toBe(
			'invalid_grant',
		);
	});

	it('answers 401 without a token, and routes before it authenticates', async () => {
		const missing = await call(
			'GET',
			api(`getbusinessobject/busobid/${BUSINESS_OBJECT_IDS.incident}/publicid/101001`),
		);
		const unknown = await call('GET', api('nosuchthing'));
		const verb = await call('GET', api('savebusinessobject'), { token: await login() });

		expect(missing.status).toBe(401);
		expect(unknown.status).toBe(404);
		expect(unknown.body.Message).toContain(
			"No HTTP resource was found that matches the request URI 'http://127.0.0.1:",
		);
		expect(verb).toEqual({
			status: 405,
			body: { Message: "The requested resource does not support http method 'GET'." },
		});
	});
});

describe('business objects', () => {
	it('reads an incident by public ID and its customer by RecID, fields as an array', async () => {
		const token = await login();
		const incident = await call(
			'GET',
			api(`getbusinessobject/busobid/${BUSINESS_OBJECT_IDS.incident}/publicid/101001`),
			{ token },
		);

		expect(incident.status).toBe(200);
		expect(incident.body).toMatchObject({
			busObId: BUSINESS_OBJECT_IDS.incident,
			busObPublicId: '101001',
			busObRecId: demo.incidents['101001'],
			links: [],
			errorCode: null,
			hasError: false,
		});
		expect(incident.body.fields[0]).toEqual({
			dirty: false,
			displayName: 'RecID',
			fieldId: expect.stringMatching(
				new RegExp(`^BO:${BUSINESS_OBJECT_IDS.incident},FI:[0-9a-f]{32}$`),
			),
			html: null,
			name: 'RecID',
			value: demo.incidents['101001'],
		});
		const values = fieldsOf(incident.body);
		expect(values).toMatchObject({
			IncidentID: '101001',
			ShortDescription: 'Outlook crashes on start',
			Status: 'In Progress',
			OwnedBy: 'Beth Anglin',
			CustomerDisplayName: 'Abel Tuter',
		});

		const customer = await call(
			'GET',
			api(
				`getbusinessobject/busobid/${BUSINESS_OBJECT_IDS.customer}/busobrecid/${values.CustomerRecID}`,
			),
			{ token },
		);
		expect(fieldsOf(customer.body)).toMatchObject({
			FullName: 'Abel Tuter',
			Email: 'abel.tuter@example.com',
		});
	});

	it('answers 404 RECORDNOTFOUND for an unknown record and 400 for an unknown object', async () => {
		const token = await login();
		const missing = await call(
			'GET',
			api(`getbusinessobject/busobid/${BUSINESS_OBJECT_IDS.incident}/publicid/999999`),
			{ token },
		);
		const object = await call('GET', api('getbusinessobject/busobid/abc/publicid/101001'), {
			token,
		});

		expect(missing.status).toBe(404);
		expect(missing.body).toMatchObject({
			errorCode: 'RECORDNOTFOUND',
			errorMessage: 'No Incident record with public ID "999999".',
			hasError: true,
		});
		expect(object.status).toBe(400);
		expect(object.body.errorCode).toBe('BUSOBNOTFOUND');
	});

	it('gives a template, creates a record from it and updates it by public ID; only dirty fields count', async () => {
		const token = await login();
		const fields = await fill(token, BUSINESS_OBJECT_IDS.teamViewerSession, {
			SessionCode: 's123-456-789',
			Status: 'Open',
			CustomerEmail: 'erin.ng@example.com',
		});
		fields.push({ ...fields[1], value: 'ignored', dirty: false as unknown as true });

		const created = await call('POST', api('savebusinessobject'), {
			token,
			json: { busObId: BUSINESS_OBJECT_IDS.teamViewerSession, fields, persist: true },
		});

		expect(created.status).toBe(200);
		expect(created.body).toMatchObject({
			busObPublicId: 's123-456-789',
			busObRecId: expect.stringMatching(/^[0-9a-f]{42}$/),
			hasError: false,
			fieldValidationErrors: [],
		});
		expect(sim.record('TeamViewerSession', created.body.busObRecId)?.Status).toBe('Open');
		const update = await fill(token, BUSINESS_OBJECT_IDS.teamViewerSession, { Status: 'Closed' });
		const updated = await call('POST', api('savebusinessobject'), {
			token,
			json: {
				busObId: BUSINESS_OBJECT_IDS.teamViewerSession,
				busObPublicId: 's123-456-789',
				fields: update,
				persist: true,
			},
		});
		expect(updated.status).toBe(200);
		expect(sim.record('TeamViewerSession', created.body.busObRecId)).toMatchObject({
			SessionCode: 's123-456-789',
			Status: 'Closed',
			CustomerEmail: 'erin.ng@example.com',
			CreatedBy: DEMO_API_USER.username,
		});
	});

	it('refuses a missing required value, an unknown field and persist: false; stores a duplicate public ID unless the knob asks otherwise', async () => {
		const token = await login();
		const busObId = BUSINESS_OBJECT_IDS.teamViewerSession;
		const noCode = await call('POST', api('savebusinessobject'), {
			token,
			json: { busObId, fields: await fill(token, busObId, { Status: 'Open' }), persist: true },
		});
		const foreign = await call('POST', api('savebusinessobject'), {
			token,
			json: {
				busObId,
				fields: [
					{
						fieldId: `BO:${BUSINESS_OBJECT_IDS.incident},FI:0123`,
						name: 'Status',
						value: 'x',
						dirty: true,
					},
				],
				persist: true,
			},
		});
		const code = await fill(token, busObId, { SessionCode: 's111-222-333' });
		await call('POST', api('savebusinessobject'), {
			token,
			json: { busObId, fields: code, persist: true },
		});
		const duplicate = await call('POST', api('savebusinessobject'), {
			token,
			json: { busObId, fields: code, persist: true },
		});
		const cached = await call('POST', api('savebusinessobject'), {
			token,
			json: { busObId, fields: code },
		});

		expect(noCode.status).toBe(400);
		expect(noCode.body.fieldValidationErrors).toEqual([
			{
				error: 'Session Code is required.',
				errorCode: 'REQUIREDFIELD',
				fieldId: expect.stringContaining(`BO:${busObId},FI:`),
			},
		]);
		expect(foreign.body.fieldValidationErrors[0]).toMatchObject({ errorCode: 'FIELDNOTFOUND' });
		// CSM keeps only RecID unique: a second record with the same public ID is stored (knob off by default).
		expect(duplicate.status).toBe(200);
		expect(cached.body.errorCode).toBe('NOTPERSISTED');
		expect(sim.records('TeamViewerSession')).toHaveLength(2);

		sim.state.knobs.uniquePublicIds = true;
		try {
			const refused = await call('POST', api('savebusinessobject'), {
				token,
				json: { busObId, fields: code, persist: true },
			});
			expect(refused.status).toBe(400);
			expect(refused.body.errorMessage).toBe(
				'Another TeamViewer Session already has the public ID "s111-222-333".',
			);
			expect(sim.records('TeamViewerSession')).toHaveLength(2);
		} finally {
			sim.state.knobs.uniquePublicIds = false;
		}
	});
});

describe('ad-hoc search (getsearchresults)', () => {
	it('ORs filters on one field, ANDs different fields, pages, and refuses unknown fields and operators', async () => {
		const token = await login();
		const busObId = BUSINESS_OBJECT_IDS.teamViewerSession;
		for (const [code, state] of [
			['s1', 'pending'],
			['s2', 'pending'],
			['s3', 'logged'],
		]) {
			await call('POST', api('savebusinessobject'), {
				token,
				json: {
					busObId,
					fields: await fill(token, busObId, {
						SessionCode: code,
						HistoryState: state,
						Status: 'Closed',
					}),
					persist: true,
				},
			});
		}
		const [codeField] = await fill(token, busObId, { SessionCode: '' });
		const [stateField] = await fill(token, busObId, { HistoryState: '' });
		const search = (filters: unknown[], extra: Record<string, unknown> = {}) =>
			call('POST', api('getsearchresults'), {
				token,
				json: { busObId, filters, includeAllFields: true, ...extra },
			});

		const pending = await search([
			{ fieldId: stateField.fieldId, operator: 'eq', value: 'PENDING' },
		]);
		const either = await search([
			{ fieldId: codeField.fieldId, operator: 'eq', value: 's1' },
			{ fieldId: codeField.fieldId, operator: 'eq', value: 's3' },
			{ fieldId: stateField.fieldId, operator: 'eq', value: 'pending' },
		]);
		const paged = await search([], { pageSize: 2, pageNumber: 2 });
		const unknown = await search([{ fieldId: 'FI:0123', operator: 'eq', value: 'x' }]);
		const badOperator = await search([
			{ fieldId: stateField.fieldId, operator: 'like', value: 'x' },
		]);

		const codes = (answer: { body: { businessObjects: Array<{ busObPublicId: string }> } }) =>
			answer.body.businessObjects.map((record) => record.busObPublicId);
		expect(codes(pending)).toEqual(['s1', 's2']);
		expect(pending.body.totalRows).toBe(2);
		expect(codes(either)).toEqual(['s1']);
		expect(codes(paged)).toEqual(['s3']);
		expect(paged.body.totalRows).toBe(3);
		expect(unknown.status).toBe(400);
		expect(unknown.body.errorCode).toBe('FIELDNOTFOUND');
		expect(badOperator.status).toBe(400);
	});
});

describe('related business objects', () => {
	it('adds a Journal - Note to an incident through its relationship and fills the keys', async () => {
		const token = await login();
		sim.clock.set('2025-03-03T15:04:05Z');
		const request = {
			parentBusObId: BUSINESS_OBJECT_IDS.incident,
			parentBusObPublicId: '101002',
			relationshipId: RELATIONSHIP_IDS.incidentOwnsJournals,
			busObId: BUSINESS_OBJECT_IDS.journalNote,
			fields: await fill(token, BUSINESS_OBJECT_IDS.journalNote, {
				Details: 'TeamViewer session s1: link sent.',
			}),
			persist: true,
		};

		const saved = await call('POST', api('saverelatedbusinessobject'), { token, json: request });

		expect(saved.status).toBe(200);
		expect(saved.body).toMatchObject({
			parentBusObId: BUSINESS_OBJECT_IDS.incident,
			parentBusObPublicId: '101002',
			parentBusObRecId: demo.incidents['101002'],
			relationshipId: RELATIONSHIP_IDS.incidentOwnsJournals,
			busObRecId: expect.stringMatching(/^[0-9a-f]{42}$/),
			hasError: false,
		});
		expect(sim.journalNotes(demo.incidents['101002'])).toEqual([
			expect.objectContaining({
				Details: 'TeamViewer session s1: link sent.',
				JournalTypeName: 'Journal - Note',
				ParentRecID: demo.incidents['101002'],
				ParentTypeID: BUSINESS_OBJECT_IDS.incident,
				CreatedBy: DEMO_API_USER.username,
				CreatedDateTime: '3/3/2025 3:04:05 PM',
			}),
		]);
	});

	it('checks the relationship and the parent', async () => {
		const token = await login();
		const note = {
			parentBusObId: BUSINESS_OBJECT_IDS.incident,
			parentBusObRecId: demo.incidents['101001'],
			relationshipId: RELATIONSHIP_IDS.incidentOwnsJournals,
			busObId: BUSINESS_OBJECT_IDS.journalNote,
			fields: await fill(token, BUSINESS_OBJECT_IDS.journalNote, { Details: 'x' }),
			persist: true,
		};

		const wrong = await call('POST', api('saverelatedbusinessobject'), {
			token,
			json: { ...note, relationshipId: RELATIONSHIP_IDS.incidentOwnsTeamViewerSessions },
		});
		const unknown = await call('POST', api('saverelatedbusinessobject'), {
			token,
			json: { ...note, relationshipId: 'abc' },
		});
		const orphan = await call('POST', api('saverelatedbusinessobject'), {
			token,
			json: { ...note, parentBusObRecId: 'f'.repeat(42) },
		});

		expect(wrong.status).toBe(400);
		expect(wrong.body.errorMessage).toBe(
			'The relationship "Incident Owns TeamViewer Sessions" does not lead from Incident to Journal - Note.',
		);
		expect(unknown.body.errorCode).toBe('RELATIONSHIPNOTFOUND');
		expect(orphan.status).toBe(404);
		expect(sim.records('JournalNote')).toEqual([]);
	});

	it('relates a TeamViewer Session to its incident by IncidentRecID', async () => {
		const token = await login();
		const saved = await call('POST', api('saverelatedbusinessobject'), {
			token,
			json: {
				parentBusObId: BUSINESS_OBJECT_IDS.incident,
				parentBusObRecId: demo.incidents['101005'],
				relationshipId: RELATIONSHIP_IDS.incidentOwnsTeamViewerSessions,
				busObId: BUSINESS_OBJECT_IDS.teamViewerSession,
				fields: await fill(token, BUSINESS_OBJECT_IDS.teamViewerSession, {
					SessionCode: 's987-654-321',
					Status: 'Open',
				}),
				persist: true,
			},
		});

		expect(saved.body.busObPublicId).toBe('s987-654-321');
		expect(
			sim
				.teamViewerSessions(demo.incidents['101005'])
				.map((session) => [session.SessionCode, session.Status]),
		).toEqual([['s987-654-321', 'Open']]);
	});
});

describe('finding the IDs', () => {
	it("gives an object's ID by name and its relationships with their IDs", async () => {
		const token = await login();
		const summary = await call('GET', api('getbusinessobjectsummary/busobname/TeamViewerSession'), {
			token,
		});
		const schema = await call(
			'GET',
			api(
				`getbusinessobjectschema/busobid/${BUSINESS_OBJECT_IDS.incident}?includerelationships=true`,
			),
			{ token },
		);
		const bare = await call(
			'GET',
			api(`getbusinessobjectschema/busobid/${BUSINESS_OBJECT_IDS.incident}`),
			{ token },
		);

		expect(summary.body).toEqual([
			expect.objectContaining({
				busObId: BUSINESS_OBJECT_IDS.teamViewerSession,
				name: 'TeamViewerSession',
				displayName: 'TeamViewer Session',
			}),
		]);
		expect(
			schema.body.relationships.map(
				(link: { relationshipId: string; displayName: string; target: string }) => [
					link.displayName,
					link.relationshipId,
					link.target,
				],
			),
		).toEqual([
			[
				'Incident Owns Journals',
				RELATIONSHIP_IDS.incidentOwnsJournals,
				BUSINESS_OBJECT_IDS.journalNote,
			],
			[
				'Incident Owns TeamViewer Sessions',
				RELATIONSHIP_IDS.incidentOwnsTeamViewerSessions,
				BUSINESS_OBJECT_IDS.teamViewerSession,
			],
		]);
		expect(
			schema.body.fieldDefinitions.find(
				(field: { name: string }) => field.name === 'ShortDescription',
			),
		).toMatchObject({ required: true, readOnly: false });
		expect(bare.body.relationships).toEqual([]);
	});
});

describe('control endpoints and proxying', () => {
	it('sets the clock, expires tokens and exposes the state without secrets', async () => {
		const token = await login();
		const clock = await fetch(`${sim.url}/__clock`, {
			method: 'POST',
			body: JSON.stringify({ set: '2030-01-01T00:00:00Z', advanceMs: 1000 }),
		});
		expect(await clock.json()).toEqual({ now: '2030-01-01T00:00:01Z', frozen: true });
		expect(
			(
				await call(
					'GET',
					api(`getbusinessobject/busobid/${BUSINESS_OBJECT_IDS.incident}/publicid/101001`),
					{ token },
				)
			).status,
		).toBe(401);

		const state = (await (await fetch(`${sim.url}/__state`)).json()) as {
			businessObjects: Record<string, unknown[]>;
		};
		expect(state.businessObjects.Incident).toHaveLength(9);
		expect(JSON.stringify(state)).not.toContain(DEMO_API_USER.password);
		expect(sim.proxyRoute.host.test('cherwell.example.com')).toBe(true);
		expect(sim.apiUrl).toBe('https://cherwell.example.com/CherwellAPI');
	});
});
