// Loaded into the real n8n process with NODE_OPTIONS=--require: refuses and records every
// connection to a non-loopback address, so an e2e run proves n8n stayed off the network.
const fs = require('node:fs');
const net = require('node:net');

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|localhost)$/i;
const record = process.env.NETWORK_GUARD_FILE;

function hostOf(args) {
	const [first, second] = args;
	if (Array.isArray(first)) return hostOf(first);
	if (first && typeof first === 'object') return first.path ? undefined : (first.host ?? 'localhost');
	if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
		return typeof second === 'string' ? second : 'localhost';
	}
	return undefined;
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
	const host = hostOf(args);
	if (host !== undefined && !LOOPBACK.test(host)) {
		if (record) fs.appendFileSync(record, `${process.pid} ${host}\n`);
		throw new Error(`Network guard: connection to non-loopback address "${host}" refused`);
	}
	return connect.apply(this, args);
};
