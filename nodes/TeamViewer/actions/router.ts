import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkParameterTypes } from '../helpers/parameterTypes';
import { maskPasswords, passwordPaths } from '../helpers/secrets';
import { passThroughError } from '../transport';
import * as account from './account';
import * as connectionReport from './connectionReport';
import * as contact from './contact';
import * as device from './device';
import * as eventLog from './eventLog';
import * as group from './group';
import * as managedDevice from './managedDevice';
import type { TeamViewerType } from './node.type';
import * as session from './session';
import * as user from './user';

type Operation = {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;
};

const resources = {
	account,
	connectionReport,
	contact,
	device,
	eventLog,
	group,
	managedDevice,
	session,
	user,
} as unknown as Record<string, Record<string, Operation | undefined>>;

/** Password parameters of every operation, masked in the node copy errors carry. */
const PASSWORD_PATHS = passwordPaths(
	Object.values(resources).flatMap((operations) => Object.values(operations).flatMap((operation) => operation?.description ?? [])),
);

/** The item loop: one operation call per input item, paired output, Continue On Fail per item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	const resource = this.getNodeParameter('resource', 0) as TeamViewerType['resource'];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		const handler = resources[resource]?.[operation];
		try {
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" is not supported for resource "${resource}"`,
					{ itemIndex },
				);
			}
			// Every field's type is checked before the operation sends anything (helpers/parameterTypes.ts).
			checkParameterTypes(this, itemIndex, handler.description);
			const results = await handler.execute.call(this, itemIndex);
			returnData.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(results), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			const nodeError = passThroughError(this.getNode(), error, itemIndex);
			(nodeError as { node?: INode }).node = maskPasswords(this.getNode(), PASSWORD_PATHS);
			if (!this.continueOnFail()) throw nodeError;
			const description = (nodeError as NodeOperationError).description;
			// Only `error` and `details`: n8n routes an item whose keys are all among error/message/details
			// to the error output ("Continue (using error output)"); any other key would keep it in the main one.
			returnData.push({
				json: { error: nodeError.message, ...(description ? { details: description } : {}) },
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [returnData];
}
