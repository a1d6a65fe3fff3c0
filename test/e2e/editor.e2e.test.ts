/**
 * The editor in a real browser: headless Chromium (Debian's package) signs in to a real n8n, finds
 * both TeamViewer nodes in the node panel, opens the tour's "Create service case" node and saves the
 * screenshot the README shows (docs/editor-teamviewer-node.png: the node is what its name says, Service
 * Case → Create), then switches resource and operation. It also opens an ITSM settings flow, whose only
 * trigger is an Execute Workflow Trigger, and finds its Publish button enabled.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import type { SandboxInfo, TeamViewerSimulator } from '../simulators/teamviewer';
import { packageNodeTypes, PACKAGE_NAME } from '../harness/package';
import { startTeamViewerSimulator } from '../simulators/teamviewer';
import { N8n, OWNER } from './n8n';
import { ROOT } from './runtime';

let sim: TeamViewerSimulator;
let sandbox: SandboxInfo;
let n8n: N8n;
let browser: Browser;
let page: Page;

const byTestId = (id: string) => `[data-test-id="${id}"]`;

async function choose(parameter: string, option: string): Promise<void> {
	await page.locator(byTestId(`parameter-input-${parameter}`)).click();
	const item = page.locator('.el-popper:visible li', { hasText: option }).first();
	await item.click();
	await item.waitFor({ state: 'hidden' });
}

beforeAll(async () => {
	sim = await startTeamViewerSimulator({ seed: 'empty' });
	sandbox = sim.seedSandbox();
	n8n = await N8n.start({
		credentials: [
			{ id: 'tvSandboxToken01', name: 'TeamViewer', type: 'teamViewerApi', data: { accessToken: sandbox.tokens.admin, apiBaseUrl: sim.apiUrl } },
		],
		workflows: [path.join(ROOT, 'workflows/getting-started/teamviewer-tour.json'), path.join(ROOT, 'workflows/servicenow/settings.json')],
	});
	const executablePath =
		process.env.CHROMIUM_PATH || execFileSync('bash', [path.join(ROOT, 'scripts/browser.sh')], { encoding: 'utf8' }).trim();
	browser = await chromium.launch({
		executablePath,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	await page.goto(`${n8n.url}/signin`);
	await page.locator('input[type=email]').fill(OWNER.email);
	await page.locator('input[type=password]').fill(OWNER.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}, 240_000);

afterAll(async () => {
	await browser?.close();
	const violations = n8n?.networkViolations() ?? [];
	await n8n?.stop();
	await sim?.close();
	expect(violations).toEqual([]);
});

it('lists the TeamViewer node and the TeamViewer Trigger in the node panel', async () => {
	await page.goto(`${n8n.url}/workflow/new`);
	await page.locator(byTestId('node-creator-plus-button')).click();
	await page.locator(byTestId('node-creator-search-bar')).waitFor();
	await page.keyboard.type('TeamViewer');
	await page.locator(byTestId('node-creator-item-name'), { hasText: 'TeamViewer' }).first().click();

	// n8n shows a node and its trigger as one entry: the trigger's events, then the node's operations.
	const panel = page.locator(byTestId('node-creator'));
	// As many triggers as the built trigger has events, and as many actions as the built node has operations
	// (each with its own `action` text).
	const events = packageNodeTypes
		.get(`${PACKAGE_NAME}.teamViewerTrigger`)!
		.description.properties.filter((property) => property.name === 'event')
		.flatMap((property) => property.options ?? []).length;
	expect(events).toBeGreaterThan(6);
	await panel.getByText(`Triggers (${events})`).waitFor();
	const actions = packageNodeTypes
		.get(`${PACKAGE_NAME}.teamViewer`)!
		.description.properties.filter((property) => property.name === 'operation')
		.flatMap((property) => property.options ?? []).length;
	expect(actions).toBeGreaterThan(38);
	await expect(panel.getByText(`Actions (${actions})`).count()).resolves.toBe(1);
	for (const trigger of ['On service case customer came online', 'On connection report added', 'On device came online']) {
		await expect(panel.getByText(trigger, { exact: true }).count()).resolves.toBe(1);
	}
});

it('offers Publish for a settings flow, whose only trigger is the Execute Workflow Trigger', async () => {
	await page.goto(`${n8n.url}/workflow/snSettings000001`);
	await page.locator(byTestId('canvas-node'), { hasText: 'Settings' }).first().waitFor();

	const publish = page.getByRole('button', { name: 'Publish', exact: true });
	await expect(publish.count()).resolves.toBe(1);
	await expect(publish.isEnabled()).resolves.toBe(true);
});

it('opens the tour\'s "Create service case" node, which is set to Service Case → Create, and switches resource and operation', async () => {
	await page.goto(`${n8n.url}/workflow/tvTourManual0001`);
	await page.locator(byTestId('canvas-node'), { hasText: 'Create service case' }).dblclick();
	await page.locator(byTestId('parameter-input-groupId')).waitFor();

	// The README's screenshot: the node as shipped, its name saying what it is set to.
	await expect(page.locator(`${byTestId('parameter-input-resource')} input`).inputValue()).resolves.toBe('Service Case (Session)');
	await expect(page.locator(`${byTestId('parameter-input-operation')} input`).inputValue()).resolves.toBe('Create');
	await expect(page.locator(byTestId('node-parameters')).getByText('Session Type').count()).resolves.toBeGreaterThan(0);
	await page.screenshot({ path: path.join(ROOT, 'docs/editor-teamviewer-node.png') });

	await choose('resource', 'Connection Report');
	await choose('operation', 'Get Many');

	const parameters = page.locator(byTestId('node-parameters'));
	await parameters.getByText('Return All').waitFor();
	await expect(parameters.getByText('Simplify').count()).resolves.toBeGreaterThan(0);
	await expect(page.locator(byTestId('parameter-input-groupId')).count()).resolves.toBe(0);
});
