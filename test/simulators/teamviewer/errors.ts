import { json, type Reply } from '../common/reply';

/** An API failure with the body every TeamViewer error has: `{error, error_description, error_code}`. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		description: string,
	) {
		super(description);
	}

	toReply(): Reply {
		return json(
			{ error: this.code, error_description: this.message, error_code: this.status },
			this.status,
		);
	}
}

export function badRequest(description: string): ApiError {
	return new ApiError(400, 'invalid_request', description);
}

export function unauthorized(): ApiError {
	return new ApiError(401, 'invalid_token', 'The access token is invalid or has expired.');
}

export function forbidden(): ApiError {
	return new ApiError(
		403,
		'insufficient_permissions',
		'The token does not have the permission required for this operation.',
	);
}

export function notFound(status: number, entity: string, id: string): ApiError {
	return new ApiError(status, 'not_found', `${entity} ${id} was not found.`);
}

/** 409, e.g. a user-group name that is taken (TeamViewer's OpenAPI document lists 409 for it, without a body). */
export function conflict(description: string): ApiError {
	return new ApiError(409, 'conflict', description);
}
