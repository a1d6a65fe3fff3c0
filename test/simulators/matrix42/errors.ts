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

/** A bare JSON string (an id), which the common `json()` would send as text/plain. */
export function jsonString(value: string): Reply {
	return { status: 200, body: JSON.stringify(value), headers: { 'Content-Type': 'application/json; charset=utf-8' } };
}
