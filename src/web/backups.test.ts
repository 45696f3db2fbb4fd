import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIT_YAML, type Kit, webKit } from './test-kit.js';

let kit: Kit;
afterEach(() => kit.close());

const DAY = 86_400_000;
const ago = (d: number) => new Date(kit.now.t.getTime() - d * DAY);
const iso = (d: number) => ago(d).toISOString();

describe('backups page', () => {
  beforeEach(async () => {
    kit = await webKit();
  });

  it('shows every set and guest: newest age, size, a size sparkline; worst first', async () => {
    await kit.results(ago(0.1), [
      [
        'nas',
        'backup.files',
        'WARN',
        'db: newest dump 3 days old',
        {
          path: '/srv/dumps',
          series: [
            {
              group: 'db',
              status: 'WARN',
              problems: [{ status: 'WARN', why: 'db: newest dump 3 days old' }],
              newest: { name: 'db-3.sql.gz', size: 3_145_728, mtime: iso(3), ageSec: 3 * 86400 },
              files: [
                { name: 'db-3.sql.gz', size: 3_145_728, mtime: iso(3) },
                { name: 'db-4.sql.gz', size: 2_621_440, mtime: iso(4) },
                { name: 'db-5.sql.gz', size: 2_097_152, mtime: iso(5) },
              ],
            },
            {
              group: 'wiki',
              status: 'OK',
              problems: [],
              newest: { name: 'wiki-0.tgz', size: 500_000_000, mtime: iso(0.5), ageSec: 43200 },
              files: [{ name: 'wiki-0.tgz', size: 500_000_000, mtime: iso(0.5) }],
            },
          ],
        },
      ],
      [
        'nas',
        'backup.borg',
        'OK',
        'newest archive is 10 h old',
        {
          repository: '/srv/borg/web1',
          archive: { name: 'web1-1', time: iso(0.4), size: 2_147_483_648 },
          history: [
            { id: 'a', time: iso(0.4), size: 2_147_483_648 },
            { id: 'b', time: iso(1.4), size: 1_900_000_000 },
          ],
        },
      ],
    ]);
    for (const [d, size] of [
      [2, 8_589_934_592],
      [1, 9_663_676_416],
    ] as const)
      await kit.results(ago(d), [
        [
          'pve',
          'proxmox.backups',
          'CRIT',
          '1 of 2 guests: 101 mail (no backup)',
          {
            guests: [
              {
                vmid: 100,
                name: 'web',
                status: 'OK',
                reasons: [],
                newest: { volid: 'x', storage: 'pbs', ctime: iso(d), size },
              },
              { vmid: 101, name: 'mail', status: 'CRIT', reasons: ['no backup at all'], newest: null },
            ],
          },
        ],
      ]);
    const html = await (await kit.req('GET', '/backups', { as: 'viewer' })).text();
    // Worst first (the guest without a backup, the late dump series), then oldest newest backup first.
    const order = ['101 mail', '>db<', '100 web', '>wiki<', '/srv/borg/web1'].map((s) => html.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('no backup at all');
    expect(html).toContain('db: newest dump 3 days old');
    expect(html).toContain('3 days ago');
    expect(html).toContain('2.0 GiB');
    // Sparklines: the dump series (3 files), borg (2 archives), the guest (2 results).
    expect(html.match(/<polyline /g)?.length).toBe(3);
    expect(html).toContain('3 backups: 2.0 MiB → 3.0 MiB');
    expect(html).toContain('2 backups: 8.0 GiB → 9.0 GiB');
    const api = (await (await kit.req('GET', '/api/v1/backups', { as: 'viewer' })).json()) as {
      sets: { name: string; size: number | null; sizes: unknown[] }[];
    };
    expect(api.sets.map((s) => s.name)).toEqual(['101 mail', 'db', '100 web', 'wiki', '/srv/borg/web1']);
    expect(api.sets[2]?.sizes).toHaveLength(2);
  });

  it('a backup check without details still shows, with its status and why', async () => {
    await kit.results(ago(0.1), [['nas', 'backup.restic', 'UNKNOWN', 'restic not found on the target']]);
    const html = await (await kit.req('GET', '/backups', { as: 'viewer' })).text();
    expect(html).toContain('restic not found on the target');
    expect(html).toContain('<span class="st UNKNOWN">UNKNOWN</span>');
    expect(html).toContain('href="/backups"');
  });
});

describe('releases page', () => {
  beforeEach(async () => {
    kit = await webKit(
      KIT_YAML,
      `releases:
  - { name: mattermost, source: oci, repo: mattermost/mattermost-team-edition }
  - { name: ronde, source: github, repo: example/ronde }
`,
    );
  });

  it('shows what the bot saw and announced, and who runs an older version', async () => {
    const db = kit.store.conn.db;
    await db
      .insertInto('release_watch')
      .values([
        { watch: 'mattermost', initialized_at: ago(30).getTime(), checked_at: ago(0.1).getTime() },
        {
          watch: 'ronde',
          initialized_at: ago(30).getTime(),
          checked_at: ago(0.1).getTime(),
          last_error: 'GitHub answered 503',
        },
      ])
      .execute();
    await db
      .insertInto('release_seen')
      .values([
        {
          watch: 'mattermost',
          version: '9.10.0',
          tag: '9.10.0',
          url: null,
          seen_at: ago(30).getTime(),
          announced: 0,
        },
        {
          watch: 'mattermost',
          version: '9.11.1',
          tag: '9.11.1',
          url: null,
          seen_at: ago(2).getTime(),
          announced: 1,
        },
      ])
      .execute();
    await kit.results(ago(0.2), [
      [
        'chat1',
        'docker.updates',
        'WARN',
        '1 image behind',
        { images: [{ image: 'mattermost/mattermost-team-edition:9.10.0', running: '9.10.0' }] },
      ],
      [
        'chat2',
        'docker.updates',
        'OK',
        'current',
        { images: [{ image: 'mattermost/mattermost-team-edition:9.11.1', running: '9.11.1' }] },
      ],
    ]);
    const html = await (await kit.req('GET', '/releases', { as: 'viewer' })).text();
    const mm = html.slice(html.indexOf('mattermost'), html.indexOf('<strong>ronde'));
    expect(mm.indexOf('9.11.1')).toBeLessThan(mm.indexOf('9.10.0'));
    expect(mm).toContain('announced');
    expect(mm).toContain('recorded without a message');
    expect(mm).toContain('Hosts running an older version');
    expect(mm).toContain('chat1</a> (9.10.0)');
    expect(mm).not.toContain('chat2');
    const ronde = html.slice(html.indexOf('<strong>ronde'));
    expect(ronde).toContain('last error: GitHub answered 503');
    expect(ronde).toContain('No image of this software to compare');
    const fr = await kit.req('GET', '/releases', { as: 'viewer' });
    expect(fr.status).toBe(200);
    const api = (await (await kit.req('GET', '/api/v1/releases', { as: 'viewer' })).json()) as {
      watches: { name: string; older: { host: string }[] | null; seen: { version: string }[] }[];
    };
    expect(api.watches[0]?.older).toEqual([{ host: 'chat1', version: '9.10.0' }]);
    expect(api.watches[0]?.seen.map((s) => s.version)).toEqual(['9.11.1', '9.10.0']);
    expect(api.watches[1]?.older).toBeNull();
  });
});
