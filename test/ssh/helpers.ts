import type { LookupFunction } from 'node:net';
import type { SshHostOptions } from '../../src/targets/ssh/options.js';
import { SshPool, type SshPoolOptions } from '../../src/targets/ssh/pool.js';
import type { LabSshd, LabSshHost } from '../lab/sshd.js';

/** Tests never resolve names: a lookup that fails loudly if anything tries. */
export const noLookup: LookupFunction = (hostname, _opts, cb) => {
  (cb as (err: Error) => void)(new Error(`test tried to resolve ${hostname}`));
};

/** A pool that reads nothing of the machine's own ~/.ssh, agent or /etc/ssh. */
export function labPool(knownHosts: string[], extra: SshPoolOptions = {}): SshPool {
  return new SshPool({
    sshConfigPath: null,
    userKnownHosts: knownHosts,
    globalKnownHosts: [],
    authSock: '',
    home: '/nonexistent-home',
    lookup: noLookup,
    ...extra,
  });
}

export function labHost(lab: LabSshd, h: LabSshHost, extra: Partial<SshHostOptions> = {}): SshHostOptions {
  return {
    name: `lab${h.index}`,
    address: h.address,
    port: h.port,
    user: lab.user,
    identity: [lab.clientKey],
    agent: false,
    // Lab hosts answer: the limit only ends a hang, so it has room for a loaded machine (a test of
    // a timeout sets its own).
    connectTimeoutSec: 30,
    ...extra,
  };
}

export function sessionCount(h: LabSshHost): number {
  return h.log().match(/Starting session:/g)?.length ?? 0;
}
