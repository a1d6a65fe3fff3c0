import { teamViewerWorkflow } from '../harness/engine';
import { locator, useTeamViewer } from '../harness/teamviewer';
import type { TeamViewerPolicy } from '../simulators/teamviewer';

const tv = useTeamViewer();

const HELPDESK = '6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const KIOSK = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const UNKNOWN = '11111111-2222-4333-8444-555555555555';

const HELPDESK_SETTINGS = [
	{ Key: 'AccessControlIncoming', Value: 1, Enforce: true },
	{ Key: 'BlackWhitelist', Value: { UseWhiteList: true, WhiteListBuddyAccountIds: [123, 456] }, Enforce: false },
];

beforeEach(() => {
	tv.sim.seed({
		policies: [
			{ policy_id: HELPDESK, name: 'Helpdesk PCs', settings: HELPDESK_SETTINGS },
			{ policy_id: KIOSK, name: 'Kiosks', settings: [] },
		],
	});
	tv.sim.log.clear();
});

/** A policy as TeamViewer's OpenAPI document shows it: `{policy_id, name, settings}`. */
function wire(policy: TeamViewerPolicy) {
	return { policy_id: policy.policy_id, name: policy.name, settings: policy.settings };
}

function stored(policyId: string) {
	return tv.sim.state.policies.get(policyId)!;
}

function byName(name: string) {
	return [...tv.sim.state.policies.values()].filter((policy) => policy.name === name);
}

