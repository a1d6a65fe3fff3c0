export {
	startServiceDeskPlusSimulator,
	ServiceDeskPlusSimulator,
	type StartOptions,
} from './simulator';
export { DEMO_OAUTH_CLIENT, DEMO_SESSION_FIELD, type DemoInfo } from './demo';
export { SDP_ACCEPT } from './api';
export type { RequestSeed, SeedData, UserSeed } from './seed';
export { DEFAULT_KNOBS } from './state';
export type {
	SdpNote,
	SdpRequest,
	SdpUser,
	SdpWorklog,
	ServiceDeskPlusKnobs,
	ServiceDeskPlusState,
} from './state';
export type { TokenResponse } from './zoho';
export type { SdpAttachment } from './attachments';
