import type { Route } from '../router';
import { accountRoutes } from './account';
import { contactRoutes } from './contacts';
import { deviceRoutes } from './devices';
import { eventLogRoutes } from './eventLog';
import { groupRoutes } from './groups';
import { managedDeviceRoutes } from './managedDevices';
import { oauthRoutes } from './oauth';
import { reportRoutes } from './reports';
import { sessionRoutes } from './sessions';
import { userRoutes } from './users';

/** Every `/api/v1` route; order matters only where a literal segment shadows a parameter. */
export const API_ROUTES: readonly Route[] = [
	...oauthRoutes,
	...accountRoutes,
	...sessionRoutes,
	...reportRoutes,
	...deviceRoutes,
	...managedDeviceRoutes,
	...groupRoutes,
	...userRoutes,
	...contactRoutes,
	...eventLogRoutes,
];
