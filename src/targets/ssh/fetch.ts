import type { SshHostOptions } from './options.js';
import { SshPool, type SshPoolOptions } from './pool.js';

export interface FetchedHostKey {
  /** The name to write in known_hosts (`host`, `[host]:port` or HostKeyAlias). */
  host: string;
  algorithm: string;
  /** Base64 SSH public key blob, as in known_hosts. */
  key: string;
  /** OpenSSH `SHA256:…`, to compare with `ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub` on the host. */
  fingerprint: string;
}

/** The key a host presents, for `ronde hosts trust NAME`; nothing runs on the host. */
export async function fetchHostKey(
  host: SshHostOptions,
  options: SshPoolOptions = {},
): Promise<FetchedHostKey> {
  const pool = new SshPool(options);
  try {
    return await pool.fetchHostKey(host);
  } finally {
    await pool.close();
  }
}
