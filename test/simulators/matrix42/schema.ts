/*
 * The slice of a Matrix42 schema the TeamViewer flows touch. Names of configuration items (CIs) and
 * data definitions (DDs) follow Matrix42's public help and public client code; attributes marked UNCONFIRMED
 * in the README are this simulator's assumption.
 */

export type AttributeType =
	| 'string'
	| 'number'
	| 'date'
	| 'rowversion'
	| { relation: string }
	| { pickup: Record<number, string> };

/**
 * The field the TeamViewer AddOn keeps the TeamViewer ID of a computer in. UNCONFIRMED: the guide
 * never names it. The flows read the name from their Config node (`assetTeamViewerIdField`).
 */
export const TEAMVIEWER_ID_ATTRIBUTE = 'TeamViewerID';

/** `SPSActivityClassBase.State` pickup values. UNCONFIRMED: they differ per instance; 204 = closed. */
export const ACTIVITY_STATES: Record<number, string> = {
	200: 'New',
	201: 'In Progress',
	202: 'Waiting for Customer',
	204: 'Closed',
};
export const ACTIVITY_STATE = { new: 200, inProgress: 201, waiting: 202, closed: 204 } as const;

/**
 * The data definition the README's setup step creates for the flows' own state (one object per closed
 * TeamViewer session, plus the collection lease): not part of Matrix42, the admin adds it (Administration →
 * Schema → Data Definitions / Configuration Items). Names are the flows' Config defaults.
 */
export const SESSION_STATE_DATA_DEFINITION = 'TVSessionStateClassBase';
export const SESSION_STATE_CONFIGURATION_ITEM = 'TVSessionStateType';

export const DATA_DEFINITIONS: Record<string, Record<string, AttributeType>> = {
	SPSActivityClassBase: {
		TicketNumber: 'string',
		Subject: 'string',
		DescriptionHTML: 'string',
		State: { pickup: ACTIVITY_STATES },
		Initiator: { relation: 'SPSUserClassBase' },
		ResponsibleUser: { relation: 'SPSUserClassBase' },
		CreatedDate: 'date',
		ClosedDate: 'date',
		TimeStamp: 'rowversion',
	},
	SPSUserClassBase: {
		FirstName: 'string',
		LastName: 'string',
		MailAddress: 'string',
		Phone: 'string',
		TimeStamp: 'rowversion',
	},
	SPSComputerClassBase: {
		Name: 'string',
		SerialNumber: 'string',
		[TEAMVIEWER_ID_ATTRIBUTE]: 'string',
		TimeStamp: 'rowversion',
	},
	[SESSION_STATE_DATA_DEFINITION]: {
		SessionCode: 'string',
		ActivityId: 'string',
		History: 'string',
		NotedReports: 'string',
		ClosedDate: 'date',
		LeaseOwner: 'string',
		LeaseSince: 'date',
		LeaseUntil: 'date',
		TimeStamp: 'rowversion',
	},
};

/** Configuration item → the data definitions an object of it is made of. */
export const CONFIGURATION_ITEMS: Record<string, string[]> = {
	SPSActivityTypeTicket: ['SPSActivityClassBase'],
	SPSActivityTypeIncident: ['SPSActivityClassBase'],
	SPSActivityTypeServiceRequest: ['SPSActivityClassBase'],
	SPSUserType: ['SPSUserClassBase'],
	SPSComputerType: ['SPSComputerClassBase'],
	[SESSION_STATE_CONFIGURATION_ITEM]: [SESSION_STATE_DATA_DEFINITION],
};

/** `ticket/Create?activityType=` → CI and ticket number prefix. UNCONFIRMED mapping (0, 5, 6 are accepted ids). */
export const ACTIVITY_TYPES: Record<number, { ci: string; prefix: string }> = {
	0: { ci: 'SPSActivityTypeTicket', prefix: 'TCK' },
	5: { ci: 'SPSActivityTypeIncident', prefix: 'INC' },
	6: { ci: 'SPSActivityTypeServiceRequest', prefix: 'SRQ' },
};

export const ACTIVITY_CIS = Object.values(ACTIVITY_TYPES).map((type) => type.ci);

/** Case-insensitive lookup (ASQL identifiers are case-insensitive); the canonical spelling. */
export function canonicalName(names: Iterable<string>, wanted: string): string | undefined {
	const lower = wanted.toLowerCase();
	for (const name of names) if (name.toLowerCase() === lower) return name;
	return undefined;
}

export function dataDefinitionName(wanted: string): string | undefined {
	return canonicalName(Object.keys(DATA_DEFINITIONS), wanted);
}

export function configurationItemName(wanted: string): string | undefined {
	return canonicalName(Object.keys(CONFIGURATION_ITEMS), wanted);
}
