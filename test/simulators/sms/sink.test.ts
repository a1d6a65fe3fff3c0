import { DEFAULT_TWILIO_ACCOUNT, startSmsSink, type SmsSink } from './index';

const { accountSid, authToken } = DEFAULT_TWILIO_ACCOUNT;
const MESSAGES = `/2010-04-01/Accounts/${accountSid}/Messages.json`;

let sink: SmsSink;

function basic(user: string, password: string): string {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

async function post(
	form: Record<string, string>,
	auth = basic(accountSid, authToken),
	path = MESSAGES,
): Promise<{ status: number; body: any }> {
	const response = await fetch(`${sink.url}${path}`, {
		method: 'POST',
		headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(form).toString(),
	});
	return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
	sink = await startSmsSink();
});

afterAll(async () => {
	await sink.close();
});

beforeEach(() => sink.reset());

describe('SMS sink', () => {
	it('accepts an E.164 message as Twilio does and stores it', async () => {
		const { status, body } = await post({
			To: '+4915112345678',
			From: '+14155550100',
			Body: 'Your TeamViewer session: https://get.teamviewer.com/s12345678',
			StatusCallback: '',
		});

		expect(status).toBe(201);
		expect(body).toMatchObject({
			account_sid: accountSid,
			to: '+4915112345678',
			from: '+14155550100',
			body: 'Your TeamViewer session: https://get.teamviewer.com/s12345678',
			status: 'queued',
			direction: 'outbound-api',
			num_segments: '1',
		});
		expect(body.sid).toMatch(/^SM[0-9a-f]{32}$/);
		expect(body.date_created).toMatch(/^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000$/);
		expect(sink.messages).toEqual([
			expect.objectContaining({ sid: body.sid, to: '+4915112345678', statusCallback: undefined }),
		]);
		await expect(sink.waitFor((message) => message.to === '+4915112345678')).resolves.toBe(
			sink.messages[0],
		);
	});

	it.each(['0151 2345678', '+49 151 2345678', '4915112345678'])(
		'refuses the local or spaced number %s with 21211 and stores nothing',
		async (to) => {
			const { status, body } = await post({ To: to, From: '+14155550100', Body: 'hi' });

			expect(status).toBe(400);
			expect(body).toEqual({
				code: 21211,
				message: `The 'To' number ${to} is not a valid phone number.`,
				more_info: 'https://www.twilio.com/docs/errors/21211',
				status: 400,
			});
			expect(sink.messages).toEqual([]);
			expect(sink.requests).toEqual([
				expect.objectContaining({ status: 400, body: expect.objectContaining({ To: to }) }),
			]);
		},
	);

	it('accepts WhatsApp addresses and an alphanumeric sender', async () => {
		expect(
			(await post({ To: 'whatsapp:+4915112345678', From: 'whatsapp:+14155550100', Body: 'hi' }))
				.status,
		).toBe(201);
		expect((await post({ To: '+4915112345678', From: 'ServiceDesk', Body: 'hi' })).status).toBe(
			201,
		);
	});

	it('answers a wrong token, or another account than the path, with 401 20003', async () => {
		const form = { To: '+4915112345678', From: '+14155550100', Body: 'hi' };
		const wrongToken = await post(form, basic(accountSid, 'nope'));
		const otherPath = await post(
			form,
			undefined,
			`/2010-04-01/Accounts/AC${'0'.repeat(32)}/Messages.json`,
		);

		for (const answer of [wrongToken, otherPath]) {
			expect(answer.status).toBe(401);
			expect(answer.body).toMatchObject({ code: 20003, message: 'Authenticate', status: 401 });
		}
		expect(sink.messages).toEqual([]);
	});

	it('serves the account for the n8n credential test', async () => {
		const response = await fetch(`${sink.url}/2010-04-01/Accounts/${accountSid}.json`, {
			headers: { Authorization: basic(accountSid, authToken) },
		});

		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ sid: accountSid, status: 'active' });
	});

	it('answers an injected 429 once, without storing the message', async () => {
		sink.injectFault({
			kind: 'status',
			status: 429,
			headers: { 'Retry-After': '1' },
			body: { code: 20429, status: 429 },
		});
		const form = { To: '+4915112345678', From: '+14155550100', Body: 'hi' };

		expect((await post(form)).status).toBe(429);
		expect((await post(form)).status).toBe(201);
		expect(sink.messages).toHaveLength(1);
	});
});
