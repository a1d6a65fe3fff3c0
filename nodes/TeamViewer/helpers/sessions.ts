import type { IDataObject } from 'n8n-workflow';

import { parseDate } from './dates';

/**
 * `support_session_type` on create is an integer enum whose names are UNCONFIRMED.
 * Chosen: 0 = remote control ("Default"), 1 = Assist AR / Pilot ("Pilot"), as read back by the API.
 */
export const SESSION_TYPES = { remoteControl: 0, assistAr: 1 } as const;
export type SessionType = keyof typeof SESSION_TYPES;

/**
 * Whether an existing service case can be handed out again for the same ticket: open, carrying the
 * same custom ID, and valid for more than `minValidityMinutes` (a link at its very end is not handed
 * out). TeamViewer documents `customId` only on create; when a read does not echo it, `custom_api`
 * (which Get or Create fills with the same value) is matched instead. UNCONFIRMED choice, see README.
 */
export function isReusableSession(
	session: IDataObject,
	customId: string,
	now: Date,
	minValidityMinutes = 0,
): boolean {
	const state = String(session.state ?? '').toLowerCase();
	if (state !== 'open') return false;
	const marker = session.customId ?? session.custom_api;
	if (marker !== customId) return false;
	const validUntil = parseDate(session.valid_until);
	if (!validUntil) return true;
	return validUntil.toMillis() > now.getTime() + minValidityMinutes * 60_000;
}
