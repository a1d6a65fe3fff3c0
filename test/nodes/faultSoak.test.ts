/**
 * Fault soak: 2 000 node operations (1 300 creates, 700 reads and updates; keys repeat, so 550 of the
 * creates are reruns that must adopt) through a proxy that
 * gives 10 % of all calls a fault of every kind (429 with and without Retry-After, 502, 503, 504,
 * connection dropped before and after TeamViewer did the work, an answer and a request slower than
 * the timeout). Executions run 8 at a time; the executions that ended with a failed item are then
 * run again, as a user retrying them would. Asserted: 0 lost, 0 duplicated, 0 wrong outputs, and
 * every failure that remains says what to do. The figures are printed for the README.
 *
 * The timeout and pauses are shortened through the transport's documented RETRY constant so that a
 * late answer costs milliseconds; the 30 s production timeout is the same code path. Its random 429s are
 * not a rate limit: PACING lets each pause every call only briefly and teach no pace below 1 000 calls a
 * second (how the node paces under a real limit is rateLimit.test.ts's subject).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { EngineResult } from '../harness/engine';
import { packTransport } from '../harness/package';
import { locator, useTeamViewer } from '../harness/teamviewer';
import type { FaultProxy } from '../simulators/faultProxy';
import { FAULT_KINDS, startFaultProxy } from '../simulators/faultProxy';

const tv = useTeamViewer();
const { RETRY, PACING } = packTransport;
const saved = { ...RETRY };
const savedPacing = { ...PACING };
const GROUP = 'g2720001';
const ITEMS_PER_EXECUTION = 10;
const PARALLEL_EXECUTIONS = 8;

let proxy: FaultProxy;

beforeAll(() => {
	Object.assign(RETRY, { timeoutMs: 300, baseDelayMs: 50, maxDelayMs: 400, ambiguousLookupPausesMs: [100, 200, 400] });
	Object.assign(PACING, { pauseWithoutRetryAfterMs: 50, minPerSecond: 1000 });
});
afterAll(async () => {
	Object.assign(RETRY, saved);
	Object.assign(PACING, savedPacing);
	await proxy?.close();
});

interface Plan {
	kind: string;
	parameters: INodeParameters;
	items: IDataObject[];
	/** Checks one output item against the simulator; returns a reason when it is wrong. */
	check: (output: IDataObject, input: IDataObject) => string | undefined;
}

