import type { Kysely } from 'kysely';
import type { HostConfig } from '../../config/schema.js';
import { type Lang, t } from '../../i18n/index.js';
import { enqueue, type Routing } from '../../notify/outbox.js';
import { announceSignoff } from '../../notify/signoff.js';
import { appendDone } from '../../routines/repo.js';
import type { Routine } from '../../routines/schema.js';
import type { Conn } from '../../store/db.js';
import type { Database } from '../../store/schema.js';
import { endMessage, startMessage } from './announce.js';
import { type HostDeps, type HostReport, upgradeHost } from './host.js';
import type { UpgradePlan } from './plan.js';
import { createRun, finishRun, finishStep, type RunOutcome, startStep } from './repo.js';
import { refusalText, stepName } from './words.js';

/*
 * One `ronde upgrade run`: recorded, announced to the team when it starts and
 * when it ends, batch after batch, stopping at the first failure. The end
 * says the state of every host: upgraded, failed (at which step), refused,
 * not started, or already up to date.
 */

export type FinalState = 'upgraded' | 'failed' | 'interrupted' | 'refused' | 'not-started' | 'up-to-date';

export interface HostState {
  host: string;
  state: FinalState;
  why?: string;
  report?: HostReport;
}

export interface RunResult {
  runId: number;
  outcome: Exclude<RunOutcome, 'running'>;
  hosts: HostState[];
  signedOff?: string;
}

export interface RunDeps extends Omit<HostDeps, 'runId'> {
  hosts: readonly HostConfig[];
  startedBy: string;
  osUser: string;
  routing: Routing;
  lang: Lang;
  /** The routine to sign off when every host the run covers is upgraded or up to date. */
  routine?: Pick<Routine, 'id' | 'title'>;
  /** The run covers every host of `upgrade.hosts` (no narrowing on the command line). */
  complete: boolean;
  /** Sends what was just queued (the team hears of the start before anything changes). */
  deliver(): Promise<void>;
}

export async function runUpgrade(plan: UpgradePlan, d: RunDeps): Promise<RunResult> {
  const byName = new Map(d.hosts.map((h) => [h.name, h]));
  const at = d.now();
  const runId = await createRun(
    d.conn,
    {
      at,
      startedBy: d.startedBy,
      osUser: d.osUser,
      plan: {
        batches: plan.batches,
        allowRemove: d.allowRemove,
        hosts: plan.hosts.map((p) => ({
          host: p.host,
          packages: p.packages.map((x) => ({ name: x.name, from: x.from, to: x.to, security: x.security })),
          removals: p.removals.map((x) => x.name),
          reboot: p.reboot,
          refusals: p.refusals,
        })),
      },
    },
    async (trx, id) => {
      if (plan.batches.length > 0)
        await enqueue(trx, `upgrade:${id}:start`, startMessage(d.lang, id, plan, d.startedBy), d.routing, at);
      for (const p of plan.hosts.filter((x) => x.refusals.length > 0))
        await recordStep(trx, id, p.host, 'refused', at, { refusals: p.refusals });
    },
  );
  await d.deliver();

  const states = new Map<string, HostState>();
  for (const p of plan.hosts) {
    if (p.refusals.length > 0)
      states.set(p.host, {
        host: p.host,
        state: 'refused',
        why: p.refusals.map((r) => refusalText(d.lang, r)).join(t(d.lang, 'check.semicolon')),
      });
    else if (!plan.batches.flat().includes(p.host)) states.set(p.host, { host: p.host, state: 'up-to-date' });
  }
  let stopped: string | undefined;
  for (const batch of plan.batches) {
    if (stopped !== undefined || d.stop.aborted) {
      for (const name of batch) {
        const why = stopped ?? t(d.lang, 'upgrade.why.notStarted');
        states.set(name, { host: name, state: 'not-started', why });
        await startStep(d.conn, {
          runId,
          host: name,
          step: 'not-started',
          at: d.now(),
          detail: { why },
        }).then((id) => finishStep(d.conn, id, { at: d.now(), outcome: 'skipped' }));
      }
      continue;
    }
    const reports = await Promise.all(
      batch.map((name) =>
        upgradeHost(byName.get(name)!, plan.hosts.find((p) => p.host === name)!, { ...d, runId }),
      ),
    );
    for (const r of reports) {
      states.set(r.host, {
        host: r.host,
        state: r.outcome,
        ...(r.why
          ? {
              why: t(d.lang, 'upgrade.why.atStep', {
                step: stepName(d.lang, r.failedStep ?? ''),
                why: r.why,
              }),
            }
          : {}),
        report: r,
      });
      if (r.outcome !== 'upgraded' && stopped === undefined)
        stopped = t(d.lang, 'upgrade.why.batchStopped', { host: r.host, failed: r.outcome === 'failed' });
    }
  }

  const hosts = plan.hosts.map((p) => states.get(p.host)!);
  const outcome: RunResult['outcome'] = hosts.some((h) => h.state === 'failed')
    ? 'failed'
    : hosts.some((h) => h.state === 'interrupted' || h.state === 'not-started')
      ? 'interrupted'
      : plan.batches.length === 0 && hosts.every((h) => h.state !== 'refused')
        ? 'nothing'
        : hosts.some((h) => h.state === 'refused')
          ? 'failed'
          : 'ok';
  const all = hosts.every((h) => h.state === 'upgraded' || h.state === 'up-to-date');
  const result: RunResult = { runId, outcome, hosts };
  const end = d.now();
  const summary = summaryText(hosts, d.lang);
  await finishRun(d.conn, runId, { at: end, outcome, summary }, async (trx) => {
    if (plan.batches.length > 0)
      await enqueue(trx, `upgrade:${runId}:end`, endMessage(d.lang, runId, outcome, hosts), d.routing, end);
  });
  if (all && d.complete && d.routine && plan.hosts.length > 0) {
    const routine = d.routine;
    await appendDone(
      d.conn,
      {
        routine: routine.id,
        at: end,
        by: d.startedBy,
        osUser: d.osUser,
        note: `ronde upgrade run #${runId}: ${summary}`,
        items: [],
      },
      (trx, s) => announceSignoff(trx, { ...d.routing, language: d.lang }, routine, s, end),
    );
    result.signedOff = routine.id;
  }
  await d.deliver();
  return result;
}

async function recordStep(
  trx: Kysely<Database>,
  runId: number,
  host: string,
  step: string,
  at: Date,
  detail: Record<string, unknown>,
): Promise<void> {
  await trx
    .insertInto('upgrade_steps')
    .values({
      run_id: runId,
      host,
      step,
      started_at: at.getTime(),
      finished_at: at.getTime(),
      outcome: 'skipped',
      detail: JSON.stringify(detail),
    })
    .execute();
}

/** `2 upgraded, 1 refused`: kept with the run and in the routine's sign-off note, in the team's language. */
export function summaryText(hosts: readonly HostState[], lang: Lang = 'en'): string {
  const n = (s: FinalState) => hosts.filter((h) => h.state === s).length;
  return (['upgraded', 'up-to-date', 'failed', 'interrupted', 'refused', 'not-started'] as const)
    .filter((s) => n(s) > 0)
    .map((s) => `${n(s)} ${lang === 'en' ? s : t(lang, `upgrade.state.${s}`)}`)
    .join(', ');
}

export type { Conn };
