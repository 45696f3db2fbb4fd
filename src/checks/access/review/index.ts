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
import { type AuthorizedKey, parseAuthorizedKeys, parsePasswd, sshPrincipals } from '../_shared/ssh.js';
import {
  DEFAULT_KEYS_FILES,
  expandKeysFile,
  type KeysFiles,
  parseSshdT,
  scanSshdConfig,
} from '../_shared/sshd.js';
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
    case 'ssh.authorized_keys':
      return (await sshKeys(ctx)).principals;
  }
}

/** The keys of `ssh.users`, from the files sshd reads them from (AuthorizedKeysFile), and how that was learnt. */
async function sshKeys(ctx: Ctx): Promise<{ principals: Principal[]; keysFiles: KeysFiles }> {
  const o = ctx.options;
  const users = o.ssh?.users ?? ['root'];
  const sudo = o.ssh?.sudo ?? false;
  const [getent, sshdT, config] = ctx.outputs;
  // getent exits 2 when one of the users does not exist: the others are still listed.
  const problem = failed(getent, 'getent passwd', [0, 2]);
  if (problem) throw new Unreadable(problem);
  const accounts = parsePasswd(getent!.stdout);
  const keysFiles = await keysFilesOf(ctx, sshdT, config);
  const reads: { user: string; file: string }[] = [];
  for (const user of users.filter((u) => accounts.has(u)))
    for (const pattern of keysFiles.patterns) {
      const file = expandKeysFile(pattern, { name: user, ...accounts.get(user)! });
      if (!file) throw new Unreadable(`AuthorizedKeysFile ${pattern}: a token ronde cannot expand`);
      reads.push({ user, file });
    }
  const outs = await ctx.run(reads.map((r) => ({ argv: ['cat', '--', r.file], sudo })));
  const byUser = new Map<string, AuthorizedKey[]>();
  for (const [i, { user, file }] of reads.entries()) {
    const r = outs[i];
    if (!byUser.has(user)) byUser.set(user, []);
    if (r && r.exitCode !== 0 && /No such file/.test(r.stderr)) continue; // no key: no access that way
    const why = failed(r, `cat ${file}`);
    if (why) throw new Unreadable(why);
    byUser.get(user)!.push(...parseAuthorizedKeys(r!.stdout).keys.map((k) => ({ ...k, file })));
  }
  return { principals: sshPrincipals(byUser), keysFiles };
}

/** AuthorizedKeysFile: `sshd -T` (root), else sshd_config and what it includes first, else OpenSSH's default. */
async function keysFilesOf(
  ctx: Ctx,
  sshdT: CommandResult | undefined,
  config: CommandResult | undefined,
): Promise<KeysFiles> {
  const scan = config?.exitCode === 0 ? scanSshdConfig(config.stdout) : undefined;
  const match = scan?.matchOverrides ? { matchOverrides: true } : {};
  const effective = sshdT?.exitCode === 0 ? parseSshdT(sshdT.stdout) : undefined;
  if (effective) return { from: 'sshd -T', patterns: effective, ...match };
  if (!scan) return { from: 'default', patterns: DEFAULT_KEYS_FILES };
  let patterns = scan.patterns;
  if (scan.includes.length > 0) {
    // Included files are read where the Include stands: before the main file's own value.
    const [inc] = await ctx.run([
      { argv: [...INCLUDED, ...scan.includes], sudo: ctx.options.ssh?.sudo ?? false },
    ]);
    const included = inc?.exitCode === 0 ? scanSshdConfig(inc.stdout) : undefined;
    patterns = included?.patterns ?? patterns;
    if (included?.matchOverrides) match.matchOverrides = true;
  }
  return { from: 'sshd_config', patterns: patterns ?? DEFAULT_KEYS_FILES, ...match };
}

/** Prints the files an `Include` names (globs expanded by sh, as sshd does with glob(3)), in order. */
const INCLUDED = [
  'sh',
  '-c',
  'for p in "$@"; do for f in $p; do [ -f "$f" ] && cat -- "$f"; echo; done; done',
  'sh',
];

export async function evaluateAccess(ctx: Ctx): Promise<CheckOutcome> {
  const source = `${ctx.instance ?? 'access.review'}@${ctx.target.name}`;
  let principals: Principal[];
  let keysFiles: KeysFiles | undefined;
  try {
    if (ctx.options.source === 'ssh.authorized_keys') ({ principals, keysFiles } = await sshKeys(ctx));
    else principals = await collect(ctx);
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
  const out = judgeAccess(source, principals, await ctx.approvals.approvedAccess(source), ctx.lang);
  // Which files were read, and how ronde knew: sshd's own word, its config, or the default.
  return keysFiles ? { ...out, details: { ...out.details, keysFiles } } : out;
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
    if (o.source === 'ssh.authorized_keys') {
      const config = o.ssh?.sshd_config ?? '/etc/ssh/sshd_config';
      const sudo = o.ssh?.sudo ?? false;
      return [
        { argv: ['getent', 'passwd', ...(o.ssh?.users ?? ['root'])] },
        // Effective values; needs root (it reads the host keys): otherwise the file is parsed.
        { argv: ['/usr/sbin/sshd', '-T', '-f', config], sudo },
        { argv: ['cat', '--', config], sudo },
      ];
    }
    return [];
  },
  evaluate: evaluateAccess,
});