function plans(sessionCodes: string[]): Plan[] {
	const list: Plan[] = [];
	const batch = (kind: string, count: number, parameters: INodeParameters, item: (n: number) => IDataObject, check: Plan['check']) => {
		for (let execution = 0; execution < count; execution++) {
			list.push({ kind, parameters, check, items: Array.from({ length: ITEMS_PER_EXECUTION }, (_, i) => item(execution * ITEMS_PER_EXECUTION + i)) });
		}
	};
	const sessions = () => [...tv.sim.state.sessions.values()];
	// Keys repeat (n % 250, …): a later item with the same key is a rerun that must adopt, not create.
	batch('session create (idempotency key)', 40, { resource: 'session', operation: 'create', groupId: locator(GROUP), options: { idempotencyKey: '={{ $json.key }}' } }, (n) => ({ key: `T-${n % 250}` }), (out, input) => {
		const match = sessions().find((session) => session.code === out.code);
		return match?.customId === input.key && match?.state === 'Open' ? undefined : `case ${String(out.code)} is not the open case of ${String(input.key)}`;
	});
	batch('session get or create', 30, { resource: 'session', operation: 'getOrCreate', groupId: locator(GROUP), customId: '={{ $json.key }}' }, (n) => ({ key: `G-${n % 200}` }), (out, input) => {
		const match = sessions().find((session) => session.code === out.code);
		return match?.customId === input.key && match?.state === 'Open' ? undefined : `case ${String(out.code)} is not the open case of ${String(input.key)}`;
	});
	batch('device create', 20, { resource: 'device', operation: 'create', groupId: locator(GROUP), teamViewerId: '={{ $json.id }}', additionalFields: { alias: '={{ $json.alias }}' } }, (n) => ({ id: String(400000000 + (n % 150)), alias: `PC-${n % 150}` }), (out, input) => {
		const match = tv.sim.state.devices.get(String(out.device_id));
		return match?.remotecontrol_id === `r${String(input.id)}` && match?.groupid === GROUP ? undefined : `device ${String(out.device_id)} is not r${String(input.id)}`;
	});
	batch('group create', 10, { resource: 'group', operation: 'create', name: '={{ $json.name }}' }, (n) => ({ name: `Soak group ${n % 60}` }), (out, input) => {
		const match = tv.sim.state.groups.get(String(out.id));
		return match?.name === input.name ? undefined : `group ${String(out.id)} is not "${String(input.name)}"`;
	});
	batch('contact create', 20, { resource: 'contact', operation: 'create', groupId: locator(GROUP), email: '={{ $json.email }}' }, (n) => ({ email: `soak${n % 150}@example.com` }), (out, input) => {
		const match = tv.sim.state.contacts.get(String(out.contact_id));
		return match?.email === input.email && match?.groupid === GROUP ? undefined : `contact ${String(out.contact_id)} is not ${String(input.email)}`;
	});
	batch('user create', 10, { resource: 'user', operation: 'create', email: '={{ $json.email }}', name: '={{ $json.name }}', language: 'en' }, (n) => ({ email: `soak.user${n % 70}@example.com`, name: `Soak User ${n % 70}` }), (out, input) => {
		const match = tv.sim.state.users.get(String(out.id));
		return match?.email === input.email ? undefined : `user ${String(out.id)} is not ${String(input.email)}`;
	});
	batch('session get', 20, { resource: 'session', operation: 'get', sessionCode: locator('={{ $json.code }}') }, (n) => ({ code: sessionCodes[n % sessionCodes.length] }), (out, input) =>
		out.code === input.code && out.state === tv.sim.state.sessions.get(String(input.code))?.state ? undefined : `get ${String(input.code)} returned ${String(out.code)}`,
	);
	batch('session get many (limit 5)', 10, { resource: 'session', operation: 'getAll', returnAll: false, limit: 5, simplify: false }, () => ({}), (out) =>
		tv.sim.state.sessions.has(String(out.code)) ? undefined : `unknown case ${String(out.code)}`,
	);
	batch('device get many', 10, { resource: 'device', operation: 'getAll', returnAll: true, simplify: false }, () => ({}), (out) =>
		tv.sim.state.devices.has(String(out.device_id)) ? undefined : `unknown device ${String(out.device_id)}`,
	);
	batch('connection reports (limit 20)', 10, { resource: 'connectionReport', operation: 'getAll', returnAll: false, limit: 20, simplify: false }, () => ({}), (out) =>
		typeof out.id === 'string' && /^[0-9a-f-]{36}$/.test(out.id) ? undefined : `bad report ${JSON.stringify(out).slice(0, 80)}`,
	);
	batch('session update', 10, { resource: 'session', operation: 'update', sessionCode: locator('={{ $json.code }}'), updateFields: { description: '={{ $json.text }}' } }, (n) => ({ code: sessionCodes[n % sessionCodes.length], text: `soak note ${n}` }), (out, input) =>
		out.code === input.code ? undefined : `update of ${String(input.code)} returned ${String(out.code)}`,
	);
	batch('account get', 10, { resource: 'account', operation: 'get' }, () => ({}), (out) =>
		out.userid === tv.sandbox.accountUserId ? undefined : `account ${String(out.userid)}`,
	);
	return list;
}

/** Distinct natural keys of the device, group, contact and user creates. */
function naturalKeys(work: Plan[]): number {
	const keys = new Set<string>();
	for (const plan of work.filter((candidate) => /^(device|group|contact|user) create/.test(candidate.kind))) {
		for (const item of plan.items) keys.add(`${plan.kind}:${String(item.id ?? item.name ?? item.email)}`);
	}
	return keys.size;
}

async function inParallel<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: limit }, async () => {
			while (next < items.length) {
				const index = next++;
				results[index] = await task(items[index]);
			}
		}),
	);
	return results;
}

