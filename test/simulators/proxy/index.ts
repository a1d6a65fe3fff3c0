export { startTlsProxy, TlsProxy, type ProxiedRequest, type TlsProxyOptions } from './proxy';
export { certificateAuthority, type CertificateAuthority } from './ca';
export type { ProxyRoute } from '../common';
