import { LdapError } from '../../../clients/ldap/directory.js';
import { SecretError } from '../../../config/secrets.js';
import type { Principal } from '../../../core/access.js';
import { type CheckContext, type CheckOutcome, defineCheck } from '../../../core/check.js';
import { type CommandResult, EXIT_NOT_FOUND } from '../../../core/command.js';
import { unknown } from '../../../core/outcome.js';
import { sayError } from '../../../core/said.js';
import { t } from '../../../i18n/index.js';
import { SourceError } from '../../../sources/types.js';
import { gitlabPrincipals } from '../_shared/gitlab.js';
import { ldapPrincipals } from '../_shared/ldap.js';
import { parseGpgColons, parseGpgIds, passCommands, passPrincipals } from '../_shared/pass.js';
import { type AuthorizedKey, parseAuthorizedKeys, parseGetent, sshPrincipals } from '../_shared/ssh.js';
import { judgeAccess } from './judge.js';
import { AccessReviewOptions } from './options.js';

type Ctx = CheckContext<AccessReviewOptions>;

/** Why a command's output cannot be used, or undefined. */
function failed(
  r: CommandResult | undefined,
  what: string,
  okCodes: readonly number[] = [0],
): string | undefined {
  if (!r) return `${what}: no result`;
  if (r.exitCode === EXIT_NOT_FOUND) return `${what}: command not found`;
  if (r.truncated) return `${what}: output truncated`;
  if (r.exitCode === null || !okCodes.includes(r.exitCode))
    return `${what} failed (exit ${r.exitCode})${r.stderr.trim() ? `: ${r.stderr.trim().split('\n').at(-1)}` : ''}`;
  return undefined;
}

class Unreadable extends Error {}

async function collect(ctx: Ctx): Promise<Principal[]> {
  const o = ctx.options;
  const limits = { staleSec: o.stale_after, expiringSec: o.expiring_within };
  switch (o.source) {
    case 'ldap':
      return ldapPrincipals(o.ldap!, ctx.now, limits);
    case 'gitlab.members':
      return gitlabPrincipals(o.gitlab!, ctx.now, limits, ctx.signal);
    case 'pass.recipients': {
      const [ids, keys] = ctx.outputs;
      // grep exits 1 on an empty .gpg-id; find reports it: any .gpg-id read is enough.
      const problem = failed(ids, 'find .gpg-id', [0, 1]) ?? failed(keys, 'gpg --list-keys');
      if (problem) throw new Unreadable(problem);
      const gpgIds = parseGpgIds(ids!.stdout, o.pass!.store);
      if (gpgIds.size === 0) throw new Unreadable(`no .gpg-id under ${o.pass!.store}: not a password store`);
      return passPrincipals(gpgIds, parseGpgColons(keys!.stdout), ctx.now, limits);
    }
    case 'ssh.authorized_keys': {
      const users = o.ssh?.users ?? ['root'];
      const getent = ctx.outputs[0];
      // getent exits 2 when one of the users does not exist: the others are still listed.
      const problem = failed(getent, 'getent passwd', [0, 2]);
      if (problem) throw new Unreadable(problem);
      const homes = parseGetent(getent!.stdout);
      const present = users.filter((u) => homes.has(u));
      const sudo = o.ssh?.sudo ?? false;
      const outs = await ctx.run(
        present.map((u) => ({ argv: ['cat', '--', `${homes.get(u)}/.ssh/authorized_keys`], sudo })),
      );
      const byUser = new Map<string, AuthorizedKey[]>();
      for (const [i, u] of present.entries()) {
        const r = outs[i];
        if (r && r.exitCode !== 0 && /No such file/.test(r.stderr)) continue; // no key: no access that way
        const why = failed(r, `cat ~${u}/.ssh/authorized_keys`);
        if (why) throw new Unreadable(why);
        byUser.set(u, parseAuthorizedKeys(r!.stdout).keys);
      }
      return sshPrincipals(byUser);
    }
  }
}

export async function evaluateAccess(ctx: Ctx): Promise<CheckOutcome> {
  const source = `${ctx.instance ?? 'access.review'}@${ctx.target.name}`;
  let principals: Principal[];
  try {
    principals = await collect(ctx);
  } catch (err) {
    if (
      err instanceof Unreadable ||
      err instanceof LdapError ||
      err instanceof SourceError ||
      err instanceof SecretError
    )
      return unknown(
        t(ctx.lang, 'access.review.failed', { source: ctx.options.source, why: sayError(ctx.lang, err) }),
      );
    throw err;
  }
  if (!ctx.approvals?.approvedAccess)
    return unknown(t(ctx.lang, 'access.review.noStore'), { details: { source, principals } });
  return judgeAccess(source, principals, await ctx.approvals.approvedAccess(source), ctx.lang);
}

export const accessReview = defineCheck({
  id: 'access.review',
  title: 'Accesses as last approved (LDAP, GitLab, pass, SSH keys)',
  options: AccessReviewOptions,
  zeroConfig: false,
  required: ['source'],
  timeoutSec: 120,
  // LDAP and GitLab are asked from ronde's machine; the store and the keys are read on the target.
  commands: (o) => {
    if (o.source === 'pass.recipients') return passCommands(o.pass!.store, o.pass!.gnupg_home);
    if (o.source === 'ssh.authorized_keys')
      return [{ argv: ['getent', 'passwd', ...(o.ssh?.users ?? ['root'])] }];
    return [];
  },
  evaluate: evaluateAccess,
});
