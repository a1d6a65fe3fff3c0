// Stryker reporter plugin (stryker.config.mjs appendPlugins): writes each undetected mutant to
// <reports>/survivors-live.txt as soon as it is tested, so tests for it can be written while a run of
// several hours goes on. The final list, with the equivalent ones marked, is survivors.txt
// (scripts/mutation-score.mjs) once the run has finished.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';

const UNDETECTED = new Set(['Survived', 'NoCoverage']);

class SurvivorsReporter {
	constructor() {
		this.file = path.join(process.env.STRYKER_REPORTS ?? '.ci/out/mutation', 'survivors-live.txt');
		mkdirSync(path.dirname(this.file), { recursive: true });
		writeFileSync(this.file, '');
	}

	onMutantTested(result) {
		if (!UNDETECTED.has(result.status)) return;
		const { line, column } = result.location.start;
		const replacement = (result.replacement ?? '').replace(/\s+/g, ' ').slice(0, 160);
		appendFileSync(this.file, `${result.fileName}:${line}:${column} ${result.mutatorName} ${result.status}: ${replacement}\n`);
	}
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'survivors-live', SurvivorsReporter)];
