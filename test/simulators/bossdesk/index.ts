export { BossDeskSimulator, startBossDeskSimulator, type StartOptions } from './simulator';
export {
	DEMO_API_KEY,
	DEMO_INTEGRATION_USER,
	DEMO_REQUESTERS,
	DEMO_TECHNICIANS,
	type DemoInfo,
} from './demo';
export { apiKeyOf } from './api';
export type { SeedData, TicketSeed, UserSeed } from './seed';
export type {
	Automation,
	AutomationEvent,
	BossDeskConfig,
	BossDeskState,
	BossUser,
	Comment,
	Delivery,
	Ticket,
	TicketStatus,
} from './state';
