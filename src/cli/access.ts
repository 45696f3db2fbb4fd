import { Command } from 'commander';
import { planRound } from '../config/plan.js';
import type { AccessChange, AccessDiff, Principal } from '../core/access.js';
import type { CheckResult } from '../core/check.js';
import { runRound } from '../core/runner.js';
import { dateTime } from '../i18n/index.js';
import { boardTimeZone } from '../routines/board.js';
import { accessStore, approvalReader } from '../store/access.js';
import { targetFactory } from '../targets/factory.js';
import { type CliContext, type GlobalOptions, loadContext } from './context.js';
import { person } from './done.js';
import { CliError, EX_USAGE } from './errors.js';
import { say } from './lang.js';

/*
 * `ronde access review` runs the access.review checks now, records what each
 * source shows (a snapshot) and prints its difference with the last approved
 * one; `ronde access approve SOURCE` approves the snapshot the review
 * recorded; `ronde access history` lists who approved what.
 */

export interface AccessIo {
  out(text: string): void;
  err(text: string): void;
}

const stdio: AccessIo = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

export interface SourceReview {
  source: string;
  status: string;
  snapshot?: number;
  principals: number;
  approved: { by: string; at: string; snapshot: number } | null;
  diff?: AccessDiff;
  /** Principals with a flag (stale, expired…), whatever the approval. */
  flagged: Principal[];
  error?: string;
  /** ssh.authorized_keys: the files read, and whether `sshd -T`, sshd_config or the default said so. */
  keysFiles?: { from: string; patterns: string[]; matchOverrides?: boolean };
}

export function accessCommand(globals: () => GlobalOptions): Command {
  const cmd = new Command('access').summary(say('cli.access.help.summary'));
  cmd
    .command('review')
    .description(say('cli.access.help.review'))
    .argument('[sources...]', say('cli.access.help.sources'))
    .option('--json', say('cli.access.help.json'), false)
    .option('--markdown', say('cli.access.help.markdown'), false)
    .addHelpText('after', say('cli.access.help.examples'))
    .exitOverride()
    .action(async (sources: string[], opts: { json: boolean; markdown: boolean }) => {
      process.exitCode = await accessReviewCmd(await loadContext(globals()), sources, opts, stdio);
    });
  cmd
    .command('approve')
    .description(say('cli.access.help.approve'))
    .argument('<source>', say('cli.access.help.source'))
    .option('--by <name>', say('cli.access.help.by'))
    .option('-m, --note <text>', say('cli.access.help.note'), '')
    .exitOverride()
    .action(async (source: string, opts: { by?: string; note: string }) => {
      process.exitCode = await accessApproveCmd(await loadContext(globals()), source, opts, stdio);
    });
  cmd
    .command('history')
    .description(say('cli.access.help.history'))
    .argument('[source]', say('cli.access.help.historySource'))
    .option('--json', say('cli.access.help.json'), false)
    .exitOverride()
    .action(async (source: string | undefined, opts: { json: boolean }) => {
      process.exitCode = await accessHistoryCmd(await loadContext(globals()), source, opts, stdio);
    });
  return cmd;
}

const matches = (source: string, wanted: readonly string[]) =>
  wanted.length === 0 || wanted.some((w) => w === source || source.startsWith(`${w}@`));

