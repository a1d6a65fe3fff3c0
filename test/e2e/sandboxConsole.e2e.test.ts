/**
 * The sandbox of everything (issue #12, point 1): `npm start` (scripts/start.sh, on free ports with a
 * temporary state folder) runs every ITSM simulator, the SMTP capture, the SMS sink and the TLS proxy
 * next to the TeamViewer sandbox, imports a credential for everything the shipped flows name and
 * publishes the flows with a webhook, schedule or TeamViewer trigger. In headless Chromium, on the
 * sandbox console: per ITSM, a ticket's button runs the shipped flow and the customer's email (with its
 * link clickable) and the note on the ticket appear; the customer comes online, a supporter connects,
 * closing logs the connection on the ticket; and a flow run from the editor (Execute workflow, then the
 * console's button sent to the test URL) does the same. Saves the screenshots in docs/.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Browser, Locator, Page } from 'playwright-core';

import { ROOT } from './runtime';
import { Editor, exitOf, launchChromium, signInPage, StartScript, untilReady, type Start } from './startScript';

interface Flow {
	id: string;
	name: string;
	nodes: Array<{ type: string; disabled?: boolean; credentials?: Record<string, { id: string; name: string }> }>;
}

interface ConsoleState {
	mail: Array<{ to: string[]; subject: string; text: string }>;
	teamviewer: { cases: Array<{ code: string; customId: string | null; online: boolean; state: string }>; reports: Array<{ session_code: string | null; minutes: number }> };
}

function shippedFlows(): Flow[] {
	const flows: Flow[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			if (entry.isDirectory()) walk(path.join(dir, entry.name));
			else if (entry.name.endsWith('.json')) flows.push(JSON.parse(readFileSync(path.join(dir, entry.name), 'utf8')) as Flow);
		}
	};
	walk(path.join(ROOT, 'workflows'));
	return flows.filter((flow) => flow.id && Array.isArray(flow.nodes));
}

let sandbox: StartScript;
let run: Start;
let editor: Editor;
let browser: Browser;
let page: Page;

const consoleState = async (): Promise<ConsoleState> => (await (await fetch(`${sandbox.consoleUrl}/api/state`)).json()) as ConsoleState;
const ticketCard = (itsm: string, number: string): Locator => page.locator(`[data-testid="ticket-${itsm}-${number}"]`);

/** Presses a button on the console and returns the answer it shows (n8n's status line and JSON body). */
async function press(button: Locator): Promise<{ status: string; body: Record<string, unknown> }> {
	const before = await page.locator('[data-testid=result]').count();
	await button.click();
	const result = page.locator('[data-testid=result]').first();
	await page.waitForFunction(`document.querySelectorAll('[data-testid=result]').length > ${before}`, undefined, { timeout: 120_000 });
	const status = (await result.locator('b').textContent()) ?? '';
	const text = (await result.locator('pre').count()) ? await result.locator('pre').textContent() : '{}';
	let body: Record<string, unknown> = {};
	try {
		body = JSON.parse(text ?? '{}') as Record<string, unknown>;
	} catch {
		body = { text };
	}
	return { status, body };
}

async function openTab(key: string): Promise<void> {
	await page.locator(`[data-testid="tab-${key}"]`).click();
	await page.locator(`[data-testid="tab-${key}"].on`).waitFor();
}

beforeAll(async () => {
	sandbox = await StartScript.create(mkdtempSync(path.join(tmpdir(), 'sandbox-console-e2e-')));
	run = sandbox.start('bash');
	await untilReady(run, 240_000);
	editor = await Editor.signIn(sandbox.url);
	browser = await launchChromium();
	page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
	await page.goto(sandbox.consoleUrl);
}, 300_000);

afterAll(async () => {
	await browser?.close();
	if (run) {
		run.process.kill('SIGTERM');
		await exitOf(run);
	}
	expect(sandbox.cleanUp()).toBe('');
}, 60_000);

