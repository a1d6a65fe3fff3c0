import { json, type Reply } from '../common';

/** ASP.NET Web API's error body, which Matrix42's services answer with: `{ "Message": "…" }`. */
export function m42Error(status: number, message: string): Reply {
	return json({ Message: message }, status);
}

export function unauthorized(): Reply {
	return {
		...m42Error(401, 'Authorization has been denied for this request.'),
		headers: { 'WWW-Authenticate': 'Bearer' },
	};
}

/** A raw API token sent where an access token belongs: 406 (sus-tech-gmbh/matrix42-mcp docs/matrix42-api.md; README S5). */
export function notAnAccessToken(): Reply {
	return m42Error(
		406,
		'The presented token is an API token. Exchange it at ApiToken/GenerateAccessTokenFromApiToken and send the RawToken instead.',
	);
}

export function noResource(url: URL): Reply {
	return m42Error(404, `No HTTP resource was found that matches the request URI '${url.href}'.`);
}

export function methodNotAllowed(method: string): Reply {
	return m42Error(405, `The requested resource does not support http method '${method}'.`);
}

export function badRequest(message: string): Reply {
	return m42Error(400, message);
}

export function notFound(message: string): Reply {
	return m42Error(404, message);
}

/**
 * 500 with the reason: what Matrix42's pages name for refused input (README S35): an unknown data definition
 * ("Fragments Data Service: Get Fragment data"), a wrong reference or a missing mandatory attribute ("Object Data
 * Service: Create Object"), a stale TimeStamp ("Object Data Service: Update Object"), ASQL the parser refuses
 * (sus-tech-gmbh/matrix42-mcp docs/asql.md).
 */
export function serverError(message: string): Reply {
	return m42Error(500, message);
}

/** ASP.NET Web API's answer to an unhandled exception with error details off: 500 and nothing more (README S33). */
export function genericServerError(): Reply {
	return m42Error(500, 'An error has occurred.');
}

/**
 * A body without a JSON content type (README S36): help.matrix42.com "Object Data Service: Create Object" names
 * 415 "The request Content-type is not defined"; for another type the text is ASP.NET Web API's.
 */
export function unsupportedMediaType(contentType: string | undefined): Reply {
	const type = (contentType ?? '').split(';')[0].trim();
	return m42Error(
		415,
		type === '' ? 'The request Content-type is not defined.' : `The request entity's media type '${type}' is not supported for this resource.`,
	);
}

/** A bare JSON string (an id), which the common `json()` would send as text/plain. */
export function jsonString(value: string): Reply {
	return { status: 200, body: JSON.stringify(value), headers: { 'Content-Type': 'application/json; charset=utf-8' } };
}
