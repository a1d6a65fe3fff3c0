import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { explainInsights } from '../helpers/insights';
import { describeEntity, requiredPermission } from '../helpers/permissions';

/** What went wrong with one HTTP attempt, stripped of anything that could carry a secret. */
export interface Failure {
	status?: number;
	headers: Record<string, string>;
	body?: unknown;
	/** Node/axios error code for a transport failure (ECONNREFUSED, ECONNRESET, …). */
	code?: string;
}

interface AxiosLike {
	response?: { status?: number; headers?: Record<string, unknown>; data?: unknown };
	code?: unknown;
	cause?: unknown;
}

function lowerCaseHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (value !== undefined) result[key.toLowerCase()] = String(value);
	}
	return result;
}

const TRANSPORT_MESSAGE = /socket hang up|ECONNRESET|ECONNREFUSED|ETIMEDOUT|network error|terminated/i;

/**
 * Reads status, headers, body and error code from an axios error or an n8n error wrapping one.
 * Returns undefined for anything that is not an HTTP or network failure (for example n8n's own
 * "credential needs to be reconnected" error), which must reach the user unchanged.
 */
export function failureFromError(error: unknown): Failure | undefined {
	const failure: Failure = { headers: {} };
	let current: unknown = error;
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		const candidate = current as AxiosLike;
		if (candidate.response && failure.status === undefined && candidate.response.status) {
			failure.status = candidate.response.status;
			failure.headers = lowerCaseHeaders(candidate.response.headers);
			failure.body = candidate.response.data;
		}
		if (typeof candidate.code === 'string' && /^E[A-Z_]+$/.test(candidate.code) && !failure.code) {
			failure.code = candidate.code;
		}
		current = candidate.cause;
	}
	if (failure.status !== undefined || failure.code) return failure;
	const message = error instanceof Error ? error.message : String(error);
	return TRANSPORT_MESSAGE.test(message) ? { ...failure, code: 'ECONNRESET' } : undefined;
}

function teamViewerText(body: unknown): { error?: string; description?: string } {
	if (typeof body === 'string') return { description: body.trim().slice(0, 500) || undefined };
	if (body && typeof body === 'object') {
		const record = body as Record<string, unknown>;
		const description = record.error_description ?? record.Message ?? record.message;
		return {
			error: typeof record.error === 'string' ? record.error : undefined,
			description: typeof description === 'string' ? description : undefined,
		};
	}
	return {};
}

export function isLicenceLimit(failure: Failure): boolean {
	if (failure.status !== 400) return false;
	const text = typeof failure.body === 'string' ? failure.body : JSON.stringify(failure.body ?? '');
	return /licen[cs]e limitation/i.test(text);
}

export interface RequestDescription {
	method: string;
	path: string;
	host: string;
	attempts: number;
	itemIndex?: number;
	hint?: string;
	/** Values sent in password fields: cut out of anything TeamViewer's answer echoes. */
	secrets?: string[];
}

const NETWORK_REASONS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection dropped',
	ECONNABORTED: 'request aborted',
	ETIMEDOUT: 'timed out',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'name lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	EPIPE: 'connection dropped',
};

interface Explanation {
	message: string;
	description: string;
}

