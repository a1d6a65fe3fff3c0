export { Matrix42Simulator, startMatrix42Simulator, type StartOptions } from './simulator';
export { DEMO_API_TOKEN, type DemoActivity, type DemoInfo, type DemoPerson } from './demo';
export { ACTIVITY_STATE, ACTIVITY_STATES, SESSION_STATE_CONFIGURATION_ITEM, SESSION_STATE_DATA_DEFINITION, TEAMVIEWER_ID_ATTRIBUTE } from './schema';
export type { ApiTokenSeed, ObjectSeed, SeedData } from './seed';
export type { TokenResponse } from './auth';
export type { MissingObject, UnknownWriteNames } from './records';
export type { JournalMissingObject } from './activities';
export type { Delivery, Fragment, HookTarget, JournalEntry, M42Object } from './state';
