export { startServiceNowSimulator, ServiceNowSimulator, type StartOptions } from './simulator';
export {
	DEMO_CUSTOM_TABLES,
	DEMO_INTEGRATION_USER,
	DEMO_OAUTH_CLIENT,
	type DemoInfo,
} from './demo';
export type { SeedData } from './seed';
export type { JournalEntry, ServiceNowState, SnRecord } from './state';
export type { TokenResponse } from './auth';
export type { DisplayMode } from './render';
