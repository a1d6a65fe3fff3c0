/**
 * An active TeamViewer Trigger as n8n 2.41 keeps it (as in trigger.test.ts): its static data lives on in
 * memory between polls and is written to the database only after the activation poll and when a poll
 * emits and changed it. `restart()` is n8n starting again in a new process: the in-memory state and
 * everything the pack kept in memory are gone, the last saved state is loaded, and activation polls first.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { teamViewerTriggerWorkflow } from './engine';
import { newProcess } from './package';
import type { TeamViewerFixture } from './teamviewer';

let workflowIds = 0;

export type ActiveTrigger = ReturnType<typeof activeTrigger>;

export function activeTrigger(tv: TeamViewerFixture, parameters: INodeParameters) {
	let staticData: IDataObject = {};
	let saved = '{}';
	let activating = true;
	const workflow = { ...teamViewerTriggerWorkflow({ parameters, credential: tv.credential }), id: `active-${++workflowIds}` };
	return {
		get staticData() {
			return staticData;
		},
		/** What n8n has in its database for this trigger. */
		get saved() {
			return saved;
		},
		poll: async (options: { pollBudgetMs?: number } = {}) => {
			const emitted = await tv.engine.poll(workflow, staticData, 'trigger', options);
			if ((emitted !== null || activating) && tv.engine.staticDataChanged) saved = JSON.stringify(staticData);
			activating = false;
			return emitted;
		},
		restart: () => {
			newProcess();
			staticData = JSON.parse(saved) as IDataObject;
			activating = true;
		},
		/** The workflow deactivated and activated again in the same n8n process: the saved state is loaded. */
		reactivate: () => {
			staticData = JSON.parse(saved) as IDataObject;
			activating = true;
		},
		fetchTestEvent: async () => await tv.engine.poll(workflow, {}, 'manual'),
	};
}

/** TeamViewer's clock stopped at a whole second (its times are whole seconds). */
export function freezeClock(tv: TeamViewerFixture): number {
	const now = Math.floor(Date.now() / 1000) * 1000;
	tv.sim.clock.set(new Date(now).toISOString());
	return now;
}

/**
 * TeamViewer's reports land `lagMs` after their sessions end, from a clock moved on by that much: the
 * sandbox's seeded history (sessions that ended before it was made, in office hours) has all landed by
 * the time the trigger is activated, so it stays history. Without the wait, a history report that ended
 * in the last `lagMs` would land after activation as a late report, and be emitted as one; which of
 * them there are depends on the hour the test runs.
 */
export function lagReports(tv: TeamViewerFixture, lagMs: number): void {
	tv.sim.config.reportLagMs = lagMs;
	tv.sim.clock.advance(lagMs);
}

export const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
export const codes = (items: IDataObject[] | null) => (items ?? []).map((item) => item.code);
export const ids = (items: IDataObject[] | null) => (items ?? []).map((item) => item.id);
