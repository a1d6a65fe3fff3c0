import type { TeamViewerSimulator } from '../simulators/teamviewer';
import type { N8n } from './n8n';

/** What a failing e2e test prints: the end of n8n's log and the calls TeamViewer received. */
export function diagnostics(n8n: N8n | undefined, sim: TeamViewerSimulator | undefined): string {
	const calls = (sim?.requests ?? [])
		.slice(-40)
		.map((call) => `  ${call.seq} ${call.method} ${call.path} → ${call.status}${call.fault ? ` (${call.fault})` : ''}`)
		.join('\n');
	return `\n--- n8n log (tail) ---\n${n8n?.logTail() ?? '(not started)'}\n--- TeamViewer simulator requests (last 40) ---\n${calls || '  (none)'}\n`;
}

/** Throws with the diagnostics attached unless `ok`. */
export function ensure(ok: boolean, what: string, n8n: N8n | undefined, sim: TeamViewerSimulator | undefined): void {
	if (!ok) throw new Error(`${what}${diagnostics(n8n, sim)}`);
}
