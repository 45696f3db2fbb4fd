import type { Hono } from 'hono';
import { Gauge, Registry } from 'prom-client';
import { EXIT_CODE } from '../core/status.js';
import { outboxStats } from '../notify/outbox.js';
import { loadBoard } from '../routines/board.js';
import type { WebEnv } from './context.js';

/*
 * GET /metrics for Prometheus (prom-client's text format). Read from the store
 * at each scrape into a fresh registry, so a value never outlives its check
 * (a removed host does not linger). Needs a session unless
 * `web.public_metrics` is on (the gate lets it through then).
 */
export function metricsRoutes(app: Hono<WebEnv>): void {
  app.get('/metrics', async (c) => {
    const deps = c.get('deps');
    if (!c.get('session') && !deps.config.web.public_metrics) return c.json({ error: 'not logged in' }, 401);
    const now = deps.now?.() ?? new Date();
    const registry = new Registry();
    const g = (name: string, help: string, labelNames: string[] = []) =>
      new Gauge({ name, help, labelNames, registers: [registry] });

    const status = g(
      'ronde_check_status',
      'Latest status of a check on a host: 0 OK, 1 WARN, 2 CRIT, 3 UNKNOWN',
      ['host', 'check', 'kind'],
    );
    for (const s of await deps.store.latestResults())
      if (!s.notApplicable) status.set({ host: s.target, check: s.check, kind: s.kind }, EXIT_CODE[s.status]);

    const overdue = g(
      'ronde_routine_overdue_days',
      'Calendar days a routine is overdue (0 when not overdue)',
      ['routine'],
    );
    for (const e of await loadBoard(deps.store, deps.config, now))
      overdue.set({ routine: e.routine.id }, e.state.overdueDays ?? 0);

    const stats = await outboxStats(deps.store, now);
    const backlog = g('ronde_outbox_messages', 'Messages in the outbox by state', ['state']);
    backlog.set({ state: 'pending' }, stats.pending);
    backlog.set({ state: 'sending' }, stats.sending);
    backlog.set({ state: 'failed' }, stats.failed);
    const failures = g('ronde_notifier_consecutive_failures', 'Failed sends in a row per notifier', [
      'notifier',
    ]);
    for (const n of stats.notifiers) failures.set({ notifier: n.notifier }, n.consecutiveFailures);
    g('ronde_outbox_oldest_pending_seconds', 'Age of the oldest message not yet sent').set(
      stats.oldestPendingSec ?? 0,
    );

    const [last] = await deps.store.conn.db
      .selectFrom('rounds')
      .select(['started_at', 'finished_at'])
      .where('trigger', '=', 'daemon')
      .orderBy('finished_at', 'desc')
      .limit(1)
      .execute();
    if (last) {
      g('ronde_last_round_duration_seconds', 'Duration of the last daemon round').set(
        (Number(last.finished_at) - Number(last.started_at)) / 1000,
      );
      g('ronde_last_round_timestamp_seconds', 'When the last daemon round finished (Unix time)').set(
        Number(last.finished_at) / 1000,
      );
    }
    g('ronde_up', '1 while the daemon loop runs').set(deps.daemon.healthy() ? 1 : 0);
    return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType });
  });
}
