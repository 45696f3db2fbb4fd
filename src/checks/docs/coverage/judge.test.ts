import { describe, expect, it } from 'vitest';
import { judgeCoverage, type Subject } from './judge.js';

const now = new Date('2026-03-02T12:00:00Z');
const at = (iso: string) => new Date(iso);
const policy = { graceSec: 7 * 86_400, pageUrl: (p: string) => `https://wiki.example.org/doku.php?id=${p}` };
const lab: Subject = {
  kind: 'compose',
  name: 'lab',
  page: 'services:lab',
  changedAt: at('2026-03-01T00:00:00Z'),
};

describe('judgeCoverage', () => {
  it('a page edited within the grace before the change is current: document first, then deploy', () => {
    const r = judgeCoverage(
      'en',
      [lab],
      new Map([['services:lab', at('2026-02-25T00:00:00Z')]]),
      policy,
      now,
    );
    expect(r.status).toBe('OK');
  });

  it('a page older than the change and its grace is stale, with both dates', () => {
    const r = judgeCoverage(
      'en',
      [lab],
      new Map([['services:lab', at('2026-02-01T00:00:00Z')]]),
      policy,
      now,
    );
    expect(r).toMatchObject({
      status: 'WARN',
      summary: '1 with a stale page (services:lab)',
      reasons: [
        'Compose project lab: page services:lab last edited 2026-02-01, before its containers were recreated 2026-03-01',
      ],
    });
    expect(r.details?.suggestions).toEqual([
      {
        text: 'services:lab (Compose project lab)',
        url: 'https://wiki.example.org/doku.php?id=services:lab',
        group: 'page to update',
        since: '2026-02-01',
      },
    ]);
  });

  it('lists at most five names in the summary, all in the reasons', () => {
    const many: Subject[] = Array.from({ length: 7 }, (_, i) => ({
      kind: 'service',
      name: `s${i}`,
      page: `s${i}`,
    }));
    const r = judgeCoverage('en', many, new Map(), policy, now);
    expect(r.summary).toBe('7 without a page (s0, s1, s2, s3, s4, …)');
    expect(r.reasons).toHaveLength(7);
  });

  it('nothing to judge is OK and says so', () => {
    expect(judgeCoverage('en', [], new Map(), policy, now).summary).toBe(
      'nothing to document here (no subject left after ignore)',
    );
  });
});

describe('judgeCoverage in French', () => {
  it('names the subject and the dates in the team language', () => {
    const r = judgeCoverage(
      'fr',
      [lab],
      new Map([['services:lab', at('2026-02-01T00:00:00Z')]]),
      policy,
      now,
    );
    expect(r.summary).toBe('1 avec une page périmée (services:lab)');
    expect(r.reasons).toEqual([
      'projet Compose lab : page services:lab modifiée le 2026-02-01, avant que ses conteneurs soient recréés le 2026-03-01',
    ]);
  });
});
