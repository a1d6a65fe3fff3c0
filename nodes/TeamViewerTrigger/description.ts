import type { INodeProperties } from 'n8n-workflow';

import {
	authenticationProperty,
	deviceTeamViewerIdFilter,
	hasCodeFilter,
	sessionTypeFilter,
} from '../TeamViewer/descriptions/common.description';
import { groupRLC, optionalLocator, userRLC } from '../TeamViewer/descriptions/rlc.description';

export const SERVICE_CASE_EVENTS = ['serviceCaseClosed', 'serviceCaseCreated', 'serviceCaseExpired', 'serviceCaseExpiring', 'serviceCaseOnline'];
export const DEVICE_EVENTS = ['deviceOffline', 'deviceOnline'];

export const triggerProperties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		default: 'serviceCaseOnline',
		options: [
			{ name: 'Connection Report Added', value: 'connectionReportNew', description: 'A connection ended and TeamViewer logged it (attended or unattended)' },
			{ name: 'Device Came Online', value: 'deviceOnline', description: 'A device went from offline (or away, busy) to online' },
			{ name: 'Device Went Offline', value: 'deviceOffline', description: 'A device went offline' },
			{ name: 'Service Case Closed', value: 'serviceCaseClosed', description: 'A service case was closed' },
			{ name: 'Service Case Created', value: 'serviceCaseCreated', description: 'A new service case was created' },
			{ name: 'Service Case Customer Came Online', value: 'serviceCaseOnline', description: 'The customer opened the link: the supporter can connect now' },
			{ name: 'Service Case Expired Unused', value: 'serviceCaseExpired', description: 'The link passed its valid-until time and no one ever connected' },
			{
				name: 'Service Case Expiring Soon',
				value: 'serviceCaseExpiring',
				description: 'The link of a case no one has used yet stops working within the minutes set below (on TeamViewer\'s clock)',
			},
		],
	},
	{
		displayName: 'Minutes Before Expiry',
		name: 'minutesBefore',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		displayOptions: { show: { event: ['serviceCaseExpiring'] } },
		description:
			"How long before its valid-until time an unused case is reported, judged on TeamViewer's clock. Each case is reported once; a case created with less validity than this is reported right after it was created.",
	},
	{
		displayName:
			'Each time a customer comes online is emitted once. After n8n restarts, a customer who is online may be emitted again with <code>possibleDuplicate: true</code> (n8n keeps no record of polls that found nothing new).',
		name: 'restartNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { event: ['serviceCaseOnline'] } },
	},
	{
		displayName: 'Source',
		name: 'deviceSource',
		type: 'options',
		default: 'computersAndContacts',
		displayOptions: { show: { event: DEVICE_EVENTS } },
		options: [
			{ name: 'Computers & Contacts', value: 'computersAndContacts' },
			{ name: 'Managed Devices', value: 'managed' },
		],
	},
	{
		displayName: 'Filters',
		name: 'serviceCaseFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { event: SERVICE_CASE_EVENTS } },
		options: [
			optionalLocator(userRLC, 'Assigned User', 'assignedUserId', 'Only cases assigned to this supporter'),
			{
				displayName: 'Custom ID Prefix',
				name: 'customIdPrefix',
				type: 'string',
				default: '',
				placeholder: 'e.g. incident:',
				description: 'Only cases whose custom ID starts with this text, e.g. the cases of one ITSM',
			},
			optionalLocator(groupRLC, 'Group', 'groupId', 'Only cases in this group'),
		],
	},
	{
		displayName: 'Filters',
		name: 'reportFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { event: ['connectionReportNew', 'serviceCaseExpired'] } },
		options: [
			deviceTeamViewerIdFilter,
			optionalLocator(groupRLC, 'Group', 'groupId', 'Only connections to devices in this group'),
			hasCodeFilter,
			sessionTypeFilter,
			optionalLocator(userRLC, 'User', 'userId', 'Only connections of this TeamViewer account'),
		],
	},
	{
		displayName: 'Filters',
		name: 'deviceFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { event: DEVICE_EVENTS, deviceSource: ['computersAndContacts'] } },
		options: [optionalLocator(groupRLC, 'Group', 'groupId', 'Only devices in this group')],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { event: ['connectionReportNew', 'serviceCaseExpired'] } },
		options: [
			{
				displayName: 'Late Report Window (Minutes)',
				name: 'lookbackMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				description:
					'TeamViewer can log a connection minutes after it ended. Reports that ended up to this long before the previous check are still picked up, each exactly once. For "Expired Unused", a case is judged this long after it expired, so that a late report still counts as use.',
			},
		],
	},
];
