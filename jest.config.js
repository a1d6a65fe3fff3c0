/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/setup/distIsFresh.ts',
	setupFiles: ['<rootDir>/test/setup/networkGuard.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/setup/networkGuardCheck.ts'],
	testTimeout: 30000,
	// jest's default on 2 cores is one worker; the longest suites (fault soak, trigger costs, rate limits)
	// spend much of their time waiting on simulated latency and timers, so two keep both cores busy.
	maxWorkers: 2,
};
