/*
 * The sandbox of everything, as `npm start` runs it (scripts/start.sh):
 *   npx ts-node --transpile-only test/simulators/sandbox/cli.ts --port 8765 --smtp-port 8766 \
 *       --openai-port 8767 --console-port 5702 --n8n-url http://127.0.0.1:5700 [--credentials FILE]
 * With --credentials, the n8n credentials for every shipped flow are written to FILE (mode 600) for
 * `n8n import:credentials`. The last line printed is a JSON `{"ready":true,…}` for the script: the
 * TeamViewer sandbox's URLs and tokens, the console's URL and the environment n8n needs (the proxy).
 */
import { writeFileSync } from 'node:fs';

import { startSandboxConsole } from './console';
import { startSandboxWorld } from './world';

interface CliOptions {
	port: number;
	smtpPort: number;
	openAiPort: number;
	consolePort: number;
	n8nUrl: string;
	credentials?: string;
}

function integer(flag: string, value: string | undefined): number {
	if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65535)
		throw new Error(`${flag} needs a port number, not ${value ?? 'nothing'}.`);
	return Number(value);
}

function parseArgs(args: string[]): CliOptions {
	const options: CliOptions = {
		port: 0,
		smtpPort: 0,
		openAiPort: 0,
		consolePort: 0,
		n8nUrl: 'http://127.0.0.1:5700',
	};
	for (let i = 0; i < args.length; i++) {
		const flag = args[i];
		const value = args[++i];
		switch (flag) {
			case '--port':
				options.port = integer(flag, value);
				break;
			case '--smtp-port':
				options.smtpPort = integer(flag, value);
				break;
			case '--openai-port':
				options.openAiPort = integer(flag, value);
				break;
			case '--console-port':
				options.consolePort = integer(flag, value);
				break;
			case '--n8n-url':
				if (!value || !/^https?:\/\//.test(value))
					throw new Error(`--n8n-url needs n8n's base URL, not ${value ?? 'nothing'}.`);
				options.n8nUrl = value;
				break;
			case '--credentials':
				if (!value) throw new Error('--credentials needs a file path.');
				options.credentials = value;
				break;
			default:
				throw new Error(
					`Unknown option ${flag}. Options: --port N, --smtp-port N, --openai-port N, --console-port N, --n8n-url URL, --credentials FILE.`,
				);
		}
	}
	return options;
}

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	const world = await startSandboxWorld({
		teamViewerPort: options.port,
		smtpPort: options.smtpPort,
		openAiPort: options.openAiPort,
		n8nUrl: options.n8nUrl,
	});
	const sandboxConsole = await startSandboxConsole(world, options.consolePort);
	if (options.credentials) {
		// Dated a minute apart: n8n's editor gives a node added fresh the most recently updated credential
		// of its type, and the script token (last in the list) works without pressing Connect.
		const older = new Date(Date.now() - 60_000).toISOString();
		const newer = new Date().toISOString();
		const credentials = world.credentials().map((credential, index, all) => {
			const at = index === all.length - 1 ? newer : older;
			return { ...credential, createdAt: at, updatedAt: at };
		});
		writeFileSync(options.credentials, JSON.stringify(credentials, null, 2), { mode: 0o600 });
	}
	console.log(`TeamViewer sandbox API: ${world.tv.apiUrl}`);
	console.log(
		`ITSMs: ${[world.servicenow.sim.hostname, 'ServiceDesk Plus', 'Cherwell', 'Matrix42', world.bossdesk.sim.hostname].join(', ')} behind the TLS proxy ${world.proxy.url}`,
	);
	console.log(`SMTP capture: 127.0.0.1:${world.smtp.port}`);
	console.log(`OpenAI-compatible model (scripted): ${world.openai.baseUrl}`);
	console.log(`Sandbox console: ${sandboxConsole.url}`);
	console.log(
		JSON.stringify({
			ready: true,
			url: world.tv.url,
			apiUrl: world.tv.apiUrl,
			tokens: world.tvInfo.tokens,
			oauthClient: world.tvInfo.oauthClient,
			consoleUrl: sandboxConsole.url,
			openAiUrl: world.openai.baseUrl,
			env: world.env,
		}),
	);

	const stop = (): void => {
		Promise.all([sandboxConsole.close(), world.close()]).then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
