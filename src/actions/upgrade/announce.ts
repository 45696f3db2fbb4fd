import { type Lang, t } from '../../i18n/index.js';
import { type Draft, md } from '../../notify/format.js';
import type { UpgradePlan } from './plan.js';
import type { HostState, RunResult } from './run.js';

/*
 * What the team reads when a run starts and when it ends (events
 * `upgrade.start` and `upgrade.end`), queued in the outbox in the same
 * transaction that records the run.
 */

export function startMessage(lang: Lang, id: number, plan: UpgradePlan, by = ''): Draft {
  const order = plan.batches.flat();
  const lines = order.map((name) => {
    const p = plan.hosts.find((x) => x.host === name)!;
    const reboot = p.reboot
      ? `, ${t(lang, p.reboot === 'kernel' ? 'upgrade.plan.reboot.kernel' : 'upgrade.plan.reboot.required')}`
      : '';
    return `- ${md(t(lang, 'upgrade.plan.host', { host: name, n: p.packages.length, security: p.security }))}${reboot}`;
  });
  return {
    event: 'upgrade.start',
    title: t(lang, 'upgrade.start.title', { n: order.length }),
    text: t(lang, 'upgrade.start.text', { id, by: md(by || 'ronde'), hosts: lines.join('\n') }),
    severity: 'info',
  };
}

export function endMessage(
  lang: Lang,
  id: number,
  outcome: RunResult['outcome'],
  hosts: readonly HostState[],
): Draft {
  const lines = hosts.map(
    (h) => `- ${md(h.host)}: ${t(lang, `upgrade.state.${h.state}`)}${h.why ? ` — ${md(h.why)}` : ''}`,
  );
  return {
    event: 'upgrade.end',
    title: t(lang, 'upgrade.end.title', { outcome: t(lang, `upgrade.outcome.${outcome}`) }),
    text: t(lang, 'upgrade.end.text', { id, hosts: lines.join('\n') }),
    severity: outcome === 'failed' ? 'critical' : outcome === 'interrupted' ? 'warning' : 'info',
  };
}
