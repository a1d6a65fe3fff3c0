export { startServiceNowSimulator, ServiceNowSimulator, type StartOptions } from './simulator';
export {
	DEMO_CUSTOM_TABLES,
	DEMO_INTEGRATION_USER,
	DEMO_OAUTH_CLIENT,
	SHIPPED_UPDATE_SET,
	type DemoInfo,
} from './demo';
export { DEFAULT_KNOBS, type Knobs } from './knobs';
export type { SeedData } from './seed';
export type { JournalEntry, ServiceNowState, SnRecord } from './state';
export type { SnAttachment } from './attachment';
export type { TokenResponse } from './auth';
export type { DisplayMode } from './render';
export { parseUpdateSet, UpdateSetError, type ParsedUpdateSet, type UpdateXml } from './updateSet';