describe('Policy: Get Many', () => {
	it('lists the policies of the company with one GET /teamviewerpolicies', async () => {
		const result = await tv.run({ resource: 'policy', operation: 'getAll', returnAll: true });

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path} ${JSON.stringify(call.query)}`)).toEqual([
			'GET /api/v1/teamviewerpolicies {}',
		]);
		expect(result.json).toEqual([wire(stored(HELPDESK)), wire(stored(KIOSK))]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('filters by a part of the name in any case, and stops at the limit', async () => {
		const filtered = await tv.run({ resource: 'policy', operation: 'getAll', returnAll: true, filters: { name: 'KIOS' } });
		const limited = await tv.run({ resource: 'policy', operation: 'getAll', limit: 1 });

		expect(filtered.json).toEqual([wire(stored(KIOSK))]);
		expect(limited.json).toEqual([wire(stored(HELPDESK))]);
	});

	it('names what is missing when the token may not read policies', async () => {
		const result = await tv.run(
			{ resource: 'policy', operation: 'getAll', returnAll: true },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The TeamViewer token lacks the permission this operation needs');
		expect(tv.calls().map((call) => call.status)).toEqual([403]);
	});

	it('offers the policies in the picker, matched on the typed text', async () => {
		const workflow = teamViewerWorkflow({ parameters: { resource: 'policy', operation: 'get' }, credential: tv.credential });

		const all = await tv.engine.listSearch(workflow, 'searchPolicies');
		const filtered = await tv.engine.listSearch(workflow, 'searchPolicies', 'help');

		expect(all.results).toEqual([
			{ name: 'Helpdesk PCs', value: HELPDESK },
			{ name: 'Kiosks', value: KIOSK },
		]);
		expect(filtered.results).toEqual([{ name: 'Helpdesk PCs', value: HELPDESK }]);
	});
});

describe('Policy: Get', () => {
	it('reads one policy by ID (any case) and unwraps TeamViewer\'s {policies: [...]} answer', async () => {
		const result = await tv.run({ resource: 'policy', operation: 'get', policyId: locator(` ${HELPDESK.toUpperCase()} `) });

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([`GET /api/v1/teamviewerpolicies/${HELPDESK}`]);
		expect(result.json).toEqual([wire(stored(HELPDESK))]);
		expect(result.json[0].settings).toEqual(HELPDESK_SETTINGS);
	});

	it('names the policy when TeamViewer answers 200 without it (an empty {policies: []})', async () => {
		tv.sim.injectFault({ kind: 'status', status: 200, method: 'GET', path: `teamviewerpolicies/${HELPDESK}$`, body: { policies: [] } });

		const result = await tv.run({ resource: 'policy', operation: 'get', policyId: locator(HELPDESK) });

		expect(result.error?.message).toBe(`Policy "${HELPDESK}" was not found in TeamViewer`);
		expect((result.error as { description?: string }).description).toBe('TeamViewer answered without the policy. Check the ID: it may be mistyped or deleted.');
	});

	it('names a policy TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'policy', operation: 'get', policyId: locator(UNKNOWN) });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`Policy "${UNKNOWN}" was not found in TeamViewer`);
		expect(tv.calls().map((call) => call.status)).toEqual([404]);
	});

	it('refuses an ID that is not a policy ID without calling TeamViewer', async () => {
		// An expression: a typed value is already refused by the locator's own check in the editor.
		const result = await tv.run({ resource: 'policy', operation: 'get', policyId: locator('={{ "Helpdesk PCs" }}') });

		expect(result.error?.message).toBe('The Policy "Helpdesk PCs" is not valid');
		expect((result.error as { description?: string }).description).toMatch(/a UUID such as/);
		expect(tv.calls()).toHaveLength(0);
	});
});

describe('Policy: Create', () => {
	it('sends name, settings (field names as TeamViewer spells them) and default, and returns the new policy', async () => {
		const result = await tv.run({
			resource: 'policy',
			operation: 'create',
			name: '  Field Laptops ',
			settings: '[{"key": "AccessControlIncoming", "VALUE": 2, "enforce": true}, {"Key": "ShowTrayIcon", "Value": false}]',
			additionalFields: { default: true },
		});

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([
			'GET /api/v1/teamviewerpolicies',
			'POST /api/v1/teamviewerpolicies',
		]);
		expect(tv.calls('POST')[0].body).toEqual({
			name: 'Field Laptops',
			settings: [
				{ Key: 'AccessControlIncoming', Value: 2, Enforce: true },
				{ Key: 'ShowTrayIcon', Value: false, Enforce: false },
			],
			default: true,
		});
		const [created] = byName('Field Laptops');
		expect(created.isDefault).toBe(true);
		expect(result.json).toEqual([{ ...wire(created), created: true }]);
	});

	it('sends an empty settings list and default false when only the name is given, as TeamViewerPS does', async () => {
		await tv.run({ resource: 'policy', operation: 'create', name: 'Bare' });

		expect(tv.calls('POST')[0].body).toEqual({ name: 'Bare', settings: [], default: false });
	});

	it('does not create a second policy of the same name: it returns the existing one (any case)', async () => {
		const result = await tv.run({ resource: 'policy', operation: 'create', name: 'helpdesk pcs', settings: '[]' });

		expect(result.status).toBe('success');
		expect(tv.calls('POST')).toHaveLength(0);
		expect(result.json).toEqual([{ ...wire(stored(HELPDESK)), created: false }]);
		expect(tv.sim.state.policies.size).toBe(2);
	});

	it('creates a name once when two items name it', async () => {
		const result = await tv.run(
			{ resource: 'policy', operation: 'create', name: '={{ $json.name }}' },
			{ input: [{ name: 'Twice' }, { name: 'Twice' }] },
		);

		expect(tv.calls('POST')).toHaveLength(1);
		expect(result.json.map((policy) => policy.created)).toEqual([true, false]);
		expect(byName('Twice')).toHaveLength(1);
	});

	it.each([
		['not JSON', '{Key: 1', 'The Settings "{Key: 1" is not valid'],
		['not a list', '{"Key": "A"}', 'The Settings "{"Key": "A"}" is not valid'],
		['an entry without Key', '[{"Value": 1}]', 'The Settings entry 1 {"Value":1} is not valid'],
		['Enforce that is not a boolean', '[{"Key": "A", "Enforce": "yes"}]', 'The Settings entry 1 "Enforce" "yes" is not valid'],
	])('refuses settings that are %s before calling TeamViewer', async (_case, settings, message) => {
		const result = await tv.run({ resource: 'policy', operation: 'create', name: 'Broken', settings });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(message);
		expect(tv.calls()).toHaveLength(0);
	});

	it('requires a name', async () => {
		const result = await tv.run({ resource: 'policy', operation: 'create', name: '  ' });

		expect(result.error?.message).toBe('The Name "" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});
});

describe('Policy: Update', () => {
	it('renames a policy and replaces its settings, then returns it as TeamViewer now has it', async () => {
		const result = await tv.run({
			resource: 'policy',
			operation: 'update',
			policyId: locator(KIOSK, 'list'),
			updateFields: { name: 'Kiosks (locked)', settings: [{ Key: 'AccessControlIncoming', Value: 0, Enforce: true }] },
		});

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
			`PUT /api/v1/teamviewerpolicies/${KIOSK} 204`,
			`GET /api/v1/teamviewerpolicies/${KIOSK} 200`,
		]);
		expect(tv.calls('PUT')[0].body).toEqual({
			name: 'Kiosks (locked)',
			settings: [{ Key: 'AccessControlIncoming', Value: 0, Enforce: true }],
		});
		expect(result.json).toEqual([
			{ policy_id: KIOSK, name: 'Kiosks (locked)', settings: [{ Key: 'AccessControlIncoming', Value: 0, Enforce: true }] },
		]);
	});

	it('sends only the name when only the name changes', async () => {
		await tv.run({ resource: 'policy', operation: 'update', policyId: locator(HELPDESK), updateFields: { name: 'Helpdesk' } });

		expect(tv.calls('PUT')[0].body).toEqual({ name: 'Helpdesk' });
		expect(stored(HELPDESK).settings).toEqual(HELPDESK_SETTINGS);
	});

	it('refuses an update without fields', async () => {
		const result = await tv.run({ resource: 'policy', operation: 'update', policyId: locator(HELPDESK) });

		expect(result.error?.message).toBe('No fields to update were set');
		expect(tv.calls()).toHaveLength(0);
	});

	it('names the policy TeamViewer does not know', async () => {
		const result = await tv.run({ resource: 'policy', operation: 'update', policyId: locator(UNKNOWN), updateFields: { name: 'X' } });

		expect(result.error?.message).toBe(`Policy "${UNKNOWN}" was not found in TeamViewer`);
		expect(tv.calls().map((call) => `${call.method} ${call.status}`)).toEqual(['PUT 404']);
	});
});

describe('Policy: Delete', () => {
	it('deletes a policy', async () => {
		const result = await tv.run({ resource: 'policy', operation: 'delete', policyId: locator(KIOSK) });

		expect(tv.calls().map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
			`DELETE /api/v1/teamviewerpolicies/${KIOSK} 204`,
		]);
		expect(result.json).toEqual([{ policy_id: KIOSK, deleted: true }]);
		expect(tv.sim.state.policies.has(KIOSK)).toBe(false);
	});

	it('gives an error item per unknown policy with Continue On Fail', async () => {
		const result = await tv.run(
			{ resource: 'policy', operation: 'delete', policyId: locator('={{ $json.id }}') },
			{ continueOnFail: true, input: [{ id: UNKNOWN }, { id: HELPDESK }] },
		);

		expect(result.items).toEqual([
			{ json: { error: `Policy "${UNKNOWN}" was not found in TeamViewer`, details: expect.any(String) }, pairedItem: { item: 0 } },
			{ json: { policy_id: HELPDESK, deleted: true }, pairedItem: { item: 1 } },
		]);
	});
});
