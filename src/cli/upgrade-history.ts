import { Command } from 'commander';
import { listRuns, listSteps, type UpgradeStep } from '../actions/upgrade/repo.js';
import { t } from '../i18n/index.js';
import { boardTimeZone } from '../routines/board.js';
import type { CliContext } from './context.js';
import { CliError, EX_USAGE } from './errors.js';
import { cliLang } from './lang.js';
import { localDateTime } from './routines.js';

/** `ronde upgrade history`: the recorded runs, newest first, each host's steps and versions. */
export function upgradeHistoryCommand(deps: { context(): Promise<CliContext> }): Command {
  return new Command('history')
    .description('the recorded upgrade runs, newest first: who, when, each host’s steps and versions')
    .option('-n, --limit <n>', 'runs to show', '10')
    .option('--json', 'print a JSON document { version, runs }', false)
    .addHelpText('after', '\nExamples:\n  ronde upgrade history\n  ronde upgrade history -n 1 --json')
    .action(async (opts: { limit: string; json: boolean }) => {
      const n = Number(opts.limit);
      if (!Number.isInteger(n) || n < 1)
        throw new CliError('--limit takes a positive whole number', EX_USAGE);
      const ctx = await deps.context();
      const store = await ctx.openStore();
      try {
        const runs = await listRuns(store.conn.db, n);
        const steps = await listSteps(
          store.conn.db,
          runs.map((r) => r.id),
        );
        if (opts.json) {
          process.stdout.write(
            `${JSON.stringify({ version: 1, runs: runs.map((r) => ({ ...r, steps: steps.filter((s) => s.runId === r.id) })) }, null, 2)}\n`,
          );
          return;
        }
        if (runs.length === 0) {
          process.stdout.write(`${t(cliLang(), 'upgrade.history.none')}\n`);
          return;
        }
        const tz = boardTimeZone(ctx.config);
        const out: string[] = [];
        for (const r of runs) {
          const took = r.finishedAt
            ? `, ${Math.round((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000)} s`
            : '';
          out.push(
            t(cliLang(), 'upgrade.history.run', {
              id: r.id,
              at: localDateTime(r.startedAt, tz),
              by: r.startedBy,
              osUser: r.osUser,
              outcome: r.outcome,
              took,
            }) + (r.summary ? ` — ${r.summary}` : ''),
          );
          const mine = steps.filter((s) => s.runId === r.id);
          for (const host of [...new Set(mine.map((s) => s.host))])
            out.push(
              ...hostLines(
                host,
                mine.filter((s) => s.host === host),
              ),
            );
        }
        process.stdout.write(`${out.join('\n')}\n`);
      } finally {
        await store.close();
      }
    });
}

function hostLines(host: string, steps: UpgradeStep[]): string[] {
  const lang = cliLang();
  const out = [`  ${host}`];
  for (const s of steps) {
    const took = s.finishedAt
      ? ` ${((s.finishedAt.getTime() - s.startedAt.getTime()) / 1000).toFixed(1)} s`
      : '';
    const d = s.detail;
    let extra = '';
    if (typeof d.error === 'string') extra = `: ${d.error}`;
    else if (s.step === 'reboot')
      extra = d.done ? ' (rebooted)' : d.needed ? ' (needed, not done)' : ' (not needed)';
    else if (Array.isArray(d.refusals))
      extra = `: ${(d.refusals as { code: string; detail: string }[]).map((x) => `${x.code} ${x.detail}`).join('; ')}`;
    else if (typeof d.why === 'string') extra = `: ${d.why}`;
    out.push(`    ${s.step} ${s.outcome}${took}${extra}`);
    if (s.step === 'upgrade' && d.before && d.after) {
      const before = d.before as Record<string, string>;
      const after = d.after as Record<string, string>;
      for (const name of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort())
        out.push(
          `      ${name} ${before[name] ?? t(lang, 'upgrade.history.new')} → ${after[name] ?? t(lang, 'upgrade.history.removed')}`,
        );
    }
  }
  return out;
}
