import { Cron } from 'croner';
import type { Kysely } from 'kysely';
import type { CheckResult } from '../core/check.js';
import { type Lang, t } from '../i18n/index.js';
import { appendAudit } from '../store/audit.js';
import type { Database } from '../store/schema.js';
import { type Cover, coversOf, formatSelector, type Selector, selectorMatches } from './covers.js';
import { activeCovers, endAck, endSpan } from './covers-repo.js';
import type { CheckChange } from './format.js';
import type { Routing } from './outbox.js';
import { type MaintenanceWindow, route } from './schema.js';
import type { NotifyEvent } from './types.js';

/*
 * The one place where acknowledgements, silences and maintenance windows stop
 * announcements. A held change is recorded in the outbox as `suppressed` with
 * the reason (so "why did nobody hear?" has an answer) and is not counted as
 * told: when the cover ends and the problem is still there, the next round
 * announces it. State is never hidden: the page and the CLI show it as it is.
 */

export interface HoldOptions extends Routing {
  now: Date;
  hostTags: ReadonlyMap<string, readonly string[]>;
  /** `maintenance:` of the configuration. */
  windows?: readonly MaintenanceWindow[];
  timezone?: string;
  /** The team's language: the reason a held message keeps (`ronde outbox`) is said in it. Default en. */
  lang?: Lang;
}

export type Change = CheckChange & { event: string };

/** The configured windows open at `now`: a cron occurrence in (now − duration, now]. */
export function recurringCovers(windows: readonly MaintenanceWindow[], now: Date, tz?: string): Cover[] {
  const out: Cover[] = [];
  for (const w of windows) {
    const opened = new Cron(w.cron, { paused: true, ...(tz ? { timezone: tz } : {}) }).nextRun(
      new Date(now.getTime() - w.duration * 1000),
    );
    if (!opened || opened.getTime() > now.getTime()) continue;
    const selector: Selector = {};
    for (const k of ['host', 'tag', 'kind', 'check'] as const) if (w[k]) selector[k] = w[k];
    out.push({
      type: 'maintenance',
      id: `config:${w.name}`,
      reason: w.reason || w.name,
      by: 'ronde.yaml',
      at: opened,
      until: new Date(opened.getTime() + w.duration * 1000),
      selector,
      recurring: true,
    });
  }
  return out;
}

/**
 * Upkeep of the covers with this round's results, then the split of its
 * changes: an acknowledgement ends when its check is OK again (and its
 * recovery is told), or at its expiry; a window asked to end when all it
 * covers is OK ends then (once something it covers was not OK).
 */
export async function holdBack<C extends Change>(
  trx: Kysely<Database>,
  changes: readonly C[],
  results: readonly CheckResult[],
  o: HoldOptions,
): Promise<{ send: C[]; held: { change: C; covers: Cover[] }[] }> {
  await upkeep(trx, results, o);
  const covers = [
    ...(await activeCovers(trx, o.now)),
    ...recurringCovers(o.windows ?? [], o.now, o.timezone),
  ];
  const kinds = new Map(results.map((r) => [`${r.target}\0${r.check}`, r.kind]));
  const send: C[] = [];
  const held: { change: C; covers: Cover[] }[] = [];
  for (const c of changes) {
    const subject = { target: c.target, check: c.check, kind: kinds.get(`${c.target}\0${c.check}`) ?? '' };
    const mine = coversOf(covers, subject, o.hostTags).filter(
      // An acknowledgement is about the problem: the recovery that ends it is news.
      (x) => !(x.type === 'ack' && c.event === 'check.recovery'),
    );
    if (mine.length === 0) send.push(c);
    else held.push({ change: c, covers: mine });
  }
  for (const h of held) await recordHeld(trx, h.change, h.covers, o);
  return { send, held };
}

export function whyHeld(covers: readonly Cover[], lang: Lang = 'en'): string {
  return covers
    .map((c) =>
      t(lang, 'notify.held.by', {
        type: c.type,
        by: c.by,
        sel: c.selector ? formatSelector(c.selector) : '',
        reason: c.reason,
      }),
    )
    .join(t(lang, 'check.semicolon'));
}

/** One `suppressed` outbox row per change, cover and notifier it would have gone to; once, however many rounds. */
async function recordHeld(
  trx: Kysely<Database>,
  c: Change,
  covers: readonly Cover[],
  o: HoldOptions,
): Promise<void> {
  const ids = covers.map((x) => `${x.type}#${x.id}`).join(',');
  const identity = `held:${c.event}:${c.target}:${c.check}:${c.to}:${ids}`;
  const lang = o.lang ?? 'en';
  const title = t(lang, 'problem.title.one', { target: c.target, check: c.check, status: c.to });
  for (const notifier of route(c.event as NotifyEvent, o.routes, o.notifierNames)) {
    const key = `${identity}:${notifier}`;
    await trx
      .insertInto('outbox')
      .values({
        key,
        notifier,
        event: c.event,
        payload: JSON.stringify({ key, event: c.event, title, text: c.summary }),
        created_at: o.now.getTime(),
        state: 'suppressed',
        attempts: 0,
        next_attempt_at: o.now.getTime(),
        last_error: t(lang, 'notify.held.notSent', { why: whyHeld(covers, lang) }),
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }
}

async function upkeep(trx: Kysely<Database>, results: readonly CheckResult[], o: HoldOptions): Promise<void> {
  const t = o.now.getTime();
  const audit = (action: string, subject: string, detail: Record<string, unknown>) =>
    appendAudit(trx, {
      at: o.now,
      actor: 'ronde',
      action,
      subject,
      detail,
      address: 'local',
      channel: 'daemon',
    });
  for (const r of results)
    if (r.status === 'OK' && !r.notApplicable && (await endAck(trx, r.target, r.check, 'recovery', o.now)))
      await audit('ack.cleared', `${r.target}/${r.check}`, { why: 'recovered' });
  const expired = await trx
    .selectFrom('acks')
    .select(['id', 'target', 'check_name'])
    .where('ended_at', 'is', null)
    .where('expires_at', '<=', t)
    .execute();
  for (const a of expired) {
    await trx.updateTable('acks').set({ ended_at: t, ended_by: 'expiry' }).where('id', '=', a.id).execute();
    await audit('ack.expired', `${a.target}/${a.check_name}`, {});
  }
  const windows = (await activeCovers(trx, o.now)).filter((c) => c.type === 'maintenance' && c.endWhenOk);
  if (windows.length === 0) return;
  const states = await trx
    .selectFrom('check_state')
    .select(['target', 'check_name', 'kind', 'status'])
    .execute();
  for (const w of windows) {
    const covered = states.filter((s) =>
      selectorMatches(w.selector ?? {}, { target: s.target, check: s.check_name, kind: s.kind }, o.hostTags),
    );
    if (covered.length === 0 || covered.some((s) => s.status !== 'OK')) continue;
    // Only once something it covers went wrong during it: a window opened on a healthy host must wait for the reboot.
    const wrong = await trx
      .selectFrom('status_changes')
      .select('id')
      .where('at', '>=', w.at.getTime())
      .where('to_status', '!=', 'OK')
      .where(
        'target',
        'in',
        covered.map((s) => s.target),
      )
      .limit(1)
      .executeTakeFirst();
    if (wrong && (await endSpan(trx, w.id, 'maintenance', 'all OK', o.now)))
      await audit('maintenance.end', `#${w.id}`, { why: 'everything it covers is OK again' });
  }
}
