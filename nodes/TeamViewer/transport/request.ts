import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { TEAMVIEWER_API_BASE_URL } from '../../../credentials/TeamViewerApi.credentials';
import type { Failure } from './errors';
import { failureFromError, passThroughError, toNodeApiError } from './errors';
import { limiterFor, type RateLimiter } from './rateLimit';

export type TeamViewerContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export type Authentication = 'accessToken' | 'oAuth2';


export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the API base URL, e.g. `/sessions/s123-456-789`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** Safe to send twice. Defaults to true for GET, PUT and DELETE; set it for read-only POSTs. */
	idempotent?: boolean;
	itemIndex?: number;
	/** What to check when TeamViewer refuses the request (400), shown in the error's description. */
	hint?: string;
	/**
	 * The answer is a file (a screenshot): the body comes back as a Buffer in `{ data }`
	 * instead of parsed JSON. Error answers are still read as TeamViewer's JSON error body.
	 */
	binary?: boolean;
}

/**
 * Retry and timeout policy of every call. Tests may shorten these (the fault-soak suite sets
 * `timeoutMs` to a few hundred milliseconds so that a late answer costs little wall time).
 */
export const RETRY = {
	/** A call that hangs longer than this is abandoned (and retried when that is safe). */
	timeoutMs: 30000,
	maxRetries: 4,
	baseDelayMs: 400,
	maxDelayMs: 8000,
	/** A longer Retry-After than this is not waited for: the error tells the user to come back later. */
	maxRetryAfterMs: 60000,
	/**
	 * How long one call keeps waiting through 429s (each one slows every call of the credential down,
	 * see rateLimit.ts) before it gives up: refusals do not count as attempts until then.
	 */
	maxThrottledMs: 300000,
	/**
	 * After a create that may have been carried out, the object is looked up by its natural key right
	 * away and again after each of these pauses (a request TeamViewer is still working on shows up
	 * late) before the node decides it is absent and creates it again.
	 */
	ambiguousLookupPausesMs: [250, 500, 1000, 2000],
};

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
/**
 * Answers that mean TeamViewer did not process the call, so even a create may be sent again:
 * 429 (refused before any work) and 502/503 (the gateway or service was not there to do it).
 */
const NOT_PROCESSED_STATUS = new Set([429, 502, 503]);
/** Codes that prove the request never left this machine or never reached TeamViewer. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
/** Errors of creates that may or may not have been carried out (see isAmbiguousFailure). */
const ambiguousErrors = new WeakSet<object>();
const baseUrls = new WeakMap<object, string>();
const limiters = new WeakMap<object, RateLimiter>();
const serverTimes = new WeakMap<object, number>();
/** TeamViewer's refresh takes client_id and client_secret in the form body. */
const REFRESH_WITH_CLIENT_CREDENTIALS_IN_BODY = {
	oauth2: { includeCredentialsOnRefreshOnBody: true },
};

function credentialType(context: TeamViewerContext): string {
	const authentication = context.getNode().parameters.authentication as Authentication | undefined;
	return authentication === 'oAuth2' ? 'teamViewerOAuth2Api' : 'teamViewerApi';
}

/**
 * An OAuth2 credential without an access token, in words a user can act on. It is caught before any call
 * (apiBaseUrl): n8n's server gives a credential nobody connected an empty `oauthTokenData` object, and n8n
 * itself would only say "Unable to sign without access token".
 */
function notConnectedError(context: TeamViewerContext, itemIndex?: number): NodeOperationError {
	const name = context.getNode().credentials?.teamViewerOAuth2Api?.name;
	return new NodeOperationError(context.getNode(), 'Connect this credential first: open it and press Connect', {
		description: `The TeamViewer OAuth2 credential${name ? ` "${name}"` : ''} has no access token yet. Open it (from the node's Credential field, or Overview → Credentials), press Connect and approve the access in TeamViewer. Or set Authentication to Script Token and choose a script-token credential.`,
		itemIndex,
	});
}

function hasAccessToken(credentials: { oauthTokenData?: unknown }): boolean {
	const tokenData = credentials.oauthTokenData;
	if (typeof tokenData !== 'object' || tokenData === null) return false;
	const accessToken = (tokenData as { access_token?: unknown }).access_token;
	return typeof accessToken === 'string' && accessToken !== '';
}

