import type { RequestListener, Server } from 'http';
import type { AddressInfo, Server as NetServer } from 'net';

/** Where the TLS proxy sends a request: the first route whose `host` matches the hostname. */
export interface ProxyRoute {
	host: RegExp;
	listener: RequestListener;
}

/** Listens on 127.0.0.1 (a free port unless `port` is given) and resolves with the port. */
export async function listenOnLoopback(server: NetServer, port = 0): Promise<number> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	return (server.address() as AddressInfo).port;
}

/** Stops listening and drops open (keep-alive) connections at once. */
export function closeHttpServer(server: Server): Promise<void> {
	if (!server.listening) return Promise.resolve();
	return new Promise((resolve, reject) => {
		server.close((error) => (error ? reject(error) : resolve()));
		server.closeAllConnections();
	});
}
