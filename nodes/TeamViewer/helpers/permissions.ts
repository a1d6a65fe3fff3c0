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
	{ method: 'GET', path: /^\/managed\/devices\/company\/?$/, permission: 'Device Groups → Read operations, on a company administrator\'s token' },
	{ method: 'GET', path: /^\/managed\//, permission: 'Device Groups → Read operations' },
	{ method: '*', path: /^\/managed\//, permission: 'Device Groups → Modifying operations' },
	{ method: 'POST', path: /^\/groups\/[^/]+\/(un)?share_group/, permission: 'Group management → Share groups' },
	{ method: 'GET', path: /^\/groups/, permission: 'Group management → View groups' },
	{ method: 'POST', path: /^\/groups/, permission: 'Group management → Create groups' },
	{ method: 'PUT', path: /^\/groups/, permission: 'Group management → Edit groups' },
	{ method: 'DELETE', path: /^\/groups/, permission: 'Group management → Delete groups' },
	{ method: 'GET', path: /^\/users\/[^/]+\/userroles/, permission: 'User roles → View user roles' },
	{ method: 'DELETE', path: /^\/users\/[^/]+\/tfa/, permission: 'User management → Edit users' },
	{ method: 'GET', path: /^\/users/, permission: 'User management → View users' },
	{ method: 'POST', path: /^\/users/, permission: 'User management → Create users' },
	{ method: 'PUT', path: /^\/users/, permission: 'User management → Edit users' },
	{ method: 'DELETE', path: /^\/users/, permission: 'User management → Delete users' },
	{ method: 'GET', path: /^\/userroles/i, permission: 'User roles → View user roles' },
	{ method: '*', path: /^\/userroles/i, permission: 'User roles → Manage user roles' },
	{ method: 'GET', path: /^\/usergroups/i, permission: 'User groups → View user groups' },
	{ method: '*', path: /^\/usergroups/i, permission: 'User groups → Manage user groups' },
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
	[/^\/managed\/(?:groups|devices)\/[^/]+\/managers\/([^/]+)/, 'Manager'],
	[/^\/managed\/groups\/[^/]+\/devices\/([^/]+)/, 'Managed device'],
	[/^\/managed\/devices\/(?!company\/?$|assignment-data\/?$)([^/]+)/, 'Managed device'],
	[/^\/managed\/groups\/([^/]+)/, 'Managed group'],
	[/^\/groups\/([^/]+)/, 'Group'],
	[/^\/users\/([^/]+)/, 'User'],
	[/^\/usergroups\/([^/]+)/, 'User group'],
	[/^\/contacts\/([^/]+)/, 'Contact'],
	[/^\/teamviewerpolicies\/([^/]+)/i, 'Policy'],
	[/^\/patchmanagement\/devices\/([^/]+)/i, 'Patch Management device'],
];

/** `/sessions/s123-456-789` → `Session "s123-456-789"`, for 404 messages. */
export function describeEntity(path: string): string | undefined {
	for (const [pattern, label] of ENTITIES) {
		const match = pattern.exec(path);
		if (match) return `${label} "${decodeURIComponent(match[1])}"`;
	}
	return undefined;
}
