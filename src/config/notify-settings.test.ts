import { describe, expect, it } from 'vitest';
import {
  notifySettingsSchema,
  parseDigestTime,
  parseQuietHours,
  toNotifySettings,
} from './notify-settings.js';

describe('notify: settings', () => {
  it('defaults to damping 2, reminders every 3 days, the digest on Monday 9:00, failing after 3', () => {
    expect(toNotifySettings(notifySettingsSchema.parse({}))).toEqual({
      damping: 2,
      remindEveryDays: 3,
      digest: { weekday: 1, hour: 9 },
      failingAfter: 3,
      maxAttempts: 10,
    });
  });

  it('parses the YAML forms into what reminders take', () => {
    const s = toNotifySettings(
      notifySettingsSchema.parse({
        damping: 1,
        remind_every: '1w',
        digest: 'fri 17:00',
        quiet_hours: '22:00-08:00',
      }),
    );
    expect(s).toMatchObject({ damping: 1, remindEveryDays: 7, digest: { weekday: 5, hour: 17 } });
    expect(s.quietHours).toEqual({ from: 22, to: 8 });
    expect(toNotifySettings(notifySettingsSchema.parse({ digest: false })).digest).toBe(false);
  });

  it('refuses what reminders cannot honour, saying why', () => {
    expect(parseDigestTime('mon 09:30')).toMatch(/on the hour/);
    expect(parseDigestTime('monday 9')).toMatch(/expected a weekday/);
    expect(parseQuietHours('22:00-22:00')).toMatch(/empty range/);
    expect(parseQuietHours('25:00-08:00')).toMatch(/0–23/);
    expect(notifySettingsSchema.safeParse({ remind_every: '36h' }).success).toBe(false);
    expect(notifySettingsSchema.safeParse({ damping: 0 }).success).toBe(false);
    expect(notifySettingsSchema.safeParse({ dampng: 2 }).success).toBe(false);
  });
});
