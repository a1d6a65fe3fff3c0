/**
 * TeamViewer's account limit (the simulator's `rateLimit` knob), met by the node inside n8n's engine: a
 * bulk create keeps going through 429s, learns the account's pace from the first refusal and stays
 * under it, and every item is created exactly once with its output in input order.
 */
import { packTransport } from '../harness/package';
import { locator, useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();
const groupIdOf = (name: string) => [...tv.sim.state.groups.values()].find((group) => group.name === name)!.id;
const ids = (count: number, from: number) => Array.from({ length: count }, (_, i) => String(from + i));

/** A credential of the sandbox admin's token with its own "Max Requests per Second" (its own limiter). */
const credentialCappedAt = (maxRequestsPerSecond?: number) =>
	tv.engine.addCredential('teamViewerApi', { accessToken: tv.sandbox.tokens.admin, apiBaseUrl: tv.sim.apiUrl, ...(maxRequestsPerSecond ? { maxRequestsPerSecond } : {}) });

/** Device → Create for each TeamViewer ID, one item each, in one run. */
const createDevices = async (teamViewerIds: string[], credential?: ReturnType<typeof credentialCappedAt>) =>
	await tv.run(
		{ resource: 'device', operation: 'create', teamViewerId: '={{ $json.id }}', groupId: locator(groupIdOf('Customers')) },
		{ input: teamViewerIds.map((id) => ({ id })), ...(credential ? { credential } : {}) },
	);

/** Account → Get for `count` items in one run through `credential`. */
const accountReads = async (count: number, credential: ReturnType<typeof credentialCappedAt>) =>
	await tv.run({ resource: 'account', operation: 'get' }, { input: Array.from({ length: count }, () => ({})), credential });

/** Account → Get for three items through `credential` (after a 429 without wait when `refusedFirst`): the account calls it made. */
async function threeReads(credential: ReturnType<typeof credentialCappedAt>, refusedFirst = false) {
	tv.sim.log.clear();
	if (refusedFirst) tv.sim.injectFault({ kind: 'status', status: 429, path: 'account$', headers: { 'Retry-After': '0' } });
	expect((await accountReads(3, credential)).status).toBe('success');
	return tv.calls('GET', /account$/);
}

afterEach(() => {
	tv.sim.config.rateLimit = null;
});

it('creates 100 devices under a limit of 25 calls a second: each once, in order, and after the first refusal the pace keeps the rest from being refused', async () => {
	tv.sim.config.rateLimit = { requestsPerSecond: 25, retryAfterSeconds: 1 };
	const teamViewerIds = ids(100, 512000100);

	const result = await createDevices(teamViewerIds);

	expect(result.status).toBe('success');
	expect(result.json.map((device) => device.remotecontrol_id)).toEqual(teamViewerIds.map((id) => `r${id}`));
	expect(result.items.map((item) => item.pairedItem)).toEqual(teamViewerIds.map((_, item) => ({ item })));
	const stored = [...tv.sim.state.devices.values()].filter((device) => teamViewerIds.includes(device.remotecontrol_id.slice(1)));
	expect(stored).toHaveLength(100);
	const refused = tv.calls().filter((call) => call.status === 429);
	const posts = tv.calls('POST', /devices$/).filter((call) => call.status !== 429);
	expect(posts).toHaveLength(100);
	// The first refusal meets every call then in flight (4 items at a time); after it the pace holds. Unpaced,
	// every pause would end in another burst of refusals: over 20 here.
	expect(refused.length).toBeGreaterThanOrEqual(1);
	expect(refused.length).toBeLessThanOrEqual(6);
}, 60_000);

it('waits as long as Retry-After says with every call of the credential, and a create refused with 429 is sent again, not doubled', async () => {
	tv.sim.config.rateLimit = { requestsPerSecond: 3, retryAfterSeconds: 2 };
	const teamViewerIds = ids(4, 512000300);

	const result = await createDevices(teamViewerIds);

	expect(result.status).toBe('success');
	const calls = tv.calls();
	const firstRefusal = calls.findIndex((call) => call.status === 429);
	expect(firstRefusal).toBeGreaterThanOrEqual(0);
	const next = calls.slice(firstRefusal + 1).find((call) => call.status !== 429)!;
	expect(next.realAt - calls[firstRefusal].realAt).toBeGreaterThanOrEqual(1950);
	expect([...tv.sim.state.devices.values()].filter((device) => teamViewerIds.includes(device.remotecontrol_id.slice(1)))).toHaveLength(4);
}, 60_000);

it('gives up when TeamViewer keeps refusing longer than the node waits (RETRY.maxThrottledMs), saying what happened', async () => {
	const { RETRY } = packTransport;
	const saved = RETRY.maxThrottledMs;
	RETRY.maxThrottledMs = 1500;
	try {
		tv.sim.injectFault({ kind: 'status', status: 429, path: 'account$', times: 100, headers: { 'Retry-After': '0' } });
		const started = Date.now();

		const result = await tv.run({ resource: 'account', operation: 'get' });

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^TeamViewer is rate-limiting requests \(HTTP 429\) after \d+ attempts$/);
		expect(result.error?.description).toContain('the node waited as long as it asked and slowed down');
		expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
		// Slowed down: far fewer attempts than a loop without pacing would make in 1.5 s.
		expect(tv.calls('GET', /account$/).length).toBeLessThanOrEqual(8);
	} finally {
		RETRY.maxThrottledMs = saved;
	}
}, 30_000);

