import type { INodeProperties } from 'n8n-workflow';

export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** Date windows read at once by default: 8 took 0.97 s where one sequential read took 6.7 s (issue #13, 50 ms latency). */
export const DEFAULT_WINDOWS = 8;

/** "Parallel Windows" of a date-ranged Get Many; `range` says which range is split. */
export function parallelWindows(range: string): INodeProperties {
	return {
		displayName: 'Parallel Windows',
		name: 'windows',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 32 },
		default: DEFAULT_WINDOWS,
		description: `${range} is split into this many date windows read at the same time, within the credential's rate limit; the result is the same as reading page after page. 1 reads page after page.`,
	};
}

export const simplifyOutput: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'OAuth2', value: 'oAuth2' },
		{ name: 'Script Token', value: 'accessToken' },
	],
	default: 'accessToken',
};

/** Connection-report filters shared by Connection Report → Get Many and the trigger. */
export const hasCodeFilter: INodeProperties = {
	displayName: 'Has Session Code',
	name: 'hasCode',
	type: 'options',
	default: 'any',
	options: [
		{ name: 'Any', value: 'any' },
		{ name: 'No (Unattended and Direct Connections)', value: 'no' },
		{ name: 'Yes (Service Cases)', value: 'yes' },
	],
};

export const sessionTypeFilter: INodeProperties = {
	displayName: 'Session Type',
	name: 'sessionType',
	type: 'options',
	default: 'any',
	options: [
		{ name: 'Any', value: 'any' },
		{ name: 'Remote Connection', value: '1' },
		{ name: 'Remote Support', value: '2' },
		{ name: 'Remote Support via SDK', value: '3' },
	],
};

export const deviceTeamViewerIdFilter: INodeProperties = {
	displayName: 'Device TeamViewer ID',
	name: 'deviceId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 123 456 789',
	description: 'Only connections to the device with this TeamViewer ID',
};