describe('fault soak', () => {
	it('2 000 operations at 10 % faults of every kind: 0 lost, 0 duplicated, 0 wrong outputs', async () => {
		const started = Date.now();
		proxy = await startFaultProxy({ target: tv.sim.url, rate: 0.1, slowMs: 450 });
		const credential = tv.engine.addCredential('teamViewerApi', { accessToken: tv.sandbox.tokens.admin, apiBaseUrl: `${proxy.url}/api/v1` });
		const sessionCodes = [...tv.sim.state.sessions.keys()].slice(0, 30);
		const work = plans(sessionCodes);
		const run = async (plan: Plan): Promise<EngineResult> =>
			await tv.run(plan.parameters, { credential, input: plan.items, continueOnFail: true });

		let results = await inParallel(work, PARALLEL_EXECUTIONS, run);
		const operations = work.reduce((sum, plan) => sum + plan.items.length, 0);
		const failedFirst = results.flatMap((result) => result.json.filter((item) => item.error !== undefined));
		// A user retries the executions that had a failed item (n8n "Retry with original workflow").
		const retried = work.map((plan, index) => (results[index].json.some((item) => item.error !== undefined) ? index : -1)).filter((index) => index >= 0);
		const rerun = await inParallel(retried, PARALLEL_EXECUTIONS, async (index) => await run(work[index]));
		retried.forEach((index, i) => (results[index] = rerun[i]));
		const faults = { ...proxy.counts };
		proxy.setRate(0);

		// Lost: an item that still failed after the retry. Wrong: an output that is not what TeamViewer has.
		const lost: string[] = [];
		const wrong: string[] = [];
		work.forEach((plan, index) => {
			const outputs = results[index].json;
			const perItem = plan.kind.includes('get many') || plan.kind.startsWith('connection') || plan.kind.startsWith('device get');
			outputs.forEach((out, position) => {
				if (out.error !== undefined) {
					lost.push(`${plan.kind}: ${String(out.error)} — ${String(out.details)}`);
					return;
				}
				const problem = plan.check(out, perItem ? {} : plan.items[position]);
				if (problem) wrong.push(`${plan.kind}: ${problem}`);
			});
			if (!perItem && outputs.length !== plan.items.length) wrong.push(`${plan.kind}: ${outputs.length} outputs for ${plan.items.length} items`);
		});

		// Duplicated: more than one open case per key, or more than one object per natural key.
		const count = (keys: string[]) => Object.values(keys.reduce<Record<string, number>>((acc, key) => ({ ...acc, [key]: (acc[key] ?? 0) + 1 }), {})).filter((n) => n > 1).length;
		const openCases = [...tv.sim.state.sessions.values()].filter((session) => session.state === 'Open' && /^[TG]-/.test(String(session.customId)));
		const duplicated =
			count(openCases.map((session) => String(session.customId))) +
			count([...tv.sim.state.devices.values()].filter((device) => device.groupid === GROUP).map((device) => device.remotecontrol_id)) +
			count([...tv.sim.state.groups.values()].map((group) => group.name.toLowerCase())) +
			count([...tv.sim.state.contacts.values()].map((contact) => `${contact.groupid}/${contact.email.toLowerCase()}`)) +
			count([...tv.sim.state.users.values()].map((user) => user.email.toLowerCase()));
		const closedLosers = [...tv.sim.state.sessions.values()].filter((session) => session.state !== 'Open' && /^[TG]-/.test(String(session.customId))).length;
		const keys = new Set(work.filter((plan) => plan.kind.startsWith('session create') || plan.kind.startsWith('session get or')).flatMap((plan) => plan.items.map((item) => String(item.key))));

		const summary = {
			operations,
			creates: work.filter((plan) => / create/.test(plan.kind)).reduce((sum, plan) => sum + plan.items.length, 0),
			calls: proxy.requests,
			faults: Object.values(faults).reduce((sum, n) => sum + n, 0),
			faultsByKind: faults,
			itemsFailedBeforeRetry: failedFirst.length,
			executionsRetried: retried.length,
			lost: lost.length,
			duplicated,
			wrongOutputs: wrong.length,
			repeatedKeys: work.filter((plan) => / create/.test(plan.kind)).reduce((sum, plan) => sum + plan.items.length, 0) - keys.size - naturalKeys(work),
			caseKeys: keys.size,
			openCasesForKeys: openCases.length,
			losingCasesClosed: closedLosers,
			seconds: Math.round((Date.now() - started) / 1000),
		};
		console.log(`fault soak: ${JSON.stringify(summary)}`);
		for (const message of failedFirst) {
			// Every failure says what to do: a description with the next step.
			expect(String(message.details ?? '')).toMatch(/try again|Check|Look for|Run the workflow again|later/i);
		}
		expect(operations).toBeGreaterThanOrEqual(2000);
		expect(FAULT_KINDS.every((kind) => faults[kind] > 0)).toBe(true);
		expect(summary.faults / proxy.requests).toBeGreaterThan(0.08);
		expect(lost).toEqual([]);
		expect(wrong).toEqual([]);
		expect(duplicated).toBe(0);
		expect(openCases.length).toBe(keys.size);
	}, 600_000);
});
