import type { INodeProperties } from 'n8n-workflow';

import * as deleteReport from './delete.operation';
import * as get from './get.operation';
import * as getAiSummary from './getAiSummary.operation';
import * as getAll from './getAll.operation';
import * as getAugmentedSummary from './getAugmentedSummary.operation';
import * as getChatTranscript from './getChatTranscript.operation';
import * as getFeatures from './getFeatures.operation';
import * as getScreenshots from './getScreenshots.operation';
import * as getVoiceTranscript from './getVoiceTranscript.operation';
import * as update from './update.operation';

export {
	deleteReport as delete,
	get,
	getAiSummary,
	getAll,
	getAugmentedSummary,
	getChatTranscript,
	getFeatures,
	getScreenshots,
	getVoiceTranscript,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['connectionReport'] } },
		options: [
			{ name: 'Delete', value: 'delete', description: 'Delete a connection report', action: 'Delete a connection report' },
			{ name: 'Get', value: 'get', description: 'Get a connection report', action: 'Get a connection report' },
			{
				name: 'Get AI Summary',
				value: 'getAiSummary',
				description: 'Get the Session Insights AI summary of a connection: title, summary, labels, steps',
				action: 'Get the AI summary of a connection report',
			},
			{
				name: 'Get Augmented Session Summary',
				value: 'getAugmentedSummary',
				description: 'Get the Session Insights summary of the conversation (voice) of a connection',
				action: 'Get the augmented session summary of a connection report',
			},
			{
				name: 'Get Chat Transcript',
				value: 'getChatTranscript',
				description: 'Get the chat messages of a connection (Session Insights)',
				action: 'Get the chat transcript of a connection report',
			},
			{
				name: 'Get Features',
				value: 'getFeatures',
				description: 'Look up which Session Insights features (AI summary, transcripts, screenshots) reports have',
				action: 'Get the features of connection reports',
			},
			{ name: 'Get Many', value: 'getAll', description: 'List connection reports, newest first', action: 'Get many connection reports' },
			{
				name: 'Get Screenshots',
				value: 'getScreenshots',
				description: 'Get the screenshots taken in a connection, as binary data',
				action: 'Get the screenshots of a connection report',
			},
			{
				name: 'Get Voice Transcript',
				value: 'getVoiceTranscript',
				description: 'Get the voice transcript of a connection (Session Insights)',
				action: 'Get the voice transcript of a connection report',
			},
			{ name: 'Update', value: 'update', description: 'Set the notes or billing state of a connection report', action: 'Update a connection report' },
		],
		default: 'getAll',
	},
	...deleteReport.description,
	...get.description,
	...getAiSummary.description,
	...getAll.description,
	...getAugmentedSummary.description,
	...getChatTranscript.description,
	...getFeatures.description,
	...getScreenshots.description,
	...getVoiceTranscript.description,
	...update.description,
];
