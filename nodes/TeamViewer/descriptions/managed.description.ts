import type { INodeProperties } from 'n8n-workflow';

/**
 * `policy_type` of managed devices and groups: 1 TeamViewer policy, 4 monitoring policy, 5 patch
 * management policy (TeamViewer's OpenAPI document, PUT /managed/devices/{id}/policy/remove;
 * TeamViewerPS Cmdlets/TeamViewerPS.Types.ps1, enum PolicyType).
 */
export const policyTypeField: INodeProperties = {
	displayName: 'Policy Type',
	name: 'policyType',
	type: 'options',
	default: 1,
	options: [
		{ name: 'Monitoring Policy', value: 4 },
		{ name: 'Patch Management Policy', value: 5 },
		{ name: 'TeamViewer Policy', value: 1 },
	],
	description: 'Which kind of policy',
};

export const POLICY_TYPE_NAMES: Record<number, string> = {
	1: 'TeamViewer policy',
	4: 'monitoring policy',
	5: 'patch management policy',
};
