export { CherwellSimulator, startCherwellSimulator, type StartOptions } from './simulator';
export { DEMO_API_CLIENT, DEMO_API_USER, type DemoInfo } from './demo';
export {
	BUSINESS_OBJECT_IDS,
	BUSINESS_OBJECTS,
	RELATIONSHIP_IDS,
	RELATIONSHIPS,
	businessObject,
	type BusinessObjectDefinition,
	type FieldDefinition,
	type RelationshipDefinition,
} from './schema';
export type { SeedData, SeedRecord } from './seed';
export {
	DEFAULT_KNOBS,
	type CherwellKnobs,
	type CherwellState,
	type CwFields,
	type CwRecord,
} from './state';
export type { TokenResponse } from './auth';