it('paces to the credential\'s "Max Requests per Second" before TeamViewer refuses anything', async () => {
	tv.sim.config.rateLimit = { requestsPerSecond: 25, retryAfterSeconds: 1 };
	const capped = credentialCappedAt(10);
	const teamViewerIds = ids(8, 512000500);

	const result = await createDevices(teamViewerIds, capped);

	expect(result.status).toBe('success');
	const calls = tv.calls();
	expect(calls.filter((call) => call.status === 429)).toEqual([]);
	expect(calls.length).toBeGreaterThanOrEqual(16);
	// 10 a second: the calls are sent 100 ms apart (each arrives a few ms early or late, so the span is checked).
	const span = calls.at(-1)!.realAt - calls[0].realAt;
	expect(span).toBeGreaterThanOrEqual((calls.length - 1) * 100 - 60);
}, 30_000);

it('with its own "Max Requests per Second" above the account limit, the pace learned from a refusal wins: no second burst of refusals', async () => {
	tv.sim.config.rateLimit = { requestsPerSecond: 4, retryAfterSeconds: 1 };
	const capped = credentialCappedAt(10);
	const teamViewerIds = ids(16, 512000700);

	const result = await createDevices(teamViewerIds, capped);

	expect(result.status).toBe('success');
	const refused = tv.calls().filter((call) => call.status === 429);
	expect(refused.length).toBeGreaterThanOrEqual(1);
	// Paced at the credential's 10 a second, a 4-a-second account refuses again each second: 5 or more here.
	expect(refused.length).toBeLessThanOrEqual(2);
}, 30_000);

it('a refusal after a quiet second teaches the slowest pace, not one from calls long answered', async () => {
	const fresh = credentialCappedAt();
	// Six calls answered more than a second ago: counted, they would teach five a second (200 ms apart).
	expect((await accountReads(6, fresh)).status).toBe('success');
	await new Promise((resolve) => setTimeout(resolve, 1100));
	tv.sim.log.clear();
	tv.sim.injectFault({ kind: 'status', status: 429, path: 'account$', headers: { 'Retry-After': '0' } });

	const result = await accountReads(3, fresh);

	expect(result.status).toBe('success');
	const answered = tv.calls('GET', /account$/).filter((call) => call.status === 200);
	expect(answered).toHaveLength(3);
	// PACING.minPerSecond (2 a second): 500 ms apart.
	expect(answered[2].realAt - answered[1].realAt).toBeGreaterThanOrEqual(450);
}, 30_000);

