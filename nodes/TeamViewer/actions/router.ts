import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkParameterTypes } from '../helpers/parameterTypes';
import { maskPasswords, passwordPaths } from '../helpers/secrets';
import { lockKey, oneAtATime } from '../helpers/singleFlight';
import { passThroughError } from '../transport';
import * as account from './account';
import * as connectionReport from './connectionReport';
import * as contact from './contact';
import * as customApiCall from './customApiCall';
import * as device from './device';
import * as deviceHygiene from './deviceHygiene';
import * as eventLog from './eventLog';
import * as group from './group';
import * as managedDevice from './managedDevice';
import * as managedGroup from './managedGroup';
import type { TeamViewerType } from './node.type';
import * as patchManagement from './patchManagement';
import * as policy from './policy';
import * as session from './session';
import * as user from './user';
import * as userGroup from './userGroup';
import * as userRole from './userRole';

type Operation = {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;
	/** The operation returns whole items (json and binary), e.g. Connection Report → Get Screenshots. */
	binaryOutput?: boolean;
};

const resources = {
	account,
	connectionReport,
	contact,
	customApiCall,
	device,
	deviceHygiene,
	eventLog,
	group,
	managedDevice,
	managedGroup,
	patchManagement,
	policy,
	session,
	user,
	userGroup,
	userRole,
} as unknown as Record<string, Record<string, Operation | undefined>>;

/** Password parameters of every operation, masked in the node copy errors carry. */
const PASSWORD_PATHS = passwordPaths(
	Object.values(resources).flatMap((operations) => Object.values(operations).flatMap((operation) => operation?.description ?? [])),
);

/**
 * Operations that change one object per item, run a few items at a time (bulk lists of devices, contacts,
 * users, groups): the parameter naming the object, so that items naming the same one keep their input
 * order; creates are kept apart by their natural key already (helpers/createOnce.ts).
 */
const BULK: Record<string, Record<string, string | null>> = {
	device: { create: null, update: 'deviceId', delete: 'deviceId' },
	contact: { create: null, delete: 'contactId' },
	user: { create: null, update: 'userId', delete: 'userId', removeTfa: 'userId' },
	// Membership changes read the members first: items naming the same group or role go one after another.
	userGroup: { create: null, update: 'userGroupId', delete: 'userGroupId', addMembers: 'userGroupId', removeMembers: 'userGroupId' },
	userRole: {
		create: null,
		update: 'userRoleId',
		delete: 'userRoleId',
		assignToUsers: 'userRoleId',
		unassignFromUsers: 'userRoleId',
		assignToUserGroup: 'userGroupId',
		unassignFromUserGroup: 'userGroupId',
	},
	group: { create: null, update: 'groupId', delete: 'groupId' },
	managedDevice: {
		update: 'managedDeviceId',
		removeManagement: 'managedDeviceId',
		changeGroups: 'managedDeviceId',
		setDescription: 'managedDeviceId',
		removePolicy: 'managedDeviceId',
		// Manager changes read the managers after a refusal: items naming the same device go one after another.
		addManager: 'managedDeviceId',
		updateManager: 'managedDeviceId',
		removeManager: 'managedDeviceId',
	},
	managedGroup: {
		create: null,
		update: 'managedGroupId',
		delete: 'managedGroupId',
		removePolicy: 'managedGroupId',
		addDevice: 'managedDeviceId',
		removeDevice: 'managedDeviceId',
		addManager: 'managedGroupId',
		updateManager: 'managedGroupId',
		removeManager: 'managedGroupId',
	},
	policy: { create: null, update: 'policyId', delete: 'policyId' },
};
/** Items of a bulk operation in flight at once; the credential's pace (transport/rateLimit.ts) still holds. */
export const BULK_IN_FLIGHT = 4;

/**
 * The item loop: one operation call per input item, paired output in input order, Continue On Fail per
 * item. Bulk operations keep up to BULK_IN_FLIGHT items in flight; without Continue On Fail the first
 * failing item (by input order) fails the node once the items already sent have finished, and no later
 * item is started.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as TeamViewerType['resource'];
	const outputs: INodeExecutionData[][] = new Array(items.length);
	let failure: { itemIndex: number; error: Error } | undefined;

	const runItem = async (itemIndex: number): Promise<void> => {
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
			const objectParameter = BULK[resource]?.[operation];
			const run = () => handler.execute.call(this, itemIndex);
			const results = objectParameter
				? await oneAtATime(lockKey(this, resource, 'item', String(this.getNodeParameter(objectParameter, itemIndex, '', { extractValue: true }))), run)
				: await run();
			// What returnJsonArray + constructExecutionMetaData give, in one pass: an export's 100 000 records
			// went through two copies each (issue #13 profile).
			const pairedItem = { item: itemIndex };
			outputs[itemIndex] = handler.binaryOutput
				? (results as unknown as INodeExecutionData[]).map((item) => ({ ...item, pairedItem }))
				: results.map((json) => ({ json, pairedItem }));
		} catch (error) {
			const nodeError = passThroughError(this.getNode(), error, itemIndex);
			(nodeError as { node?: INode }).node = maskPasswords(this.getNode(), PASSWORD_PATHS);
			if (!this.continueOnFail()) {
				if (!failure || itemIndex < failure.itemIndex) failure = { itemIndex, error: nodeError };
				return;
			}
			const description = (nodeError as NodeOperationError).description;
			// Only `error` and `details`: n8n routes an item whose keys are all among error/message/details
			// to the error output ("Continue (using error output)"); any other key would keep it in the main one.
			outputs[itemIndex] = [
				{
					json: { error: nodeError.message, ...(description ? { details: description } : {}) },
					pairedItem: { item: itemIndex },
				},
			];
		}
	};

	const operation = this.getNodeParameter('operation', 0) as string;
	const inFlight = BULK[resource]?.[operation] !== undefined ? BULK_IN_FLIGHT : 1;
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < items.length && !failure) await runItem(next++);
	};
	await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, worker));
	if (failure) throw failure.error;
	return [outputs.flat()];
}
