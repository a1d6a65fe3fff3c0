import type { IDataObject } from 'n8n-workflow';

/**
 * Device hygiene: which device records are duplicates or stale, decided from what the two device APIs
 * return. Pure functions; actions/deviceHygiene/ reads the records and removes what was approved.
 *
 * The rules follow TeamViewer's own clean-up scripts (github.com/teamviewer/api-example-scripts):
 * Remove-TeamViewerDuplicateDevicesV2.ps1 (same name; online devices stay, else the newest last seen
 * stays; an offline device without a last-seen date is never removed) and
 * Remove-TeamViewerOutdatedDevice(V2).ps1 (offline and `last_seen` on or before the cut-off).
 */

export type DeviceSource = 'computersAndContacts' | 'managedDevices';

/** One record of one device in one API: a Computers & Contacts entry (`d…`) or a managed device (UUID). */
export interface DeviceRecord {
	source: DeviceSource;
	id: string;
	teamViewerId: string;
	alias: string;
	online: boolean;
	/** ISO date, or null when the API gave none. */
	lastSeen: string | null;
	/** C&C group of the entry (so a report reader sees where each copy lives). */
	groupId?: string;
}

export interface RecordRef {
	source: DeviceSource;
	id: string;
}

export type RecordAction = 'keep' | 'remove' | 'review';

const SOURCE_LABEL: Record<DeviceSource, string> = {
	computersAndContacts: 'Computers & Contacts',
	managedDevices: 'managed device',
};

export const DUPLICATE_RULE =
	'Same TeamViewer ID: one entry per API stays (the most recently seen, then the lowest ID). Same name on different TeamViewer IDs: every device that is online stays; when none is, the most recently seen stays; an offline device without a last-seen date is never removed (TeamViewer\'s Remove-TeamViewerDuplicateDevicesV2 rule).';

export const STALE_RULE =
	'Offline on every record and last seen on or before the cut-off (TeamViewer\'s Remove-TeamViewerOutdatedDevice rule); a Computers & Contacts device without last_seen counts when no connection to it started since the cut-off.';

/** A C&C device of `GET /devices`; `online` comes from the `online_state=offline` list, whatever the wire type. */
export function fromComputersAndContacts(device: IDataObject, offlineIds: Set<string>): DeviceRecord | undefined {
	const id = typeof device.device_id === 'string' ? device.device_id : undefined;
	const teamViewerId = teamViewerIdOf(device.teamviewer_id ?? device.remotecontrol_id);
	if (!id || !teamViewerId) return undefined;
	return {
		source: 'computersAndContacts',
		id,
		teamViewerId,
		alias: typeof device.alias === 'string' ? device.alias : '',
		online: !offlineIds.has(id),
		lastSeen: isoOrNull(device.last_seen),
		...(typeof device.groupid === 'string' ? { groupId: device.groupid } : {}),
	};
}

/** A list item of `GET /managed/devices[/company]`: `last_seen` only while offline. */
export function fromManagedDevice(device: IDataObject): DeviceRecord | undefined {
	const id = typeof device.id === 'string' ? device.id.toLowerCase() : undefined;
	const teamViewerId = teamViewerIdOf(device.teamviewerId);
	if (!id || !teamViewerId) return undefined;
	return {
		source: 'managedDevices',
		id,
		teamViewerId,
		alias: typeof device.name === 'string' ? device.name : '',
		online: device.isOnline === true,
		lastSeen: isoOrNull(device.last_seen),
	};
}

/** A C&C `teamviewer_id` (int64) or `remotecontrol_id` (`r123456789`, when it comes without the former), or a managed `teamviewerId`. */
function teamViewerIdOf(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'string') return /^r?(\d+)$/i.exec(value)?.[1];
	return undefined;
}

function isoOrNull(value: unknown): string | null {
	if (typeof value !== 'string' || value.trim() === '') return null;
	return Number.isNaN(Date.parse(value)) ? null : value;
}

