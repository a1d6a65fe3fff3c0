import { json, type Reply } from '../common';

/** The business-object API's error envelope: `{ …, errorCode, errorMessage, hasError: true }`. */
export function cwError(
	status: number,
	errorCode: string,
	errorMessage: string,
	extra: Record<string, unknown> = {},
): Reply {
	return json({ ...extra, errorCode, errorMessage, hasError: true }, status);
}

/** ASP.NET Web API's answer to a missing, unknown or expired bearer token. */
export function denied(): Reply {
	return json({ Message: 'Authorization has been denied for this request.' }, 401);
}

/** ASP.NET Web API's answer to a path no route matches. */
export function noRoute(url: URL): Reply {
	return json(
		{ Message: `No HTTP resource was found that matches the request URI '${url.href}'.` },
		404,
	);
}

export function methodNotAllowed(method: string): Reply {
	return json({ Message: `The requested resource does not support http method '${method}'.` }, 405);
}

/** OAuth errors of the token endpoint (OWIN): 400 `{ error, error_description }`. */
export function tokenError(error: string, description: string): Reply {
	return json({ error, error_description: description }, 400);
}
