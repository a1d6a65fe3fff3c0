/**
 * Credentials for engine runs. n8n's own CredentialsHelper lives in the n8n server package and reads
 * a database; this one keeps credentials in memory but follows the same rules: defaults of the
 * credential type applied, expressions (`$self`) resolved, generic `authenticate` applied, parent
 * types from `extends`, refreshed OAuth2 tokens written back.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

import { packageCredentialTypes } from './package';

/**
 * The properties of n8n's built-in `oAuth2Api` that the OAuth2 engine reads, and `oauthTokenData`
 * with the empty default n8n's server gives it (CredentialsHelper.getCredentialsProperties), so an
 * OAuth2 credential nobody has connected arrives in a node as it does in n8n: `oauthTokenData: {}`.
 */
const oAuth2Api: ICredentialType = {
	name: 'oAuth2Api',
	displayName: 'OAuth2 API',
	properties: [
		// As n8n 2.41.1 has it (n8n-nodes-base OAuth2Api): a choice the user sees unless the credential hides it.
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{ name: 'Authorization Code', value: 'authorizationCode' },
				{ name: 'Client Credentials', value: 'clientCredentials' },
				{ name: 'PKCE', value: 'pkce' },
			],
			default: 'authorizationCode',
		},
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'string', default: '' },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '' },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'string', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'header' },
		{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', required: false, default: {} },
	],
};

const credentialTypes = new Map<string, ICredentialType>([
	['oAuth2Api', oAuth2Api],
	...packageCredentialTypes,
]);

function credentialType(name: string): ICredentialType {
	const type = credentialTypes.get(name);
	if (!type) throw new Error(`Unknown credential type ${name}`);
	return type;
}

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/** A node and workflow with nothing in them, to evaluate credential expressions the way n8n does. */
export const expressionNode: INode = {
	id: 'credential-resolver',
	name: 'Credential resolver',
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export function expressionWorkflow(): Workflow {
	const noTypes = { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) };
	return new Workflow({ nodes: [expressionNode], connections: {}, active: false, nodeTypes: noTypes as never });
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	readonly tokenUpdates: ICredentialDataDecryptedObject[] = [];

	constructor(private readonly store: Map<string, StoredCredential>) {
		super();
	}

	getParentTypes(name: string): string[] {
		const parents = credentialType(name).extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	getCredentialsProperties(name: string): INodeProperties[] {
		const type = credentialType(name);
		const merged: INodeProperties[] = [];
		for (const parent of type.extends ?? []) {
			NodeHelpers.mergeNodeProperties(merged, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(merged, type.properties);
		return merged;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		_executeData?: unknown,
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store.get(nodeCredentials.id ?? '');
		if (!stored || stored.type !== type) {
			throw new Error(`Credential ${nodeCredentials.id} of type ${type} is not in the store`);
		}
		const original = structuredClone(stored.data);
		if (raw) return original;
		const withDefaults = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			original as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (original.oauthTokenData !== undefined) withDefaults.oauthTokenData = original.oauthTokenData;
		const workflow = expressionWorkflow();
		return workflow.expression.getComplexParameterValue(
			expressionNode,
			withDefaults as INodeParameters,
			mode,
			{},
			undefined,
			undefined,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		request: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = credentialType(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, request as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			const resolve = (value: string) =>
				value.startsWith('=')
					? String(
							workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '') ?? '',
						)
					: value;
			const target = request as unknown as Record<string, Record<string, string> | undefined>;
			for (const [where, values] of Object.entries(authenticate.properties)) {
				target[where] = { ...(target[where] ?? {}) };
				for (const [key, value] of Object.entries(values as Record<string, string>)) {
					target[where]![resolve(key)] = resolve(value);
				}
			}
		}
		return request as IHttpRequestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('Encrypted credentials are not used by the engine harness');
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.store.get(nodeCredentials.id ?? '');
		if (stored) stored.data = structuredClone(data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.store.get(nodeCredentials.id ?? '');
		if (stored) stored.data = { ...stored.data, oauthTokenData: structuredClone(data.oauthTokenData) };
		this.tokenUpdates.push(structuredClone(data.oauthTokenData as ICredentialDataDecryptedObject));
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}
}
