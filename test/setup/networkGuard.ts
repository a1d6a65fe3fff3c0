/**
 * Fails the run on any connection that leaves this machine: every socket must go to loopback.
 * Installed before each test file (jest `setupFiles`); the violations are checked after it.
 */
import net from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|localhost)$/i;

type Guarded = typeof globalThis & { __networkViolations?: string[] };
const guarded = globalThis as Guarded;
guarded.__networkViolations = guarded.__networkViolations ?? [];

function targetOf(args: unknown[]): string | undefined {
	const [first, second] = args;
	if (Array.isArray(first)) return targetOf(first);
	if (first && typeof first === 'object') {
		const options = first as { host?: string; path?: string };
		if (options.path) return undefined;
		return options.host ?? 'localhost';
	}
	if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
		return typeof second === 'string' ? second : 'localhost';
	}
	return undefined;
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
	const host = targetOf(args);
	if (host !== undefined && !LOOPBACK.test(host)) {
		guarded.__networkViolations!.push(host);
		throw new Error(`Network guard: connection to non-loopback address "${host}" refused in tests`);
	}
	return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
