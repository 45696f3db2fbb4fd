import { describe, expect, it } from 'vitest';
import { type FreshnessRules, judgeFreshness } from './judge.js';

const NOW = new Date('2026-12-05T20:00:00Z');
const now = NOW.getTime() / 1000;
const RULES: FreshnessRules = {
  selector: 'up',
  maxAgeSec: 900,
  warnAgeSec: 300,
  lookBackSec: 7 * 86_400,
  labelNames: ['instance'],
};

describe('judgeFreshness', () => {
  it('judges each series’ newest sample: OK, WARN past warn_age, CRIT past max_age', () => {
    const r = judgeFreshness(
      [
        { labels: { instance: 'a' }, at: now - 10 },
        { labels: { instance: 'b' }, at: now - 600 },
        { labels: { instance: 'c' }, at: now - 86_400 },
      ],
      RULES,
      'en',
      NOW,
    );
    expect(r.status).toBe('CRIT');
    expect(r.reasons).toEqual([
      '{instance="c"}: newest sample 24 h old (2026-12-04T20:00:00.000Z)',
      '{instance="b"}: newest sample 10 min old (2026-12-05T19:50:00.000Z)',
    ]);
    expect(judgeFreshness([{ labels: { instance: 'a' }, at: now - 10 }], RULES, 'fr', NOW).summary).toBe(
      '1 séries à jour, le plus ancien dernier point date de 10 s',
    );
  });

  it('is UNKNOWN when no series is found, never OK', () => {
    expect(judgeFreshness([], RULES, 'en', NOW)).toMatchObject({
      status: 'UNKNOWN',
      summary: 'no sample of up in the last 7 days: check the selector, or the series is gone',
    });
  });
});
