import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fleet, LAB_USER } from '../fleet/fleet-helpers.js';
import { type HttpCapture, startHttpCapture } from '../lab/http-capture.js';
import { type LabSshd, startLabSshd } from '../lab/sshd.js';
import { startTcpProxy, type TcpProxy } from '../lab/tcp-proxy.js';
import { outboxOf, startServe, waitFor } from './serve-helpers.js';

/*
 * The host is the unit of a round (issue 16): the real daemon (dist/), two
 * lab sshd hosts. Host `a` (5 checks, one of them hourly) is reached through
 * a relay the test cuts and restores; host `b` has a check whose HTTP answer
 * the test holds, so `b`'s round hangs meanwhile.
 */

let lab: LabSshd;
let relay: TcpProxy;
let hook: HttpCapture;
let slow: HttpCapture;

beforeAll(async () => {
  lab = await startLabSshd({ hosts: 2, firstIndex: 81, user: LAB_USER });
  relay = await startTcpProxy(lab.hosts[0]!);
  hook = await startHttpCapture();
  slow = await startHttpCapture();
});
afterAll(async () => {
  await relay?.close();
  await hook?.close();
  await slow?.close();
  await lab?.stop();
});

const never = '{ warn_pct: 100, crit_pct: 100, inode_warn_pct: 100, inode_crit_pct: 100 }';

describe('ronde serve: one round and one message per host', () => {
  it("an unreachable host with 5 checks is one 'cannot check' post and one recovery; a slow host delays no other", async () => {
    const [ha, hb] = lab.hosts;
    const known = lab.knownHosts('rounds_known', [
      `[${relay.address}]:${relay.port} ${ha!.hostKeys.ed25519}`,
      hb!.knownHostsLine(),
    ]);
    const disks = ['disk1', 'disk2', 'disk3', 'disk4', 'disk5'];
    const fleet = new Fleet(
      lab,
      [
        { name: 'a', at: { address: relay.address, port: relay.port }, knownHosts: known },
        { name: 'b', at: hb!, knownHosts: known },
      ],
      [
        'checks:',
        // disk5 is hourly: not due when `a` goes down, named in the same message all the same.
        ...disks.map(
          (d) =>
            `  - { name: ${d}, kind: system.disk, on: a, interval: ${d === 'disk5' ? '1h' : '2s'}, options: ${never} }`,
        ),
        `  - { name: feed, kind: freshness.url, on: b, interval: 2s, timeout: 90s, options: { url: "${slow.url}/feed", timeout: 80s } }`,
        'notifiers: [{ name: chat, type: mattermost, url: "${env:HOOK}" }]',
        'notify: { digest: false }',
        '',
      ].join('\n'),
    );
    const db = join(fleet.data, 'ronde', 'ronde.db');
    const serve = startServe(['--config', fleet.config, '--listen', '127.0.0.1:0'], {
      HOME: fleet.home,
      XDG_DATA_HOME: fleet.data,
      HOOK: `${hook.url}/hooks/x`,
    });
    const roundsOf = (host: string) =>
      serve.lines().filter((l) => l.msg === 'round saved' && l.host === host).length;
    const rowsFor = async (event: string) =>
      (await outboxOf(db)).filter((r) => r.event === event && r.title.startsWith('a: '));
    const postsFor = (title: RegExp) =>
      hook.requests.filter((r) => title.test((r.json as { text: string }).text));
    try {
      // The first round is the whole fleet's: one summary, counting 2 hosts (not ronde itself).
      await waitFor(
        () => serve.logs().includes('"announcements queued"'),
        60_000,
        () => serve.logs(),
      );
      const summary = (await outboxOf(db)).filter((r) => r.event === 'summary');
      expect(summary).toHaveLength(1);
      expect(summary[0]!.text).toMatch(/ronde now watches 6 checks on 2 hosts/);

      // b's next round hangs on its held HTTP answer…
      slow.hold();
      await waitFor(
        () => slow.pending > 0,
        30_000,
        () => serve.logs(),
      );
      // …while a becomes unreachable.
      relay.cut();
      await waitFor(
        async () => (await rowsFor('check.unknown')).length > 0,
        60_000,
        () => serve.logs(),
      );
      await waitFor(
        () => postsFor(/\*\*a: cannot check/).length > 0,
        30_000,
        () => `${hook.requests.length} posts`,
      );
      // a was told while b's round was still held: a host never waits for another.
      expect(slow.pending).toBeGreaterThan(0);
      slow.release();

      const afterDown = roundsOf('a');
      await waitFor(
        () => roundsOf('a') >= afterDown + 3,
        60_000,
        () => serve.logs(),
      );
      const unknown = await rowsFor('check.unknown');
      expect(unknown.map((r) => r.title)).toEqual(['a: cannot check 5 checks']);
      for (const d of disks) expect(unknown[0]!.text).toContain(`\`${d}\``);

      relay.restore();
      await waitFor(
        async () => (await rowsFor('check.recovery')).length > 0,
        60_000,
        () => serve.logs(),
      );
      const afterUp = roundsOf('a');
      await waitFor(
        () => roundsOf('a') >= afterUp + 3 && postsFor(/\*\*a: 5 checks OK again/).length > 0,
        60_000,
        () => serve.logs(),
      );
      const rows = (await outboxOf(db)).filter((r) => r.title.startsWith('a: '));
      expect(rows.map((r) => [r.event, r.title])).toEqual([
        ['check.unknown', 'a: cannot check 5 checks'],
        ['check.recovery', 'a: 5 checks OK again'],
      ]);
      expect(postsFor(/\*\*a: /)).toHaveLength(2);
    } finally {
      slow.release();
      const { code } = await serve.stop();
      expect(code).toBe(0);
    }
  }, 240_000);
});
