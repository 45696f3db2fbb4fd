export { connectSsh } from './connection.js';
export { fetchHostKey } from './fetch.js';
export {
  checkHostKey,
  fingerprint,
  knownHostsName,
  loadKnownHosts,
  parseKnownHosts,
  trustHostKey,
} from './known-hosts.js';
export type { ResolvedHost, SshDefaults, SshHostOptions } from './options.js';
export { SshPool, type SshPoolOptions } from './pool.js';
export { SshTarget } from './target.js';
