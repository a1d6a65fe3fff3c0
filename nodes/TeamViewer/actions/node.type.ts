import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	account: 'get' | 'verifyToken';
	connectionReport: 'delete' | 'get' | 'getAll' | 'update';
	contact: 'create' | 'delete' | 'getAll';
	device: 'assign' | 'create' | 'delete' | 'get' | 'getAll' | 'update';
	eventLog: 'getAll';
	group: 'create' | 'delete' | 'get' | 'getAll' | 'share' | 'unshare' | 'update';
	managedDevice: 'get' | 'getAll' | 'removeManagement' | 'update';
	session: 'close' | 'create' | 'delete' | 'get' | 'getAll' | 'getOrCreate' | 'update';
	user: 'create' | 'get' | 'getAll' | 'update';
};

export type TeamViewerType = AllEntities<NodeMap>;
