import { Command } from 'commander';
import type { Refusal } from '../actions/upgrade/plan.js';
import { listRuns, listSteps, type RunOutcome, type UpgradeStep } from '../actions/upgrade/repo.js';
import { refusalText, stepName, stepOutcome } from '../actions/upgrade/words.js';
import { t } from '../i18n/index.js';
import { boardTimeZone } from '../routines/board.js';
import type { CliContext } from './context.js';
import { CliError, EX_USAGE } from './errors.js';
import { cliLang, say } from './lang.js';
import { localDateTime } from './routines.js';

/** `ronde upgrade history`: the recorded runs, newest first, each host's steps and versions. */
export function upgradeHistoryCommand(deps: { context(): Promise<CliContext> }): Command {
  return new Command('history')
    .description(say('cli.upgrade.help.history'))
    .option('-n, --limit <n>', say('cli.upgrade.help.limit'), '10')
    .option('--json', say('cli.upgrade.help.historyJson'), false)
    .addHelpText('after', say('cli.upgrade.help.historyExamples'))
    .action(async (opts: { limit: string; json: boolean }) => {
      const ctx = await deps.context();
      const n = Number(opts.limit);
      if (!Number.isInteger(n) || n < 1) throw new CliError(say('cli.upgrade.badLimit'), EX_USAGE);
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
              outcome: runOutcome(r.outcome),
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

/** As recorded in English (`ok`, `nothing`); in another language as the end of a run says it. */
function runOutcome(o: RunOutcome): string {
  const lang = cliLang();
  if (lang === 'en') return o;
  return o === 'running' ? stepOutcome(lang, o) : t(lang, `upgrade.outcome.${o}`);
}

/** One host of a run: each step, its outcome and time, why it failed or was refused, the versions. */
export function hostLines(host: string, steps: UpgradeStep[]): string[] {
  const lang = cliLang();
  const out = [`  ${host}`];
  for (const s of steps) {
    const took = s.finishedAt
      ? ` ${((s.finishedAt.getTime() - s.startedAt.getTime()) / 1000).toFixed(1)} s`
      : '';
    const d = s.detail;
    let extra = '';
    const colon = t(lang, 'upgrade.history.colon');
    if (typeof d.error === 'string') extra = `${colon}${d.error}`;
    else if (s.step === 'reboot')
      extra = ` (${t(lang, d.done ? 'upgrade.history.rebooted' : d.needed ? 'upgrade.history.rebootSkipped' : 'upgrade.history.noReboot')})`;
    else if (Array.isArray(d.refusals))
      extra = `${colon}${(d.refusals as Refusal[]).map((x) => refusalText(lang, x)).join(t(lang, 'check.semicolon'))}`;
    else if (typeof d.why === 'string') extra = `${colon}${d.why}`;
    out.push(`    ${stepName(lang, s.step)} ${stepOutcome(lang, s.outcome)}${took}${extra}`);
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
