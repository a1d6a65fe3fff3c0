import type { SimulatorConfig } from '../config';
import { nextId } from '../ids';
import type { SimState } from '../state';
import type { Contact } from '../types';
import { findUserByEmail } from './users';
import { onlineStateJson } from './onlineState';

export type ContactSeed = Partial<Contact> & Pick<Contact, 'email' | 'groupid'>;

/** A contact is another TeamViewer account; a known user's id is reused, others get a fresh `u…`. */
export function createContact(state: SimState, seed: ContactSeed): Contact {
	const account = findUserByEmail(state, seed.email);
	return {
		name: account?.name ?? seed.email.split('@')[0],
		description: null,
		online_state: account?.online_state ?? 'Offline',
		profilepicture_url: null,
		supported_features: 'chat, remote_control',
		...seed,
		contact_id: seed.contact_id ?? nextId(state, 'contact'),
		user_id: seed.user_id ?? account?.id ?? nextId(state, 'user'),
	};
}

export function contactJson(config: SimulatorConfig, contact: Contact): Record<string, unknown> {
	return {
		contact_id: contact.contact_id,
		user_id: contact.user_id,
		name: contact.name,
		email: contact.email,
		groupid: contact.groupid,
		description: contact.description,
		online_state: onlineStateJson(config, contact.online_state),
		profilepicture_url: contact.profilepicture_url,
		supported_features: contact.supported_features,
	};
}
