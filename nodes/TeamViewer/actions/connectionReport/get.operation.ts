import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyOutput } from '../../descriptions/common.description';
import { getUuid } from '../../helpers/params';
import { simplifyReport, withDuration } from '../../helpers/simplify';
import { teamViewerApiRequest } from '../../transport';

export const reportIdField: INodeProperties = {
	displayName: 'Report ID',
	name: 'reportId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 7d0a6c2e-5b1f-4c59-9a53-2f3c1d0e9b11',
	description: 'The ID of the connection report (a UUID)',
};

const properties: INodeProperties[] = [reportIdField, simplifyOutput];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectionReport'], operation: ['get'] } },
	properties,
);

export async function getReport(
	this: IExecuteFunctions,
	id: string,
	itemIndex: number,
): Promise<IDataObject> {
	return await teamViewerApiRequest.call(this, {
		method: 'GET',
		path: `/reports/connections/${id}`,
		itemIndex,
	});
}

// GET /reports/connections/{id}
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const report = await getReport.call(this, getUuid(this, itemIndex, 'reportId', 'Report ID'), itemIndex);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	return [simplify ? simplifyReport(report) : withDuration(report)];
}
