import { execFile } from 'child_process';
import { readFileSync } from 'fs';
import { request as httpRequest } from 'http';
import { request as httpsRequest } from 'https';
import type { Socket } from 'net';
import { connect as tlsConnect } from 'tls';
import { promisify } from 'util';

import { DEFAULT_TWILIO_ACCOUNT, startSmsSink, type SmsSink } from '../sms';
import {
	DEMO_INTEGRATION_USER,
	startServiceNowSimulator,
	type ServiceNowSimulator,
} from '../servicenow';
import { startTlsProxy, type TlsProxy } from './index';

interface Answer {
	status: number;
	text: string;
}

const BASIC = `Basic ${Buffer.from(`${DEMO_INTEGRATION_USER.user_name}:${DEMO_INTEGRATION_USER.password}`).toString('base64')}`;

let proxy: TlsProxy;
let serviceNow: ServiceNowSimulator;
let sms: SmsSink;

function openTunnel(authority: string): Promise<{ status: number; socket: Socket; text: string }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest({
			host: '127.0.0.1',
			port: proxy.port,
			method: 'CONNECT',
			path: authority,
		});
		req.on('connect', (res, socket, head: Buffer) => {
			if (res.statusCode === 200) return resolve({ status: 200, socket, text: '' });
			let text = head.toString('utf8');
			socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
			socket.on('end', () => resolve({ status: res.statusCode ?? 0, socket, text }));
		});
		req.on('error', reject);
		req.end();
	});
}

/** What an HTTPS client behind HTTPS_PROXY does: CONNECT, then TLS (verified against `ca`) through the tunnel. */
async function httpsViaProxy(
	url: string,
	options: { ca?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
	const target = new URL(url);
	const { socket } = await openTunnel(`${target.hostname}:443`);
	return await new Promise((resolve, reject) => {
		const req = httpsRequest(url, {
			headers: options.headers,
			defaultPort: 443,
			createConnection: () => tlsConnect({ socket, servername: target.hostname, ca: options.ca }),
		});
		req.on('response', (res) => {
			let text = '';
			res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
		});
		req.on('error', reject);
		req.end();
	});
}

/** What an HTTP client behind HTTP_PROXY does: the absolute URI as the request target. */
function viaAbsoluteUri(
	method: string,
	url: string,
	headers: Record<string, string>,
	body?: string,
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = httpRequest({
			host: '127.0.0.1',
			port: proxy.port,
			method,
			path: url,
			headers: { Host: new URL(url).host, ...headers },
		});
		req.on('response', (res) => {
			let text = '';
			res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
		});
		req.on('error', reject);
		req.end(body);
	});
}

beforeAll(async () => {
	serviceNow = await startServiceNowSimulator({ seed: 'demo' });
	sms = await startSmsSink();
	proxy = await startTlsProxy({ routes: [serviceNow.proxyRoute, sms.proxyRoute] });
});

afterAll(async () => {
	await proxy.close();
	await serviceNow.close();
	await sms.close();
});

describe('TLS proxy', () => {
	it('tunnels https://dev12345.service-now.com to the ServiceNow simulator over verified TLS', async () => {
		const { status, text } = await httpsViaProxy(
			'https://dev12345.service-now.com/api/now/table/incident?sysparm_query=number=INC0010001&sysparm_fields=number,caller_id',
			{ ca: readFileSync(proxy.caCertPath, 'utf8'), headers: { Authorization: BASIC } },
		);

		expect(status).toBe(200);
		expect(JSON.parse(text).result).toEqual([
			{
				number: 'INC0010001',
				caller_id: {
					link: expect.stringMatching(
						/^https:\/\/dev12345\.service-now\.com\/api\/now\/table\/sys_user\/[0-9a-f]{32}$/,
					),
					value: expect.any(String),
				},
			},
		]);
		expect(serviceNow.requests.at(-1)).toMatchObject({
			host: 'dev12345.service-now.com',
			path: '/api/now/table/incident',
			headers: { authorization: BASIC },
			status: 200,
		});
		expect(proxy.requests.slice(-2)).toEqual([
			expect.objectContaining({
				method: 'CONNECT',
				host: 'dev12345.service-now.com',
				path: 'dev12345.service-now.com:443',
				status: 200,
			}),
			expect.objectContaining({
				method: 'GET',
				host: 'dev12345.service-now.com',
				tunnel: true,
				status: 200,
			}),
		]);
	});

	it('presents a certificate that a client without the test CA refuses', async () => {
		await expect(
			httpsViaProxy('https://dev12345.service-now.com/api/now/table/incident'),
		).rejects.toThrow(/certificate/i);
	});

	it('is trusted through NODE_EXTRA_CA_CERTS in another Node process', async () => {
		const script = `
			const http = require('http'), tls = require('tls');
			http.request({ host: '127.0.0.1', port: ${proxy.port}, method: 'CONNECT', path: 'api.twilio.com:443' })
				.on('connect', (res, socket) => {
					const secure = tls.connect({ socket, servername: 'api.twilio.com' }, () => {
						process.stdout.write(secure.authorized ? 'trusted' : 'untrusted');
						secure.destroy();
					});
					secure.on('error', (error) => { process.stdout.write(error.code); });
				})
				.end();`;
		const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
			env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: proxy.caCertPath },
		});

		expect(stdout).toBe('trusted');
	});

	it('dispatches plain absolute-URI requests by host, with the scheme forwarded', async () => {
		const { accountSid, authToken } = DEFAULT_TWILIO_ACCOUNT;
		const twilio = await viaAbsoluteUri(
			'POST',
			`https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Messages.json`,
			{
				Authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
				'Content-Type': 'application/x-www-form-urlencoded',
			},
			new URLSearchParams({ To: '+4915112345678', From: '+14155550100', Body: 'hello' }).toString(),
		);
		const serviceNowAnswer = await viaAbsoluteUri(
			'GET',
			'https://dev12345.service-now.com/api/now/table/incident?sysparm_limit=1&sysparm_fields=caller_id',
			{ Authorization: BASIC },
		);

		expect(twilio.status).toBe(201);
		expect(sms.messages.at(-1)).toMatchObject({ to: '+4915112345678', body: 'hello' });
		expect(JSON.parse(serviceNowAnswer.text).result[0].caller_id.link).toMatch(
			/^https:\/\/dev12345\.service-now\.com\/api\/now\/table\/sys_user\//,
		);
		expect(proxy.requests.slice(-2)).toEqual([
			expect.objectContaining({
				method: 'POST',
				host: 'api.twilio.com',
				tunnel: false,
				status: 201,
			}),
			expect.objectContaining({
				method: 'GET',
				host: 'dev12345.service-now.com',
				tunnel: false,
				status: 200,
			}),
		]);
	});

	it('refuses a CONNECT to a host without a route with 502 and records it', async () => {
		const { status, socket, text } = await openTunnel('example.com:443');
		socket.destroy();

		expect(status).toBe(502);
		expect(text).toBe(
			"The test proxy has no simulator for host 'example.com' and never connects out.",
		);
		expect(proxy.requests.at(-1)).toMatchObject({
			method: 'CONNECT',
			host: 'example.com',
			status: 502,
		});
	});
});
