import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { optionalPrefixedId } from '../TeamViewer/helpers/params';
import { reportQuery } from '../TeamViewer/helpers/reports';
import { oneAtATime } from '../TeamViewer/helpers/singleFlight';
import { listSearch } from '../TeamViewer/methods';
import { triggerProperties } from './description';
import { pollReports, sampleReport } from './events/connectionReports';
import type { DeviceEvent, DeviceSource } from './events/devices';
import { pollDevices, sampleDevice } from './events/devices';
import type { Scratch } from './events/openCases';
import type { ServiceCaseEvent, ServiceCaseFilters } from './events/serviceCases';
import { pollServiceCases, sampleServiceCase } from './events/serviceCases';
import type { PollResult } from './events/window';

type TriggerEvent = ServiceCaseEvent | DeviceEvent | 'connectionReportNew';

/**
 * The token each trigger (workflow + node) left in its state at its last poll in this process. A
 * state whose token differs was reloaded by n8n from its database (restart, re-activation, another
 * main), so it lacks what quiet polls saw since the last event: n8n 2.41 saves it only on emit.
 */
const lastTokens = new Map<string, string>();
/** What each trigger keeps in this process only (see Scratch), valid while its token is. */
const scratches = new Map<string, Scratch>();
let tokenCounter = 0;
const newToken = () => `${Date.now().toString(36)}.${(++tokenCounter).toString(36)}.${Math.random().toString(36).slice(2, 8)}`;

export class TeamViewerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TeamViewer Trigger',
		name: 'teamViewerTrigger',
		icon: { light: 'file:../../icons/teamviewer.svg', dark: 'file:../../icons/teamviewer.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts a workflow when a service case, a connection report or a device changes in TeamViewer',
		defaults: { name: 'TeamViewer Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Script token last: the editor's pick for a fresh node on a tie (see the TeamViewer node).
		credentials: [
			{ name: 'teamViewerOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
			{ name: 'teamViewerApi', required: true, displayOptions: { show: { authentication: ['accessToken'] } } },
		],
		properties: triggerProperties,
	};

	methods = { listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// Polls of one trigger run one after another in this process: a poll that starts while the last
		// one is still paging (a slow TeamViewer, a short interval) reads the state that one left, so the
		// two cannot emit the same event.
		return await oneAtATime(`trigger:${this.getWorkflow().id ?? ''}/${this.getNode().id}`, async () => await pollTrigger.call(this));
	}
}

async function pollTrigger(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = this.getNodeParameter('event') as TriggerEvent;
	const manual = this.getMode() === 'manual';
	const staticData = this.getWorkflowStaticData('node');
	// The poll interval is not part of it: changing how often to check keeps the cursor.
	const settings = Object.entries(this.getNode().parameters).filter(([name]) => name !== 'pollTimes');
	const fingerprint = JSON.stringify([event, settings]);
	// A changed event or filter starts over from "now", like a fresh activation.
	const previous = staticData.fingerprint === fingerprint ? (staticData.state as IDataObject) : undefined;
	const stateKey = `${this.getWorkflow().id ?? ''}/${this.getNode().id}`;
	const continued = previous !== undefined && staticData.token === lastTokens.get(stateKey);
	const scratch = (continued && scratches.get(stateKey)) || {};
	scratches.set(stateKey, scratch);
	const origin = { continued, scratch };

	let result: PollResult;
	if (event === 'connectionReportNew') {
		const qs = reportQuery(this, 0, this.getNodeParameter('reportFilters', {}) as IDataObject);
		if (manual) return sample(this, await sampleReport.call(this, qs), event);
		const lookbackMinutes = (this.getNodeParameter('options', {}) as IDataObject).lookbackMinutes;
		result = await pollReports.call(this, qs, Number(lookbackMinutes ?? 60) * 60_000, previous as never);
	} else if (event === 'deviceOnline' || event === 'deviceOffline') {
		const source = this.getNodeParameter('deviceSource', 'computersAndContacts') as DeviceSource;
		const filters = this.getNodeParameter('deviceFilters', {}) as IDataObject;
		const groupid = optionalPrefixedId(this, 0, 'group', filters.groupId, 'Group');
		const qs = groupid ? { groupid } : {};
		if (manual) return sample(this, await sampleDevice.call(this, event, source, qs), event);
		result = await pollDevices.call(this, event, source, qs, previous as never);
	} else {
		const filters = serviceCaseFilters(this);
		const leadS = event === 'serviceCaseExpiring' ? minutesBefore(this) * 60 : 0;
		if (manual) return sample(this, await sampleServiceCase.call(this, event, filters, leadS), event);
		const lateMinutes = event === 'serviceCaseExpired' ? (this.getNodeParameter('options', {}) as IDataObject).lookbackMinutes : 0;
		const seconds = event === 'serviceCaseExpiring' ? leadS : Number(lateMinutes ?? 60) * 60;
		result = await pollServiceCases.call(this, event, filters, previous, origin, seconds);
	}

	// Written only when it changed: n8n saves static data it sees changed (any write counts), and an
	// unchanged state keeps its token, since it is still exactly what this process left. Each event builds
	// its state in a fixed key order, and n8n keeps static data as JSON in that order (a `json` column,
	// not `jsonb`), so the same state always gives the same text.
	if (staticData.fingerprint !== fingerprint || JSON.stringify(staticData.state) !== JSON.stringify(result.state)) {
		staticData.fingerprint = fingerprint;
		staticData.state = result.state;
		staticData.token = newToken();
	}
	lastTokens.set(stateKey, String(staticData.token));
	if (result.items.length === 0) return null;
	return [this.helpers.returnJsonArray(result.items.map((item) => ({ event, ...item })))];
}

function sample(context: IPollFunctions, item: IDataObject | undefined, event: TriggerEvent): INodeExecutionData[][] | null {
	return item ? [context.helpers.returnJsonArray([{ event, ...item }])] : null;
}

function minutesBefore(context: IPollFunctions): number {
	const value = context.getNodeParameter('minutesBefore', 60) as unknown;
	const minutes = Number(value);
	if (!Number.isInteger(minutes) || minutes < 1) {
		throw new NodeOperationError(context.getNode(), `Minutes Before Expiry must be a whole number of minutes, at least 1; got "${String(value)}"`, {
			description: 'Set Minutes Before Expiry to how long before the link stops working the case is reported, e.g. 60.',
		});
	}
	return minutes;
}

function serviceCaseFilters(context: IPollFunctions): ServiceCaseFilters {
	const filters = context.getNodeParameter('serviceCaseFilters', {}) as IDataObject;
	const qs: IDataObject = {};
	const groupid = optionalPrefixedId(context, 0, 'group', filters.groupId, 'Group');
	const userid = optionalPrefixedId(context, 0, 'user', filters.assignedUserId, 'Assigned User');
	if (groupid) qs.groupid = groupid;
	if (userid) qs.assigned_userid = userid;
	return { qs, customIdPrefix: String(filters.customIdPrefix ?? '').trim() };
}
