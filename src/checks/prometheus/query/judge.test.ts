import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { QueryData } from '../../../clients/prometheus/schema.js';
import { judgeQuery, num, type QueryRules, seriesName } from './judge.js';

const upVector = JSON.parse(
  readFileSync(new URL('../../../../test/fixtures/prometheus/query-up.json', import.meta.url), 'utf8'),
).data as QueryData;
const NOW = new Date('2026-12-05T20:00:00Z');
const RULES: QueryRules = {
  query: 'up',
  direction: 'below',
  crit: 1,
  windowSec: 21_600,
  warnDays: 14,
  critDays: 3,
  labelNames: ['job'],
  empty: 'UNKNOWN',
};

describe('judgeQuery', () => {
  it('gives each series of a captured vector its own status, in English and French', () => {
    const r = judgeQuery(upVector, RULES, 'en', NOW);
    expect(r.status).toBe('CRIT');
    expect(r.summary).toBe('1 of 2 series: {job="down"} = 0, below 1');
    expect(judgeQuery(upVector, RULES, 'fr', NOW).summary).toBe(
      '1 sur 2 séries : {job="down"} = 0, en dessous de 1',
    );
    expect(judgeQuery(upVector, { ...RULES, crit: undefined, warn: 1 }, 'en', NOW).status).toBe('WARN');
  });

  it('is OK within limits, and UNKNOWN for NaN or a range vector without full_at', () => {
    expect(judgeQuery(upVector, { ...RULES, crit: 0 }, 'en', NOW)).toMatchObject({
      status: 'OK',
      summary: '2 series within limits',
    });
    const nan: QueryData = { resultType: 'vector', result: [{ metric: { a: '1' }, value: [1, 'NaN'] }] };
    expect(judgeQuery(nan, RULES, 'en', NOW).summary).toBe(
      '1 of 1 series: {a="1"}: the value is not a number',
    );
    const matrix: QueryData = { resultType: 'matrix', result: [] };
    expect(judgeQuery(matrix, RULES, 'en', NOW).status).toBe('UNKNOWN');
  });

  it('names series by their labels and prints numbers readably', () => {
    expect(seriesName({ __name__: 'up', job: 'a', instance: 'b' }, [])).toBe('up{instance="b", job="a"}');
    expect(seriesName({ __name__: 'up', job: 'a', instance: 'b' }, ['job'])).toBe('{job="a"}');
    expect([num(0), num(Math.PI), num(1.5e9), num(-86_400_000), num(0.0001)]).toEqual([
      '0',
      '3.142',
      '1.5e+9',
      '-8.64e+7',
      '1e-4',
    ]);
  });

  it('judges a trend per series: days to full against warn_days and crit_days', () => {
    const day = 86_400;
    const now = NOW.getTime() / 1000;
    // 10 units left, falling 2 per day: empty in 5 days → WARN; the other one is flat.
    const data: QueryData = {
      resultType: 'matrix',
      result: [
        {
          metric: { m: 'a' },
          values: [
            [now - day, '12'],
            [now, '10'],
          ],
        },
        {
          metric: { m: 'b' },
          values: [
            [now - day, '7'],
            [now, '7'],
          ],
        },
      ],
    };
    const r = judgeQuery(data, { ...RULES, crit: undefined, fullAt: 0, labelNames: ['m'] }, 'en', NOW);
    expect(r.status).toBe('WARN');
    expect(r.summary).toBe('1 of 2 series: {m="a"} reaches 0 in 5 days (now 10, -2 per day)');
    const ok = judgeQuery(
      data,
      { ...RULES, crit: undefined, fullAt: 0, warnDays: 4, critDays: 1 },
      'en',
      NOW,
    );
    expect(ok).toMatchObject({ status: 'OK', summary: '2 series, none reaching 0 within 4 days' });
  });
});
