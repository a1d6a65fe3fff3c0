import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export const TEAMVIEWER_API_BASE_URL = 'https://webapi.teamviewer.com/api/v1';

/** Both TeamViewer credentials: the optional pace of their own (nodes/TeamViewer/transport/rateLimit.ts). */
export const MAX_REQUESTS_PER_SECOND: INodeProperties = {
	displayName: 'Max Requests per Second',
	name: 'maxRequestsPerSecond',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description:
		'0: as fast as TeamViewer allows. The nodes using this credential in one n8n process share the pace; when TeamViewer answers "too many requests" they wait and slow down by themselves either way.',
};

export class TeamViewerApi implements ICredentialType {
	name = 'teamViewerApi';

	displayName = 'TeamViewer API';

	icon: Icon = { light: 'file:../icons/teamviewer.svg', dark: 'file:../icons/teamviewer.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-teamviewer/n8n-nodes-teamviewer#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Script Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A script token from the TeamViewer Management Console (Edit profile → Apps → Create script token), with the permissions the operations you use need',
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: TEAMVIEWER_API_BASE_URL,
			description:
				'Leave as is for TeamViewer. Change it only to go through a proxy or to use the local sandbox.',
		},
		MAX_REQUESTS_PER_SECOND,
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiBaseUrl.replace(/\\/+$/, "")}}',
			url: '/ping',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'token_valid',
					value: false,
					message:
						'TeamViewer answered token_valid: false: the script token is unknown, revoked or expired. Create a new script token in the Management Console and paste it here.',
				},
			},
		],
	};
}
