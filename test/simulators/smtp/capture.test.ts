import { connect, type Socket } from 'net';

import { startSmtpCapture, type SmtpCapture } from './index';

/** A minimal SMTP client: sends a command, resolves with the whole reply (`250-…\n250 OK`). */
class RawSmtp {
	private buffer = '';
	private pending: ((line: string) => void) | undefined;

	private constructor(private readonly socket: Socket) {
		socket.setEncoding('utf8');
		socket.on('data', (chunk: string) => {
			this.buffer += chunk;
			this.flush();
		});
	}

	static async open(port: number): Promise<{ client: RawSmtp; greeting: string }> {
		const socket = connect(port, '127.0.0.1');
		const client = new RawSmtp(socket);
		const greeting = await client.reply();
		return { client, greeting };
	}

	async send(command: string): Promise<string> {
		const answer = this.reply();
		this.socket.write(`${command}\r\n`);
		return await answer;
	}

	end(): void {
		this.socket.end();
	}

	private reply(): Promise<string> {
		return new Promise((resolve) => {
			this.pending = resolve;
			this.flush();
		});
	}

	/** A reply ends with the line whose code is followed by a space (`250 OK`, not `250-…`). */
	private flush(): void {
		const match = /^(?:\d{3}-.*\r\n)*\d{3} .*\r\n/.exec(this.buffer);
		if (!match || !this.pending) return;
		this.buffer = this.buffer.slice(match[0].length);
		const resolve = this.pending;
		this.pending = undefined;
		resolve(match[0].trimEnd().replace(/\r\n/g, '\n'));
	}
}

async function sendMail(
	port: number,
	lines: string[],
	auth?: { user: string; pass: string },
): Promise<string> {
	const { client } = await RawSmtp.open(port);
	await client.send('EHLO test.local');
	if (auth) {
		const plain = Buffer.from(`\0${auth.user}\0${auth.pass}`).toString('base64');
		expect(await client.send(`AUTH PLAIN ${plain}`)).toMatch(/^235 /m);
	}
	await client.send('MAIL FROM:<servicedesk@example.com>');
	await client.send('RCPT TO:<abel.tuter@example.com>');
	await client.send('RCPT TO:<audit@example.com>');
	await client.send('DATA');
	const accepted = await client.send(`${lines.join('\r\n')}\r\n.`);
	await client.send('QUIT');
	client.end();
	return accepted;
}

const MESSAGE = [
	'From: "Service Desk" <servicedesk@example.com>',
	'To: Abel Tuter <abel.tuter@example.com>',
	'Cc: beth.anglin@example.com',
	'Subject: INC0010001: your remote support session',
	'Date: Sat, 01 Mar 2025 09:00:00 +0000',
	'MIME-Version: 1.0',
	'Content-Type: multipart/alternative; boundary="b1"',
	'',
	'--b1',
	'Content-Type: text/plain; charset=utf-8',
	'',
	'Join: https://get.teamviewer.com/s12345678',
	'--b1',
	'Content-Type: text/html; charset=utf-8',
	'',
	'<p>Join: <a href="https://get.teamviewer.com/s12345678">here</a></p>',
	'--b1--',
];

let smtp: SmtpCapture;

beforeAll(async () => {
	smtp = await startSmtpCapture();
});

afterAll(async () => {
	await smtp.close();
});

beforeEach(() => smtp.reset());

describe('SMTP capture', () => {
	it('offers AUTH but not STARTTLS', async () => {
		const { client, greeting } = await RawSmtp.open(smtp.port);
		const ehlo = await client.send('EHLO test.local');
		const startTls = await client.send('STARTTLS');
		await client.send('QUIT');
		client.end();

		expect(greeting).toMatch(/^220 /);
		expect(ehlo).toMatch(/^250[- ]AUTH PLAIN LOGIN$/m);
		expect(ehlo).not.toContain('STARTTLS');
		expect(startTls).toMatch(/^5\d\d /);
	});

	it('captures a multipart mail with its envelope and AUTH user', async () => {
		const accepted = await sendMail(smtp.port, MESSAGE, {
			user: 'n8n@example.com',
			pass: 'secret',
		});
		const mail = await smtp.waitFor((candidate) => candidate.subject.startsWith('INC0010001'));

		expect(accepted).toMatch(/^250 /m);
		expect(mail).toMatchObject({
			from: 'servicedesk@example.com',
			to: ['abel.tuter@example.com'],
			cc: ['beth.anglin@example.com'],
			subject: 'INC0010001: your remote support session',
			date: '2025-03-01T09:00:00.000Z',
			envelope: {
				from: 'servicedesk@example.com',
				to: ['abel.tuter@example.com', 'audit@example.com'],
			},
			user: 'n8n@example.com',
		});
		expect(mail.text.trim()).toBe('Join: https://get.teamviewer.com/s12345678');
		expect(mail.html).toContain('<a href="https://get.teamviewer.com/s12345678">');
		expect(smtp.messages).toHaveLength(1);
	});

	it('accepts mail without AUTH, and waitFor resolves for a mail still to come', async () => {
		const waiting = smtp.waitFor((mail) => mail.subject === 'Later');
		await sendMail(smtp.port, ['Subject: Later', '', 'plain text only']);

		const mail = await waiting;
		expect(mail).toMatchObject({ html: '', user: undefined, to: [] });
		expect(mail.text.trim()).toBe('plain text only');
	});

	it('refuses a recipient it was told to refuse with 550 and keeps no mail, until reset', async () => {
		smtp.refuseRecipient('Gone@Example.com');
		const { client } = await RawSmtp.open(smtp.port);
		await client.send('EHLO test.local');
		await client.send('MAIL FROM:<servicedesk@example.com>');
		const refused = await client.send('RCPT TO:<gone@example.com>');
		const accepted = await client.send('RCPT TO:<here@example.com>');
		smtp.reset();
		const afterReset = await client.send('RCPT TO:<gone@example.com>');
		await client.send('QUIT');
		client.end();

		expect(refused).toMatch(/^550 5\.1\.1 <gone@example\.com>: mailbox unavailable/m);
		expect(accepted).toMatch(/^250 /m);
		expect(afterReset).toMatch(/^250 /m);
		expect(smtp.messages).toEqual([]);
	});

	it('waitFor rejects after its timeout, naming what arrived', async () => {
		await sendMail(smtp.port, ['Subject: Something else', '', 'x']);

		await expect(smtp.waitFor((mail) => mail.subject === 'Never', 50)).rejects.toThrow(
			/within 50 ms; received: 'Something else'/,
		);
	});
});