export async function accessReviewCmd(
  ctx: CliContext,
  wanted: string[],
  opts: { json: boolean; markdown: boolean },
  io: AccessIo,
): Promise<number> {
  const plan = planRound(ctx.config, ctx.registry, { hosts: [], checks: ['access.review'] })
    .map((p) => ({ ...p, checks: p.checks.filter((c) => matches(`${c.instance}@${p.host.name}`, wanted)) }))
    .filter((p) => p.checks.length > 0);
  if (plan.length === 0)
    throw new CliError(
      wanted.length ? say('access.noSuchSource', { wanted: wanted.join(', ') }) : say('access.none'),
      EX_USAGE,
    );
  const store = await ctx.openStore();
  const targets = targetFactory(ctx.config, { stateDir: ctx.stateDir });
  try {
    const { results } = await runRound(
      plan.map((p) => ({ target: targets.target(p.host), checks: p.checks })),
      { lang: ctx.config.language, approvals: approvalReader(store.conn) },
    );
    const repo = accessStore(store.conn);
    const reviews: SourceReview[] = [];
    for (const r of results) reviews.push(await reviewOf(r, repo, new Date(r.startedAt)));
    reviews.sort((a, b) => a.source.localeCompare(b.source));
    if (opts.json) io.out(`${JSON.stringify({ version: 1, sources: reviews }, null, 2)}\n`);
    else if (opts.markdown) io.out(`${markdown(reviews)}\n`);
    else io.out(terminal(reviews));
    if (reviews.some((r) => r.error)) return 3;
    return reviews.some((r) => r.status !== 'OK') ? 1 : 0;
  } finally {
    await targets.close();
    await store.close();
  }
}

async function reviewOf(
  r: CheckResult,
  repo: ReturnType<typeof accessStore>,
  at: Date,
): Promise<SourceReview> {
  const source = `${r.check}@${r.target}`;
  const d = (r.details ?? {}) as {
    principals?: Principal[];
    diff?: AccessDiff;
    approved?: SourceReview['approved'];
    keysFiles?: SourceReview['keysFiles'];
  };
  if (r.status === 'UNKNOWN' || !d.principals)
    return { source, status: r.status, principals: 0, approved: null, flagged: [], error: r.summary };
  const snap = await repo.recordSnapshot(source, at, d.principals);
  return {
    source,
    status: r.status,
    snapshot: snap.id,
    principals: d.principals.length,
    approved: d.approved ?? null,
    ...(d.diff ? { diff: d.diff } : {}),
    flagged: d.principals.filter((p) => p.flags.length > 0),
    ...(d.keysFiles ? { keysFiles: d.keysFiles } : {}),
  };
}

const who = (p: { id: string; name?: string | undefined }) =>
  p.name && p.name !== p.id ? `${p.name}  ${p.id}` : p.id;

/** What a key may do (authorized_keys options: `from=`, `command=`…): a change of them is a change of access. */
const options = (p: Principal, code = false) =>
  p.attrs?.options ? `  ${say('access.options', { options: quote(p.attrs.options, code) })}` : '';

/** `field before → after; …` (in a post, values as code: `command="…"` holds markdown's characters). */
const changes = (c: AccessChange, code = false) =>
  Object.entries(c.fields)
    .map(([k, [a, b]]) => `${k} ${quote(a || '∅', code)} → ${quote(b || '∅', code)}`)
    .join('; ');