/** The API base URL of the node's credential; an OAuth2 credential nobody has connected is refused here. */
async function apiBaseUrl(context: TeamViewerContext, type: string, itemIndex?: number): Promise<string> {
	const cached = baseUrls.get(context);
	if (cached) return cached;
	const credentials = await context.getCredentials<{ apiBaseUrl?: string; oauthTokenData?: unknown; maxRequestsPerSecond?: number }>(type);
	if (type === 'teamViewerOAuth2Api' && !hasAccessToken(credentials)) throw notConnectedError(context, itemIndex);
	const url = (credentials.apiBaseUrl || TEAMVIEWER_API_BASE_URL).trim().replace(/\/+$/, '');
	baseUrls.set(context, url);
	// TeamViewer limits calls per account: one limiter per credential in this process, found once per context.
	const max = Number(credentials.maxRequestsPerSecond ?? 0);
	const credential = context.getNode().credentials?.[type];
	limiters.set(context, limiterFor(JSON.stringify([type, credential?.id ?? credential?.name, url]), max));
	return url;
}

function parseRetryAfter(value: string | undefined): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * Whether a failed call that is not idempotent (a create) may have been carried out anyway: the
 * connection dropped or timed out after the request was sent, or TeamViewer (or a gateway in front
 * of it) answered 500/504 while the work may have been done. The caller must look the object up
 * before deciding to create it again.
 */
export function isAmbiguousFailure(failure: Failure, idempotent: boolean): boolean {
	if (idempotent) return false;
	if (failure.status !== undefined) return failure.status === 500 || failure.status === 504;
	return !NEVER_SENT.has(failure.code ?? '');
}

/** Whether `error` is the error of a create that may have been carried out (see isAmbiguousFailure). */
export function isAmbiguousCreate(error: unknown): boolean {
	// WeakSet.has answers false for anything that is not an object.
	return ambiguousErrors.has(error as object);
}

/**
 * How long to wait before the next attempt, or undefined when this failure must not be retried.
 * A call that is not idempotent (a create) is sent again only when TeamViewer provably did not
 * process it: the connection was refused, the host was not found, or TeamViewer answered 429, 502
 * or 503. Every other failure of a create is ambiguous and left to the caller (createOnce).
 */
export function retryDelay(failure: Failure, attempt: number, idempotent: boolean): number | undefined {
	if (attempt >= RETRY.maxRetries) return undefined;
	if (failure.status !== undefined) {
		const retryable = idempotent ? RETRYABLE_STATUS : NOT_PROCESSED_STATUS;
		if (!retryable.has(failure.status)) return undefined;
		const retryAfter = parseRetryAfter(failure.headers['retry-after']);
		if (retryAfter !== undefined) return retryAfter <= RETRY.maxRetryAfterMs ? retryAfter : undefined;
	} else if (!idempotent && !NEVER_SENT.has(failure.code ?? '')) {
		return undefined;
	}
	const exponential = Math.min(RETRY.maxDelayMs, RETRY.baseDelayMs * 2 ** attempt);
	return Math.round(exponential / 2 + Math.random() * (exponential / 2));
}

/**
 * Values of secret body fields at any depth, in objects and lists (a Custom API Call's body can nest them):
 * passwords (`password`, `oldpassword`, `current_device_password`), SSO customer IDs, licence keys; a number
 * typed into a Custom API Call's JSON (`"password": 12345678`) as TeamViewer would echo it.
 */
function passwordsIn(body: unknown, depth = 0): string[] {
	if (!body || typeof body !== 'object' || depth > 10) return [];
	return Object.entries(body as IDataObject).flatMap(([key, value]) =>
		/password|sso_customer_id|license_key/i.test(key) && (typeof value === 'string' || typeof value === 'number')
			? [String(value)]
			: passwordsIn(value, depth + 1),
	);
}

/**
 * The one place that speaks HTTP to TeamViewer: base URL and auth from the credential, JSON,
 * bounded retries with backoff and jitter honouring Retry-After, and error mapping.
 */
