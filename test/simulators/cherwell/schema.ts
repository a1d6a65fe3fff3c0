import { createHash } from 'crypto';

/*
 * The few business objects and relationships of a CSM system that the TeamViewer flows touch. IDs of
 * out-of-the-box objects differ between CSM releases only rarely, but custom objects (the mApp's
 * "TeamViewer Session") get new IDs in every system: the flows keep all of them in their Config node.
 */

export interface FieldDefinition {
	/** The bare field ID; responses show it as `BO:<busObId>,FI:<fieldId>`. */
	fieldId: string;
	name: string;
	displayName: string;
	/** A create without a value for it is refused. */
	required?: boolean;
	/** Set by the system; written values are ignored. */
	system?: boolean;
}

export interface BusinessObjectDefinition {
	busObId: string;
	name: string;
	displayName: string;
	/** The field that holds the public ID (`busObPublicId`). */
	publicIdField: string;
	/** Whether the public ID is numbered by the system (Incident) rather than taken from a field value. */
	autoNumber: boolean;
	fields: FieldDefinition[];
}

export interface RelationshipDefinition {
	relationshipId: string;
	name: string;
	displayName: string;
	parentBusObId: string;
	childBusObIds: string[];
	/** Child fields filled from the parent when a related record is saved. */
	keys: Array<{ field: string; from: 'parentRecId' | 'parentBusObId' }>;
}

/** Out-of-the-box Incident and Customer - Internal IDs as seen in CSM clients; the other two are this system's. */
export const BUSINESS_OBJECT_IDS = {
	incident: '6dd53665c0c24cab86870a21cf6434ae',
	customer: '93405caa107c376a2bd15c4c8885a900be316f3a72',
	customerExternal: '9343f8800b62a0e95cc4b24da1b1c5e1d6c6e4a0a3',
	journalNote: '9343f8800b7ab2a5d2f54a9e9f4ca0a13a2ba9c8c1',
	teamViewerSession: '945a1bd3e4c7b1f0a9d2c8e6b4f3a1d5c7e9b2f4a6',
	teamViewerLease: '945a1bd5a7c3e9f1b2d4c6e8a0f2b4d6c8e0a2f4b6',
} as const;

export const RELATIONSHIP_IDS = {
	incidentOwnsJournals: '9369187528b417b4a17aaa4c6ba8e5fa5e1a9b5fe4',
	incidentOwnsTeamViewerSessions: '945a1bd4f2c8a3e1b7d9c5f0e2a4b6c8d0e1f3a5b7',
} as const;

/** A stable 32-hex field ID derived from the object and field name (real IDs are opaque too). */
function fieldIdFor(busObId: string, name: string): string {
	return createHash('sha1').update(`${busObId}:${name}`).digest('hex').slice(0, 32);
}

type FieldSpec =
	| string
	| { name: string; displayName?: string; required?: boolean; system?: boolean };

function splitWords(name: string): string {
	return name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/Rec ID/, 'RecID');
}

function fields(busObId: string, specs: FieldSpec[]): FieldDefinition[] {
	return specs.map((spec) => {
		const field = typeof spec === 'string' ? { name: spec } : spec;
		return {
			fieldId: fieldIdFor(busObId, field.name),
			name: field.name,
			displayName: field.displayName ?? splitWords(field.name),
			...(field.required ? { required: true } : {}),
			...(field.system ? { system: true } : {}),
		};
	});
}

const SYSTEM_TIMESTAMPS: FieldSpec[] = [
	{ name: 'CreatedDateTime', system: true },
	{ name: 'CreatedBy', system: true },
	{ name: 'LastModifiedDateTime', system: true },
	{ name: 'LastModifiedBy', system: true },
];

const RECID: FieldSpec = { name: 'RecID', displayName: 'RecID', system: true };

