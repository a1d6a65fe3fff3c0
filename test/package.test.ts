import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { packageCredentialTypes, packageNodeTypes, PACKAGE_NAME } from './harness/package';

const root = path.resolve(__dirname, '..');
const teamViewer = packageNodeTypes.get(`${PACKAGE_NAME}.teamViewer`)!;

describe('what the editor shows of the nodes and credentials', () => {
	const trigger = packageNodeTypes.get(`${PACKAGE_NAME}.teamViewerTrigger`)!;
	// n8n's loader turns a `file:` icon into the URL the editor fetches from the package (iconUrl); an icon it cannot
	// resolve is left as it was, and the editor shows none.
	const iconUrl = { light: `icons/${PACKAGE_NAME}/dist/icons/teamviewer.svg`, dark: `icons/${PACKAGE_NAME}/dist/icons/teamviewer.dark.svg` };

	it('gives both nodes and both credentials TeamViewer\'s icon, light and dark, from files the package ships', () => {
		for (const described of [teamViewer.description, trigger.description, ...[...packageCredentialTypes.values()]]) {
			expect((described as { iconUrl?: unknown }).iconUrl).toEqual(iconUrl);
		}
		for (const url of Object.values(iconUrl)) expect(existsSync(path.join(root, 'icons', path.basename(url)))).toBe(true);
	});

	it('adds the trigger as "TeamViewer Trigger", described, with no input, one output and a required credential of either kind', () => {
		const { description } = trigger;
		expect(description.defaults).toEqual({ name: 'TeamViewer Trigger' });
		expect(description.description).toMatch(/^Starts a workflow when .*TeamViewer$/);
		expect(description.inputs).toEqual([]);
		expect(description.outputs).toEqual(['main']);
		expect(description.credentials?.map((credential) => credential.required)).toEqual([true, true]);
	});

	it('asks for a script token (as a password) or OAuth2, each with the API base URL and a pace of its own, and links to the README\'s credentials section', () => {
		const fields = (name: string) =>
			packageCredentialTypes.get(name)!.properties.filter((property) => property.type !== 'hidden');
		const apiBaseUrl = {
			name: 'apiBaseUrl',
			displayName: 'API Base URL',
			type: 'string',
			default: 'https://webapi.teamviewer.com/api/v1',
			description: expect.stringMatching(/^Leave as is for TeamViewer\. .*proxy.*sandbox/),
		};
		const maxRequestsPerSecond = {
			name: 'maxRequestsPerSecond',
			displayName: 'Max Requests per Second',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: expect.stringMatching(/^0: as fast as TeamViewer allows\. .*"too many requests"/),
		};
		expect(fields('teamViewerApi')).toEqual([
			{
				name: 'accessToken',
				displayName: 'Script Token',
				type: 'string',
				typeOptions: { password: true },
				required: true,
				default: '',
				description: expect.stringMatching(/^A script token from the TeamViewer Management Console \(Edit profile → Apps → Create script token\)/),
			},
			apiBaseUrl,
			maxRequestsPerSecond,
		]);
		expect(fields('teamViewerOAuth2Api')).toEqual([apiBaseUrl, maxRequestsPerSecond]);

		const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
		expect(readme).toMatch(/^## Credentials$/m);
		const homepage = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).homepage as string;
		for (const type of packageCredentialTypes.values()) {
			expect(type.documentationUrl).toBe(homepage.replace(/#readme$/, '#credentials'));
		}
		expect([...packageCredentialTypes.values()].map((type) => type.displayName)).toEqual(['TeamViewer API', 'TeamViewer OAuth2 API']);
	});

	it('shows the chosen event under the trigger\'s name, and the operation under the node\'s', () => {
		expect(trigger.description.subtitle).toBe('={{$parameter["event"]}}');
		expect(teamViewer.description.subtitle).toMatch(/\$parameter\["operation"\]/);
	});
});

describe('TeamViewer node description', () => {
	const { description } = teamViewer;
	const operations = description.properties.filter((property) => property.name === 'operation');

	it('is usable as an AI tool and offers both credentials behind an Authentication selector', () => {
		expect(description.usableAsTool).toBe(true);
		// The script token last: n8n's editor gives a fresh node the newest credential of either type and,
		// on a tie, the one listed last (the sandbox imports both at once; only the token works unconnected).
		for (const node of [teamViewer, packageNodeTypes.get(`${PACKAGE_NAME}.teamViewerTrigger`)!]) {
			expect(node.description.credentials?.map((credential) => [credential.name, credential.displayOptions?.show?.authentication])).toEqual([
				['teamViewerOAuth2Api', ['oAuth2']],
				['teamViewerApi', ['accessToken']],
			]);
		}
	});

	it('gives every operation a sentence-case action and sorts every option list', () => {
		const actions = operations.flatMap((property) => property.options as Array<{ name: string; action?: string }>);
		expect(actions.length).toBe(102);
		for (const option of actions) expect(option.action).toMatch(/^[A-Z][a-z]/);
		const sortedLists = (properties: INodeProperties[]): void => {
			for (const property of properties) {
				if (property.type === 'options' || property.type === 'multiOptions') {
					// Lists loaded from TeamViewer (loadOptionsMethod) have no static options; their loaders sort them.
					const names = ((property.options ?? []) as Array<{ name: string }>).map((option) => option.name);
					expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
				}
				if (property.type === 'collection') sortedLists(property.options as INodeProperties[]);
				if (property.type === 'fixedCollection') {
					for (const group of property.options as Array<{ values: INodeProperties[] }>) sortedLists(group.values);
				}
			}
		};
		sortedLists(description.properties);
	});

	it('offers Return All and Limit on every Get Many', () => {
		const getMany = description.properties.filter((property) =>
			(property.displayOptions?.show?.operation as string[] | undefined)?.includes('getAll'),
		);
		const resources = new Set(getMany.flatMap((property) => property.displayOptions!.show!.resource as string[]));
		for (const resource of resources) {
			const names = getMany
				.filter((property) => (property.displayOptions!.show!.resource as string[]).includes(resource))
				.map((property) => property.name);
			expect({ resource, names }).toEqual({ resource, names: expect.arrayContaining(['returnAll', 'limit']) });
		}
		expect(resources.size).toBe(12);
	});
});
