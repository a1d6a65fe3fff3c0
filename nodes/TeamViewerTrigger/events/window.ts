import type { IDataObject, IPollFunctions } from 'n8n-workflow';

/**
 * What a poll may spend: n8n's poll budget when it gives one. Paging stops before the deadline and
 * the rest is left for the next poll (the cursor is then not advanced).
 */
export function pollDeadline(context: IPollFunctions): number {
	const budget = typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() : undefined;
	return budget && budget > 0 ? Date.now() + budget * 0.8 : Number.POSITIVE_INFINITY;
}

/** IDs already emitted, each with the time it belongs to, pruned to the look-back window. */
export type SeenIds = Record<string, number>;

export function pruneSeen(seen: SeenIds, boundary: number): SeenIds {
	return Object.fromEntries(Object.entries(seen).filter(([, at]) => at >= boundary));
}

export function ms(value: unknown): number | undefined {
	const parsed = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	return Number.isNaN(parsed) ? undefined : parsed;
}

export interface PollResult {
	items: IDataObject[];
	state: IDataObject;
}