function explain(failure: Failure, request: RequestDescription): Explanation {
	const { error, description: apiText } = teamViewerText(failure.body);
	const said = apiText ? ` TeamViewer said: "${apiText}"` : '';
	const tries = request.attempts > 1 ? ` after ${request.attempts} attempts` : '';

	if (failure.status === undefined) {
		// Plain words: n8n replaces a message that contains a raw code such as ECONNRESET with its own.
		const reason = NETWORK_REASONS[failure.code ?? ''] ?? 'connection failed';
		return {
			message: `Could not reach TeamViewer at ${request.host} (${reason})${tries}`,
			description:
				'Check the API Base URL in the credential and that this n8n instance can reach it. Calls that read data were retried automatically.',
		};
	}
	const insights = explainInsights(request.path, failure.status, apiText);
	if (insights) return insights;
	if (isLicenceLimit(failure)) {
		return {
			message: 'TeamViewer refused: licence limit of concurrent sessions reached',
			description: `Your TeamViewer licence allows only a fixed number of open service cases at the same time. Close service cases that are no longer needed (Session → Close) or wait until they expire, then try again.${said}`,
		};
	}
	switch (failure.status) {
		case 401:
			return {
				message: 'TeamViewer rejected the token: it is invalid or has expired',
				description:
					'For a script token, create a new one in the Management Console (Edit profile → Apps) and update the credential. For OAuth2, reconnect the credential.',
			};
		case 403: {
			const permission = requiredPermission(request.method, request.path);
			const entity = describeEntity(request.path);
			const access = entity
				? ` If it already has it, the token's account may not own ${entity} or may have read-only access to it.`
				: '';
			return {
				message: permission
					? `The TeamViewer token lacks the permission "${permission}"`
					: 'The TeamViewer token lacks the permission this operation needs',
				description: `Edit the script token or OAuth app in the TeamViewer Management Console (Edit profile → Apps), grant ${permission ? `"${permission}"` : 'the missing permission'} and try again.${access}${said}`,
			};
		}
		case 404: {
			const entity = describeEntity(request.path);
			return {
				message: entity ? `${entity} was not found in TeamViewer` : 'TeamViewer could not find what was asked for',
				description: `Check the ID: it may be mistyped, deleted, or not visible to this token's account.${said}`,
			};
		}
		case 429:
			return {
				message: `TeamViewer is rate-limiting requests (HTTP 429)${tries}`,
				description:
					'TeamViewer kept refusing calls for too many in a short time, although the node waited as long as it asked and slowed down (for 5 minutes, or it asked for a wait longer than a minute). Another client may be using the same account heavily: run the workflow again later.',
			};
		default:
			if (failure.status >= 500) {
				return {
					message: `TeamViewer is unavailable (HTTP ${failure.status})${tries}`,
					description: `TeamViewer's service answered with a server error. Try again in a few minutes.${said}`,
				};
			}
			return {
				message: apiText
					? `TeamViewer refused the request: ${apiText.replace(/\.$/, '')}`
					: `TeamViewer refused the request (HTTP ${failure.status}${error ? `, ${error}` : ''})`,
				description: `${request.hint ?? 'Check the fields of this operation.'} (HTTP ${failure.status}${error ? `, ${error}` : ''})`,
			};
	}
}

/** The body with every secret replaced, so an answer that echoes a password does not pass it on. */
function withoutSecrets(body: unknown, secrets: string[] = []): unknown {
	const present = secrets.filter((secret) => secret.length > 0);
	if (present.length === 0 || body === undefined) return body;
	let text = typeof body === 'string' ? body : JSON.stringify(body);
	for (const secret of present) text = text.split(secret).join('__hidden__');
	return typeof body === 'string' ? text : (JSON.parse(text) as unknown);
}

/** Builds the NodeApiError a user sees. Only the sanitised failure goes in: never headers or the request. */
export function toNodeApiError(node: INode, sent: Failure, request: RequestDescription): NodeApiError {
	const failure = { ...sent, body: withoutSecrets(sent.body, request.secrets) };
	const { message, description } = explain(failure, request);
	const { error, description: apiText } = teamViewerText(failure.body);
	const cause: JsonObject = {
		message,
		httpCode: failure.status === undefined ? null : String(failure.status),
		request: `${request.method} ${request.path}`,
		...(error ? { error } : {}),
		...(apiText ? { error_description: apiText } : {}),
		...(failure.code ? { networkCode: failure.code } : {}),
	};
	return new NodeApiError(node, cause, {
		message,
		description,
		httpCode: failure.status === undefined ? undefined : String(failure.status),
		itemIndex: request.itemIndex,
	});
}

/**
 * An error that is not about HTTP (n8n's own errors, a refused OAuth2 refresh, a guard) keeps its
 * message; anything else is rebuilt from its message alone, so no request detail can leak.
 */
export function passThroughError(node: INode, error: unknown, itemIndex?: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined) error.context.itemIndex ??= itemIndex;
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, { itemIndex });
}
