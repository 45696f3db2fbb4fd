import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitlabIssues } from '../../src/checks/gitlab/issues/index.js';
import type { CheckResult } from '../../src/core/check.js';
import { recordDaemonRound } from '../../src/notify/announce.js';
import { evaluateRoutines, type RemindersConfig } from '../../src/notify/reminders.js';
import { openStore } from '../../src/store/db.js';
import { fakeIssue, type GitlabFake, startGitlabFake } from '../fakes/gitlab-fake.js';
import { type Backend, postgresBackend, sqliteBackend } from '../store/helpers.js';
import { daemonRound, outboxRows } from './outbox-helpers.js';

/*
 * Seed R13, acceptance: a 100-day-old GitLab issue reaches people in the
 * weekly digest, once per week, and never as an alert. The real kind reads
 * the GitLab fake every 6 hours; the daemon's announcer and the reminders
 * run as `ronde serve` runs them.
 */

const HOUR = 3_600_000;
const start = new Date('2025-03-02T12:00:00+01:00'); // a Sunday in Paris
let fake: GitlabFake;

beforeAll(async () => {
  fake = await startGitlabFake();
  // 100 days old on the first Monday of the test; another one touched recently.
  fake.issues.set('team/infra', [
    fakeIssue('team/infra', 7, 'Document the LDAP backup', '2024-11-24T09:00:00Z', { labels: ['docs'] }),
    fakeIssue('team/infra', 8, 'Fresh issue', '2025-02-20T09:00:00Z'),
  ]);
});
afterAll(() => fake.close());

async function issuesResult(now: Date): Promise<CheckResult> {
  const o = gitlabIssues.options.parse({ url: fake.url, projects: ['team/infra'] });
  const outcome = await gitlabIssues.evaluate({
    lang: 'en',
    options: o,
    target: { name: 'ronde', transport: 'local' },
    outputs: [],
    now,
    signal: new AbortController().signal,
    run: async () => [],
  });
  return {
    ...outcome,
    check: 'gitlab.issues',
    kind: 'gitlab.issues',
    target: 'ronde',
    startedAt: now.toISOString(),
    durationMs: 5,
    evidence: [],
  };
}

describe.each<Backend>([sqliteBackend(), postgresBackend()])('forgotten issues on $name', (backend) => {
  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());

  it('are in each weekly digest once, never announced as a problem', async () => {
    const store = await openStore(await backend.fresh('suggest'));
    const config: RemindersConfig = {
      routines: [],
      team: [],
      timezone: 'Europe/Paris',
      notifierNames: ['chat'],
      digest: { weekday: 1, hour: 9 },
    };
    // Two weeks of daemon life: the check every 6 h, the reminders every hour.
    for (let h = 0; h < 14 * 24; h++) {
      const now = new Date(start.getTime() + h * HOUR);
      if (h % 6 === 0)
        await recordDaemonRound(store, daemonRound(now), [await issuesResult(now)], {
          now,
          notifierNames: ['chat'],
        });
      await evaluateRoutines(store, config, now);
    }
    const rows = await outboxRows(store);
    const digests = rows.filter((r) => r.event === 'digest');
    expect(digests.map((r) => r.message.title)).toEqual(['Weekly digest 2025-W10', 'Weekly digest 2025-W11']);
    for (const d of digests) {
      expect(d.message.text).toContain('**When you have time:**');
      expect(d.message.text).toContain(
        '  - **docs**\n    - [team/infra\\#7 Document the LDAP backup](https://gitlab.example.org/team/infra/-/issues/7) — idle since 2024-11-24',
      );
      expect(d.message.text).not.toContain('Fresh issue');
      expect(d.message.text).toContain('**Open problems:** none.');
    }
    // Only the first-run summary besides the digests: no problem post, ever.
    expect(rows.filter((r) => r.event !== 'digest').map((r) => r.event)).toEqual(['summary']);
    await store.close();
  });
});
