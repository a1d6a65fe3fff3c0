import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties } from './actions/properties';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';

export class TeamViewer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TeamViewer',
		name: 'teamViewer',
		icon: { light: 'file:../../icons/teamviewer.svg', dark: 'file:../../icons/teamviewer.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create TeamViewer service cases, read connection reports and manage devices, groups and users',
		defaults: { name: 'TeamViewer' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Order matters: for a node added fresh, n8n's editor picks the most recently updated credential
		// of either type, and on a tie the one listed last. The script token comes last, so when a
		// script-token and an OAuth2 credential are as new as each other (an import), the node gets
		// the one that works without a Connect step.
		credentials: [
			{
				name: 'teamViewerOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
			{
				name: 'teamViewerApi',
				required: true,
				displayOptions: { show: { authentication: ['accessToken'] } },
			},
		],
		properties,
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
