import { createServer, type IncomingMessage, type Server } from 'http';

import { closeHttpServer, listenOnLoopback } from '../common';
import { decodeRowVersion } from './ids';
import { ACTIVITY_STATE, startMatrix42Simulator, TEAMVIEWER_ID_ATTRIBUTE, type DemoInfo, type Matrix42Simulator } from './index';

interface Answer {
	status: number;
	body: any;
}

let sim: Matrix42Simulator;
let demo: DemoInfo;
let rawToken: string;

async function call(
	method: string,
	path: string,
	options: { json?: unknown; auth?: string | null; query?: Record<string, string>; contentType?: string | null } = {},
): Promise<Answer> {
	const headers: Record<string, string> = {};
	const auth = options.auth === undefined ? `Bearer ${rawToken}` : options.auth;
	if (auth !== null) headers.Authorization = auth;
	const contentType = options.contentType === undefined ? (options.json === undefined ? null : 'application/json') : options.contentType;
	if (contentType !== null) headers['Content-Type'] = contentType;
	const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
	// A Blob body carries no content type of its own, so only the header above (or none) goes out.
	const response = await fetch(`${sim.baseUrl}/api/${path}${query}`, {
		method,
		headers,
		body: options.json === undefined ? undefined : new Blob([JSON.stringify(options.json)]),
	});
	const text = await response.text();
	return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

const fragments = (dd: string, query: Record<string, string>) => call('GET', `data/fragments/${dd}`, { query });

beforeAll(async () => {
	sim = await startMatrix42Simulator();
});

afterAll(async () => {
	await sim.close();
});

beforeEach(async () => {
	sim.reset();
	demo = sim.seedDemo();
	rawToken = sim.issueAccessToken(demo.apiToken).RawToken;
});

describe('token exchange', () => {
	it('exchanges the API token for a RawToken that the other endpoints accept', async () => {
		const exchange = await call('POST', 'ApiToken/GenerateAccessTokenFromApiToken/', { auth: `Bearer ${demo.apiToken}` });

		expect(exchange.status).toBe(200);
		expect(Object.keys(exchange.body).sort()).toEqual(['ExpiresIn', 'LifeTime', 'RawToken', 'ValidTo']);
		expect(Date.parse(exchange.body.ValidTo) - Date.now()).toBeGreaterThan(3500_000);
		const read = await call('GET', 'data/fragments/SPSUserClassBase', { auth: `Bearer ${exchange.body.RawToken}`, query: { columns: 'LastName', where: "FirstName = 'Max'" } });
		expect(read.status).toBe(200);
		expect(read.body.map((row: any) => row.LastName)).toEqual(['Mustermann']);
	});

	it('answers null for an unknown API token, 401 without one, 406 for an unexchanged one, 401 once expired', async () => {
		expect(await call('POST', 'ApiToken/GenerateAccessTokenFromApiToken', { auth: 'Bearer not-a-token' })).toEqual({ status: 200, body: null });
		expect((await call('POST', 'ApiToken/GenerateAccessTokenFromApiToken', { auth: null })).status).toBe(401);
		const raw = await call('GET', 'data/fragments/SPSUserClassBase', { auth: `Bearer ${demo.apiToken}` });
		expect(raw.status).toBe(406);
		expect(raw.body.Message).toContain('Exchange it');

		sim.clock.advance(3601_000);
		const expired = await fragments('SPSUserClassBase', {});
		expect(expired).toEqual({ status: 401, body: { Message: 'Authorization has been denied for this request.' } });
	});
});

describe('fragments', () => {
	it('follows relations, aliases, filters by object id and always returns ID and DisplayString', async () => {
		const outlook = demo.activities.TCK00001;
		const answer = await fragments('SPSActivityClassBase', {
			where: `[Expression-ObjectID] = '${outlook.objectId}'`,
			columns: 'TicketNumber,Subject,State,[Initiator].[MailAddress] AS InitiatorEmail,Initiator.FirstName AS InitiatorFirstName,State.DisplayString AS StateLabel,[Expression-ObjectID] AS ObjectID',
		});

		expect(answer.status).toBe(200);
		expect(answer.body).toEqual([
			{
				ID: sim.fragment(outlook.objectId, 'SPSActivityClassBase')!.ID,
				TicketNumber: 'TCK00001',
				Subject: 'Outlook crashes on start',
				State: ACTIVITY_STATE.inProgress,
				InitiatorEmail: 'max.mustermann@example.com',
				InitiatorFirstName: 'Max',
				StateLabel: 'In Progress',
				ObjectID: outlook.objectId,
				DisplayString: 'TCK00001: Outlook crashes on start',
			},
		]);
	});

	it('combines conditions with AND, sorts by the output names and pages', async () => {
		const query = { where: "State <> 204 AND Initiator.MailAddress LIKE '%@example.com' AND ClosedDate IS NULL", columns: 'TicketNumber,CreatedDate', sort: 'CreatedDate DESC' };
		const all = await fragments('SPSActivityClassBase', query);
		const second = await fragments('SPSActivityClassBase', { ...query, pagesize: '2', pagenumber: '1' });

		// TCK00006's initiator has no mail address, so LIKE does not match; TCK00005 is closed.
		expect(all.body.map((row: any) => row.TicketNumber)).toEqual(['SRQ00004', 'INC00003', 'TCK00002', 'TCK00001']);
		expect(second.body.map((row: any) => row.TicketNumber)).toEqual(['TCK00002', 'TCK00001']);
	});

	it('compares rowversions as numbers and dates as dates', async () => {
		const [kiosk] = sim.query('SPSComputerClassBase', { where: "Name = 'KIOSK-LOBBY'", columns: 'TimeStamp' });
		const after = decodeRowVersion(kiosk.TimeStamp)!;
		const newer = await fragments('SPSComputerClassBase', { where: `TimeStamp > ${after}`, columns: 'Name' });
		const recent = await fragments('SPSActivityClassBase', { where: `CreatedDate >= '${new Date(Date.now() - 2.5 * 3_600_000).toISOString()}'`, columns: 'TicketNumber' });

		expect(newer.body.map((row: any) => row.Name)).toEqual(['LAPTOP-HR-01', 'PRINTER-2F-01', 'WS-OLD-99']);
		expect(recent.body.map((row: any) => row.TicketNumber).sort()).toEqual(['SRQ00004', 'TCK00006']);
	});

	it('refuses ASQL it does not understand and an unknown data definition with 500 and the reason (S35); a page size that is no number with 400', async () => {
		const cases: Array<[Record<string, string>, string]> = [
			[{ columns: 'Name,Colour' }, 'Class SPSComputerClassBase does not contain attribute Colour.'],
			[{ columns: 'Name', where: "Name = 'a' OR Name = 'b'" }, 'only conditions joined by AND'],
			[{ columns: 'Name', sort: 'SerialNumber' }, 'cannot sort by SerialNumber'],
			[{ columns: 'Name,DisplayString' }, 'DisplayString is always returned'],
		];
		for (const [query, message] of cases) {
			const answer = await fragments('SPSComputerClassBase', query);
			expect(answer.status).toBe(500);
			expect(answer.body.Message).toContain(message);
		}
		const dotted = await fragments('SPSActivityClassBase', { columns: 'Initiator.MailAddress' });
		expect([dotted.status, dotted.body.Message]).toEqual([500, expect.stringContaining('must carry an AS alias')]);
		expect(await fragments('NoSuchClassBase', {})).toEqual({ status: 500, body: { Message: "The data definition 'NoSuchClassBase' does not exist." } });
		expect((await fragments('SPSComputerClassBase', { columns: 'Name', pagesize: 'ten' })).status).toBe(400);
	});

	it('answers only ID and DisplayString for each row when no columns are named (S9)', async () => {
		const answer = await fragments('SPSComputerClassBase', { where: "Name = 'KIOSK-LOBBY'" });

		expect(answer).toEqual({ status: 200, body: [{ ID: sim.fragment(demo.assets['KIOSK-LOBBY'], 'SPSComputerClassBase')!.ID, DisplayString: 'KIOSK-LOBBY' }] });
	});
});

describe('objects', () => {
	it('reads an object with its fragments and updates one attribute, bumping its TimeStamp', async () => {
		const id = demo.assets['PC-ACCOUNTING-01'];
		const before = await call('GET', `data/objects/SPSComputerType/${id}`);
		expect(before.body).toMatchObject({ ID: id, SPSComputerClassBase: { Name: 'PC-ACCOUNTING-01', [TEAMVIEWER_ID_ATTRIBUTE]: null } });

		const put = await call('PUT', 'data/objects/SPSComputerType', { json: { ID: id, SPSComputerClassBase: { [TEAMVIEWER_ID_ATTRIBUTE]: '123456789' } } });

		expect(put.status).toBe(200);
		const after = sim.fragment(id, 'SPSComputerClassBase')!;
		expect(after[TEAMVIEWER_ID_ATTRIBUTE]).toBe('123456789');
		expect(decodeRowVersion(after.TimeStamp)! > decodeRowVersion(before.body.SPSComputerClassBase.TimeStamp)!).toBe(true);
		const pathForm = await call('PUT', `data/objects/SPSComputerType/${id}`, { json: { SPSComputerClassBase: { SerialNumber: 'X-1' } } });
		expect(pathForm.status).toBe(200);
		expect(sim.fragment(id, 'SPSComputerClassBase')!.SerialNumber).toBe('X-1');
	});

	it('answers 200 null for an object of another configuration item, 400 for an id that is no GUID and 500 for an unknown attribute', async () => {
		const id = demo.assets['PC-ACCOUNTING-01'];
		expect(await call('GET', `data/objects/SPSUserType/${id}`)).toEqual({ status: 200, body: null });
		expect((await call('GET', 'data/objects/SPSComputerType/PC-ACCOUNTING-01')).status).toBe(400);
		const bad = await call('PUT', 'data/objects/SPSComputerType', { json: { ID: id, SPSComputerClassBase: { TeamViewerId2: '1' } } });
		expect(bad).toEqual({ status: 500, body: { Message: 'Class SPSComputerClassBase does not contain attribute TeamViewerId2.' } });
	});

	it('refuses a PUT whose TimeStamp is stale with 500 and writes nothing; the current TimeStamp passes (S25)', async () => {
		const id = demo.assets['SRV-DB-01'];
		const read = await call('GET', `data/objects/SPSComputerType/${id}`);
		const stale = read.body.SPSComputerClassBase.TimeStamp;
		await call('PUT', 'data/objects/SPSComputerType', { json: { ID: id, SPSComputerClassBase: { SerialNumber: 'SN-A' } } });
		const current = sim.fragment(id, 'SPSComputerClassBase')!.TimeStamp;

		const refused = await call('PUT', 'data/objects/SPSComputerType', { json: { ID: id, SPSComputerClassBase: { TimeStamp: stale, SerialNumber: 'SN-B' } } });
		const accepted = await call('PUT', 'data/objects/SPSComputerType', { json: { ID: id, SPSComputerClassBase: { TimeStamp: current, SerialNumber: 'SN-C' } } });

		expect([refused.status, refused.body.Message]).toEqual([500, expect.stringContaining('Concurrency conflict')]);
		expect(accepted.status).toBe(200);
		expect(sim.fragment(id, 'SPSComputerClassBase')!.SerialNumber).toBe('SN-C');
	});

	it('answers 415 to a body without a JSON content type (S36), and reads the token exchange without one', async () => {
		const id = demo.assets['PC-ACCOUNTING-01'];
		const none = await call('POST', 'data/objects/TVSessionStateType', { json: { TVSessionStateClassBase: { SessionCode: 'x' } }, contentType: null });
		const text = await call('PUT', 'data/objects/SPSComputerType', { json: { ID: id, SPSComputerClassBase: { SerialNumber: 'x' } }, contentType: 'text/plain' });
		const journal = await call('POST', 'journal/Add', { json: { ObjectId: demo.activities.TCK00001.objectId, Comments: 'x' }, contentType: 'text/plain; charset=utf-8' });
		const charset = await call('POST', 'journal/Add', { json: { ObjectId: demo.activities.TCK00001.objectId, Comments: 'x' }, contentType: 'application/json;charset=UTF-8' });

		expect(none).toEqual({ status: 415, body: { Message: 'The request Content-type is not defined.' } });
		expect(text).toEqual({ status: 415, body: { Message: "The request entity's media type 'text/plain' is not supported for this resource." } });
		expect(journal.status).toBe(415);
		expect(charset.status).toBe(200);
		expect(sim.query('TVSessionStateClassBase')).toEqual([]);
		expect(sim.journal).toHaveLength(1);
		expect((await call('POST', 'ApiToken/GenerateAccessTokenFromApiToken', { auth: `Bearer ${demo.apiToken}` })).status).toBe(200);
	});
});

describe('journal', () => {
	it('adds an internal entry to an activity, written by the token\'s person by default', async () => {
		const outlook = demo.activities.TCK00001.objectId;
		const answer = await call('POST', 'journal/Add', { json: { ObjectId: outlook, Comments: 'Remote session created.', EntryType: 0, VisibleInPortal: false, Publish: false, Parameters: [] } });

		expect(answer.status).toBe(200);
		expect(sim.journalOf(outlook)).toEqual([
			expect.objectContaining({ ID: answer.body, Comments: 'Remote session created.', Creator: demo.integrationUser.userId, VisibleInPortal: false, EntryType: 0 }),
		]);
	});

	it('refuses an entry without text (400) or for an unknown object (ASP.NET\'s generic 500 by default)', async () => {
		const outlook = demo.activities.TCK00001.objectId;
		expect((await call('POST', 'journal/Add', { json: { ObjectId: outlook, Comments: ' ' } })).status).toBe(400);
		expect(await call('POST', 'journal/Add', { json: { ObjectId: '00000000-0000-4000-a000-000000000000', Comments: 'x' } })).toEqual({ status: 500, body: { Message: 'An error has occurred.' } });
		expect(sim.journal).toEqual([]);
	});
});

describe('tickets and the close hook', () => {
	let receiver: Server;
	const received: Array<{ headers: IncomingMessage['headers']; body: any }> = [];

	beforeAll(async () => {
		receiver = createServer((req, res) => {
			let text = '';
			req.on('data', (chunk) => (text += chunk));
			req.on('end', () => {
				received.push({ headers: req.headers, body: JSON.parse(text) });
				res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
			});
		});
		await listenOnLoopback(receiver);
	});

	afterAll(() => closeHttpServer(receiver));

	it('creates a ticket, closes it through the API and tells the hook', async () => {
		const port = (receiver.address() as { port: number }).port;
		sim.onActivityClosed({ url: `http://127.0.0.1:${port}/hook`, headers: { Authorization: 'Basic abc' } });
		const created = await call('POST', 'ticket/Create', { query: { activityType: '0' }, json: { Subject: 'New mouse', User: demo.people.erika.userId } });
		expect(created.status).toBe(200);

		const closed = await call('POST', 'ticket/Close', { json: { ObjectIds: [created.body], Comments: 'Mouse delivered.' } });

		expect(closed.status).toBe(204);
		const fragment = sim.fragment(created.body, 'SPSActivityClassBase')!;
		expect(fragment).toMatchObject({ TicketNumber: 'TCK00101', State: ACTIVITY_STATE.closed, Initiator: demo.people.erika.userId });
		expect(sim.journalOf(created.body).map((entry) => entry.Comments)).toEqual(['Mouse delivered.']);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(received).toEqual([
			{ headers: expect.objectContaining({ authorization: 'Basic abc' }), body: { activityId: created.body, ticketNumber: 'TCK00101', subject: 'New mouse', state: 204, closedDate: fragment.ClosedDate } },
		]);
		expect(sim.deliveries[0]).toMatchObject({ status: 200, response: { ok: true } });
	});

	it('closeActivity waits for the hook\'s answer', async () => {
		const port = (receiver.address() as { port: number }).port;
		sim.onActivityClosed({ url: `http://127.0.0.1:${port}/hook` });

		const delivery = await sim.closeActivity(demo.activities.TCK00002.objectId);

		expect(delivery).toMatchObject({ status: 200, body: { activityId: demo.activities.TCK00002.objectId, ticketNumber: 'TCK00002' } });
	});
});

describe('control and faults', () => {
	it('serves the demo, the clock and injected faults', async () => {
		const reset = await fetch(`${sim.url}/__reset`, { method: 'POST' });
		expect(reset.status).toBe(204);
		const seeded = (await (await fetch(`${sim.url}/__demo`, { method: 'POST' })).json()) as DemoInfo;
		expect(Object.keys(seeded.activities)).toHaveLength(6);
		rawToken = sim.issueAccessToken(seeded.apiToken).RawToken;
		const clock = await fetch(`${sim.url}/__clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 60_000 }) });
		expect(Date.parse(((await clock.json()) as { now: string }).now) - Date.now()).toBeGreaterThan(55_000);

		sim.injectFault({ kind: 'status', status: 503, path: 'fragments' });
		expect((await fragments('SPSUserClassBase', {})).status).toBe(503);
		expect((await fragments('SPSUserClassBase', {})).status).toBe(200);
		expect(sim.requests.map((request) => request.fault)).toEqual(['status', undefined]);
	});
});

describe('paging, deleting and the session-state records', () => {
	it('cuts a page at maxPageSize whatever pagesize asks, so only reading until an empty page gets every row', async () => {
		sim.seed({ objects: Array.from({ length: 130 }, (_, index) => ({ ci: 'SPSComputerType', fragments: { SPSComputerClassBase: { Name: `PC-${index}` } } })) });
		const first = await fragments('SPSComputerClassBase', { columns: 'Name', sort: 'ID', pagesize: '500', pagenumber: '0' });
		const second = await fragments('SPSComputerClassBase', { columns: 'Name', sort: 'ID', pagesize: '500', pagenumber: '1' });
		const third = await fragments('SPSComputerClassBase', { columns: 'Name', sort: 'ID', pagesize: '500', pagenumber: '2' });

		expect([first.body.length, second.body.length, third.body.length]).toEqual([100, 37, 0]);
		expect(new Set([...first.body, ...second.body].map((row: { ID: string }) => row.ID)).size).toBe(137);
	});

	it('creates, reads and deletes a session-state object (the admin\'s schema extension); a second delete is 404', async () => {
		const created = await call('POST', 'data/objects/TVSessionStateType', { json: { TVSessionStateClassBase: { SessionCode: 'lease', LeaseOwner: 'n8n execution 1', LeaseUntil: '2026-12-05T20:00:00Z' } } });
		expect(created.status).toBe(200);
		const rows = await fragments('TVSessionStateClassBase', { where: "SessionCode = 'lease'", columns: 'LeaseOwner,[Expression-ObjectID] AS ObjectID' });
		expect(rows.body).toEqual([expect.objectContaining({ LeaseOwner: 'n8n execution 1', ObjectID: created.body })]);

		expect((await call('DELETE', `data/objects/TVSessionStateType/${created.body}`)).status).toBe(204);
		expect((await call('DELETE', `data/objects/TVSessionStateType/${created.body}`)).status).toBe(404);
		expect((await fragments('TVSessionStateClassBase', { where: "SessionCode = 'lease'" })).body).toEqual([]);
	});
});

describe('knobs', () => {
	it('unknownWriteNames: rejects a write naming an attribute or data definition the schema lacks by default, drops them on "ignore"', async () => {
		const id = demo.assets['PC-ACCOUNTING-01'];
		const misspelt = { ID: id, SPSComputerClassBase: { SerialNumber: 'SN-1', TeamViewerId2: '123456789' }, SPSComputerClassExtra: { Colour: 'red' } };
		const create = { TVSessionStateClassBase: { SessionCode: 's100-000-001', Colour: 'red' } };

		const serialBefore = sim.fragment(id, 'SPSComputerClassBase')!.SerialNumber;
		expect(sim.unknownWriteNames).toBe('reject');
		expect(await call('PUT', 'data/objects/SPSComputerType', { json: misspelt })).toEqual({ status: 500, body: { Message: 'The configuration item SPSComputerType has no data definition SPSComputerClassExtra.' } });
		expect(await call('PUT', 'data/objects/SPSComputerType', { json: { ...misspelt, SPSComputerClassExtra: undefined } })).toEqual({ status: 500, body: { Message: 'Class SPSComputerClassBase does not contain attribute TeamViewerId2.' } });
		expect(await call('POST', 'data/objects/TVSessionStateType', { json: create })).toEqual({ status: 500, body: { Message: 'Class TVSessionStateClassBase does not contain attribute Colour.' } });
		expect(await call('POST', 'data/objects/TVSessionStateType', { json: { TVSessionStateClassExtra: {} } })).toMatchObject({ status: 500 });
		expect(sim.fragment(id, 'SPSComputerClassBase')!.SerialNumber).toBe(serialBefore);
		expect(sim.query('TVSessionStateClassBase')).toEqual([]);

		sim.unknownWriteNames = 'ignore';
		try {
			const put = await call('PUT', 'data/objects/SPSComputerType', { json: misspelt });
			const post = await call('POST', 'data/objects/TVSessionStateType', { json: { ...create, TVSessionStateClassExtra: {} } });

			expect(put.status).toBe(200);
			expect(sim.fragment(id, 'SPSComputerClassBase')).toMatchObject({ SerialNumber: 'SN-1', [TEAMVIEWER_ID_ATTRIBUTE]: null });
			expect(sim.fragment(id, 'SPSComputerClassBase')).not.toHaveProperty('TeamViewerId2');
			expect(post.status).toBe(200);
			expect(sim.fragment(post.body, 'TVSessionStateClassBase')).toMatchObject({ SessionCode: 's100-000-001' });
			expect(sim.fragment(post.body, 'TVSessionStateClassBase')).not.toHaveProperty('Colour');
		} finally {
			sim.unknownWriteNames = 'reject';
		}
	});

	it('missingObject: answers 200 null for a missing or deleted object, or one of another CI, by default; 404 on "404"', async () => {
		const unknown = '00000000-0000-4000-a000-000000000000';
		const accounting = demo.assets['PC-ACCOUNTING-01'];
		const deleted = demo.assets['WS-OLD-99'];
		sim.state.objects.delete(deleted);

		expect(sim.missingObject).toBe('null');
		for (const path of [`data/objects/SPSComputerType/${unknown}`, `data/objects/SPSComputerType/${deleted}`, `data/objects/SPSUserType/${accounting}`]) {
			expect(await call('GET', path)).toEqual({ status: 200, body: null });
		}
		expect((await call('GET', `data/objects/SPSComputerType/${accounting}`)).body).toMatchObject({ ID: accounting });

		sim.missingObject = '404';
		try {
			expect(await call('GET', `data/objects/SPSComputerType/${unknown}`)).toEqual({ status: 404, body: { Message: `There is no SPSComputerType object with the id ${unknown}.` } });
			expect((await call('GET', `data/objects/SPSComputerType/${deleted}`)).status).toBe(404);
			expect((await call('GET', `data/objects/SPSUserType/${accounting}`)).status).toBe(404);
			expect((await call('GET', `data/objects/SPSComputerType/${accounting}`)).status).toBe(200);
		} finally {
			sim.missingObject = 'null';
		}
	});

	it('journalMissingObject: answers ASP.NET\'s generic 500 for an entry on a deleted object by default; 404 on "404"; an existing object is unaffected', async () => {
		const gone = demo.activities.TCK00001.objectId;
		const there = demo.activities.TCK00002.objectId;
		sim.state.objects.delete(gone);

		expect(sim.journalMissingObject).toBe('500');
		expect(await call('POST', 'journal/Add', { json: { ObjectId: gone, Comments: 'late' } })).toEqual({ status: 500, body: { Message: 'An error has occurred.' } });
		expect((await call('POST', 'journal/Add', { json: { ObjectId: there, Comments: 'fine' } })).status).toBe(200);

		sim.journalMissingObject = '404';
		try {
			expect(await call('POST', 'journal/Add', { json: { ObjectId: gone, Comments: 'late' } })).toEqual({ status: 404, body: { Message: `The object ${gone} was not found.` } });
			expect((await call('POST', 'journal/Add', { json: { ObjectId: there, Comments: 'fine again' } })).status).toBe(200);
		} finally {
			sim.journalMissingObject = '500';
		}
		expect(sim.journal.map((entry) => [entry.ObjectId, entry.Comments])).toEqual([[there, 'fine'], [there, 'fine again']]);
	});

	it('takes both knobs as start options', async () => {
		const other = await startMatrix42Simulator({ seed: 'demo', missingObject: '404', journalMissingObject: '404' });
		try {
			expect([other.missingObject, other.journalMissingObject]).toEqual(['404', '404']);
		} finally {
			await other.close();
		}
	});
});
