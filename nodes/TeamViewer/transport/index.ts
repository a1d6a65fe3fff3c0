export { passThroughError } from './errors';
export { teamViewerApiRequest, teamViewerNow, retryDelay, isAmbiguousCreate, isAmbiguousFailure, RETRY } from './request';
export type { ApiRequest, Authentication, TeamViewerContext } from './request';
export { teamViewerAllItems, teamViewerPages } from './pagination';
export { PACING } from './rateLimit';
export type { CursorKind, PagedRequest } from './pagination';
export { isoSecond, teamViewerWindowedItems } from './windows';
export type { WindowedRequest } from './windows';
