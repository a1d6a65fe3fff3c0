/**
 * Which Management Console permission a call needs (in the Management Console's wording), so a 403 can
 * tell the admin exactly which box to tick on the script token or app. Matched on method + path.
 */
interface PermissionRule {
	method: string | '*';
	path: RegExp;
	permission: string;
}

const RULES: PermissionRule[] = [
	{ method: 'GET', path: /^\/account/, permission: 'Account management → View account data' },
	{ method: '*', path: /^\/account/, permission: 'Account management → Edit account data' },
	{ method: 'POST', path: /^\/sessions\/?$/, permission: 'Session management → Create sessions' },
	{ method: 'GET', path: /^\/sessions/, permission: 'Session management → View own sessions (or View all sessions)' },
	{ method: '*', path: /^\/sessions/, permission: 'Session management → Edit own sessions (or Edit all sessions of the company)' },
	{ method: 'GET', path: /^\/reports\/connections/, permission: 'Connection reports → View connection reports' },
	{ method: 'PUT', path: /^\/reports\/connections/, permission: 'Connection reports → Edit connection reports' },
	{ method: 'DELETE', path: /^\/reports\/connections/, permission: 'Connection reports → Delete connection reports' },
	{ method: 'GET', path: /^\/devices/, permission: 'Computers & Contacts → View entries' },
	{ method: 'POST', path: /^\/devices/, permission: 'Computers & Contacts → Add entries' },
	{ method: 'PUT', path: /^\/devices/, permission: 'Computers & Contacts → Edit entries' },
	{ method: 'DELETE', path: /^\/devices/, permission: 'Computers & Contacts → Remove entries' },
	{ method: 'GET', path: /^\/contacts/, permission: 'Computers & Contacts → View entries' },
	{ method: 'POST', path: /^\/contacts/, permission: 'Computers & Contacts → Add entries' },
	{ method: 'DELETE', path: /^\/contacts/, permission: 'Computers & Contacts → Remove entries' },
	{ method: 'GET', path: /^\/managed\//, permission: 'Device Groups → Read operations (company-managed devices also need company admin)' },
	{ method: '*', path: /^\/managed\//, permission: 'Device Groups → Modifying operations' },
	{ method: 'POST', path: /^\/groups\/[^/]+\/(un)?share_group/, permission: 'Group management → Share groups' },
	{ method: 'GET', path: /^\/groups/, permission: 'Group management → View groups' },
	{ method: 'POST', path: /^\/groups/, permission: 'Group management → Create groups' },
	{ method: 'PUT', path: /^\/groups/, permission: 'Group management → Edit groups' },
	{ method: 'DELETE', path: /^\/groups/, permission: 'Group management → Delete groups' },
	{ method: 'GET', path: /^\/users/, permission: 'User management → View users' },
	{ method: 'POST', path: /^\/users/, permission: 'User management → Create users' },
	{ method: 'PUT', path: /^\/users/, permission: 'User management → Edit users' },
	{ method: '*', path: /^\/eventlogging/i, permission: 'Event logging → Read event logs' },
];

export function requiredPermission(method: string, path: string): string | undefined {
	const verb = method.toUpperCase();
	return RULES.find((rule) => (rule.method === '*' || rule.method === verb) && rule.path.test(path))
		?.permission;
}

const ENTITIES: Array<[RegExp, string]> = [
	[/^\/sessions\/([^/]+)/, 'Session'],
	[/^\/reports\/connections\/([^/]+)/, 'Connection report'],
	[/^\/devices\/(?!assign$)([^/]+)/, 'Device'],
	[/^\/managed\/devices\/([^/]+)/, 'Managed device'],
	[/^\/groups\/([^/]+)/, 'Group'],
	[/^\/users\/([^/]+)/, 'User'],
	[/^\/contacts\/([^/]+)/, 'Contact'],
];

/** `/sessions/s123-456-789` → `Session "s123-456-789"`, for 404 messages. */
export function describeEntity(path: string): string | undefined {
	for (const [pattern, label] of ENTITIES) {
		const match = pattern.exec(path);
		if (match) return `${label} "${decodeURIComponent(match[1])}"`;
	}
	return undefined;
}
