import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { findStale } from '../../helpers/deviceHygiene';
import { invalidField } from '../../helpers/params';
import { isoSecond, teamViewerAllItems, teamViewerNow } from '../../transport';
import { inventoryFields, readInventory, requireSources } from './inventory';

const properties: INodeProperties[] = [
	{
		displayName: 'Offline for at Least (Days)',
		name: 'offlineDays',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description: 'A device counts as stale when it is offline and was last seen this many days ago or earlier (on TeamViewer\'s clock)',
	},
	...inventoryFields,
	{
		displayName: 'Judge by Connection Reports',
		name: 'useConnectionReports',
		type: 'boolean',
		default: true,
		displayOptions: { show: { sources: ['computersAndContacts'] } },
		description:
			'Whether a Computers & Contacts device that TeamViewer gives no last_seen date for counts as stale when no connection to it started in the period (needs the "Connection reports" permission). When off, such devices are not judged.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['deviceHygiene'], operation: ['findStale'] } },
	properties,
);

/**
 * The device lists as in Find Duplicates, then, only when an offline C&C device has no `last_seen`, the
 * connection reports that started since the cut-off (GET /reports/connections?from_date=…, 1000 per page):
 * the TeamViewer IDs in them (`deviceid`) were connected to, so they are not stale.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	requireSources(this, itemIndex);
	const days = Number(this.getNodeParameter('offlineDays', itemIndex, 30));
	if (!Number.isFinite(days) || days < 1) {
		invalidField(this, itemIndex, 'Offline for at Least (Days)', String(days), 'a number of days of 1 or more');
	}
	const records = await readInventory.call(this, itemIndex);
	// After the first answer this is TeamViewer's own time (its Date header), so n8n's clock cannot skew it.
	const now = teamViewerNow(this);
	const cutoff = new Date(Math.floor((now.getTime() - days * 86_400_000) / 1000) * 1000);
	let connectedSince: Set<string> | undefined;
	const needReports =
		(this.getNodeParameter('useConnectionReports', itemIndex, true) as boolean) &&
		records.some((record) => record.source === 'computersAndContacts' && !record.online && record.lastSeen === null);
	if (needReports) {
		const reports = await teamViewerAllItems.call(this, {
			request: { method: 'GET', path: '/reports/connections', qs: { from_date: isoSecond(cutoff.getTime()) }, itemIndex },
			cursor: 'offset_id',
			itemsKey: 'records',
		});
		connectedSince = new Set(reports.map((report) => String(report.deviceid ?? '').replace(/\D/g, '')).filter(Boolean));
	}
	return findStale(records, { now, cutoff, connectedSince });
}