/** Names compared as people read them: trimmed, spaces collapsed, any case. */
export function aliasKey(alias: string): string {
	return alias.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Whole-second UTC stamps, as TeamViewer writes dates. */
const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

function newest(dates: Array<string | null>): string | null {
	let best: string | null = null;
	for (const date of dates) if (date !== null && (best === null || Date.parse(date) > Date.parse(best))) best = date;
	return best;
}

function byId(a: DeviceRecord, b: DeviceRecord): number {
	return a.source === b.source ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.source === 'computersAndContacts' ? -1 : 1;
}

function ref(record: DeviceRecord): RecordRef {
	return { source: record.source, id: record.id };
}

function label(record: RecordRef): string {
	return `${SOURCE_LABEL[record.source]} ${record.id}`;
}

function recordJson(record: DeviceRecord, action: RecordAction, reason: string): IDataObject {
	return {
		source: record.source,
		id: record.id,
		teamViewerId: record.teamViewerId,
		alias: record.alias,
		online: record.online,
		lastSeen: record.lastSeen,
		...(record.groupId ? { groupId: record.groupId } : {}),
		action,
		reason,
	};
}

/** One physical device (one TeamViewer ID) with its records in both APIs. */
interface Device {
	teamViewerId: string;
	records: DeviceRecord[];
	online: boolean;
	lastSeen: string | null;
}

function devicesOf(records: DeviceRecord[]): Device[] {
	const byTeamViewerId = new Map<string, DeviceRecord[]>();
	for (const record of records) {
		const list = byTeamViewerId.get(record.teamViewerId) ?? [];
		list.push(record);
		byTeamViewerId.set(record.teamViewerId, list);
	}
	return [...byTeamViewerId.entries()].map(([teamViewerId, list]) => ({
		teamViewerId,
		records: list.sort(byId),
		online: list.some((record) => record.online),
		lastSeen: newest(list.map((record) => record.lastSeen)),
	}));
}

/**
 * Duplicate groups, as one finding each: first the TeamViewer IDs with more than one record in the same
 * API (one entry per API is expected: a device can be in Computers & Contacts and managed at once), then
 * names shared by more than one TeamViewer ID. Sorted by key so reruns list them in the same order.
 */
export function findDuplicates(records: DeviceRecord[]): IDataObject[] {
	const findings: IDataObject[] = [];
	const devices = devicesOf(records);

	for (const device of devices.sort((a, b) => (a.teamViewerId < b.teamViewerId ? -1 : 1))) {
		for (const source of ['computersAndContacts', 'managedDevices'] as DeviceSource[]) {
			const copies = device.records.filter((record) => record.source === source);
			if (copies.length < 2) continue;
			// The same device: any copy may stay; the most recently seen, then the lowest ID, does.
			const kept = [...copies].sort((a, b) => {
				const seen = (Date.parse(b.lastSeen ?? '') || 0) - (Date.parse(a.lastSeen ?? '') || 0);
				return seen !== 0 ? seen : byId(a, b);
			})[0];
			const entries = copies.map((record) =>
				record === kept
					? recordJson(record, 'keep', 'kept: most recently seen entry of this TeamViewer ID (then the lowest ID)')
					: recordJson(record, 'remove', `another ${SOURCE_LABEL[source]} entry of TeamViewer ID ${device.teamViewerId} is kept`),
			);
			const remove = copies.filter((record) => record !== kept).map(ref);
			findings.push(
				duplicateFinding('teamViewerId', device.teamViewerId, `${source}:${device.teamViewerId}`, entries, [ref(kept)], remove,
					`TeamViewer ID ${device.teamViewerId} has ${copies.length} ${SOURCE_LABEL[source]} entries: keep ${label(kept)}, remove ${remove.map(label).join(', ')}`),
			);
		}
	}

	const byAlias = new Map<string, Device[]>();
	for (const device of devices) {
		const names = new Set(device.records.map((record) => aliasKey(record.alias)).filter((name) => name !== ''));
		for (const name of names) byAlias.set(name, [...(byAlias.get(name) ?? []), device]);
	}
	for (const name of [...byAlias.keys()].sort()) {
		const group = byAlias.get(name)!;
		if (group.length < 2) continue;
		const online = group.filter((device) => device.online);
		const withDate = group.filter((device) => !device.online && device.lastSeen !== null);
		let keptDevices: Device[];
		if (online.length > 0) keptDevices = online;
		else if (withDate.length > 0) {
			keptDevices = [withDate.reduce((best, device) => (Date.parse(device.lastSeen!) > Date.parse(best.lastSeen!) ? device : best))];
		} else keptDevices = [];
		const entries: IDataObject[] = [];
		const keep: RecordRef[] = [];
		const remove: RecordRef[] = [];
		for (const device of group) {
			const matching = device.records.filter((record) => aliasKey(record.alias) === name);
			for (const record of matching) {
				if (keptDevices.includes(device)) {
					keep.push(ref(record));
					entries.push(recordJson(record, 'keep', device.online ? 'kept: online' : 'kept: most recently seen'));
				} else if (!device.online && device.lastSeen !== null) {
					// Another device is kept: this one has a date, so an online one or the most recently seen one is.
					remove.push(ref(record));
					entries.push(recordJson(record, 'remove', `offline, last seen ${device.lastSeen}; another device of this name is ${online.length > 0 ? 'online' : 'seen more recently'}`));
				} else {
					entries.push(recordJson(record, 'review', 'no last-seen date tells the copies apart: decide by hand'));
				}
			}
		}
		const shownName = group[0].records.find((record) => aliasKey(record.alias) === name)?.alias.trim() ?? name;
		const summary =
			remove.length > 0
				? `Name "${shownName}" is on ${group.length} TeamViewer IDs: keep ${keep.map(label).join(', ')}, remove ${remove.map(label).join(', ')}`
				: `Name "${shownName}" is on ${group.length} TeamViewer IDs: nothing removed automatically (${online.length > 1 ? 'several are online' : 'no last-seen date tells them apart'}), review by hand`;
		findings.push(duplicateFinding('alias', shownName, name, entries, keep, remove, summary));
	}
	return findings;
}

function duplicateFinding(
	matchedField: 'teamViewerId' | 'alias',
	matchedValue: string,
	key: string,
	records: IDataObject[],
	keep: RecordRef[],
	remove: RecordRef[],
	summary: string,
): IDataObject {
	return {
		finding: 'duplicate',
		key: `duplicate:${matchedField}:${key}`,
		matchedField,
		matchedValue,
		records,
		keep: keep as unknown as IDataObject[],
		remove: remove as unknown as IDataObject[],
		removable: remove.length > 0,
		rule: DUPLICATE_RULE,
		summary,
	};
}

export interface StaleOptions {
	/** TeamViewer's time when the lists were read. */
	now: Date;
	cutoff: Date;
	/**
	 * TeamViewer IDs with a connection that started since the cut-off, or undefined when connection
	 * reports were not read (then a C&C device without last_seen is not judged).
	 */
	connectedSince?: Set<string>;
}

/** Devices (by TeamViewer ID) offline on every record and last seen on or before the cut-off: one finding each. */
export function findStale(records: DeviceRecord[], { now, cutoff, connectedSince }: StaleOptions): IDataObject[] {
	const findings: IDataObject[] = [];
	const devices = devicesOf(records).sort((a, b) => (a.teamViewerId < b.teamViewerId ? -1 : 1));
	for (const device of devices) {
		if (device.online) continue;
		let lastSeenSource: 'last_seen' | 'connectionReports';
		if (device.lastSeen !== null) {
			if (Date.parse(device.lastSeen) > cutoff.getTime()) continue;
			lastSeenSource = 'last_seen';
		} else {
			// Only a C&C entry can be judged by its connections; a managed device without a date never is.
			const judgeable = connectedSince !== undefined && device.records.some((record) => record.source === 'computersAndContacts');
			if (!judgeable || connectedSince.has(device.teamViewerId)) continue;
			lastSeenSource = 'connectionReports';
		}
		const alias = device.records.find((record) => record.alias.trim() !== '')?.alias ?? '';
		const offlineDays = device.lastSeen === null ? null : Math.floor((now.getTime() - Date.parse(device.lastSeen)) / 86_400_000);
		const evidence =
			lastSeenSource === 'last_seen'
				? `offline, last seen ${device.lastSeen} (${offlineDays} days ago)`
				: `offline, no last_seen and no connection to it since ${iso(cutoff)}`;
		findings.push({
			finding: 'stale',
			key: `stale:${device.teamViewerId}`,
			teamViewerId: device.teamViewerId,
			alias,
			lastSeen: device.lastSeen,
			lastSeenSource,
			offlineDays,
			cutoff: iso(cutoff),
			checkedAt: iso(now),
			records: device.records.map((record) => recordJson(record, 'remove', evidence)),
			keep: [],
			remove: device.records.map(ref) as unknown as IDataObject[],
			removable: true,
			rule: STALE_RULE,
			summary: `${alias || 'Unnamed device'} (${device.teamViewerId}): ${evidence}; remove ${device.records.map(ref).map(label).join(', ')}`,
		});
	}
	return findings;
}
