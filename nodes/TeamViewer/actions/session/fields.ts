import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { groupOrNameRLC, optionalLocator, userRLC } from '../../descriptions/rlc.description';
import { compactObject, dateField, emailField, getGroupTarget, invalidField, optionalPrefixedId, textOf } from '../../helpers/params';
import type { SessionType } from '../../helpers/sessions';
import { SESSION_TYPES } from '../../helpers/sessions';

const E164 = /^\+[1-9]\d{6,14}$/;

/** Get or Create's rule for handing out an open case, shared by the operations that apply it. */
export function minValidityOption(description: string): INodeProperties {
	return {
		displayName: 'Minimum Remaining Validity (Minutes)',
		name: 'minValidityMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description,
	};
}

export const sessionTypeField: INodeProperties = {
	displayName: 'Session Type',
	name: 'sessionType',
	type: 'options',
	default: 'remoteControl',
	options: [
		{
			name: 'Assist AR (Pilot)',
			value: 'assistAr',
			description: 'The customer shares their smartphone camera with TeamViewer Assist AR',
		},
		{
			name: 'Remote Control',
			value: 'remoteControl',
			description: 'The customer runs TeamViewer QuickSupport and the supporter controls the device',
		},
	],
};

/** Fields TeamViewer stores on a service case, shared by Create and Get or Create. */
export const sessionDetailFields: INodeProperties[] = [
	optionalLocator(
		userRLC,
		'Assigned User',
		'assignedUserId',
		'The supporter the case is assigned to; search by name or email',
	),
	{
		displayName: 'Custom API Field',
		name: 'customApi',
		type: 'string',
		default: '',
		description: 'Free text stored with the case for integrations (up to 4000 characters)',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'e.g. INC0010042: printer does not print',
		description: 'Shown to the supporter in the service queue (up to 4000 characters)',
	},
	{
		displayName: 'End Customer Email',
		name: 'endCustomerEmail',
		type: 'string',
		placeholder: 'e.g. erika@example.com',
		default: '',
	},
	{
		displayName: 'End Customer Name',
		name: 'endCustomerName',
		type: 'string',
		placeholder: 'e.g. Erika Muster',
		default: '',
	},
	{
		displayName: 'SMS Invite Number',
		name: 'smsInviteNumber',
		type: 'string',
		default: '',
		placeholder: 'e.g. +4915123456789',
		description: 'TeamViewer texts the customer link to this number. International (E.164) form.',
	},
	{
		displayName: 'Valid Until',
		name: 'validUntil',
		type: 'dateTime',
		default: '',
		description: 'When the link stops working. TeamViewer uses 24 hours after creation when empty.',
	},
	{
		displayName: 'Waiting Message',
		name: 'waitingMessage',
		type: 'string',
		default: '',
		placeholder: 'e.g. Your supporter will be with you in a moment',
		description: 'Shown to the customer while they wait for the supporter',
	},
];

/**
 * Group, type and the detail fields of a new case; `extraFields` join the Additional Fields and
 * `omit` leaves some out.
 */
export function sessionCreateFields(
	extraFields: INodeProperties[] = [],
	omit: string[] = [],
): INodeProperties[] {
	return [
		groupOrNameRLC,
		sessionTypeField,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [...extraFields, ...sessionDetailFields.filter((field) => !omit.includes(field.name))].sort((a, b) =>
				a.displayName.localeCompare(b.displayName),
			),
		},
	];
}

/** Validates the detail fields and maps them to TeamViewer's body names. */
export function sessionDetailsBody(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
): IDataObject {
	const body: IDataObject = {};
	const text = (key: string) => textOf(fields[key]);

	for (const [key, target] of [
		['description', 'description'],
		['customApi', 'custom_api'],
	] as const) {
		const value = text(key);
		if (value.length > 4000) {
			invalidField(context, itemIndex, key === 'description' ? 'Description' : 'Custom API Field', `${value.slice(0, 40)}…`, 'at most 4000 characters');
		}
		if (value) body[target] = value;
	}
	if (text('waitingMessage')) body.waiting_message = text('waitingMessage');
	const assignedUser = optionalPrefixedId(context, itemIndex, 'user', fields.assignedUserId, 'Assigned User');
	if (assignedUser) body.assigned_userid = assignedUser;
	if (fields.validUntil) {
		const validUntil = dateField(context, itemIndex, fields.validUntil, 'Valid Until');
		if (Date.parse(validUntil) <= Date.now()) {
			invalidField(context, itemIndex, 'Valid Until', fields.validUntil, 'a date and time in the future');
		}
		body.valid_until = validUntil;
	}
	if (text('smsInviteNumber')) {
		const number = text('smsInviteNumber').replace(/[\s\-().]/g, '');
		if (!E164.test(number)) {
			invalidField(context, itemIndex, 'SMS Invite Number', fields.smsInviteNumber, 'a phone number in international form, e.g. +4915123456789');
		}
		body.sms_invite_number = number;
	}
	const customer = compactObject({
		name: text('endCustomerName'),
		email: text('endCustomerEmail')
			? emailField(context, itemIndex, text('endCustomerEmail'), 'End Customer Email')
			: undefined,
	});
	if (Object.keys(customer).length) body.end_customer = customer;
	return body;
}

export function sessionCreateBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const type = context.getNodeParameter('sessionType', itemIndex, 'remoteControl') as SessionType;
	return {
		...getGroupTarget(context, itemIndex),
		support_session_type: SESSION_TYPES[type] ?? SESSION_TYPES.remoteControl,
		...sessionDetailsBody(context, itemIndex, fields),
	};
}
