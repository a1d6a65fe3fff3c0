/** End-to-end tier: the shipped workflow files in a real n8n process (see test/e2e/). */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/setup/distIsFresh.ts',
	setupFiles: ['<rootDir>/test/setup/networkGuard.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/setup/networkGuardCheck.ts'],
	testTimeout: 120000,
	// Two real n8n processes at a time: the suites spend much of their time waiting for polls.
	maxWorkers: 2,
};
