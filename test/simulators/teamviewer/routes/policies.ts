import { requireChanges, type ApiContext } from '../context';
import { badRequest, notFound } from '../errors';
import { createPolicy, POLICY_ID, policyJson, readSettings } from '../model/policies';
import { json, noContent, type Reply } from '../../common/reply';
import { securedRoute, type Route } from '../router';
import type { TeamViewerPolicy } from '../types';

/*
 * TeamViewer (client settings) policies: TeamViewer's OpenAPI document (/api/v1/docs, tag "TeamViewer
 * Policy Management") and TeamViewerPS Cmdlets/Public/{Get,New,Set,Remove}-TeamViewerPolicy.ps1.
 * GET by id answers the list model `{policies: [one]}` (same response type; TeamViewerPS reads `.policies`).
 */

function findPolicy(ctx: ApiContext): TeamViewerPolicy {
	const id = ctx.params.id;
	if (!POLICY_ID.test(id)) throw badRequest(`The policy id must be a GUID, got '${id}'.`);
	const policy = ctx.state.policies.get(id.toLowerCase());
	if (!policy) throw notFound(ctx.config.notFoundStatus, 'Policy', id);
	return policy;
}

function assertNameFree(ctx: ApiContext, name: string, except?: TeamViewerPolicy): void {
	const taken = [...ctx.state.policies.values()].some(
		(policy) => policy !== except && policy.name.toLowerCase() === name.toLowerCase(),
	);
	if (taken) throw badRequest(`A policy named '${name}' already exists.`);
}

/** The company's default policy is the one most recently flagged `default: true`. */
function makeDefault(ctx: ApiContext, policy: TeamViewerPolicy): void {
	for (const other of ctx.state.policies.values()) other.isDefault = other === policy;
}

function list(ctx: ApiContext): Reply {
	return json({ policies: [...ctx.state.policies.values()].map(policyJson) });
}

function get(ctx: ApiContext): Reply {
	return json({ policies: [policyJson(findPolicy(ctx))] });
}

/** POST → 200 with the new policy (TeamViewer's OpenAPI document). */
function create(ctx: ApiContext): Reply {
	const { body } = ctx;
	const name = body.string('name', { required: true, min: 1, max: 100 });
	const settings = readSettings(body.array('settings') ?? []);
	const isDefault = body.boolean('default') ?? false;
	if (ctx.config.rejectDuplicateCreates) assertNameFree(ctx, name);
	const policy = createPolicy(ctx.state, { name, settings });
	ctx.state.policies.set(policy.policy_id, policy);
	if (isDefault) makeDefault(ctx, policy);
	return json(policyJson(policy));
}

/** PUT → 204; `settings` replaces the whole list (TeamViewerPS sends the complete list). */
function update(ctx: ApiContext): Reply {
	requireChanges(ctx);
	const policy = findPolicy(ctx);
	const { body } = ctx;
	const name = body.string('name', { min: 1, max: 100 });
	const settings = body.array('settings');
	const isDefault = body.boolean('default');
	if (name !== undefined && ctx.config.rejectDuplicateCreates) assertNameFree(ctx, name, policy);
	policy.name = name ?? policy.name;
	policy.settings = settings === undefined ? policy.settings : readSettings(settings);
	if (isDefault) makeDefault(ctx, policy);
	return noContent();
}

/** DELETE → 204. Devices and groups that named the policy keep the id (not documented). */
function remove(ctx: ApiContext): Reply {
	ctx.state.policies.delete(findPolicy(ctx).policy_id);
	return noContent();
}

export const policyRoutes: Route[] = [
	securedRoute('GET', '/teamviewerpolicies', 'policies.read', list),
	securedRoute('POST', '/teamviewerpolicies', 'policies.write', create),
	securedRoute('GET', '/teamviewerpolicies/:id', 'policies.read', get),
	securedRoute('PUT', '/teamviewerpolicies/:id', 'policies.write', update),
	securedRoute('DELETE', '/teamviewerpolicies/:id', 'policies.write', remove),
];
