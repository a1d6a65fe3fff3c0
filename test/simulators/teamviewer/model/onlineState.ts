import type { SimulatorConfig } from '../config';
import { badRequest } from '../errors';
import { ONLINE_STATES, type OnlineState } from '../types';

/** `online_state` as the configured wire format writes it (UNCONFIRMED). */
export function onlineStateJson(config: SimulatorConfig, state: OnlineState): string | number {
	return config.onlineStateFormat === 'integer' ? config.onlineStateCodes[state] : state;
}

/**
 * An `online_state` filter: a name in any case, or an integer 0–4. An integer no state is mapped to
 * is valid but matches nothing (`null`).
 */
export function parseOnlineStateFilter(config: SimulatorConfig, text: string): OnlineState | null {
	const byName = ONLINE_STATES.find((state) => state.toLowerCase() === text.toLowerCase());
	if (byName) return byName;
	if (/^[0-4]$/.test(text)) {
		return ONLINE_STATES.find((state) => config.onlineStateCodes[state] === Number(text)) ?? null;
	}
	throw badRequest(
		`online_state must be one of ${ONLINE_STATES.join(', ')} or 0-4, got '${text}'.`,
	);
}
