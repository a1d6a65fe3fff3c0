import { insertObject } from './records';
import { CONFIGURATION_ITEMS } from './schema';
import type { Matrix42State } from './state';

export interface ObjectSeed {
	/** Object id; generated when absent. */
	ID?: string;
	/** Configuration item, e.g. `SPSComputerType`. */
	ci: string;
	/** Data definition → attributes (and optionally the fragment `ID`). Missing attributes are null. */
	fragments: Record<string, Record<string, unknown>>;
}

export interface ApiTokenSeed {
	token: string;
	/** `SPSUserClassBase` fragment id of the person the token acts for. */
	user: string;
	name?: string;
	/** ISO 8601; absent or null = never expires. */
	expiresAt?: string | null;
	disabled?: boolean;
}

export interface SeedData {
	objects?: ObjectSeed[];
	apiTokens?: ApiTokenSeed[];
}

export function applySeed(state: Matrix42State, data: SeedData): void {
	for (const seed of data.objects ?? []) {
		if (!CONFIGURATION_ITEMS[seed.ci]) throw new Error(`Unknown configuration item ${seed.ci}.`);
		insertObject(state, seed.ci, seed.fragments, seed.ID);
	}
	for (const token of data.apiTokens ?? []) {
		state.apiTokens.set(token.token, {
			user: token.user.toLowerCase(),
			name: token.name ?? 'n8n',
			expiresAtMs: token.expiresAt ? Date.parse(token.expiresAt) : null,
			disabled: token.disabled ?? false,
		});
	}
}
