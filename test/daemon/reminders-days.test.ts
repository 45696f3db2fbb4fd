import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../src/checks/index.js';
import { loadConfig } from '../../src/config/load.js';
import { Announcer } from '../../src/daemon/announcer.js';
import { buildNotifiers } from '../../src/notify/index.js';
import { openStore } from '../../src/store/db.js';
import { tempDir } from '../cli/run-cli.js';

/*
 * The daemon's reminders over a week of a fresh install, on a fake clock and
 * a real store, through the real Mattermost notifier to a receiver on
 * 127.0.66.1: day 1 is the first-run summary's (nothing posted here), day 2
 * brings ONE post listing the twelve overdue routines with suggestions spread
 * over the team, and nothing more until `remind_every` (3 days) has passed.
 * The issue saw twelve posts in 2 s on day 2, all suggesting the same member.
 */

const TEAM = ['alice', 'bob', 'carol'];
const ROUTINES = Array.from({ length: 12 }, (_, i) => ({
  id: `r${String(i + 1).padStart(2, '0')}`,
  title: `Routine numéro ${i + 1}`,
}));

describe('reminders across days, one post per reminder run', () => {
  let server: Server;
  const posts: { at: string; text: string }[] = [];
  let clock = new Date('2026-03-02T08:00:00Z'); // Monday 09:00 in Paris
  let dir: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        posts.push({ at: clock.toISOString(), text: (JSON.parse(body) as { text: string }).text });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.66.1', r));
    const { port } = server.address() as AddressInfo;
    dir = tempDir('ronde-remind-');
    writeFileSync(
      join(dir, 'ronde.yaml'),
      [
        'language: fr',
        'timezone: Europe/Paris',
        `database: { path: ${join(dir, 'ronde.db')} }`,
        `team: [${TEAM.map((n) => `{ name: ${n}, mattermost: ${n} }`).join(', ')}]`,
        'routines:',
        ...ROUTINES.map(
          (r, i) => `  - { id: ${r.id}, title: ${r.title}, every: 1w${i === 0 ? ', assignee: carol' : ''} }`,
        ),
        'notifiers:',
        `  - { name: chat, type: mattermost, url: "http://127.0.66.1:${port}/hooks/x" }`,
        'notify: { remind_every: 3d, digest: false }',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  it('day 2 gives one post for the twelve, fairly suggested; no repeat before 3 days', async () => {
    const { config } = await loadConfig({ path: join(dir, 'ronde.yaml'), registry, env: {} });
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'ronde.db') });
    const announcer = new Announcer({
      config,
      registry,
      store,
      notifiers: buildNotifiers(config, {}),
      log: pino({ level: 'silent' }),
      now: () => clock,
      self: false,
    });
    await announcer.start();
    const signal = new AbortController().signal;
    // The daemon ticks every second; here, every two hours for eight days.
    const end = clock.getTime() + 8 * 86_400_000;
    for (; clock.getTime() <= end; clock = new Date(clock.getTime() + 2 * 3_600_000)) {
      announcer.tick(signal);
      await announcer.stop();
      // A reminder queued by this tick is delivered by the next work run: tick again a minute later.
      clock = new Date(clock.getTime() + 60_000);
      announcer.tick(signal);
      await announcer.stop();
    }
    await store.close();

    // The team's calendar days (Europe/Paris), not UTC's.
    const days = posts.map((p) => new Date(p.at).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }));
    // Day 2 (the 3rd), then every 3 days of being overdue: the 6th, the 9th.
    expect(days).toEqual(['2026-03-03', '2026-03-06', '2026-03-09']);
    const first = posts[0]!.text;
    // One post, all twelve, each once, in French.
    for (const r of ROUTINES)
      expect(first.match(new RegExp(`${r.title}(?!\\d)`, 'g')), r.title).toHaveLength(1);
    expect(first).not.toMatch(/\b(Overdue|Due today|Suggested|assigned|never done)\b/);
    // The assignee first; the eleven others spread over the three members, none left out.
    expect(first).toMatch(/Routine numéro 1\b.*@carol \(assignée\)/);
    const suggested = [...first.matchAll(/suggestion : @(\w+)/g)].map((m) => m[1]!);
    expect(suggested).toHaveLength(11);
    const counts = TEAM.map((n) => suggested.filter((s) => s === n).length);
    expect(Math.min(...counts), counts.join()).toBeGreaterThanOrEqual(3);
    expect(Math.max(...counts), counts.join()).toBeLessThanOrEqual(4);
    // The repeat is the same one post, with the days counted on.
    expect(posts[1]!.text).toMatch(/^:warning: \*\*Routines : 12 en retard\*\*/);
    expect(posts[1]!.text).toContain('à faire le 2026-03-02, il y a 4 jours');
  }, 60_000);
});
