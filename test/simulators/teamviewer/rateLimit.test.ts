/**
 * The simulator's account request limit (config `rateLimit`, off by default: TeamViewer's numbers are
 * not public): beyond the limit in any second, 429 in TeamViewer's error shape, nothing carried out,
 * Retry-After only when configured; a second later requests go through again.
 */
import { startTeamViewerSimulator, type TeamViewerSimulator } from './index';

let sim: TeamViewerSimulator;
let token: string;

beforeEach(async () => {
	sim = await startTeamViewerSimulator({ seed: 'empty' });
	token = sim.seedSandbox().tokens.admin;
});

afterEach(async () => {
	await sim.close();
});

const createGroup = async (name: string) => {
	const response = await fetch(`${sim.apiUrl}/groups`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ name }),
	});
	return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as unknown };
};
const groupsNamed = (prefix: string) => [...sim.state.groups.values()].filter((group) => group.name.startsWith(prefix)).length;

it('is off by default', async () => {
	const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => createGroup(`Open ${i}`)));

	expect(answers.every((answer) => answer.status === 200)).toBe(true);
	expect(groupsNamed('Open ')).toBe(30);
});

it('refuses requests beyond the limit with 429 and carries none of them out, then lets requests through a second later', async () => {
	sim.config.rateLimit = { requestsPerSecond: 5, retryAfterSeconds: 1 };

	const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => createGroup(`Burst ${i}`)));

	expect(answers.filter((answer) => answer.status === 200)).toHaveLength(5);
	const refused = answers.filter((answer) => answer.status === 429);
	expect(refused).toHaveLength(3);
	expect(refused[0]).toEqual({
		status: 429,
		retryAfter: '1',
		body: { error: 'too_many_requests', error_description: 'Too many requests. Please try again later.', error_code: 429 },
	});
	expect(groupsNamed('Burst ')).toBe(5);
	expect(sim.requests.filter((request) => request.status === 429)).toHaveLength(3);

	await new Promise((resolve) => setTimeout(resolve, 1050));
	expect((await createGroup('Later')).status).toBe(200);
});

it('sends no Retry-After unless one is configured', async () => {
	sim.config.rateLimit = { requestsPerSecond: 1, retryAfterSeconds: null };

	const [first, second] = [await createGroup('One'), await createGroup('Two')];

	expect(first.status).toBe(200);
	expect(second).toMatchObject({ status: 429, retryAfter: null });
});
