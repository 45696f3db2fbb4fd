import { describe, expect, it } from 'vitest';
import { judgeRotation } from './judge.js';

const now = new Date('2026-12-01T00:00:00Z');
const daysAgo = (d: number) => now.getTime() / 1000 - d * 86_400;
const MAX = 183 * 86_400;

describe('judgeRotation', () => {
  const entries = ['root/web1', 'root/db1', 'misc/wifi'];
  const log = new Map([
    ['root/web1', daysAgo(200)],
    ['root/db1', daysAgo(10)],
    ['misc/wifi', daysAgo(900)],
  ]);

  it('WARNs for overdue critical entries only, oldest first', () => {
    const o = judgeRotation(entries, log, ['root/*'], MAX, now, 'en');
    expect(o.status).toBe('WARN');
    expect(o.details?.overdue).toEqual(['root/web1']);
    expect(o.reasons).toEqual(['root/web1: last changed 2026-05-15, 200 days ago (limit 183 days)']);
  });

  it('is OK when all changed in time, valid until the next falls due', () => {
    const o = judgeRotation(entries, log, ['root/db1'], MAX, now, 'en');
    expect(o.status).toBe('OK');
    expect(o.validUntil).toBe(new Date((daysAgo(10) + MAX) * 1000).toISOString());
  });

  it('speaks French when the team does', () => {
    const o = judgeRotation(entries, log, ['root/*'], MAX, now, 'fr');
    expect(o.summary).toBe(
      '1 entrée critique sur 2 non changée depuis plus de 183 jours (la plus ancienne : root/web1, 200 jours)',
    );
    expect(o.reasons).toEqual(['root/web1 : changé le 2026-05-15, il y a 200 jours (limite 183 jours)']);
    const ok = judgeRotation(entries, log, ['root/db1'], MAX, now, 'fr');
    expect(ok.summary).toBe(
      '1 entrée critique changée depuis moins de 183 jours (la plus ancienne : root/db1, 10 jours)',
    );
  });

  it('is UNKNOWN when nothing matches, and names entries without history', () => {
    expect(judgeRotation(entries, log, ['nope/*'], MAX, now, 'en').status).toBe('UNKNOWN');
    const o = judgeRotation([...entries, 'root/new'], log, ['root/*'], MAX, now, 'en');
    expect(o.status).toBe('WARN');
    expect(o.reasons?.at(-1)).toMatch(/^root\/new: not in the store's git history/);
    expect(judgeRotation(['root/new'], log, ['root/*'], MAX, now, 'en').status).toBe('UNKNOWN');
  });
});
