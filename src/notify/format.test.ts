import { describe, expect, it } from 'vitest';
import { INVISIBLE } from '../i18n/index.js';
import { md, summaryMessage, unknownMessage } from './format.js';
import { backoffMs, messageKey } from './outbox.js';
import { digestWeek, inQuietHours, isoWeek } from './reminders.js';

describe('md', () => {
  it('shows check text literally: no markdown, no channel-wide mention, one line', () => {
    expect(md('**bold** _x_ [a](b)\n@all')).toBe('\\*\\*bold\\*\\* \\_x\\_ \\[a\\](b) `@`all');
    expect(md('(@channel) x@here')).toBe('(`@`channel) x@here');
  });

  it('leaves root@ADDRESS as typed: no invisible character breaks a copy-paste', () => {
    const s = md('ssh root@127.0.20.5: host key unknown');
    expect(s).toBe('ssh root@127.0.20.5: host key unknown');
    expect(s).not.toMatch(INVISIBLE);
  });
});

describe('messages', () => {
  it('groups "cannot check" by reason', () => {
    const d = unknownMessage('en', 'web1', [
      { check: 'disk', target: 'web1', from: 'OK', to: 'UNKNOWN', summary: 'ssh: timeout' },
      { check: 'apt', target: 'web1', from: 'OK', to: 'UNKNOWN', summary: 'ssh: timeout' },
      { check: 'tls', target: 'web1', from: 'OK', to: 'UNKNOWN', summary: 'openssl not found' },
    ]);
    expect(d.title).toBe('web1: cannot check 3 checks');
    expect(d.text).toContain('- ssh: timeout — `apt`, `disk`');
    expect(d.text).toContain('- openssl not found — `tls`');
  });

  it('the first-run summary says everything is fine when it is', () => {
    const d = summaryMessage('en', [{ check: 'disk', target: 'web1', status: 'OK', summary: 'fine' }]);
    expect(d.text).toContain('ronde now watches 1 check on 1 host: 1 OK.');
    expect(d.text).toContain('Everything is OK.');
    expect(d.severity).toBe('info');
  });

  it('the first summary does not count ronde itself as a host or a check', () => {
    const d = summaryMessage('en', [
      { check: 'disk', target: 'web1', status: 'OK', summary: 'fine' },
      { check: 'ronde.self', target: 'ronde', status: 'UNKNOWN', summary: 'no daemon round yet' },
    ]);
    expect(d.text).toContain('ronde now watches 1 check on 1 host: 1 OK.');
    // Its problem is still told.
    expect(d.text).toContain('`ronde.self`');
  });
});

describe('outbox arithmetic', () => {
  it('backs off 30 s × 2^n up to 1 h, never sooner than Retry-After', () => {
    expect([1, 2, 3, 8, 20].map((n) => backoffMs(n))).toEqual([
      30_000, 60_000, 120_000, 3_600_000, 3_600_000,
    ]);
    expect(backoffMs(1, 120)).toBe(120_000);
    expect(backoffMs(3, 10)).toBe(120_000);
  });

  it('keys differ per notifier and are stable', () => {
    expect(messageKey('e', 'chat')).toBe(messageKey('e', 'chat'));
    expect(messageKey('e', 'chat')).not.toBe(messageKey('e', 'mail'));
    expect(messageKey('e', 'chat')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('calendar', () => {
  it('computes ISO weeks across year ends', () => {
    expect(isoWeek(2025, 3, 3)).toBe('2025-W10');
    expect(isoWeek(2024, 12, 30)).toBe('2025-W01');
    expect(isoWeek(2021, 1, 3)).toBe('2020-W53');
  });

  it('the digest is due from its weekday and hour, local time', () => {
    const cfg = { timezone: 'Europe/Paris', digest: { weekday: 1, hour: 9 } };
    expect(digestWeek(cfg, new Date('2025-03-03T07:59:00Z'))).toBeUndefined(); // 08:59 Paris
    expect(digestWeek(cfg, new Date('2025-03-03T08:00:00Z'))).toBe('2025-W10');
    expect(digestWeek(cfg, new Date('2025-03-09T22:00:00Z'))).toBe('2025-W10'); // Sunday 23:00
    expect(digestWeek({ ...cfg, digest: false }, new Date('2025-03-04T08:00:00Z'))).toBeUndefined();
  });

  it('quiet hours may span midnight', () => {
    const cfg = { timezone: 'UTC', quietHours: { from: 21, to: 8 } };
    expect(inQuietHours(cfg, new Date('2025-03-03T23:00:00Z'))).toBe(true);
    expect(inQuietHours(cfg, new Date('2025-03-03T07:59:00Z'))).toBe(true);
    expect(inQuietHours(cfg, new Date('2025-03-03T08:00:00Z'))).toBe(false);
    expect(inQuietHours({ timezone: 'UTC' }, new Date('2025-03-03T23:00:00Z'))).toBe(false);
  });
});