it('prints the console, imports every credential the shipped flows name and publishes every flow with a webhook, schedule, TeamViewer, chat or Execute Workflow trigger (settings sub-workflows first)', async () => {
	expect(run.output()).toContain(`sandbox console:                ${sandbox.consoleUrl}`);
	const flows = shippedFlows();

	const credentials = await editor.rest<{ data: Array<{ id: string; type: string; name: string }> }>('GET', '/credentials');
	const stored = new Map(credentials.body.data.map((credential) => [credential.id, credential.type]));
	const named = flows.flatMap((flow) => flow.nodes.flatMap((node) => Object.entries(node.credentials ?? {}).map(([type, { id }]) => `${flow.name}: ${type} ${id}`)));
	expect(named.length).toBeGreaterThan(100);
	const missing = named.filter((entry) => {
		const [, type, id] = /: (\S+) (\S+)$/.exec(entry)!;
		return stored.get(id) !== type;
	});
	expect(missing).toEqual([]);

	const listed = await editor.rest<{ data: Array<{ id: string; active: boolean }> }>('GET', '/workflows');
	const active = new Set(listed.body.data.filter((flow) => flow.active).map((flow) => flow.id));
	const publishable = flows.filter(
		(flow) => flow.nodes.some((node) => /\.(webhook|scheduleTrigger|teamViewerTrigger|chatTrigger|executeWorkflowTrigger)$/.test(node.type) && !node.disabled) && !flow.nodes.some((node) => node.credentials?.teamViewerOAuth2Api),
	);
	expect(publishable.length).toBeGreaterThanOrEqual(20);
	expect([...active].sort()).toEqual(publishable.map((flow) => flow.id).sort());
	expect(run.output()).toContain(`published ${publishable.length} flow(s)`);
});

describe.each([
	{ itsm: 'servicenow', ticket: 'INC0010001', button: 'Remote support: email the customer', to: 'abel.tuter@example.com', subject: 'Remote support for INC0010001' },
	{ itsm: 'servicedeskplus', ticket: '#101', button: 'TeamViewer: remote session', to: 'erika.muster@customer.example', subject: 'Remote support for request #101: Outlook crashes on start' },
	{ itsm: 'cherwell', ticket: '101001', button: 'Create TeamViewer session', to: 'abel.tuter@example.com', subject: 'Remote support for incident 101001' },
	{ itsm: 'matrix42', ticket: 'TCK00001', button: 'Remote session', to: 'max.mustermann@example.com', subject: 'Remote support for TCK00001' },
	{ itsm: 'bossdesk', ticket: '#1042', button: 'Play (start a session)', to: 'erika.muster@example.com', subject: 'Remote support for ticket #1042: Outlook crashes on start' },
])('$itsm', ({ itsm, ticket, button, to, subject }) => {
	it(`"${button}" on ${ticket} runs the published flow: the customer's email with a clickable link and the note on the ticket appear`, async () => {
		await openTab(itsm);
		const card = ticketCard(itsm, ticket);
		await expect(card.locator('[data-testid=entry]').count()).resolves.toBe(0);

		const answer = await press(card.getByRole('button', { name: button, exact: true }));

		expect(answer.status).toBe('n8n answered 200');
		const code = String(answer.body.session_code);
		expect(code).toMatch(/^s\d{3}-\d{3}-\d{3}$/);
		const session = (await consoleState()).teamviewer.cases.find((candidate) => candidate.code === code)!;
		expect(session.state).toBe('Open');
		const mail = page.locator('[data-testid=mail]', { hasText: subject });
		await mail.waitFor({ timeout: 30_000 });
		await expect(mail.textContent()).resolves.toContain(to);
		const link = String(answer.body.end_customer_link);
		expect(link).toContain(code.replace(/-/g, ''));
		await expect(mail.locator(`a[href="${link}"]`).getAttribute('target')).resolves.toBe('_blank');
		const note = card.locator('[data-testid=entry]', { hasText: code });
		await note.first().waitFor({ timeout: 30_000 });
		await expect(card.locator('[data-testid=entry]').count()).resolves.toBe(1);
	}, 150_000);
});

it('the customer opens the link, a supporter connects for 15 minutes, and closing the session logs that connection on the ServiceNow incident', async () => {
	await openTab('servicenow');
	const card = ticketCard('servicenow', 'INC0010001');
	const state = await consoleState();
	const session = state.teamviewer.cases.find((candidate) => candidate.state === 'Open' && candidate.customId?.startsWith('incident:'))!;
	const mail = page.locator('[data-testid=mail]', { hasText: 'Remote support for INC0010001' });

	const online = await press(mail.getByRole('button', { name: `Simulate: the customer opens the link of ${session.code}` }));
	expect(online.status).toBe('Done');
	await openTab('teamviewer');
	const row = page.locator(`[data-testid="case-${session.code}"]`);
	await row.locator('.online').waitFor();
	expect((await consoleState()).teamviewer.cases.find((candidate) => candidate.code === session.code)?.online).toBe(true);

	await press(row.getByRole('button', { name: 'Supporter connected 15 min' }));
	await page.locator('[data-testid=report]', { hasText: session.code }).first().waitFor();
	expect((await consoleState()).teamviewer.reports.filter((report) => report.session_code === session.code).map((report) => report.minutes)).toEqual([15]);

	await openTab('servicenow');
	const closed = await press(card.getByRole('button', { name: 'Close session and log history' }));
	expect(closed.status).toBe('n8n answered 200');
	expect(closed.body).toMatchObject({ closed: 1, connections: 1 });
	const history = card.locator('[data-testid=entry]', { hasText: 'Connection history' });
	await history.waitFor({ timeout: 30_000 });
	await expect(history.textContent()).resolves.toContain('(15 min 0 s)');
	await card.scrollIntoViewIfNeeded();
	// The screenshot keeps only the newest answer on the console.
	await page.evaluate("document.querySelectorAll('[data-testid=result]').forEach((box, index) => index > 0 && box.remove())");
	await page.screenshot({ path: path.join(ROOT, 'docs/sandbox-console.png') });
}, 150_000);

