import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	account: 'get' | 'update' | 'verifyToken';
	connectionReport:
		| 'delete'
		| 'get'
		| 'getAiSummary'
		| 'getAll'
		| 'getAugmentedSummary'
		| 'getChatTranscript'
		| 'getFeatures'
		| 'getScreenshots'
		| 'getVoiceTranscript'
		| 'update';
	contact: 'create' | 'delete' | 'get' | 'getAll';
	customApiCall: 'makeRequest';
	device: 'assign' | 'create' | 'delete' | 'get' | 'getAll' | 'update';
	deviceHygiene: 'findDuplicates' | 'findStale' | 'removeListed';
	eventLog: 'getAll';
	group: 'create' | 'delete' | 'get' | 'getAll' | 'share' | 'unshare' | 'update';
	managedDevice:
		| 'addManager'
		| 'changeGroups'
		| 'get'
		| 'getAll'
		| 'getGroups'
		| 'getManagers'
		| 'removeManagement'
		| 'removeManager'
		| 'removePolicy'
		| 'setDescription'
		| 'update'
		| 'updateManager';
	managedGroup:
		| 'addDevice'
		| 'addManager'
		| 'create'
		| 'delete'
		| 'get'
		| 'getAll'
		| 'getDevices'
		| 'getManagers'
		| 'getPendingDevices'
		| 'removeDevice'
		| 'removeManager'
		| 'removePolicy'
		| 'update'
		| 'updateManager';
	patchManagement: 'getDevices' | 'getMissingPatchCounts' | 'getMissingPatches';
	policy: 'create' | 'delete' | 'get' | 'getAll' | 'update';
	session: 'close' | 'create' | 'delete' | 'get' | 'getAll' | 'getOrCreate' | 'renew' | 'update';
	user: 'create' | 'delete' | 'get' | 'getAll' | 'removeTfa' | 'update';
	userGroup: 'addMembers' | 'create' | 'delete' | 'get' | 'getAll' | 'getMembers' | 'removeMembers' | 'update';
	userRole:
		| 'assignToUserGroup'
		| 'assignToUsers'
		| 'create'
		| 'delete'
		| 'get'
		| 'getAll'
		| 'getUserGroups'
		| 'getUsers'
		| 'unassignFromUserGroup'
		| 'unassignFromUsers'
		| 'update';
};

export type TeamViewerType = AllEntities<NodeMap>;