const quote = (s: string, code: boolean) => (code ? `\`${s.replaceAll('`', "'")}\`` : s);

/** Where the keys were read, and who said so (sshd -T, sshd_config, the default). */
export function keysFilesLine(k: NonNullable<SourceReview['keysFiles']>): string {
  const files = k.patterns.length > 0 ? k.patterns.join(' ') : say('access.keysFilesNone');
  return say(k.matchOverrides ? 'access.keysFilesMatch' : 'access.keysFiles', { files, from: k.from });
}

function flaggedLine(p: Principal): string {
  const bits = [p.flags.join(', ')];
  if (p.lastLogin) bits.push(say('access.lastLogin', { at: p.lastLogin.slice(0, 10) }));
  if (p.expiresAt) bits.push(say('access.expires', { at: p.expiresAt.slice(0, 10) }));
  if (p.groups.length) bits.push(p.groups.join('; '));
  return `${who(p)} — ${bits.join(' · ')}`;
}

function terminal(reviews: SourceReview[]): string {
  const out: string[] = [];
  for (const r of reviews) {
    if (r.error) {
      out.push(`${r.source}: ${say('access.cannotRead', { why: r.error })}`, '');
      continue;
    }
    const state = r.approved
      ? say('access.since', { by: r.approved.by, at: r.approved.at.slice(0, 10) })
      : say('access.neverApproved');
    out.push(
      `${r.source} — ${say('access.count', { n: r.principals })}, ${state} ${say('cli.access.snapshot', { id: r.snapshot ?? 0 })}`,
    );
    if (r.keysFiles) out.push(`  ${keysFilesLine(r.keysFiles)}`);
    const diff = r.diff;
    if (diff) {
      for (const p of diff.added)
        out.push(`  + ${who(p)}${p.groups.length ? `  [${p.groups.join('; ')}]` : ''}${options(p)}`);
      for (const p of diff.removed) out.push(`  - ${who(p)}${options(p)}`);
      for (const c of diff.changed) out.push(`  ~ ${who(c)}: ${changes(c)}`);
    }
    if (r.flagged.length) {
      out.push(`  ${say('access.toLookAt')}`);
      for (const p of r.flagged) out.push(`    ${flaggedLine(p)}`);
    }
    if (r.status !== 'OK') out.push(`  ${say('access.approveHint', { source: r.source })}`);
    else out.push(`  ${say('access.unchanged')}`);
    out.push('');
  }
  return `${out.join('\n')}`;
}

/** One Mattermost post: a line per source, the changes as lists. */
function markdown(reviews: SourceReview[]): string {
  const pending = reviews.filter((r) => r.status !== 'OK').length;
  const out = [`#### ${say('access.md.title', { n: pending })}`, ''];
  for (const r of reviews) {
    if (r.error) {
      out.push(`- **${r.source}**: ${say('access.cannotRead', { why: r.error })}`);
      continue;
    }
    const state = r.approved
      ? say('access.since', { by: r.approved.by, at: r.approved.at.slice(0, 10) })
      : say('access.neverApproved');
    out.push(`- **${r.source}**: ${say('access.count', { n: r.principals })}, ${state}`);
    for (const p of r.diff?.added ?? []) out.push(`  - ➕ \`${who(p)}\`${options(p, true)}`);
    for (const p of r.diff?.removed ?? []) out.push(`  - ➖ \`${who(p)}\`${options(p, true)}`);
    for (const c of r.diff?.changed ?? []) out.push(`  - ✏️ \`${who(c)}\`: ${changes(c, true)}`);
    for (const p of r.flagged) out.push(`  - ⚠️ ${flaggedLine(p)}`);
    if (r.status !== 'OK') out.push(`  - \`${say('access.approveHint', { source: r.source })}\``);
  }
  return out.join('\n');
}

export async function accessApproveCmd(
  ctx: CliContext,
  wanted: string,
  opts: { by?: string; note: string },
  io: AccessIo,
  now = new Date(),
): Promise<number> {
  const by = person(opts.by, ctx.config.team, {});
  const store = await ctx.openStore();
  try {
    const repo = accessStore(store.conn);
    const sources = (await repo.sources()).filter((s) => matches(s, [wanted]));
    if (sources.length === 0) throw new CliError(say('access.noSnapshot', { source: wanted }), EX_USAGE);
    for (const source of sources) {
      const snap = (await repo.latestSnapshot(source))!;
      const a = await repo.approve({ source, snapshotId: snap.id, at: now, by, note: opts.note });
      io.out(
        `${say('access.approved', { source, snapshot: snap.id, n: snap.principals.length, by: a.by })}\n`,
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}

export async function accessHistoryCmd(
  ctx: CliContext,
  wanted: string | undefined,
  opts: { json: boolean },
  io: AccessIo,
): Promise<number> {
  const store = await ctx.openStore();
  try {
    const all = await accessStore(store.conn).approvals(undefined, 500);
    const list = all.filter((a) => wanted === undefined || matches(a.source, [wanted]));
    if (opts.json) io.out(`${JSON.stringify({ version: 1, approvals: list }, null, 2)}\n`);
    else if (list.length === 0) io.out(`${say('access.noApproval')}\n`);
    else
      for (const a of list)
        io.out(
          `${say('cli.access.historyLine', { at: dateTime(a.at, boardTimeZone(ctx.config)), source: a.source, id: a.snapshotId, by: a.by, note: a.note })}\n`,
        );
    return 0;
  } finally {
    await store.close();
  }
}
