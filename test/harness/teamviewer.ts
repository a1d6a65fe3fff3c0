/**
 * The fixture every engine test file uses: one TeamViewer simulator and one engine per file, a fresh
 * sandbox before each test, and a script-token credential pointing at the simulator.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { LoggedRequest, SandboxInfo, StartOptions, TeamViewerSimulator } from '../simulators/teamviewer';
import { startTeamViewerSimulator } from '../simulators/teamviewer';
import type { StoredCredential } from './credentials';
import type { EngineResult } from './engine';
import { Engine, teamViewerWorkflow } from './engine';

export interface RunOptions {
	input?: IDataObject[];
	continueOnFail?: boolean;
	credential?: StoredCredential;
	timezone?: string;
}

export interface TeamViewerFixture {
	readonly sim: TeamViewerSimulator;
	readonly engine: Engine;
	readonly sandbox: SandboxInfo;
	readonly credential: StoredCredential;
	run(parameters: INodeParameters, options?: RunOptions): Promise<EngineResult>;
	tokenCredential(token: string): StoredCredential;
	/** API calls the simulator received since the test started, optionally filtered. */
	calls(method?: string, path?: RegExp): LoggedRequest[];
}

export function useTeamViewer(options: StartOptions = {}): TeamViewerFixture {
	let sim: TeamViewerSimulator;
	let sandbox: SandboxInfo;
	let credential: StoredCredential;
	const engine = new Engine();

	beforeAll(async () => {
		sim = await startTeamViewerSimulator({ ...options, seed: 'empty' });
	});
	beforeEach(() => {
		sim.reset();
		Object.assign(sim.config, options);
		sandbox = sim.seedSandbox();
		credential = fixture.tokenCredential(sandbox.tokens.admin);
		sim.log.clear();
	});
	afterAll(async () => {
		await sim?.close();
	});

	const fixture: TeamViewerFixture = {
		get sim() {
			return sim;
		},
		engine,
		get sandbox() {
			return sandbox;
		},
		get credential() {
			return credential;
		},
		tokenCredential(token: string) {
			return engine.addCredential('teamViewerApi', { accessToken: token, apiBaseUrl: sim.apiUrl });
		},
		async run(parameters, runOptions = {}) {
			const workflow = teamViewerWorkflow({
				parameters,
				credential: runOptions.credential ?? credential,
				continueOnFail: runOptions.continueOnFail,
				timezone: runOptions.timezone,
			});
			return await engine.run(workflow, runOptions.input);
		},
		calls(method, path) {
			return sim.requests.filter(
				(request) =>
					(method === undefined || request.method === method) &&
					(path === undefined || path.test(request.path)),
			);
		},
	};
	return fixture;
}

/** A resource-locator value as the editor stores it. */
export function locator(value: string, mode: 'id' | 'list' | 'url' | 'name' = 'id') {
	return { __rl: true, mode, value };
}