it('calls in flight together that all come back 429 teach the pace once: the rest go at what the account accepted', async () => {
	// Five reads fill the account's second; the four creates then in flight are all refused. Each refusal
	// that taught again would slow the pace by another 3 % (and the floor of whole calls): 4 a second → 2.
	tv.sim.config.rateLimit = { requestsPerSecond: 5, retryAfterSeconds: 1 };
	const fresh = credentialCappedAt();
	expect((await accountReads(5, fresh)).status).toBe('success');
	tv.sim.log.clear();

	const result = await createDevices(ids(6, 512000900), fresh);

	expect(result.status).toBe('success');
	// Each create asks first whether the device exists (GET), then creates it (POST).
	const calls = tv.calls();
	expect(calls.filter((call) => call.status === 429).length).toBeGreaterThanOrEqual(2);
	const answered = calls.filter((call) => call.status !== 429);
	expect(answered).toHaveLength(12);
	// Four a second (97 % of five, whole calls): 250 ms apart, not 333 or 500.
	const span = answered.at(-1)!.realAt - answered[0].realAt;
	expect(span).toBeGreaterThanOrEqual(11 * 250 - 60);
	expect(span).toBeLessThan(11 * 300);
}, 30_000);

it('a second refusal right after the first slows the pace again, though the calls accepted are the same', async () => {
	const fresh = credentialCappedAt();
	expect((await accountReads(5, fresh)).status).toBe('success');
	tv.sim.log.clear();
	// Five calls answered: the first refusal teaches four a second; the second, from the same five, three (97 % of four).
	tv.sim.injectFault({ kind: 'status', status: 429, path: 'account$', headers: { 'Retry-After': '0' }, times: 2 });

	const result = await accountReads(5, fresh);

	expect(result.status).toBe('success');
	const calls = tv.calls('GET', /account$/);
	expect(calls.map((call) => call.status)).toEqual([429, 429, 200, 200, 200, 200, 200]);
	// Three a second or slower (slower if the first five calls did not all fall in the second before): 333 ms apart or more, not 250.
	expect(calls[6].realAt - calls[3].realAt).toBeGreaterThanOrEqual(3 * 333 - 30);
}, 30_000);

it('forgets the learned pace once no refusal came for a while (PACING.forgetAfterMs): the calls after it go unpaced', async () => {
	const { PACING } = packTransport;
	const saved = PACING.forgetAfterMs;
	PACING.forgetAfterMs = 1000;
	try {
		const fresh = credentialCappedAt();
		const paced = (await threeReads(fresh, true)).filter((call) => call.status === 200);
		await new Promise((resolve) => setTimeout(resolve, 1100));

		const answered = await threeReads(fresh);

		expect(paced[2].realAt - paced[1].realAt).toBeGreaterThanOrEqual(450);
		expect(answered.map((call) => call.status)).toEqual([200, 200, 200]);
		expect(answered[2].realAt - answered[0].realAt).toBeLessThan(400);
	} finally {
		PACING.forgetAfterMs = saved;
	}
}, 30_000);

it('a refusal never speeds a credential up past its own "Max Requests per Second", even one below the slowest learned pace', async () => {
	const capped = credentialCappedAt(1);
	tv.sim.injectFault({ kind: 'status', status: 429, path: 'account$', headers: { 'Retry-After': '0' } });

	const result = await accountReads(3, capped);

	expect(result.status).toBe('success');
	const answered = tv.calls('GET', /account$/).filter((call) => call.status === 200);
	expect(answered).toHaveLength(3);
	// One a second (the cap), not PACING.minPerSecond's two.
	expect(answered[2].realAt - answered[1].realAt).toBeGreaterThanOrEqual(950);
}, 30_000);

it('each credential keeps its own pace: a refusal to one (of the same name and token) slows no other', async () => {
	const named = () => tv.engine.addCredential('teamViewerApi', { accessToken: tv.sandbox.tokens.admin, apiBaseUrl: tv.sim.apiUrl }, 'TeamViewer (shared name)');
	const paced = (await threeReads(named(), true)).filter((call) => call.status === 200);

	const answered = await threeReads(named());

	// The refused credential now goes at PACING.minPerSecond (500 ms apart); the other one is not paced.
	expect(paced[2].realAt - paced[1].realAt).toBeGreaterThanOrEqual(450);
	expect(answered.map((call) => call.status)).toEqual([200, 200, 200]);
	expect(answered[2].realAt - answered[0].realAt).toBeLessThan(400);
}, 30_000);
