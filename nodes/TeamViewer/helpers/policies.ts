import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { NodeContext } from './params';
import { invalidField } from './params';
import { isUuid } from './ids';

/** A policy setting as TeamViewer's OpenAPI document names its fields. */
export interface PolicySetting extends IDataObject {
	Key: string;
	Value: IDataObject[keyof IDataObject];
	Enforce: boolean;
}

const SETTINGS_EXAMPLE = '[{"Key": "AccessControlIncoming", "Value": 1, "Enforce": true}]';

/**
 * The Settings field (JSON text, or a list from an expression) as `settings[]`: each entry needs
 * a `Key`; `Value` is any JSON value; `Enforce` a boolean (false when left out). Field names are
 * accepted in any case (`key`, `KEY`) and sent as `Key`, `Value`, `Enforce`.
 */
export function policySettings(context: NodeContext, itemIndex: number, raw: unknown): PolicySetting[] | undefined {
	let value = raw;
	if (typeof value === 'string') {
		if (value.trim() === '') return undefined;
		try {
			value = JSON.parse(value) as unknown;
		} catch {
			invalidField(context, itemIndex, 'Settings', raw, `a JSON list of settings, e.g. ${SETTINGS_EXAMPLE}`);
		}
	}
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value)) invalidField(context, itemIndex, 'Settings', raw, `a JSON list of settings, e.g. ${SETTINGS_EXAMPLE}`);
	return value.map((entry: unknown, index) => {
		const fields =
			entry && typeof entry === 'object' && !Array.isArray(entry)
				? Object.fromEntries(Object.entries(entry as IDataObject).map(([name, field]) => [name.toLowerCase(), field]))
				: undefined;
		const key = typeof fields?.key === 'string' ? fields.key.trim() : '';
		if (!fields || !key) {
			invalidField(context, itemIndex, `Settings entry ${index + 1}`, entry, `an object with a "Key", e.g. ${SETTINGS_EXAMPLE}`);
		}
		const enforce = fields.enforce ?? false;
		if (typeof enforce !== 'boolean') {
			invalidField(context, itemIndex, `Settings entry ${index + 1} "Enforce"`, enforce, 'true or false');
		}
		return { Key: key, Value: (fields.value ?? null) as PolicySetting['Value'], Enforce: enforce };
	});
}

/** The value of a device's Policy field: a policy ID, `inherit` (from the group) or `none`. */
export function devicePolicyValue(context: NodeContext, itemIndex: number, raw: string): string {
	const value = raw.trim();
	if (/^(inherit|none)$/i.test(value)) return value.toLowerCase();
	if (isUuid(value)) return value.toLowerCase();
	return invalidField(
		context,
		itemIndex,
		'Policy',
		raw,
		'a policy ID (e.g. 0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11), "inherit" (use the group\'s policy) or "none"',
	);
}

/** The one policy in a `{policies: [...]}` answer of GET /teamviewerpolicies/{id}. */
export function onlyPolicy(context: NodeContext, itemIndex: number, response: IDataObject, policyId: string): IDataObject {
	const policy = ((response.policies as IDataObject[] | undefined) ?? [])[0];
	if (!policy) {
		throw new NodeOperationError(context.getNode(), `Policy "${policyId}" was not found in TeamViewer`, {
			itemIndex,
			description: 'TeamViewer answered without the policy. Check the ID: it may be mistyped or deleted.',
		});
	}
	return policy;
}
