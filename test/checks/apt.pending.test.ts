import { execFileSync } from 'node:child_process';
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aptPending, aptPendingOptions } from '../../src/checks/apt/pending/index.js';
import { LocalTarget } from '../../src/targets/local.js';
import { startNodeExporter } from '../lab/prometheus.js';

const CHECK_APT = '/usr/lib/nagios/plugins/check_apt';

/** check_apt exits 1/2 when upgrades are pending: read its output whatever the exit code. */
function checkApt(): { total: number; security: number } {
  let out: string;
  try {
    out = execFileSync(CHECK_APT, ['-t', '50'], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  } catch (err) {
    out = String((err as { stdout?: string }).stdout ?? '');
  }
  const m = /(\d+) packages? available for upgrade \((\d+) critical updates?\)/.exec(out);
  if (!m) throw new Error(`cannot read check_apt output: ${out}`);
  return { total: Number(m[1]), security: Number(m[2]) };
}

/** Names `apt-get upgrade` keeps back (need new packages or removals, or held): check_apt does not count them. */
function keptBack(): string[] {
  const out = execFileSync('apt-get', ['-s', '-o', 'Debug::NoLocking=true', 'upgrade'], {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C' },
  });
  const m = /The following packages have been kept back:\n((?: .*\n)+)/.exec(out);
  return m?.[1]?.split(/\s+/).filter(Boolean) ?? [];
}

describe('apt.pending against check_apt on this machine', () => {
  it('has check_apt installed (apt-get install monitoring-plugins-basic)', () => {
    expect(existsSync(CHECK_APT)).toBe(true);
  });

  it('counts the same total and security updates', async () => {
    const target = new LocalTarget('localhost');
    const options = aptPendingOptions.parse({});
    const outputs = await target.runBatch(aptPending.commands(options));
    const out = await aptPending.evaluate({
      lang: 'en',
      options,
      outputs,
      now: new Date(),
      target,
      signal: new AbortController().signal,
      run: (c) => target.runBatch(c),
    });
    const ref = checkApt();
    const held = new Set(out.details?.held as string[]);
    // Packages kept back for new dependencies are pending for ronde (full-upgrade, R1), not for check_apt.
    const needFullUpgrade = keptBack().filter((n) => !held.has(n)).length;
    expect(out.status).not.toBe('UNKNOWN');
    expect(out.details?.pending).toBe(ref.total + needFullUpgrade);
    expect(out.details?.security).toBeGreaterThanOrEqual(ref.security);
    if (needFullUpgrade === 0) expect(out.details?.security).toBe(ref.security);
    // This machine has real pending upgrades after apt-get update: a count of 0 would test nothing.
    expect(ref.total).toBeGreaterThan(0);
  }, 60_000);
});

describe('apt.pending from a node-exporter (the apt textfile collector)', () => {
  let lab: Awaited<ReturnType<typeof startNodeExporter>>;
  // The real collector of prometheus-node-exporter-collectors, run on this machine now.
  const collector = () =>
    execFileSync('/usr/bin/python3', ['/usr/share/prometheus-node-exporter-collectors/apt_info.py'], {
      encoding: 'utf8',
    });
  beforeAll(async () => {
    lab = await startNodeExporter();
  }, 60_000);
  afterAll(() => lab?.stop());

  const run = (now = new Date()) => {
    const options = aptPendingOptions.parse({ node_exporter: `${lab.url}/metrics`, max_list_age: 36500 });
    expect(aptPending.commands(options)).toEqual([]);
    return Promise.resolve(
      aptPending.evaluate({
        options,
        target: { name: 'lab', transport: 'local' },
        lang: 'en',
        outputs: [],
        now,
        signal: new AbortController().signal,
        run: async () => [],
      }),
    );
  };

  it('counts the same pending and security updates as the commands on this machine', async () => {
    writeFileSync(join(lab.textfileDir, 'apt.prom'), collector());
    const viaMetrics = await run();
    const target = new LocalTarget('localhost');
    const options = aptPendingOptions.parse({ max_list_age: 36500 });
    const viaSsh = await aptPending.evaluate({
      options,
      target,
      lang: 'en',
      outputs: await target.runBatch(aptPending.commands(options)),
      now: new Date(),
      signal: new AbortController().signal,
      run: async () => [],
    });
    expect(viaMetrics.status).toBe(viaSsh.status);
    expect(viaMetrics.details).toMatchObject({
      pending: viaSsh.details?.pending,
      security: viaSsh.details?.security,
    });
    expect(viaMetrics.summary).toContain(`(from ${lab.url}/metrics)`);
  });

  it('is UNKNOWN, not OK, when the metrics are older than max_list_age or absent', async () => {
    const file = join(lab.textfileDir, 'apt.prom');
    writeFileSync(file, collector());
    const old = Date.now() / 1000 - 400 * 86_400;
    utimesSync(file, old, old);
    const options = aptPendingOptions.parse({ node_exporter: `${lab.url}/metrics`, max_list_age: '7d' });
    const r = await aptPending.evaluate({
      options,
      target: { name: 'lab', transport: 'local' },
      lang: 'en',
      outputs: [],
      now: new Date(),
      signal: new AbortController().signal,
      run: async () => [],
    });
    expect(r.status).toBe('UNKNOWN');
    expect(r.summary).toMatch(
      /^apt metrics of http:\/\/127\.0\.60\.3:\d+\/metrics written 400 days ago: the collector has stopped/,
    );
    writeFileSync(file, '# nothing\n');
    expect((await run()).summary).toMatch(/^no apt_upgrades_pending in /);
  });
});
