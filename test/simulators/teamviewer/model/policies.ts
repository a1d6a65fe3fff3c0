import { badRequest } from '../errors';
import { Input, isRecord } from '../input';
import type { SimState } from '../state';
import type { PolicySetting, TeamViewerPolicy } from '../types';

export type PolicySeed = Partial<TeamViewerPolicy> & Pick<TeamViewerPolicy, 'name'>;

export const POLICY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createPolicy(state: SimState, seed: PolicySeed): TeamViewerPolicy {
	return {
		settings: [],
		isDefault: false,
		...seed,
		policy_id: (seed.policy_id ?? state.random.uuid()).toLowerCase(),
	};
}

/** `{policy_id, name, settings}`: TeamViewer's OpenAPI document, schema TeamViewerPolicy (no `default`). */
export function policyJson(policy: TeamViewerPolicy): Record<string, unknown> {
	return { policy_id: policy.policy_id, name: policy.name, settings: policy.settings };
}

/**
 * `settings[]` of a POST/PUT body: objects with `Key` (required), `Value` (any JSON) and `Enforce`
 * (bool, false when left out); field names match case-insensitively, as ASP.NET binds them.
 */
export function readSettings(raw: unknown[]): PolicySetting[] {
	return raw.map((entry, i) => {
		if (!isRecord(entry)) throw badRequest(`settings[${i}] must be an object with Key, Value and Enforce.`);
		const fields = new Input(entry, `settings[${i}].`);
		const key = fields.string('Key', { required: true, max: 200 });
		return { Key: key, Value: fields.raw('Value') ?? null, Enforce: fields.boolean('Enforce') ?? false };
	});
}
