import { type ApiContext } from '../context';
import { badRequest, notFound } from '../errors';
import { GROUP_ID } from '../ids';
import { EMAIL } from '../input';
import { contactJson, createContact } from '../model/contacts';
import { isGroupVisible, resolveGroup } from '../model/groups';
import { parseOnlineStateFilter } from '../model/onlineState';
import { json, noContent, type Reply } from '../../common/reply';
import { securedRoute, type Route } from '../router';
import type { Contact } from '../types';

// Computers & Contacts contacts.

function isContactVisible(ctx: ApiContext, contact: Contact): boolean {
	const group = ctx.state.groups.get(contact.groupid);
	return group !== undefined && isGroupVisible(group, ctx.token.userId);
}

function findContact(ctx: ApiContext): Contact {
	const contact = ctx.state.contacts.get(ctx.params.id);
	if (!contact || !isContactVisible(ctx, contact)) {
		throw notFound(ctx.config.notFoundStatus, 'Contact', ctx.params.id);
	}
	return contact;
}

function list(ctx: ApiContext): Reply {
	const { config, query } = ctx;
	const name = query.string('name')?.toLowerCase();
	const emails = query.list('email')?.map((email) => email.toLowerCase());
	const groupid = query.string('groupid');
	const onlineStateText = query.string('online_state');
	const onlineState =
		onlineStateText === undefined ? undefined : parseOnlineStateFilter(config, onlineStateText);
	const withInvitations = query.boolean('include_invitations') ?? false;
	const contacts = [...ctx.state.contacts.values()]
		.filter((contact) => isContactVisible(ctx, contact))
		.filter((contact) => name === undefined || contact.name.toLowerCase().includes(name))
		.filter((contact) => emails === undefined || emails.includes(contact.email.toLowerCase()))
		.filter((contact) => groupid === undefined || contact.groupid === groupid)
		.filter((contact) => onlineState === undefined || contact.online_state === onlineState);
	return json({
		contacts: contacts.map((contact) => contactJson(config, contact)),
		...(withInvitations ? { invitations: [] } : {}),
	});
}

/** A single contact comes in the list wrapper, like devices. */
function get(ctx: ApiContext): Reply {
	return json({ contacts: [contactJson(ctx.config, findContact(ctx))] });
}

function create(ctx: ApiContext): Reply {
	const { body, state } = ctx;
	const email = body.string('email', { ...EMAIL, required: true });
	const groupRef = {
		groupid: body.string('groupid', GROUP_ID),
		groupname: body.string('groupname', { max: 100 }),
	};
	const name = body.string('name', { min: 5, max: 50 });
	const description = body.string('description');
	body.boolean('invite'); // validated only: no invitation mail is simulated
	const group = resolveGroup(state, ctx.config, ctx.token.userId, groupRef);
	const duplicate = [...state.contacts.values()].some(
		(contact) =>
			contact.groupid === group.id && contact.email.toLowerCase() === email.toLowerCase(),
	);
	if (duplicate && ctx.config.rejectDuplicateCreates) throw badRequest(`Contact ${email} already exists in group ${group.id}.`);
	const contact = createContact(state, {
		email,
		groupid: group.id,
		...(name === undefined ? {} : { name }),
		description: description ?? null,
	});
	state.contacts.set(contact.contact_id, contact);
	return json(contactJson(ctx.config, contact));
}

function remove(ctx: ApiContext): Reply {
	ctx.state.contacts.delete(findContact(ctx).contact_id);
	return noContent();
}

export const contactRoutes: Route[] = [
	securedRoute('GET', '/contacts', 'contacts.read', list),
	securedRoute('POST', '/contacts', 'contacts.add', create),
	securedRoute('GET', '/contacts/:id', 'contacts.read', get),
	securedRoute('DELETE', '/contacts/:id', 'contacts.remove', remove),
];
