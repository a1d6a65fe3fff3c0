import { execFile } from 'child_process';
import { randomBytes } from 'crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createSecureContext, type SecureContext } from 'tls';
import { promisify } from 'util';

const run = promisify(execFile);

/*
 * A throw-away certificate authority made with the openssl CLI, once per process, in a temp dir
 * removed at exit. Leaf certificates (one per host name, all on one P-256 key) are made on first
 * use and cached.
 */

export interface CertificateAuthority {
	dir: string;
	/** The CA certificate (PEM): what NODE_EXTRA_CA_CERTS or `ca` must name to trust the proxy. */
	certPath: string;
	keyPath: string;
	leafKeyPath: string;
	configPath: string;
}

const CONFIG = `[req]
distinguished_name = dn
prompt = no
x509_extensions = ca_ext

[dn]
CN = n8n-nodes-teamviewer test CA

[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
`;

const leafExtensions = (hostname: string) => `basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:${hostname}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
const VALID_DAYS = '7';

let authority: Promise<CertificateAuthority> | undefined;
const contexts = new Map<string, Promise<SecureContext>>();

async function createAuthority(): Promise<CertificateAuthority> {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-tv-proxy-ca-'));
	process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
	const ca: CertificateAuthority = {
		dir,
		certPath: join(dir, 'ca.pem'),
		keyPath: join(dir, 'ca.key'),
		leafKeyPath: join(dir, 'leaf.key'),
		configPath: join(dir, 'openssl.cnf'),
	};
	writeFileSync(ca.configPath, CONFIG);
	const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
	await run('openssl', [
		'req',
		'-x509',
		...ec,
		'-keyout',
		ca.keyPath,
		'-out',
		ca.certPath,
		'-days',
		VALID_DAYS,
		'-config',
		ca.configPath,
	]);
	await run('openssl', [
		'genpkey',
		'-algorithm',
		'EC',
		'-pkeyopt',
		'ec_paramgen_curve:P-256',
		'-out',
		ca.leafKeyPath,
	]);
	return ca;
}

/** The process's CA, made on the first call. */
export function certificateAuthority(): Promise<CertificateAuthority> {
	authority ??= createAuthority();
	return authority;
}

async function createLeaf(hostname: string): Promise<SecureContext> {
	const ca = await certificateAuthority();
	const base = join(ca.dir, hostname);
	writeFileSync(`${base}.ext`, leafExtensions(hostname));
	await run('openssl', [
		'req',
		'-new',
		'-key',
		ca.leafKeyPath,
		'-subj',
		`/CN=${hostname}`,
		'-out',
		`${base}.csr`,
		'-config',
		ca.configPath,
	]);
	await run('openssl', [
		'x509',
		'-req',
		'-in',
		`${base}.csr`,
		'-CA',
		ca.certPath,
		'-CAkey',
		ca.keyPath,
		'-set_serial',
		`0x${randomBytes(8).toString('hex')}`,
		'-days',
		VALID_DAYS,
		'-extfile',
		`${base}.ext`,
		'-out',
		`${base}.pem`,
	]);
	return createSecureContext({
		key: readFileSync(ca.leafKeyPath),
		cert: readFileSync(`${base}.pem`),
	});
}

/** A TLS context with a certificate for `hostname` (its only SAN), signed by the process's CA. */
export function secureContextFor(hostname: string): Promise<SecureContext> {
	const name = hostname.toLowerCase();
	if (!HOSTNAME.test(name)) return Promise.reject(new Error(`Not a host name: ${hostname}`));
	let context = contexts.get(name);
	if (!context) {
		context = createLeaf(name);
		contexts.set(name, context);
	}
	return context;
}
