import type { IBinaryData, IDataObject } from 'n8n-workflow';

import type { ConnectionReport } from '../simulators/teamviewer';
import { samplePng } from '../simulators/teamviewer';
import { useTeamViewer } from '../harness/teamviewer';

const tv = useTeamViewer();

const UNKNOWN_REPORT_ID = '0f7c1c3e-5b1f-4c59-9a53-2f3c1d0e9b11';

/** A fresh connection of a sandbox service case, with the given Session Insights. */
function connection(insights?: Parameters<typeof tv.sim.setReportInsights>[1]): ConnectionReport {
	const report = tv.sim.connectSession(tv.sandbox.openSessionCodes[0], {
		startedAt: '2025-03-01T09:00:00Z',
		durationSeconds: 900,
		deviceName: 'PC-ACCOUNTING-01',
	});
	if (insights !== undefined) tv.sim.setReportInsights(report.id, insights);
	return report;
}

function insightsOf(report: ConnectionReport) {
	return tv.sim.state.insights.get(report.id)!;
}

const run = (operation: string, reportId: string, extra: IDataObject = {}, options: { continueOnFail?: boolean } = {}) =>
	tv.run({ resource: 'connectionReport', operation, reportId, ...extra }, options);

const ACTIVATE_HINT = 'Admin settings → AI settings → Session Insights';

