export { basicCredentials, bearerToken, type BasicCredentials } from './auth';
export { isRecord, parseBody, readBody, readBodyBytes, type ParsedBody } from './body';
export {
	controlRoute,
	done,
	handleControl,
	standardControlRoutes,
	type ControlBody,
	type Controllable,
	type ControlRoute,
} from './control';
export { FaultQueue, type FaultKind, type FaultRule } from './faults';
export { Inbox } from './inbox';
export { closeHttpServer, listenOnLoopback, type ProxyRoute } from './listen';
export { HttpSimulator } from './simulator';
export { requestOrigin, simulatorListener, type ApiRequest, type Pipeline } from './listener';
export { json, noContent, writeReply, type Reply } from './reply';
export { loggedHeaders, queryRecord, RequestLog, type LoggedRequest } from './requestLog';
