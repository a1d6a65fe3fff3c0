import { parseBody } from './body';
import { FaultQueue } from './faults';
import { Inbox } from './inbox';
import { RequestLog } from './requestLog';

describe('parseBody', () => {
	it('parses JSON and forms, keeps other text, flags bad JSON', () => {
		expect(parseBody('{"a":1}', 'application/json; charset=utf-8')).toEqual({ value: { a: 1 } });
		expect(parseBody('To=%2B49&Body=hi', 'application/x-www-form-urlencoded')).toEqual({
			value: { To: '+49', Body: 'hi' },
		});
		expect(parseBody('hello', 'text/plain')).toEqual({ value: 'hello' });
		expect(parseBody('{', 'application/json').error).toBe('The request body is not valid JSON.');
		expect(parseBody('', 'application/json')).toEqual({ value: undefined });
	});
});

describe('FaultQueue', () => {
	it('matches method and path, and uses up its times in order', () => {
		const faults = new FaultQueue();
		faults.add({ kind: 'status', status: 429, method: 'post', path: '/messages', times: 2 });
		faults.add({ kind: 'reset' });

		expect(faults.take('GET', '/Messages.json')?.kind).toBe('reset');
		expect(faults.take('POST', '/Messages.json')?.status).toBe(429);
		expect(faults.take('POST', '/Messages.json')?.status).toBe(429);
		expect(faults.take('POST', '/Messages.json')).toBeUndefined();
	});
});

describe('RequestLog', () => {
	it('numbers entries and keeps counting across clear()', () => {
		const log = new RequestLog<{ seq: number; path: string }>();
		log.add({ path: '/a' });
		log.clear();
		log.add({ path: '/b' });

		expect(log.entries).toEqual([{ seq: 2, path: '/b' }]);
		expect(log.since(1)).toEqual([{ seq: 2, path: '/b' }]);
	});
});

describe('Inbox', () => {
	it('resolves waitFor with a past or a future item, and rejects on close', async () => {
		const inbox = new Inbox<string>((item) => item);
		inbox.push('first');
		const future = inbox.waitFor((item) => item === 'second');
		const never = inbox.waitFor((item) => item === 'third');
		inbox.push('second');

		await expect(inbox.waitFor((item) => item === 'first')).resolves.toBe('first');
		await expect(future).resolves.toBe('second');
		inbox.close();
		await expect(never).rejects.toThrow('The inbox was closed.');
	});
});
