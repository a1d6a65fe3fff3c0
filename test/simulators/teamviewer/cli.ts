/*
 * The sandbox start command:
 *   npx ts-node --transpile-only test/simulators/teamviewer/cli.ts [--port 8765] [--host 127.0.0.1] [--empty] [--seed N]
 * The port may also come from TEAMVIEWER_SIM_PORT. The last line printed is a JSON `{"ready":true,…}`
 * for scripts.
 */
import type { SandboxInfo } from './sandbox';
import { startTeamViewerSimulator } from './simulator';

interface CliOptions {
	port: number;
	host: string;
	empty: boolean;
	seed?: number;
}

function integer(flag: string, value: string | undefined): number {
	if (value === undefined || !/^\d+$/.test(value)) throw new Error(`${flag} needs a whole number.`);
	return Number(value);
}

function parseArgs(args: string[]): CliOptions {
	const envPort = process.env.TEAMVIEWER_SIM_PORT;
	const options: CliOptions = {
		port: envPort === undefined ? 0 : integer('TEAMVIEWER_SIM_PORT', envPort),
		host: '127.0.0.1',
		empty: false,
	};
	for (let i = 0; i < args.length; i++) {
		const flag = args[i];
		switch (flag) {
			case '--port':
				options.port = integer(flag, args[++i]);
				break;
			case '--host':
				options.host = args[++i] ?? options.host;
				break;
			case '--seed':
				options.seed = integer(flag, args[++i]);
				break;
			case '--empty':
				options.empty = true;
				break;
			default:
				throw new Error(
					`Unknown option ${flag}. Options: --port N, --host ADDR, --empty, --seed N.`,
				);
		}
	}
	return options;
}

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	const simulator = await startTeamViewerSimulator({ port: options.port, host: options.host });
	console.log(`TeamViewer simulator listening on ${simulator.url}`);
	console.log(`API base URL: ${simulator.apiUrl}`);
	let sandbox: SandboxInfo | undefined;
	if (!options.empty) {
		sandbox = simulator.seedSandbox({ seed: options.seed });
		console.log(
			`Sandbox: ${sandbox.reportCount} connection reports, ${sandbox.openSessionCodes.length} open sessions`,
		);
		console.log(`Script token (all permissions): ${sandbox.tokens.admin}`);
		console.log(`Script token (limited):         ${sandbox.tokens.limited}`);
		console.log(`OAuth client ID:     ${sandbox.oauthClient.clientId}`);
		console.log(`OAuth client secret: ${sandbox.oauthClient.clientSecret}`);
		console.log(`OAuth authorize URL: ${simulator.apiUrl}/oauth2/authorize`);
		console.log(`OAuth token URL:     ${simulator.apiUrl}/oauth2/token`);
	}
	console.log(
		JSON.stringify({
			ready: true,
			url: simulator.url,
			apiUrl: simulator.apiUrl,
			...(sandbox ? { tokens: sandbox.tokens, oauthClient: sandbox.oauthClient } : {}),
		}),
	);

	const stop = (): void => {
		simulator.close().then(
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
