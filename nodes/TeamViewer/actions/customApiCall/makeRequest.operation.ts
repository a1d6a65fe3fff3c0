import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiPath } from '../../helpers/apiPath';
import { invalidField, textOf } from '../../helpers/params';
import { teamViewerApiRequest } from '../../transport';

const METHODS = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'] as const;

const properties: INodeProperties[] = [
	{
		displayName:
			'Sends one request to the TeamViewer Web API as you write it, for calls this node has no operation for. It uses the credential\'s token, base URL, retries and rate limit; TeamViewer\'s answer is not checked or simplified. The API reference is at https://webapi.teamviewer.com/api/v1/docs.',
		name: 'customApiCallNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: METHODS.map((method) => ({ name: method, value: method })),
		default: 'GET',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. /patchmanagement/devices',
		description: 'The path below the API base URL (which ends in /api/v1), starting with "/". No host, no query string.',
	},
	{
		displayName: 'Query Parameters',
		name: 'queryParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. continuationToken' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		default: '',
		placeholder: 'e.g. {"name": "Helpdesk PCs"}',
		description: 'Sent as JSON. Leave empty to send no body.',
		displayOptions: { hide: { method: ['GET'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Safe to Retry',
				name: 'idempotent',
				type: 'boolean',
				default: false,
				description:
					'Whether a POST only reads (such as /EventLogging), so that it may be sent again after a timeout or a server error. Other methods are always retried that way; a POST that creates something is only resent when TeamViewer provably did not process it.',
			},
			{
				displayName: 'Split Lists Into Items',
				name: 'splitLists',
				type: 'boolean',
				default: true,
				description: 'Whether an answer that is a JSON list gives one item per entry (otherwise one item with the list under "data")',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customApiCall'], operation: ['makeRequest'] } },
	properties,
);

function jsonBody(context: IExecuteFunctions, itemIndex: number, raw: unknown): IDataObject | IDataObject[] | undefined {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw) as unknown;
		} catch {
			invalidField(context, itemIndex, 'Body (JSON)', raw, 'a JSON object or list, e.g. {"name": "Helpdesk PCs"}');
		}
	}
	if (typeof value !== 'object' || value === null) {
		invalidField(context, itemIndex, 'Body (JSON)', raw, 'a JSON object or list, e.g. {"name": "Helpdesk PCs"}');
	}
	return value as IDataObject | IDataObject[];
}

function query(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const parameters = ((context.getNodeParameter('queryParameters', itemIndex, {}) as IDataObject).parameter ?? []) as IDataObject[];
	const qs: IDataObject = {};
	for (const parameter of parameters) {
		const name = textOf(parameter.name);
		if (!name) invalidField(context, itemIndex, 'Query Parameters name', parameter.name, 'the name of a query parameter, e.g. continuationToken');
		const value = typeof parameter.value === 'string' ? parameter.value : textOf(parameter.value);
		// A name given twice is sent twice (name=a&name=b), as TeamViewer's list filters take it.
		const previous = qs[name];
		qs[name] = previous === undefined ? value : ([] as unknown[]).concat(previous, value);
	}
	return qs;
}

/**
 * Any TeamViewer Web API call, through the same transport as every operation (transport/request.ts):
 * the credential's base URL and token, the rate limiter, bounded retries and TeamViewer's errors in words.
 * The token never appears in the output or an error: errors are built from the status and TeamViewer's
 * answer only, and a password sent in the body is cut out of anything the answer echoes.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const method = this.getNodeParameter('method', itemIndex, 'GET') as IHttpRequestMethods;
	const rawPath = textOf(this.getNodeParameter('path', itemIndex, ''));
	const checked = apiPath(rawPath);
	if ('problem' in checked) {
		invalidField(this, itemIndex, 'Path', rawPath, `a path below the API base URL such as /teamviewerpolicies (${checked.problem})`);
	}
	const body = method === 'GET' ? undefined : jsonBody(this, itemIndex, this.getNodeParameter('body', itemIndex, ''));
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const response = (await teamViewerApiRequest.call(this, {
		method,
		path: checked.path,
		qs: query(this, itemIndex),
		body,
		idempotent: method === 'POST' ? options.idempotent === true : undefined,
		itemIndex,
		hint: 'Check the path, the query parameters and the body against TeamViewer\'s API reference (https://webapi.teamviewer.com/api/v1/docs).',
	})) as unknown;
	if (Array.isArray(response)) {
		if (options.splitLists === false) return [{ data: response }];
		return response.map((entry: unknown) =>
			entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? (entry as IDataObject) : { value: entry as IDataObject[keyof IDataObject] },
		);
	}
	if (response === null || typeof response !== 'object') return [{ data: response as IDataObject[keyof IDataObject] }];
	// An answer without a body (204) reads as {} here.
	return Object.keys(response).length === 0 ? [{ success: true }] : [response as IDataObject];
}