export async function teamViewerApiRequest(
	this: TeamViewerContext,
	request: ApiRequest,
): Promise<IDataObject> {
	const type = credentialType(this);
	const baseUrl = await apiBaseUrl(this, type, request.itemIndex);
	const idempotent = request.idempotent ?? request.method !== 'POST';
	const limiter = limiters.get(this)!;
	let throttledSince: number | undefined;
	let sent = 0;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		qs: request.qs,
		body: request.body,
		json: !request.binary,
		...(request.binary ? { encoding: 'arraybuffer' as const } : {}),
		timeout: RETRY.timeoutMs,
		returnFullResponse: true,
		// 401 must still throw, so that n8n refreshes an OAuth2 token and sends the call again.
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
		// Array filters are sent exploded: sessionReportFeatures=A&sessionReportFeatures=B.
		arrayFormat: 'repeat',
	};

	for (let attempt = 0; ; attempt++) {
		let failure: Failure;
		await limiter.acquire();
		sent++;
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				type,
				{ ...options },
				REFRESH_WITH_CLIENT_CREDENTIALS_IN_BODY,
			)) as IN8nHttpFullResponse;
			if (response.statusCode !== 429) limiter.accept();
			if (response.statusCode < 400) {
				const date = Date.parse(String(response.headers?.date ?? ''));
				if (!Number.isNaN(date)) serverTimes.set(this, date);
				if (request.binary) return binaryAnswer(response);
				return (response.body === '' || response.body === undefined ? {} : response.body) as IDataObject;
			}
			failure = {
				status: response.statusCode,
				headers: Object.fromEntries(
					Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
				),
				body: request.binary ? errorBodyOf(response.body) : response.body,
			};
		} catch (error) {
			const httpFailure = failureFromError(error);
			if (!httpFailure) {
				throw passThroughError(this.getNode(), error, request.itemIndex);
			}
			failure = httpFailure;
		}
		if (failure.status === 429) {
			// Nothing was carried out: wait with every call of this credential, slower from now on, and send it
			// again; only a refusal that lasts longer than RETRY.maxThrottledMs ends the call.
			const retryAfter = parseRetryAfter(failure.headers['retry-after']);
			throttledSince ??= Date.now();
			if (Date.now() - throttledSince < RETRY.maxThrottledMs && (retryAfter ?? 0) <= RETRY.maxRetryAfterMs) {
				limiter.throttled(retryAfter);
				this.logger.debug('TeamViewer answered 429: waiting and slowing down', {
					method: request.method,
					path: request.path,
					retryAfterMs: retryAfter,
					pacedPerSecond: limiter.rate,
				});
				attempt--;
				continue;
			}
		}
		const delay = failure.status === 429 ? undefined : retryDelay(failure, attempt, idempotent);
		if (delay === undefined) {
			const error = toNodeApiError(this.getNode(), failure, {
				method: request.method,
				path: request.path,
				host: new URL(baseUrl).host,
				attempts: sent,
				itemIndex: request.itemIndex,
				hint: request.hint,
				secrets: passwordsIn(request.body),
			});
			if (isAmbiguousFailure(failure, idempotent)) ambiguousErrors.add(error);
			throw error;
		}
		this.logger.debug('TeamViewer call will be retried', {
			method: request.method,
			path: request.path,
			status: failure.status,
			code: failure.code,
			attempt: attempt + 1,
			delayMs: delay,
		});
		await sleep(delay);
	}
}

/**
 * A file answer: its bytes. TeamViewer declares its one file download (a screenshot) as
 * application/octet-stream, so the Content-Type says nothing the caller could use.
 */
function binaryAnswer(response: IN8nHttpFullResponse): IDataObject {
	const body = response.body as unknown;
	const data = Buffer.isBuffer(body) ? body : Buffer.from(body instanceof ArrayBuffer ? new Uint8Array(body) : String(body ?? ''));
	return { data } as unknown as IDataObject;
}

/** An error answer to a file request arrives as bytes: read it as the JSON (or text) TeamViewer sent. */
function errorBodyOf(body: unknown): unknown {
	if (!Buffer.isBuffer(body) && !(body instanceof ArrayBuffer)) return body;
	const text = (Buffer.isBuffer(body) ? body : Buffer.from(new Uint8Array(body))).toString('utf8');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/**
 * TeamViewer's own time, from the Date header of the last answer in this context, or this machine's
 * time before any answer. Expiry checks use it, so a skewed n8n clock cannot misjudge `valid_until`.
 */
export function teamViewerNow(context: TeamViewerContext): Date {
	return new Date(serverTimes.get(context) ?? Date.now());
}
