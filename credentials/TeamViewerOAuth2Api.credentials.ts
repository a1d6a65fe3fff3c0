import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { MAX_REQUESTS_PER_SECOND, TEAMVIEWER_API_BASE_URL as PRODUCTION_API } from './TeamViewerApi.credentials';

const PRODUCTION_AUTHORIZE = 'https://login.teamviewer.com/oauth2/authorize';

/**
 * TeamViewer's documented authorize page lives on login.teamviewer.com while the token endpoint
 * lives under the API. Any other API base URL (a proxy, the local sandbox) is expected to serve
 * both under itself: `<base>/oauth2/authorize` and `<base>/oauth2/token`.
 */
export class TeamViewerOAuth2Api implements ICredentialType {
	name = 'teamViewerOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'TeamViewer OAuth2 API';

	icon: Icon = { light: 'file:../icons/teamviewer.svg', dark: 'file:../icons/teamviewer.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-teamviewer/n8n-nodes-teamviewer#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: PRODUCTION_API,
			description:
				'Leave as is for TeamViewer. Change it only to go through a proxy or to use the local sandbox.',
		},
		MAX_REQUESTS_PER_SECOND,
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{ $self["apiBaseUrl"].replace(/\\/+$/, "") === "${PRODUCTION_API}" ? "${PRODUCTION_AUTHORIZE}" : $self["apiBaseUrl"].replace(/\\/+$/, "") + "/oauth2/authorize" }}`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{ $self["apiBaseUrl"].replace(/\\/+$/, "") + "/oauth2/token" }}',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: 'display=popup',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}
