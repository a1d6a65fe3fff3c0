import type { Route } from '../router';
import { accountRoutes } from './account';
import { contactRoutes } from './contacts';
import { deviceRoutes } from './devices';
import { eventLogRoutes } from './eventLog';
import { groupRoutes } from './groups';
import { managedDeviceRoutes } from './managedDevices';
import { managedGroupRoutes } from './managedGroups';
import { managedManagerRoutes } from './managedManagers';
import { oauthRoutes } from './oauth';
import { patchManagementRoutes } from './patchManagement';
import { policyRoutes } from './policies';
import { reportRoutes } from './reports';
import { sessionRoutes } from './sessions';
import { userGroupRoutes } from './userGroups';
import { userRoleRoutes } from './userRoles';
import { userRoutes } from './users';

/** Every `/api/v1` route; order matters only where a literal segment shadows a parameter. */
export const API_ROUTES: readonly Route[] = [
	...oauthRoutes,
	...accountRoutes,
	...sessionRoutes,
	...reportRoutes,
	...deviceRoutes,
	...managedDeviceRoutes,
	...managedGroupRoutes,
	...managedManagerRoutes,
	...groupRoutes,
	...userRoutes,
	...userRoleRoutes,
	...userGroupRoutes,
	...contactRoutes,
	...eventLogRoutes,
	...policyRoutes,
	...patchManagementRoutes,
];