describe('Connection report: Get AI Summary', () => {
	it('reads the AI summary and adds the report ID and the summary as text', async () => {
		const report = connection('sample');
		const summary = insightsOf(report).aiSummary!;

		const result = await run('getAiSummary', ` ${report.id.toUpperCase()} `);

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([`GET /api/v1/reports/connections/${report.id}/ai-summary`]);
		expect(result.json).toEqual([
			{
				reportId: report.id,
				...summary,
				text: [
					'Outlook could not connect to the mail server',
					summary.Summary,
					'Issue types: Email, Authentication',
					'Applications: Microsoft Outlook, Control Panel',
					'Steps:',
					'1. Control Panel: Removed the stored Outlook credentials (control keymgr.dll)',
					'2. Microsoft Outlook: Created a new mail profile',
				].join('\n'),
			},
		]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('leaves out what a sparse summary lacks (labels, a step\'s application and commands) and numbers only real steps', async () => {
		const report = connection({
			status: 'available',
			aiSummary: { Name: 'VPN drops', Summary: 'Reset the VPN client.', Steps: [null, { Action: 'Restarted the VPN service' }, { Application: 'VPN Client', Action: 'Signed in again', Commands: '' }] } as never,
		});

		const result = await run('getAiSummary', report.id);

		expect(result.json[0].text).toBe(['VPN drops', 'Reset the VPN client.', 'Steps:', '1. Restarted the VPN service', '2. VPN Client: Signed in again'].join('\n'));
	});

	it('builds the same text when TeamViewer writes the fields in camelCase (knob insightsCasing)', async () => {
		const report = connection('sample');
		const spec = await run('getAiSummary', report.id);
		tv.sim.config.insightsCasing = 'camel';

		const camel = await run('getAiSummary', report.id);

		expect(camel.json[0].summary).toBe(insightsOf(report).aiSummary!.Summary);
		expect(camel.json[0].text).toBe(spec.json[0].text);
	});

	it('rejects a report ID that is not a UUID before calling TeamViewer', async () => {
		const result = await run('getAiSummary', 'not-a-uuid');

		expect(result.error?.message).toBe('The Report ID "not-a-uuid" is not valid');
		expect(tv.calls()).toHaveLength(0);
	});

	it.each([
		['not activated', 'notActivated'],
		['not consented', 'notConsented'],
		['on a Linux device', 'unsupportedPlatform'],
		['never recorded', undefined],
	] as const)('lists the three conditions and what to change when TeamViewer gives no reason (%s, default answers)', async (_case, status) => {
		const report = connection(status);

		const result = await run('getAiSummary', report.id);

		expect(tv.calls()[0].status).toBe(404);
		expect(result.error?.message).toBe(`TeamViewer has no AI summary for connection report "${report.id}"`);
		const description = (result.error as { description?: string }).description!;
		expect(description).toContain(ACTIVATE_HINT);
		expect(description).toContain('Ask the customer to accept the Session Insights prompt');
		expect(description).toContain('only when the remote device runs Windows or macOS');
		expect(description).toContain(`TeamViewer said: "AI summary for connection report ${report.id} was not found."`);
	});

	describe('when TeamViewer names the reason (knob insightsUnavailable = specific)', () => {
		beforeEach(() => {
			tv.sim.config.insightsUnavailable = 'specific';
		});

		it('says Session Insights is not activated and where to activate it', async () => {
			const report = connection('notActivated');

			const result = await run('getAiSummary', report.id);

			expect(tv.calls()[0].status).toBe(403);
			expect(result.error?.message).toBe('Session Insights is not activated for this TeamViewer company');
			const description = (result.error as { description?: string }).description!;
			expect(description).toContain(`An administrator activates Session Insights in TeamViewer: ${ACTIVATE_HINT} (for outgoing connections)`);
			expect(description).not.toContain('Windows');
		});

		it('says the remote side did not consent and to ask the customer', async () => {
			const report = connection('notConsented');

			const result = await run('getAiSummary', report.id);

			expect(result.error?.message).toBe(`The remote side did not consent to Session Insights in the session of connection report "${report.id}"`);
			expect((result.error as { description?: string }).description).toContain('Ask the customer to accept the Session Insights prompt in the next session');
		});

		it('says only Windows and macOS devices get insights', async () => {
			const report = connection('unsupportedPlatform');

			const result = await run('getAiSummary', report.id);

			expect(result.error?.message).toBe(
				`Session Insights is not available for the device of connection report "${report.id}": only Windows and macOS are supported`,
			);
		});
	});

	it('keeps the permission message for a token without connection reports', async () => {
		const report = connection('sample');

		const result = await tv.run(
			{ resource: 'connectionReport', operation: 'getAiSummary', reportId: report.id },
			{ credential: tv.tokenCredential(tv.sandbox.tokens.limited) },
		);

		expect(result.error?.message).toBe('The TeamViewer token lacks the permission "Connection reports → View connection reports"');
	});

	it('goes on with the error as an item under Continue On Fail, the next item still read', async () => {
		const without = connection('notConsented');
		const withSummary = tv.sim.connectSession(tv.sandbox.openSessionCodes[1], { startedAt: '2025-03-01T10:00:00Z', insights: 'sample' });

		const result = await tv.run(
			{ resource: 'connectionReport', operation: 'getAiSummary', reportId: '={{ $json.report }}' },
			{ input: [{ report: without.id }, { report: withSummary.id }], continueOnFail: true },
		);

		expect(result.status).toBe('success');
		expect(result.json[0]).toEqual({
			error: `TeamViewer has no AI summary for connection report "${without.id}"`,
			details: expect.stringContaining(ACTIVATE_HINT),
		});
		expect(result.json[1].reportId).toBe(withSummary.id);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Connection report: Get Augmented Session Summary', () => {
	it('reads { summary, title } and adds the text', async () => {
		const report = connection('sample');

		const result = await run('getAugmentedSummary', report.id);

		expect(tv.calls()[0].path).toBe(`/api/v1/reports/connections/${report.id}/augmented-session-summary`);
		expect(result.json).toEqual([
			{
				reportId: report.id,
				title: 'Outlook password prompt',
				summary: 'Outlook asked for the password repeatedly; a new mail profile fixed it.',
				text: 'Outlook password prompt\nOutlook asked for the password repeatedly; a new mail profile fixed it.',
			},
		]);
	});

	it('names the missing augmented summary', async () => {
		const report = connection({ status: 'available', aiSummary: insightsOfSample().aiSummary });

		const result = await run('getAugmentedSummary', report.id);

		expect(result.error?.message).toBe(`TeamViewer has no augmented session summary for connection report "${report.id}"`);
	});
});

function insightsOfSample() {
	const report = tv.sim.connectSession(tv.sandbox.openSessionCodes[2], { startedAt: '2025-02-01T09:00:00Z', insights: 'sample' });
	return insightsOf(report);
}

describe('Connection report: Get Chat Transcript', () => {
	it('returns the messages and the transcript as text', async () => {
		const report = connection('sample');
		const chat = insightsOf(report).chat!;

		const result = await run('getChatTranscript', report.id);

		expect(tv.calls()[0].path).toBe(`/api/v1/reports/connections/${report.id}/chat-transcript`);
		expect(result.json).toEqual([
			{
				reportId: report.id,
				messages: chat,
				text: [
					`2025-03-01T09:00:30Z ${chat[0].Sender.Name}: Hello, I am connected now.`,
					'2025-03-01T09:00:45Z PC-ACCOUNTING-01: Thanks, Outlook keeps asking for my password.',
				].join('\n'),
			},
		]);
	});

	it('returns one item per message with Output = One Item per Message', async () => {
		const report = connection('sample');
		const chat = insightsOf(report).chat!;

		const result = await run('getChatTranscript', report.id, { output: 'lines' });

		expect(result.json).toEqual(chat.map((message) => ({ reportId: report.id, ...message })));
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('names the missing transcript of a session without chat (404), or gives an empty transcript (knob insightsAbsent = empty)', async () => {
		const report = connection({ status: 'available', chat: [] });

		const missing = await run('getChatTranscript', report.id);
		tv.sim.config.insightsAbsent = 'empty';
		const empty = await run('getChatTranscript', report.id);

		expect(missing.error?.message).toBe(`TeamViewer has no chat transcript for connection report "${report.id}"`);
		expect(empty.json).toEqual([{ reportId: report.id, messages: [], text: '' }]);
	});
});

describe('Connection report: transcripts with people TeamViewer does not name', () => {
	it('names a chat sender by TeamViewer ID without a name, and by direction (Supporter, Customer) without either', async () => {
		const message = (Sender: unknown, IsOutgoing: boolean, WrittenAtTimestamp: string, Content: string) => ({ Sender, Recipients: [], WrittenAtTimestamp, IsOutgoing, Content });
		const report = connection({
			status: 'available',
			chat: [
				message({ TeamViewerId: 1234567890, Name: ' ' }, false, '2025-03-01T09:00:30Z', 'Hello?'),
				message({ TeamViewerId: null, Name: null }, true, '2025-03-01T09:00:40Z', 'I am here.'),
				message(null, false, '', 'Thanks.'),
			] as never,
		});

		const result = await run('getChatTranscript', report.id);

		expect(result.json[0].text).toBe(
			['2025-03-01T09:00:30Z 1234567890: Hello?', '2025-03-01T09:00:40Z Supporter: I am here.', 'Customer: Thanks.'].join('\n'),
		);
	});

	it('calls an unnamed voice speaker by TeamViewer ID or "Speaker", and adds a translation that differs', async () => {
		const line = (speaker: unknown, writtenAtTimestamp: string, originalText: string, translatedText: string) =>
			({ speaker, writtenAtTimestamp, originalText, originalLanguageCode: 'de', translatedText, translatedLanguageCode: 'en' });
		const report = connection({
			status: 'available',
			voice: [
				line({ teamviewerId: 987654321, name: '' }, '2025-03-01T09:01:00Z', 'Bitte Outlook schließen.', 'Please close Outlook.'),
				line(undefined, '', 'OK.', 'OK.'),
			] as never,
		});

		const result = await run('getVoiceTranscript', report.id);

		expect(result.json[0].text).toBe(
			['2025-03-01T09:01:00Z 987654321: Bitte Outlook schließen. [Please close Outlook.]', 'Speaker: OK.'].join('\n'),
		);
	});
});

describe('Connection report: Get Voice Transcript', () => {
	it('returns the lines and the transcript as text', async () => {
		const report = connection('sample');
		const voice = insightsOf(report).voice!;

		const result = await run('getVoiceTranscript', report.id);

		expect(tv.calls()[0].path).toBe(`/api/v1/reports/connections/${report.id}/voice-transcript`);
		expect(result.json).toEqual([
			{ reportId: report.id, lines: voice, text: `2025-03-01T09:01:00Z ${voice[0].speaker.name}: Please close Outlook for a moment.` },
		]);
	});

	it('says why there is none when TeamViewer names the reason', async () => {
		tv.sim.config.insightsUnavailable = 'specific';
		const report = connection('unsupportedPlatform');

		const result = await run('getVoiceTranscript', report.id);

		expect(result.error?.message).toContain('only Windows and macOS are supported');
	});
});

describe('Connection report: Get Screenshots', () => {
	it('lists the screenshots and downloads each one as binary data, one item per screenshot', async () => {
		const report = connection('sample');
		const [first, second] = insightsOf(report).screenshots!;

		const result = await run('getScreenshots', report.id);

		expect(result.status).toBe('success');
		expect(tv.calls().map((call) => `${call.method} ${call.path}`)).toEqual([
			`GET /api/v1/reports/connections/${report.id}/screenshots`,
			`GET /api/v1/reports/connections/${report.id}/${first.screenshotId}/screenshot`,
			`GET /api/v1/reports/connections/${report.id}/${second.screenshotId}/screenshot`,
		]);
		expect(result.json).toEqual([first, second].map(({ screenshotId, fileName, mimeType, takenAt }) => ({ reportId: report.id, screenshotId, fileName, mimeType, takenAt })));
		const binaries = result.items.map((item) => item.binary?.data as IBinaryData);
		expect(binaries.map(({ fileName, mimeType, fileExtension }) => ({ fileName, mimeType, fileExtension }))).toEqual([
			{ fileName: 'screenshot-1.png', mimeType: 'image/png', fileExtension: 'png' },
			{ fileName: 'screenshot-2.png', mimeType: 'image/png', fileExtension: 'png' },
		]);
		expect(binaries.map((binary) => Buffer.from(binary.data, 'base64'))).toEqual([samplePng(0), samplePng(1)]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		// The list is asked for as JSON; a file as whatever TeamViewer sends.
		expect(tv.calls().map((call) => call.headers.accept === 'application/json')).toEqual([true, false, false]);
	});

	it('puts the file in the field given and names a file TeamViewer left unnamed after its ID', async () => {
		const report = connection({
			status: 'available',
			screenshots: [{ screenshotId: 'a1b2c3d4-0000-4000-8000-000000000001', fileName: '', mimeType: 'image/jpeg', takenAt: '2025-03-01T09:05:00Z', content: samplePng(3).toString('base64') }],
		});

		const result = await run('getScreenshots', report.id, { binaryPropertyName: 'screenshot' });

		const binary = result.items[0].binary?.screenshot as IBinaryData;
		expect(binary.fileName).toBe('a1b2c3d4-0000-4000-8000-000000000001.jpg');
		expect(binary.mimeType).toBe('image/jpeg');
		expect(result.items[0].binary?.data).toBeUndefined();
	});

	it('keeps a screenshot listed without a type as TeamViewer declares the download: octet-stream, unnamed ones as <ID>.bin', async () => {
		const shot = (n: number, fileName: string, mimeType = '') =>
			({ screenshotId: `a1b2c3d4-0000-4000-8000-00000000001${n}`, fileName, mimeType, takenAt: '2025-03-01T09:05:00Z', content: samplePng(4).toString('base64') });
		const report = connection({ status: 'available', screenshots: [shot(1, ''), shot(2, 'console.png'), shot(3, '', 'application/octet-stream')] });

		const result = await run('getScreenshots', report.id);

		expect(result.status).toBe('success');
		const binaries = result.items.map((item) => item.binary?.data as IBinaryData);
		expect(binaries.map(({ fileName, mimeType, fileExtension }) => ({ fileName, mimeType, fileExtension }))).toEqual([
			{ fileName: 'a1b2c3d4-0000-4000-8000-000000000011.bin', mimeType: 'application/octet-stream', fileExtension: 'bin' },
			{ fileName: 'console.png', mimeType: 'application/octet-stream', fileExtension: 'png' },
			{ fileName: 'a1b2c3d4-0000-4000-8000-000000000013.bin', mimeType: 'application/octet-stream', fileExtension: 'bin' },
		]);
		expect(binaries.map((binary) => Buffer.from(binary.data, 'base64'))).toEqual([samplePng(4), samplePng(4), samplePng(4)]);
	});

	it('only lists them with Download off', async () => {
		const report = connection('sample');

		const result = await run('getScreenshots', report.id, { download: false });

		expect(tv.calls()).toHaveLength(1);
		expect(result.json).toHaveLength(2);
		expect(result.items.every((item) => item.binary === undefined)).toBe(true);
	});

	it('gives no item for a report without screenshots', async () => {
		const report = connection({ status: 'available', screenshots: [] });

		const result = await run('getScreenshots', report.id);

		expect(result.status).toBe('success');
		expect(result.items).toEqual([]);
	});

	it('explains why a report has no screenshots at all', async () => {
		const report = connection('notConsented');

		const result = await run('getScreenshots', report.id);

		expect(result.error?.message).toBe(`TeamViewer has no screenshots for connection report "${report.id}"`);
		expect((result.error as { description?: string }).description).toContain(ACTIVATE_HINT);
	});

	it('names a screenshot that disappeared between the list and the download', async () => {
		const report = connection('sample');
		const [first] = insightsOf(report).screenshots!;
		tv.sim.injectFault({ method: 'GET', path: `/api/v1/reports/connections/${report.id}/${first.screenshotId}/screenshot`, kind: 'status', status: 404, body: { error: 'not_found', error_description: `Screenshot ${first.screenshotId} was not found.`, error_code: 404 } });

		const result = await run('getScreenshots', report.id);

		expect(result.error?.message).toBe(`TeamViewer has no screenshot "${first.screenshotId}" for connection report "${report.id}"`);
		expect((result.error as { description?: string }).description).toContain(`TeamViewer said: "Screenshot ${first.screenshotId} was not found."`);
	});

	it('a 404 without a body says what to check and quotes nothing', async () => {
		const report = connection('sample');
		tv.sim.injectFault({ method: 'GET', path: `/api/v1/reports/connections/${report.id}/ai-summary$`, kind: 'status', status: 404, body: '' });

		const result = await run('getAiSummary', report.id);

		expect(result.error?.message).toBe(`TeamViewer has no AI summary for connection report "${report.id}"`);
		const description = (result.error as { description?: string }).description!;
		expect(description).toMatch(/Also check the report ID: it may be mistyped, deleted, or not visible to this token's account\.$/);
		expect(description).not.toContain('TeamViewer said');
	});

	it('a download refused with a text body (a gateway page) quotes that text', async () => {
		const report = connection('sample');
		const [first] = insightsOf(report).screenshots!;
		tv.sim.injectFault({ method: 'GET', path: `${first.screenshotId}/screenshot$`, kind: 'status', status: 500, body: 'Storage backend unavailable' });

		const result = await run('getScreenshots', report.id);

		expect(result.error?.message).toBe('TeamViewer is unavailable (HTTP 500)');
		expect((result.error as { description?: string }).description).toBe(
			'TeamViewer\'s service answered with a server error. Try again in a few minutes. TeamViewer said: "Storage backend unavailable"',
		);
	});

	it('names the report TeamViewer does not know', async () => {
		const result = await run('getScreenshots', UNKNOWN_REPORT_ID);

		expect(result.error?.message).toBe(`TeamViewer has no screenshots for connection report "${UNKNOWN_REPORT_ID}"`);
		expect((result.error as { description?: string }).description).toContain('Also check the report ID');
	});
});

describe('Connection report: Get Features', () => {
	it('sends the IDs as the exploded sessionReportIds and returns one item per report in the order given', async () => {
		const rich = connection('sample');
		const none = connection('notConsented');
		const screenshots = insightsOf(rich).screenshots!;

		const result = await tv.run({ resource: 'connectionReport', operation: 'getFeatures', reportIds: `${none.id}, ${rich.id.toUpperCase()}\n${none.id}` });

		expect(tv.calls().map((call) => [call.path, call.query])).toEqual([
			['/api/v1/reports/connections/features', { sessionReportIds: [none.id, rich.id] }],
		]);
		expect(result.json).toEqual([
			{ reportId: none.id, features: [], records: [] },
			{
				reportId: rich.id,
				features: ['AiSummary', 'ChatTranscript', 'VoiceTranscript', 'AugmentedSessionSummary', 'Screenshot'],
				records: [
					{ SessionReportId: rich.id, FeatureName: 'AiSummary', FeatureId: rich.id },
					{ SessionReportId: rich.id, FeatureName: 'ChatTranscript', FeatureId: rich.id },
					{ SessionReportId: rich.id, FeatureName: 'VoiceTranscript', FeatureId: rich.id },
					{ SessionReportId: rich.id, FeatureName: 'AugmentedSessionSummary', FeatureId: rich.id },
					...screenshots.map((screenshot) => ({ SessionReportId: rich.id, FeatureName: 'Screenshot', FeatureId: screenshot.screenshotId })),
				],
			},
		]);
	});

	it('asks for at most 50 reports per request', async () => {
		const ids = Array.from({ length: 120 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

		const result = await tv.run({ resource: 'connectionReport', operation: 'getFeatures', reportIds: "={{ $json.ids.join(',') }}" }, { input: [{ ids }] });

		expect(tv.calls().map((call) => (call.query.sessionReportIds as string[]).length)).toEqual([50, 50, 20]);
		expect(result.json).toHaveLength(120);
	});

	it.each([[' , '], ['7d0a6c2e, not-a-uuid']])('rejects the Report IDs "%s" before calling TeamViewer', async (reportIds) => {
		const result = await tv.run({ resource: 'connectionReport', operation: 'getFeatures', reportIds: '={{ $json.ids }}' }, { input: [{ ids: reportIds }] });

		expect(result.error?.message).toMatch(/^The Report IDs value ".*" is not valid$/);
		expect(tv.calls()).toHaveLength(0);
	});
});
