import type { INodeProperties } from 'n8n-workflow';

/** "Output" of the transcript operations: one item with the whole transcript and its text, or one item per entry. */
export function transcriptOutput(entry: 'message' | 'line'): INodeProperties {
	return {
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: `One Item per ${entry === 'message' ? 'Message' : 'Line'}`, value: 'lines', description: `Each ${entry} as TeamViewer sends it, with the report ID` },
			{ name: 'Transcript', value: 'transcript', description: `One item: the ${entry}s and the whole transcript as text` },
		],
		default: 'transcript',
	};
}
