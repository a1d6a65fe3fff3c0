import { json, type Reply } from '../common';

/** ServiceNow's error envelope: `{ error: { message, detail }, status: 'failure' }`. */
export function snError(status: number, message: string, detail: string | null = null): Reply {
	return json({ error: { message, detail }, status: 'failure' }, status);
}

export function notAuthenticated(): Reply {
	return {
		...snError(401, 'User Not Authenticated', 'Required to provide Auth information'),
		headers: { 'WWW-Authenticate': 'BASIC realm="Service-now"' },
	};
}

export function noRecord(): Reply {
	return snError(
		404,
		'No Record found',
		"Record doesn't exist or ACL restricts the record retrieval",
	);
}

export function invalidTable(table: string): Reply {
	return snError(400, `Invalid table ${table}`);
}

export function unknownResource(): Reply {
	return snError(400, 'Requested URI does not represent any resource');
}
