import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { DeviceSource, RecordRef } from '../../helpers/deviceHygiene';
import { isUuid } from '../../helpers/ids';
import { passThroughError, teamViewerApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Finding',
		name: 'finding',
		type: 'json',
		default: '={{ $json }}',
		required: true,
		description:
			'One item of Find Duplicates or Find Stale, as it was reported (keep the default to use the input item). Only the records in its "remove" list are removed.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['deviceHygiene'], operation: ['removeListed'] } },
	properties,
);

interface Finding {
	kind: 'duplicate' | 'stale';
	key: string;
	matchedField?: string;
	cutoff?: string;
	keep: RecordRef[];
	remove: RecordRef[];
	/** TeamViewer ID and reported last-seen date of each listed record, by `source:id`. */
	reported: Map<string, { teamViewerId: string; lastSeen: string | null }>;
}

interface Current {
	exists: boolean;
	online: boolean;
	lastSeen: string | null;
}

type Status = 'removed' | 'alreadyRemoved' | 'skipped';

const SOURCES: DeviceSource[] = ['computersAndContacts', 'managedDevices'];
const refKey = (ref: RecordRef) => `${ref.source}:${ref.id}`;

function bad(context: IExecuteFunctions, itemIndex: number, problem: string): never {
	throw new NodeOperationError(context.getNode(), `The Finding is not one this operation can remove: ${problem}`, {
		itemIndex,
		description: 'Pass an item of Device Hygiene → Find Duplicates or Find Stale unchanged (the default {{ $json }} does that).',
	});
}

function readRefs(context: IExecuteFunctions, itemIndex: number, value: unknown, name: string): RecordRef[] {
	if (!Array.isArray(value)) bad(context, itemIndex, `"${name}" is not a list`);
	return value.map((entry: unknown) => {
		const { source, id } = (entry ?? {}) as IDataObject;
		if (!SOURCES.includes(source as DeviceSource)) bad(context, itemIndex, `"${name}" names the source ${JSON.stringify(source)}`);
		const text = typeof id === 'string' ? id.trim() : '';
		const valid = source === 'computersAndContacts' ? /^d\d+$/i.test(text) : isUuid(text);
		if (!valid) bad(context, itemIndex, `"${name}" has the ${source as string} ID ${JSON.stringify(id)}`);
		return { source: source as DeviceSource, id: text.toLowerCase() };
	});
}

function readFinding(context: IExecuteFunctions, itemIndex: number): Finding {
	let raw = context.getNodeParameter('finding', itemIndex) as unknown;
	if (typeof raw === 'string') {
		try {
			raw = JSON.parse(raw) as unknown;
		} catch {
			bad(context, itemIndex, 'it is not JSON');
		}
	}
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) bad(context, itemIndex, 'it is not an object');
	const item = raw as IDataObject;
	if (item.finding !== 'duplicate' && item.finding !== 'stale') bad(context, itemIndex, `"finding" is ${JSON.stringify(item.finding)}, not "duplicate" or "stale"`);
	const keep = readRefs(context, itemIndex, item.keep ?? [], 'keep');
	const remove = readRefs(context, itemIndex, item.remove, 'remove');
	const kept = new Set(keep.map(refKey));
	const both = remove.find((ref) => kept.has(refKey(ref)));
	if (both) bad(context, itemIndex, `${both.id} is listed to keep and to remove`);
	if (item.finding === 'stale' && Number.isNaN(Date.parse(String(item.cutoff)))) bad(context, itemIndex, '"cutoff" is not a date');
	const reported = new Map<string, { teamViewerId: string; lastSeen: string | null }>();
	for (const record of Array.isArray(item.records) ? (item.records as IDataObject[]) : []) {
		reported.set(`${String(record.source)}:${String(record.id).trim().toLowerCase()}`, {
			teamViewerId: String(record.teamViewerId ?? '').replace(/\D/g, ''),
			lastSeen: typeof record.lastSeen === 'string' ? record.lastSeen : null,
		});
	}
	for (const ref of [...keep, ...remove]) {
		if (ref.source === 'computersAndContacts' && !reported.get(refKey(ref))?.teamViewerId) {
			bad(context, itemIndex, `"records" has no TeamViewer ID for ${ref.id}`);
		}
	}
	return {
		kind: item.finding,
		key: String(item.key ?? ''),
		matchedField: typeof item.matchedField === 'string' ? item.matchedField : undefined,
		cutoff: typeof item.cutoff === 'string' ? item.cutoff : undefined,
		keep,
		remove,
		reported,
	};
}

const isNotFound = (error: unknown) => error instanceof NodeApiError && error.httpCode === '404';

/**
 * The record as TeamViewer shows it now. A C&C entry is looked up in `GET /devices?remotecontrol_id=…`
 * (gone = not in the list, so no 404 of an unknown `d…` id is relied on); when `online_state` is not a name
 * the same list filtered by `online_state=offline` tells. A managed device: `GET /managed/devices/{id}`, 404 = gone.
 */