it('runs a flow from the editor: Execute workflow listens, the console sends the button to the test URL, the run shows in the editor', async () => {
	const editorPage = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	try {
		await signInPage(editorPage, sandbox.url);
		await editorPage.goto(`${sandbox.url}/workflow/cwCreateSession01`);
		// The test webhook reports to the editor over its push connection: wait until the canvas has drawn
		// the flow and the page has stopped loading before pressing Execute (a CI run once hung when it
		// pressed while the editor was still starting).
		await editorPage.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 30_000 });
		await editorPage.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => undefined);
		await editorPage.locator('[data-test-id="execute-workflow-button"]').click();
		// The editor now waits for the test webhook: its "stop waiting" button shows.
		const waiting = editorPage.locator('[data-test-id="stop-execution-waiting-for-webhook-button"]');
		await waiting.waitFor({ timeout: 30_000 });

		await page.locator('[data-testid=target]').selectOption('test');
		await openTab('cherwell');
		const card = ticketCard('cherwell', '101002');
		const manualRuns = async () =>
			(
				await editor.rest<{ data: { results: Array<{ mode: string; status: string }> } }>(
					'GET',
					`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: 'cwCreateSession01' }))}`,
				)
			).body.data.results.filter((execution) => execution.mode === 'manual');
		const pause = (ms: number) => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms));
		const pressed = press(card.getByRole('button', { name: 'Create TeamViewer session', exact: true }));
		pressed.catch(() => undefined);
		// n8n 2.41 has, in 1 of about 12 runs here, held the test webhook's HTTP answer after the manual run it
		// started had succeeded in under 2 s (its execution list says so). When that happens the run's outcome is
		// checked on the ticket instead of in the answer, and the test says so; a run that fails or never starts
		// still fails the test.
		let answer: Awaited<typeof pressed> | undefined;
		for (let waited = 0; !answer; waited += 1000) {
			answer = await Promise.race([pressed, pause(1000)]);
			if (answer) break;
			const runs = await manualRuns();
			if (runs.some((execution) => execution.status === 'success')) {
				answer = await Promise.race([pressed, pause(30_000)]);
				break;
			}
			if (runs.some((execution) => execution.status === 'error') || waited > 110_000) {
				throw new Error(`the test run did not succeed: ${JSON.stringify(runs)}\n--- start.sh output (tail) ---\n${run.output().slice(-4000)}`);
			}
		}
		await page.locator('[data-testid=target]').selectOption('published');

		if (answer) {
			expect(answer.status).toBe('n8n answered 200');
			expect(answer.body).toMatchObject({ incidentId: '101002', created: true });
			await card.locator('[data-testid=entry]', { hasText: String(answer.body.session_code) }).waitFor({ timeout: 30_000 });
		} else {
			console.warn('n8n ran the test execution (success) but did not answer the test webhook within 30 s: checked on the ticket instead');
			await card.locator('[data-testid=entry]', { hasText: /s\d{3}-\d{3}-\d{3}/ }).first().waitFor({ timeout: 30_000 });
		}
		const executions = await editor.rest<{ data: { results: Array<{ mode: string; status: string }> } }>(
			'GET',
			`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: 'cwCreateSession01' }))}`,
		);
		expect(executions.body.data.results.map((execution) => [execution.mode, execution.status])).toContainEqual(['manual', 'success']);
		await waiting.waitFor({ state: 'hidden', timeout: 30_000 });
		await editorPage.getByText('Workflow executed successfully').waitFor({ timeout: 30_000 });
		await editorPage.waitForTimeout(800);
		await editorPage.screenshot({ path: path.join(ROOT, 'docs/sandbox-editor-run.png') });
	} finally {
		await editorPage.close();
	}
}, 150_000);
