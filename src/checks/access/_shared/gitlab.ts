import { GitlabMembersClient, type Membership } from '../../../clients/gitlab/members.js';
import { resolveSecrets } from '../../../config/secrets.js';
import { type AccessFlag, dateFlags, type Principal } from '../../../core/access.js';

export interface GitlabSettings {
  url: string;
  token: string;
  groups: string[];
  projects: string[];
  timeout: number;
}

/** One principal per user: each membership as `scope: Level`, the earliest expiry, blocked users flagged. */
export function gitlabPrincipalsFrom(
  memberships: readonly Membership[],
  now: Date,
  limits: { staleSec: number; expiringSec: number },
): Principal[] {
  const keepsLogins = memberships.some((m) => m.lastActivityOn !== undefined);
  const byUser = new Map<string, Membership[]>();
  for (const m of memberships) byUser.set(m.username, [...(byUser.get(m.username) ?? []), m]);
  return [...byUser.entries()].map(([username, ms]) => {
    const expiries = ms
      .map((m) => m.expiresAt)
      .filter((e): e is string => !!e)
      .sort();
    const expiresAt = expiries[0] ? `${expiries[0]}T00:00:00.000Z` : null;
    const last = ms
      .map((m) => m.lastActivityOn)
      .filter((e): e is string => !!e)
      .sort()
      .at(-1);
    const lastLogin = last ? new Date(`${last.slice(0, 10)}T00:00:00Z`).toISOString() : null;
    const flags: AccessFlag[] = dateFlags({ expiresAt, lastLogin }, now, { ...limits, keepsLogins });
    if (ms.some((m) => m.state && m.state !== 'active')) flags.push('blocked');
    const groups = [
      ...new Set(ms.map((m) => `${m.scope}: ${m.level}${m.expiresAt ? ` until ${m.expiresAt}` : ''}`)),
    ].sort();
    const name = ms.find((m) => m.name)?.name;
    return {
      id: username,
      ...(name ? { name: `${username} (${name})` } : {}),
      groups,
      expiresAt,
      lastLogin,
      flags,
    };
  });
}

export async function gitlabPrincipals(
  o: GitlabSettings,
  now: Date,
  limits: { staleSec: number; expiringSec: number },
  signal: AbortSignal,
): Promise<Principal[]> {
  const client = new GitlabMembersClient({
    baseUrl: o.url,
    token: resolveSecrets(o.token).reveal(),
    timeoutMs: o.timeout * 1000,
  });
  const all: Membership[] = [];
  for (const g of o.groups) all.push(...(await client.members('group', g, signal)));
  for (const p of o.projects) all.push(...(await client.members('project', p, signal)));
  return gitlabPrincipalsFrom(all, now, limits);
}
