import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AmAlert, PromAlert, RuleGroup, Silence, Target } from '../../../clients/prometheus/schema.js';
import { type AlertingFacts, type AlertingRules, judgeAlerting } from './judge.js';

const fx = (n: string) =>
  JSON.parse(readFileSync(new URL(`../../../../test/fixtures/prometheus/${n}`, import.meta.url), 'utf8'));
// One second after the captured rules' last evaluation (see the fixtures' README).
const LAST = Date.parse(fx('rules.json').data.groups[0].lastEvaluation);
const NOW = new Date(LAST + 1000);
const RULES: AlertingRules = {
  watchdog: 'Watchdog',
  targetsDown: 'WARN',
  ignoreJobs: [],
  ruleErrors: 'CRIT',
  staleIntervals: 3,
  silenceMaxSec: 14 * 86_400,
  notificationsFailed: 'CRIT',
};
const AM = 'http://127.0.60.2:19093';
const counter = (failed: number, total: number, at: number) => ({
  failed: { webhook: failed, email: 0 },
  total: { webhook: total, email: 0 },
  startedAt: 1_796_500_618,
  at,
});

function facts(over: Partial<AlertingFacts> = {}): AlertingFacts {
  return {
    prometheus: 'http://127.0.60.1:19090',
    rules: fx('rules.json').data.groups as RuleGroup[],
    targets: fx('targets.json').data.activeTargets as Target[],
    alerts: fx('alerts.json').data.alerts as PromAlert[],
    sendsTo: [`${AM}/api/v2/alerts`],
    alertmanagers: [
      {
        url: AM,
        alerts: fx('am-alerts.json') as AmAlert[],
        silences: fx('am-silences.json') as Silence[],
        counter: counter(0, 0, NOW.getTime() / 1000),
      },
    ],
    ...over,
  };
}

