// Publishes the sandbox's flows once (called by scripts/start.sh when n8n is up):
//   SANDBOX_OWNER='{"email":…,"password":…}' node scripts/sandbox-publish.mjs N8N_URL MARKER WORKFLOWS_DIR
// Every flow file in WORKFLOWS_DIR with a webhook, schedule, TeamViewer, chat or Execute Workflow trigger and no
// OAuth2 credential (that one works only after someone presses Connect) is published through n8n's REST API,
// as the editor's Publish button does, unless MARKER lists it as published before; each one published is
// added to MARKER. Sub-workflows (an Execute Workflow trigger: the ITSMs' settings flows) go first: n8n 2.x
// publishes a flow only when every sub-workflow it calls is published.
// A flow no longer in n8n (deleted in the editor) is left alone. Prints one line per flow it could not publish.
import { appendFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const [url, marker, dir] = process.argv.slice(2);
const owner = JSON.parse(process.env.SANDBOX_OWNER ?? '{}');
const TRIGGERS = /\.(webhook|scheduleTrigger|teamViewerTrigger|chatTrigger|executeWorkflowTrigger)$/;
const isSubWorkflow = (flow) => flow.nodes.some((node) => node.type.endsWith('.executeWorkflowTrigger'));

function flowFiles(folder) {
	return readdirSync(folder).flatMap((entry) => {
		const file = path.join(folder, entry);
		if (statSync(file).isDirectory()) return flowFiles(file);
		return entry.endsWith('.json') ? [file] : [];
	});
}

const wanted = flowFiles(dir)
	.map((file) => JSON.parse(readFileSync(file, 'utf8')))
	.filter((flow) => flow.id && Array.isArray(flow.nodes))
	.filter((flow) => flow.nodes.some((node) => TRIGGERS.test(node.type) && !node.disabled))
	.filter((flow) => !flow.nodes.some((node) => node.credentials?.teamViewerOAuth2Api));
const done = new Set(
	readFileSync(marker, 'utf8')
		.split('\n')
		.filter((line) => line.startsWith('published '))
		.map((line) => line.slice(10).trim()),
);
const todo = wanted.filter((flow) => !done.has(flow.id)).sort((a, b) => Number(isSubWorkflow(b)) - Number(isSubWorkflow(a)));
if (todo.length === 0) process.exit(0);

const login = await fetch(`${url}/rest/login`, {
	method: 'POST',
	headers: { 'content-type': 'application/json' },
	body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
});
if (!login.ok) {
	console.log(`[start] note: could not sign in to n8n to publish ${todo.length} flow(s) (${login.status}); publish them in the editor`);
	process.exit(0);
}
const cookie = login.headers.get('set-cookie').split(';')[0];
const rest = async (method, route, body) => {
	const response = await fetch(`${url}/rest${route}`, {
		method,
		headers: { 'content-type': 'application/json', cookie },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = { message: text };
	}
	return { status: response.status, body: json };
};

let published = 0;
const failed = [];
const applied = [];
for (const flow of todo) {
	const current = await rest('GET', `/workflows/${flow.id}`);
	if (current.status === 404) continue; // deleted in the editor: stays deleted
	const versionId = current.body?.data?.versionId;
	const answer = versionId ? await rest('POST', `/workflows/${flow.id}/activate`, { versionId }) : current;
	if (answer.status === 200) {
		appendFileSync(marker, `published ${flow.id}\n`);
		published++;
		applied.push(flow.id);
	} else {
		failed.push(`"${flow.name}": ${answer.body?.message ?? answer.status}`);
	}
}
// n8n 2.41 applies a publication in the background: until it has, a settings sub-workflow answers "not
// active" to the flows that call it. Wait, as the editor's Publish button does, before saying it is done.
const deadline = Date.now() + 60_000;
for (const id of applied) {
	for (;;) {
		const status = String((await rest('GET', `/workflows/${id}/publication-status`)).body?.data?.status);
		if (!['in_progress', 'not_published', 'undefined'].includes(status) || Date.now() > deadline) break;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}
if (published) console.log(`\x1b[1m[start]\x1b[0m published ${published} flow(s) with a webhook, schedule, TeamViewer, chat or Execute Workflow trigger`);
for (const line of failed) console.log(`\x1b[1m[start]\x1b[0m note: could not publish ${line}; open it in the editor and press Publish`);
