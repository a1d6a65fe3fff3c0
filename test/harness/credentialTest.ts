/**
 * Runs a credential type's `test` request the way n8n's credential tester does when a user clicks
 * "Test" in the credential dialog: resolve the request's expressions against the credential, sign it
 * with the credential's `authenticate`, send it, then apply the `rules` to the answer.
 */
import type { ICredentialTestRequest, IHttpRequestOptions } from 'n8n-workflow';

import type { StoredCredential } from './credentials';
import { expressionNode, expressionWorkflow } from './credentials';
import type { Engine } from './engine';
import { packageCredentialTypes } from './package';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export async function testCredential(engine: Engine, credential: StoredCredential): Promise<CredentialTestResult> {
	const type = packageCredentialTypes.get(credential.type);
	const test = type?.test as ICredentialTestRequest | undefined;
	if (!test) throw new Error(`${credential.type} has no test request`);
	const data = await engine.credentialsHelper.getDecrypted({} as never, credential, credential.type, 'internal');
	const workflow = expressionWorkflow();
	const resolve = (value: string | undefined) =>
		value?.startsWith('=')
			? String(workflow.expression.getSimpleParameterValue(expressionNode, value, 'internal', { $credentials: data }, undefined, ''))
			: (value ?? '');
	const request: IHttpRequestOptions = {
		method: test.request.method ?? 'GET',
		url: `${resolve(test.request.baseURL)}${resolve(test.request.url)}`,
		headers: {},
	};
	const signed = await engine.credentialsHelper.authenticate(data, credential.type, request, workflow, expressionNode);
	const response = await fetch(signed.url, { method: signed.method, headers: signed.headers as Record<string, string> });
	const text = await response.text();
	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseCode' && response.status === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	if (!response.ok) {
		return { status: 'Error', message: `Authorization failed - please check your credentials (HTTP ${response.status})` };
	}
	const body = JSON.parse(text) as Record<string, unknown>;
	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && body[rule.properties.key] === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
