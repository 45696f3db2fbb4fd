import type { Kysely } from 'kysely';
import type { CheckResult } from '../core/check.js';
import { type Status, worst } from '../core/status.js';
import { capJson } from './cap.js';
import type { Conn } from './db.js';
import type { Database } from './schema.js';
import type { RoundInput } from './types.js';

const MAX_SUMMARY = 2000;
const MAX_REASONS_BYTES = 8 * 1024;

interface State {
  status: string;
  since: number;
  consecutive: number;
}

/**
 * One transaction: the round, its results, the current state per
 * check+target, and a status change wherever the status differs from the
 * previous one (the first result of a check+target is a change from none).
 */
export async function saveRound(
  conn: Conn,
  round: RoundInput,
  results: CheckResult[],
  /** Runs in the same transaction after the results are saved (e.g. the daemon's outbox). */
  after?: (trx: Kysely<Database>, roundId: number) => Promise<void>,
): Promise<number> {
  return conn.write(async (trx) => {
    const status = results.length > 0 ? worst(results.map((r) => r.status)) : null;
    const inserted = await trx
      .insertInto('rounds')
      .values({
        started_at: round.startedAt.getTime(),
        finished_at: round.finishedAt.getTime(),
        trigger: round.trigger,
        interrupted: round.interrupted ? 1 : 0,
        host: round.host ?? null,
        result_count: results.length,
        status,
        ...(round.jobKey === undefined ? {} : { job_key: round.jobKey }),
      })
      // A job run again after its first run committed (its worker died before
      // telling the queue): the first write stands, this one adds nothing.
      .onConflict((oc) => oc.column('job_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const first = await trx
        .selectFrom('rounds')
        .select('id')
        .where('job_key', '=', round.jobKey ?? null)
        .executeTakeFirstOrThrow();
      return Number(first.id);
    }
    const roundId = Number(inserted.id);
    for (const r of results) await saveResult(trx, roundId, round, r);
    await after?.(trx, roundId);
    return roundId;
  });
}

async function saveResult(
  trx: Kysely<Database>,
  roundId: number,
  round: RoundInput,
  r: CheckResult,
): Promise<void> {
  const at = resultTime(r, round);
  const summary = cut(r.summary, MAX_SUMMARY);
  const row = await trx
    .insertInto('results')
    .values({
      round_id: roundId,
      check_name: r.check,
      kind: r.kind,
      target: r.target,
      status: r.status,
      summary,
      not_applicable: r.notApplicable ? 1 : 0,
      started_at: at,
      duration_ms: Math.round(r.durationMs),
      reasons: capReasons(r.reasons ?? []),
      data: capJson({
        details: r.details,
        evidence: r.evidence,
        ...(r.stamp ? { stamp: r.stamp } : {}),
        ...(r.validUntil ? { validUntil: r.validUntil } : {}),
      }),
    })
    // One result per round, host and check: a second one is a replay, not news.
    .onConflict((oc) => oc.columns(['round_id', 'target', 'check_name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return;
  const resultId = Number(row.id);

  // An interrupted round's UNKNOWNs are most likely the interruption itself,
  // not the machine: keep them in the results, but do not let them move the
  // state (nor announce a change that a re-run would undo).
  if (round.interrupted && r.status === 'UNKNOWN') return;

  const prev = await trx
    .selectFrom('check_state')
    .select(['status', 'since', 'consecutive'])
    .where('check_name', '=', r.check)
    .where('target', '=', r.target)
    .executeTakeFirst();
  const state: State | undefined = prev && { ...prev, since: Number(prev.since) };
  const changed = state?.status !== r.status;
  const next = {
    kind: r.kind,
    status: r.status,
    since: changed ? at : state.since,
    last_result_id: resultId,
    last_at: at,
    consecutive: changed ? 1 : state.consecutive + 1,
    summary,
    not_applicable: r.notApplicable ? 1 : 0,
  };
  await trx
    .insertInto('check_state')
    .values({ check_name: r.check, target: r.target, ...next })
    .onConflict((oc) => oc.columns(['check_name', 'target']).doUpdateSet(next))
    .execute();
  if (changed) {
    await trx
      .insertInto('status_changes')
      .values({
        at,
        check_name: r.check,
        target: r.target,
        from_status: (state?.status as Status | undefined) ?? null,
        to_status: r.status,
        summary,
        result_id: resultId,
        round_id: roundId,
      })
      .execute();
  }
}

/** When the result was observed; the round's start if the runner gave no usable time. */
function resultTime(r: CheckResult, round: RoundInput): number {
  const t = Date.parse(r.startedAt);
  return Number.isFinite(t) ? t : round.startedAt.getTime();
}

function cut(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) + '…' : s;
}

function capReasons(reasons: string[]): string {
  const out: string[] = [];
  let bytes = 2;
  for (const reason of reasons) {
    const r = cut(reason, 1000);
    bytes += Buffer.byteLength(JSON.stringify(r)) + 1;
    if (bytes > MAX_REASONS_BYTES) {
      out.push(`… ${reasons.length - out.length} more reasons (truncated)`);
      break;
    }
    out.push(r);
  }
  return JSON.stringify(out);
}