describe('judgeAlerting on captured answers', () => {
  it('names the failing rule with Prometheus’s error text and the target down', () => {
    const r = judgeAlerting(facts(), RULES, NOW);
    expect(r.status).toBe('CRIT');
    expect(r.reasons?.[0]).toMatch(/^rule Broken in meta fails: found duplicate series .*many-to-many/);
    expect(r.reasons).toContain(
      'target down 127.0.60.9:1 down: Get "http://127.0.60.9:1/metrics": dial tcp 127.0.60.9:1: connect: connection refused',
    );
    // alice's silence ends in a year: forgotten.
    expect(r.reasons?.some((m) => /^silence 97acb53c by alice \(alertname=Foo\) ends in 364d/.test(m))).toBe(
      true,
    );
  });

  it('is OK when nothing is wrong, and says what it looked at', () => {
    const groups = (fx('rules.json').data.groups as RuleGroup[]).map((g) => ({
      ...g,
      rules: g.rules.filter((x) => x.health === 'ok'),
    }));
    const r = judgeAlerting(
      facts({ rules: groups }),
      { ...RULES, ignoreJobs: ['down'], silenceMaxSec: 400 * 86_400 },
      NOW,
    );
    expect(r).toMatchObject({ status: 'OK' });
    expect(r.summary).toBe(
      '1 rules evaluating, 1 targets up, Watchdog firing and received by 1 Alertmanager, no failed notification',
    );
  });

  it('is CRIT when the Watchdog is missing on either side', () => {
    const noWatchdog = judgeAlerting(facts({ alerts: [] }), RULES, NOW);
    expect(noWatchdog.reasons).toContain(
      'Watchdog alert not firing in Prometheus http://127.0.60.1:19090: the always-firing alert is missing, the pipeline cannot be trusted',
    );
    const f = facts();
    f.alertmanagers[0]!.alerts = [];
    expect(judgeAlerting(f, RULES, NOW).reasons).toContain(
      `Watchdog alert not received by Alertmanager ${AM}: alerts do not reach it`,
    );
  });

  it('flags a stalled rule group', () => {
    const r = judgeAlerting(facts(), RULES, new Date(LAST + 10_000));
    expect(r.reasons).toContain('rule group meta (rules.yml) last evaluated 10s ago, every 1s');
    expect(judgeAlerting(facts(), RULES, new Date(LAST + 2_000)).reasons?.join()).not.toMatch(
      /last evaluated/,
    );
  });

  it('counts failed notifications since the previous reading, or since a restart', () => {
    const at = NOW.getTime() / 1000;
    const f = facts();
    f.alertmanagers[0]!.counter = counter(3, 5, at);
    f.previousCounters = { [AM]: counter(1, 2, at - 300) };
    expect(judgeAlerting(f, RULES, NOW).reasons).toContain(
      `Alertmanager ${AM}: 2 notifications failed since the previous round, 5m ago (webhook: 2; 3 sent): people may not be told`,
    );
    f.previousCounters = { [AM]: counter(3, 5, at - 300) };
    expect(judgeAlerting(f, RULES, NOW).reasons?.join()).not.toMatch(/failed since/);
    // Lower than before: Alertmanager restarted, every failure counted is new.
    f.previousCounters = { [AM]: counter(9, 9, at - 300) };
    expect(judgeAlerting(f, RULES, NOW).reasons?.join()).toMatch(/3 notifications failed since it started/);
  });

  it('is CRIT when Prometheus cannot be reached, UNKNOWN when an answer is unreadable', () => {
    const down = { error: 'cannot reach http://127.0.60.1:19090: ECONNREFUSED', unreachable: true };
    const r = judgeAlerting(
      facts({ rules: down, targets: down, alerts: down, sendsTo: down, alertmanagers: [] }),
      RULES,
      NOW,
    );
    expect(r).toMatchObject({
      status: 'CRIT',
      summary:
        'Prometheus http://127.0.60.1:19090 unreachable: cannot reach http://127.0.60.1:19090: ECONNREFUSED',
    });
    const odd = { error: 'unexpected answer at groups', unreachable: false };
    const groups = (fx('rules.json').data.groups as RuleGroup[]).map((g) => ({
      ...g,
      rules: g.rules.filter((x) => x.health === 'ok'),
    }));
    const u = judgeAlerting(facts({ rules: groups, targets: odd }), { ...RULES, silenceMaxSec: 4e7 }, NOW);
    expect(u.status).toBe('UNKNOWN');
    expect(u.reasons).toEqual(['Prometheus http://127.0.60.1:19090: unexpected answer at groups']);
  });
  it('speaks the team’s language: the summary and reasons in French, details unchanged', () => {
    const groups = (fx('rules.json').data.groups as RuleGroup[]).map((g) => ({
      ...g,
      rules: g.rules.filter((x) => x.health === 'ok'),
    }));
    const ok = judgeAlerting(
      facts({ rules: groups }),
      { ...RULES, ignoreJobs: ['down'], silenceMaxSec: 400 * 86_400 },
      NOW,
      'fr',
    );
    expect(ok.summary).toBe(
      '1 règle évaluée, 1 cible active, Watchdog déclenchée et reçue par 1 Alertmanager, aucune notification en échec',
    );
    const en = judgeAlerting(facts(), RULES, NOW, 'en');
    const fr = judgeAlerting(facts(), RULES, NOW, 'fr');
    expect(fr.status).toBe(en.status);
    expect(fr.summary).toMatch(
      /^la règle Broken du groupe meta échoue : found duplicate series .* ; cible down 127\.0\.60\.9:1 injoignable : .* \(\+1 autre\)$/,
    );
    expect(fr.reasons).toContain(
      'silence 97acb53c posé par alice (alertname=Foo) encore actif pendant 364 j 23 h : « maintenance »',
    );
    const at = NOW.getTime() / 1000;
    const f = facts();
    f.alertmanagers[0]!.counter = counter(3, 5, at);
    f.previousCounters = { [AM]: counter(1, 2, at - 300) };
    expect(judgeAlerting(f, RULES, NOW, 'fr').reasons).toContain(
      `Alertmanager ${AM} : 2 notifications en échec depuis le tour précédent, il y a 5 min (webhook: 2 ; 3 envoyées) : des personnes risquent de ne pas être prévenues`,
    );
    expect(judgeAlerting(facts({ alerts: [] }), RULES, NOW, 'fr').reasons).toContain(
      'alerte Watchdog non déclenchée dans Prometheus http://127.0.60.1:19090 : l’alerte toujours active manque, on ne peut pas se fier à la chaîne d’alerte',
    );
    const { problems: _fp, ...frDetails } = fr.details as Record<string, unknown>;
    const { problems: _ep, ...enDetails } = en.details as Record<string, unknown>;
    expect(frDetails).toEqual(enDetails);
  });
});