export const BUSINESS_OBJECTS: readonly BusinessObjectDefinition[] = [
	{
		busObId: BUSINESS_OBJECT_IDS.incident,
		name: 'Incident',
		displayName: 'Incident',
		publicIdField: 'IncidentID',
		autoNumber: true,
		fields: fields(BUSINESS_OBJECT_IDS.incident, [
			RECID,
			{ name: 'IncidentID', displayName: 'Incident ID', system: true },
			'Status',
			{ name: 'ShortDescription', required: true },
			'Description',
			'Priority',
			'CustomerRecID',
			'CustomerDisplayName',
			'OwnedBy',
			'OwnedByTeam',
			...SYSTEM_TIMESTAMPS,
		]),
	},
	{
		busObId: BUSINESS_OBJECT_IDS.customer,
		name: 'CustomerInternal',
		displayName: 'Customer - Internal',
		publicIdField: 'FullName',
		autoNumber: false,
		fields: fields(BUSINESS_OBJECT_IDS.customer, [
			RECID,
			{ name: 'FullName', required: true },
			'FirstName',
			'LastName',
			'Email',
			'Phone',
			...SYSTEM_TIMESTAMPS,
		]),
	},
	{
		// Customer is a group object in CSM: an incident's CustomerRecID may point at either leaf (Internal or External).
		busObId: BUSINESS_OBJECT_IDS.customerExternal,
		name: 'CustomerExternal',
		displayName: 'Customer - External',
		publicIdField: 'FullName',
		autoNumber: false,
		fields: fields(BUSINESS_OBJECT_IDS.customerExternal, [
			RECID,
			{ name: 'FullName', required: true },
			'CompanyName',
			'Email',
			'Phone',
			...SYSTEM_TIMESTAMPS,
		]),
	},
	{
		busObId: BUSINESS_OBJECT_IDS.journalNote,
		name: 'JournalNote',
		displayName: 'Journal - Note',
		publicIdField: 'RecID',
		autoNumber: true,
		fields: fields(BUSINESS_OBJECT_IDS.journalNote, [
			RECID,
			{ name: 'Details', required: true },
			{ name: 'JournalTypeName', system: true },
			'ParentRecID',
			'ParentTypeID',
			...SYSTEM_TIMESTAMPS,
		]),
	},
	{
		busObId: BUSINESS_OBJECT_IDS.teamViewerSession,
		name: 'TeamViewerSession',
		displayName: 'TeamViewer Session',
		publicIdField: 'SessionCode',
		autoNumber: false,
		fields: fields(BUSINESS_OBJECT_IDS.teamViewerSession, [
			RECID,
			{ name: 'SessionCode', required: true },
			'IncidentRecID',
			'IncidentID',
			'Status',
			'CustomerName',
			'CustomerEmail',
			'CustomerLink',
			'SupporterLink',
			'ValidUntil',
			'ClosedDateTime',
			'ConnectionCount',
			'TotalDurationSeconds',
			'CloseReason',
			'InviteStartedDateTime',
			'InviteSentDateTime',
			'HistoryState',
			'NotedReports',
			...SYSTEM_TIMESTAMPS,
		]),
	},
	{
		busObId: BUSINESS_OBJECT_IDS.teamViewerLease,
		name: 'TeamViewerLease',
		displayName: 'TeamViewer Lease',
		publicIdField: 'LeaseName',
		autoNumber: false,
		fields: fields(BUSINESS_OBJECT_IDS.teamViewerLease, [
			RECID,
			{ name: 'LeaseName', required: true },
			'LeaseOwner',
			'LeaseUntil',
			...SYSTEM_TIMESTAMPS,
		]),
	},
];

export const RELATIONSHIPS: readonly RelationshipDefinition[] = [
	{
		relationshipId: RELATIONSHIP_IDS.incidentOwnsJournals,
		name: 'IncidentOwnsJournals',
		displayName: 'Incident Owns Journals',
		parentBusObId: BUSINESS_OBJECT_IDS.incident,
		childBusObIds: [BUSINESS_OBJECT_IDS.journalNote],
		keys: [
			{ field: 'ParentRecID', from: 'parentRecId' },
			{ field: 'ParentTypeID', from: 'parentBusObId' },
		],
	},
	{
		relationshipId: RELATIONSHIP_IDS.incidentOwnsTeamViewerSessions,
		name: 'IncidentOwnsTeamViewerSessions',
		displayName: 'Incident Owns TeamViewer Sessions',
		parentBusObId: BUSINESS_OBJECT_IDS.incident,
		childBusObIds: [BUSINESS_OBJECT_IDS.teamViewerSession],
		keys: [{ field: 'IncidentRecID', from: 'parentRecId' }],
	},
];

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** By business object ID or by (display) name, case-insensitive. */
export function businessObject(idOrName: string): BusinessObjectDefinition | undefined {
	return BUSINESS_OBJECTS.find(
		(definition) =>
			sameId(definition.busObId, idOrName) ||
			sameId(definition.name, idOrName) ||
			sameId(definition.displayName, idOrName),
	);
}

export function relationship(relationshipId: string): RelationshipDefinition | undefined {
	return RELATIONSHIPS.find((definition) => sameId(definition.relationshipId, relationshipId));
}

/** `FI`, `BO:<busObId>,FI:<FI>` (this object only) → the field; anything else → undefined. */
export function fieldById(
	definition: BusinessObjectDefinition,
	fieldId: string,
): FieldDefinition | undefined {
	const full = /^BO:([0-9a-f]+),FI:([0-9a-f]+)$/i.exec(fieldId.trim());
	if (full && !sameId(full[1], definition.busObId)) return undefined;
	const bare = full ? full[2] : fieldId.trim();
	return definition.fields.find((field) => sameId(field.fieldId, bare));
}

export function fieldByName(
	definition: BusinessObjectDefinition,
	name: string,
): FieldDefinition | undefined {
	return definition.fields.find((field) => field.name.toLowerCase() === name.toLowerCase());
}

/** `BO:<busObId>,FI:<fieldId>`, the form reads and templates show. */
export function qualifiedFieldId(
	definition: BusinessObjectDefinition,
	field: FieldDefinition,
): string {
	return `BO:${definition.busObId},FI:${field.fieldId}`;
}