async function current(this: IExecuteFunctions, itemIndex: number, finding: Finding, ref: RecordRef): Promise<Current> {
	if (ref.source === 'managedDevices') {
		try {
			const device = await teamViewerApiRequest.call(this, { method: 'GET', path: `/managed/devices/${ref.id}`, itemIndex });
			return { exists: true, online: device.isOnline === true, lastSeen: typeof device.last_seen === 'string' ? device.last_seen : null };
		} catch (error) {
			if (isNotFound(error)) return { exists: false, online: false, lastSeen: null };
			throw passThroughError(this.getNode(), error, itemIndex);
		}
	}
	const remotecontrolId = `r${finding.reported.get(refKey(ref))!.teamViewerId}`;
	const list = await teamViewerApiRequest.call(this, { method: 'GET', path: '/devices', qs: { remotecontrol_id: remotecontrolId }, itemIndex });
	const entry = ((list.devices as IDataObject[] | undefined) ?? []).find((device) => device.device_id === ref.id);
	if (!entry) return { exists: false, online: false, lastSeen: null };
	let online: boolean;
	if (typeof entry.online_state === 'string') online = !/^offline$/i.test(entry.online_state);
	else {
		const offline = await teamViewerApiRequest.call(this, {
			method: 'GET',
			path: '/devices',
			qs: { remotecontrol_id: remotecontrolId, online_state: 'offline' },
			itemIndex,
		});
		online = !((offline.devices as IDataObject[] | undefined) ?? []).some((device) => device.device_id === ref.id);
	}
	return { exists: true, online, lastSeen: typeof entry.last_seen === 'string' ? entry.last_seen : null };
}

/** Why a listed record must stay after all, or undefined when it may go. */
function reasonToKeep(finding: Finding, ref: RecordRef, now: Current): string | undefined {
	// Records of one TeamViewer ID are the same device: being online says nothing about which copy goes.
	const judgedByActivity = finding.kind === 'stale' || finding.matchedField === 'alias';
	if (!judgedByActivity) return undefined;
	if (now.online) return 'online again since the report';
	const reportedSeen = finding.reported.get(refKey(ref))?.lastSeen ?? null;
	const reference = reportedSeen ?? finding.cutoff ?? null;
	if (now.lastSeen !== null && reference !== null && Date.parse(now.lastSeen) > Date.parse(reference)) {
		return `seen since the report (last seen ${now.lastSeen})`;
	}
	return undefined;
}

/**
 * Removes what one reported finding lists, after checking each record again: only the records in its
 * "remove" list, never a kept one; a duplicate's removals are skipped when a kept copy is gone, so one copy
 * always stays; a record seen or online since the report stays. Idempotent: a record already gone (by an
 * earlier run or by hand) is reported as alreadyRemoved, not as an error. Cost per finding: one GET per kept
 * record, one GET (rarely two) and one DELETE per listed record.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const finding = readFinding(this, itemIndex);
	const results: IDataObject[] = [];
	const record = (ref: RecordRef, status: Status, reason: string) => results.push({ source: ref.source, id: ref.id, status, reason });

	let missingKeep: RecordRef | undefined;
	for (const ref of finding.keep) {
		if (!(await current.call(this, itemIndex, finding, ref)).exists) {
			missingKeep = ref;
			break;
		}
	}
	for (const ref of finding.remove) {
		if (missingKeep) {
			record(ref, 'skipped', `the kept copy ${missingKeep.id} is gone, so this one stays`);
			continue;
		}
		const now = await current.call(this, itemIndex, finding, ref);
		if (!now.exists) {
			record(ref, 'alreadyRemoved', 'not in TeamViewer any more');
			continue;
		}
		const keep = reasonToKeep(finding, ref, now);
		if (keep) {
			record(ref, 'skipped', keep);
			continue;
		}
		const path = ref.source === 'managedDevices' ? `/managed/devices/${ref.id}` : `/devices/${ref.id}`;
		try {
			await teamViewerApiRequest.call(this, { method: 'DELETE', path, itemIndex });
			record(ref, 'removed', ref.source === 'managedDevices' ? 'removed from device management' : 'removed from Computers & Contacts');
		} catch (error) {
			if (!isNotFound(error)) throw passThroughError(this.getNode(), error, itemIndex);
			record(ref, 'alreadyRemoved', 'not in TeamViewer any more');
		}
	}
	const count = (status: Status) => results.filter((result) => result.status === status).length;
	return [
		{
			key: finding.key,
			finding: finding.kind,
			removed: count('removed'),
			alreadyRemoved: count('alreadyRemoved'),
			skipped: count('skipped'),
			results,
		},
	];
}
