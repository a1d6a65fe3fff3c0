import { json, type Reply } from '../common';

/*
 * BOSSDesk's error bodies. The status codes (401, 402, 409, 422) are documented; the bodies are
 * UNCONFIRMED: `{ error, message }`, plus `errors: { field: [messages] }` on 422 (the Rails habit).
 */

export function bossError(status: number, error: string, message: string): Reply {
	return json({ error, message }, status);
}

/** What Rails' `authenticate_or_request_with_http_token` answers: text and a Token challenge. */
export function accessDenied(): Reply {
	return {
		status: 401,
		body: 'HTTP Token: Access denied.\n',
		headers: { 'WWW-Authenticate': 'Token realm="Application"' },
	};
}

export function paymentRequired(): Reply {
	return bossError(
		402,
		'payment_required',
		'Your BOSSDesk plan does not include API access. Upgrade the plan to use the API.',
	);
}

export function notFound(what: string): Reply {
	return bossError(404, 'not_found', `${what} was not found.`);
}

export function conflict(message: string): Reply {
	return bossError(409, 'conflict', message);
}

export function unprocessable(errors: Record<string, string[]>): Reply {
	const message = Object.entries(errors)
		.map(([field, messages]) => `${field} ${messages.join(', ')}`)
		.join('; ');
	return json({ error: 'unprocessable_entity', message, errors }, 422);
}

export function badRequest(message: string): Reply {
	return bossError(400, 'bad_request', message);
}

export function methodNotAllowed(method: string, path: string): Reply {
	return bossError(405, 'method_not_allowed', `${method} is not allowed on ${path}.`);
}
