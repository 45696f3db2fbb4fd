import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../core/command.js';
import { aptPending, aptPendingOptions, collectFacts, durationSec, judge } from './index.js';
import { parseDpkgHolds, parseUpgradable } from './parse.js';

const fx = (f: string) =>
  readFileSync(new URL(`../../../../test/fixtures/apt/pending/${f}`, import.meta.url), 'utf8');
const opts = aptPendingOptions.parse({});
// `date -u +%s` right after bookworm-stamps.txt was captured
const CAPTURED = new Date(1795615413 * 1000);
const FRESH_STAMPS = `${1795615413 - 3600}.0 /var/lib/apt/lists/partial\n1783764997.0 /var/lib/apt/lists/x_InRelease\n`;
// dpkg-query on the same machine: nothing held, then jq and libjq1 held (see the fixtures README).
const DPKG = fx('bookworm-dpkg-query.txt');
const DPKG_HELD = fx('bookworm-dpkg-query-held.txt');

function res(stdout: string, exitCode: number | null = 0, stderr = ''): CommandResult {
  return { argv: [], exitCode, stdout, stderr, timedOut: false, durationMs: 1 };
}

function evaluate(outputs: CommandResult[], options = opts, now = CAPTURED, lang: 'en' | 'fr' = 'en') {
  return aptPending.evaluate({
    lang,
    options,
    outputs,
    now,
    target: { name: 'h', transport: 'local' },
    signal: new AbortController().signal,
    run: async () => [],
  });
}

describe('apt.pending on real bookworm output', () => {
  it('counts 131 pending and 77 security, like check_apt on the same lists', async () => {
    const out = await evaluate([
      res(fx('bookworm-upgradable.txt')),
      res(DPKG),
      res(fx('bookworm-stamps.txt')),
    ]);
    expect(fx('bookworm-check_apt.txt')).toContain(
      '131 packages available for upgrade (77 critical updates)',
    );
    expect(out.status).toBe('CRIT');
    expect(out.details?.pending).toBe(131);
    expect(out.details?.security).toBe(77);
    // The lists were refreshed 10 minutes before: said as such, not "0.0 days".
    expect(out.summary).toBe('131 pending updates (77 security), lists 10 min old');
  });

  it('says it in French to a French team, reasons included', async () => {
    const outputs = [res(fx('bookworm-upgradable.txt')), res(DPKG_HELD), res(fx('bookworm-stamps.txt'))];
    const out = await evaluate(outputs, opts, CAPTURED, 'fr');
    expect(out.summary).toBe(
      '129 mises à jour en attente (75 de sécurité), 2 bloquées, listes vieilles de 10 min',
    );
    expect(out.reasons?.[0]).toMatch(/^75 mises à jour de sécurité : \S+ .* → /);
    expect(out.reasons?.[0]).toMatch(/… \(65 de plus\)$/);
    const stale = await evaluate(outputs, opts, new Date(CAPTURED.getTime() + 9 * 86_400_000), 'fr');
    expect(stale.reasons).toContain(
      'les listes de paquets datent de 9 jours, lancez apt update : des mises à jour plus récentes peuvent manquer',
    );
    const none = await evaluate([res('', 127), res(''), res('')], opts, CAPTURED, 'fr');
    expect(none.summary).toBe('apt n’est pas installé');
  });

  it('keeps versions and archives of each package', () => {
    const { packages } = parseUpgradable(fx('bookworm-upgradable.txt'));
    expect(packages.find((p) => p.name === 'krb5-locales')).toEqual({
      name: 'krb5-locales',
      arch: 'all',
      from: '1.20.1-2+deb12u3',
      to: '1.20.1-2+deb12u5',
      archives: ['oldstable', 'oldstable-security'],
      notes: '',
    });
  });

  it('only security pending but security: WARN gives WARN', async () => {
    const out = await evaluate([res(fx('bookworm-upgradable.txt')), res(DPKG), res(FRESH_STAMPS)], {
      ...opts,
      security: 'WARN',
    });
    expect(out.status).toBe('WARN');
  });

  it('ignore globs remove packages from the counts', async () => {
    const out = await evaluate([res(fx('bookworm-upgradable.txt')), res(DPKG), res(FRESH_STAMPS)], {
      ...opts,
      ignore: ['lib*', 'openjdk-*'],
    });
    const expected = fx('bookworm-upgradable.txt').match(/^(lib|openjdk-)/gm)?.length ?? 0;
    expect(expected).toBeGreaterThan(50);
    expect(out.details?.ignored).toHaveLength(expected);
    expect(out.details?.pending).toBe(131 - expected);
  });

  it('lists packages held according to dpkg-query apart and does not count them', async () => {
    const out = await evaluate([res(fx('bookworm-upgradable.txt')), res(DPKG_HELD), res(FRESH_STAMPS)]);
    // jq (Multi-Arch: foreign, `jq`) and libjq1 (Multi-Arch: same, `libjq1:amd64`), both from oldstable-security.
    expect(out.details?.held).toEqual(['jq', 'libjq1']);
    expect(out.details?.pending).toBe(129);
    expect(out.details?.security).toBe(75);
    expect(out.summary).toMatch(/^129 pending updates \(75 security\), 2 held, /);
    expect(out.reasons?.join()).not.toMatch(/\bjq\b/);
    const pkgs = out.details?.packages as { name: string; held: boolean }[];
    expect(pkgs.filter((p) => p.held).map((p) => p.name)).toEqual(['jq', 'libjq1']);
  });
});

describe('parseDpkgHolds on real dpkg-query output', () => {
  const showhold = (f: string) => fx(f).split('\n').filter(Boolean).sort();
  const bare = (names: Set<string>) => [...names].map((n) => n.replace(/:.*/, '')).sort();

  it('finds nothing held when nothing is', () => {
    const out = parseDpkgHolds(DPKG);
    expect(out.packages).toBe(775);
    expect(out.held.size).toBe(0);
    expect(showhold('bookworm-showhold.txt')).toEqual([]);
  });

  it('finds the held packages, with the arch qualifier of Multi-Arch: same ones', () => {
    const out = parseDpkgHolds(DPKG_HELD);
    expect(out.packages).toBe(775);
    expect([...out.held].sort()).toEqual(['jq', 'libjq1:amd64']);
  });

  it('holds the same names as apt-mark showhold captured at the same moment', () => {
    expect(bare(parseDpkgHolds(DPKG_HELD).held)).toEqual(showhold('bookworm-held-showhold.txt'));
    expect(bare(parseDpkgHolds(fx('lab-dpkg-query.txt')).held)).toEqual(showhold('lab-showhold.txt'));
  });

  it('ignores malformed lines, other formats and other selection states', () => {
    const text = [
      'hold ok installed',
      'hold  jq',
      'hi  jq',
      'held ok installed foo',
      'hold ok installed Upper',
      'hold ok installed bad name',
      'deinstall ok config-files oldpkg',
      'purge ok not-installed gone',
      'hold reinstreq half-installed broken:i386\r',
    ].join('\n');
    const out = parseDpkgHolds(text);
    expect([...out.held]).toEqual(['broken:i386']);
    expect(out.packages).toBe(3);
  });

  it('never throws and junk lines change nothing', () => {
    const lines = DPKG_HELD.split('\n');
    const junk = fc
      .string()
      .filter((j) => !j.includes('\n') && !/^\s*(unknown|install|hold|deinstall|purge) /.test(j));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(lines.length), junk)), (inserts) => {
        const mixed = [...lines];
        for (const [at, j] of inserts) mixed.splice(at, 0, j);
        const out = parseDpkgHolds(mixed.join('\n'));
        expect([...out.held].sort()).toEqual(['jq', 'libjq1:amd64']);
        expect(out.packages).toBe(775);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (t) => {
        expect(parseDpkgHolds(t).held.size).toBeLessThanOrEqual(t.split('\n').length);
      }),
    );
  });
});

describe('apt.pending on the local lab repository', () => {
  const facts = collectFacts(fx('lab-upgradable.txt'), fx('lab-dpkg-query.txt'), FRESH_STAMPS);

  it('lists held packages apart and does not count them', () => {
    const out = judge(facts, opts, CAPTURED, 'en');
    expect(out.details?.held).toEqual(['heldpkg']);
    // check_apt counts the Inst lines of apt-get -s upgrade: hello, openssl-lab. needsnew is kept back there.
    expect(fx('lab-apt-get-s-upgrade.txt').match(/^Inst /gm)).toHaveLength(2);
    expect(out.details?.pending).toBe(3);
    expect(out.details?.security).toBe(1);
    expect(out.summary).toContain('1 held');
    expect(out.status).toBe('CRIT');
  });
});

describe('apt.pending judging', () => {
  it('is good until the lists pass max_list_age, for reuse on an unchanged machine', () => {
    const facts = collectFacts(fx('lab-upgradable.txt'), fx('lab-dpkg-query.txt'), FRESH_STAMPS);
    const out = judge(facts, opts, CAPTURED, 'en');
    // The newest stamp is an hour before CAPTURED; max_list_age is 7 days.
    expect(out.validUntil).toBe(new Date((1795615413 - 3600 + 7 * 86400) * 1000).toISOString());
    const late = judge(facts, opts, new Date((1795615413 + 8 * 86400) * 1000), 'en');
    expect(late.validUntil).toBeUndefined(); // already stale: WARN, nothing to wait for
  });

  it('notes phased updates and does not count them (hand-made fixture)', () => {
    const dpkg =
      'install ok installed hello\ninstall ok installed libfoo1:amd64\ninstall ok installed openssl\n';
    const out = judge(collectFacts(fx('handmade-phased.txt'), dpkg, FRESH_STAMPS), opts, CAPTURED, 'en');
    expect(out.details?.phased).toEqual(['libfoo1']);
    expect(out.details?.pending).toBe(2);
    expect(out.details?.security).toBe(1);
  });

  it('0 pending on fresh lists is OK', async () => {
    const out = await evaluate([res('Listing...\n'), res(''), res(FRESH_STAMPS)]);
    expect(out.status).toBe('OK');
  });

  it('0 pending on lists 30 days old is a WARN telling to run apt update', async () => {
    const old = `${1795615413 - 30 * 86400}.5 /var/lib/apt/lists/partial\n1.0 /var/lib/apt/lists/a_InRelease\n`;
    const out = await evaluate([res('Listing...\n'), res(''), res(old)]);
    expect(out.status).toBe('WARN');
    expect(out.reasons?.join()).toMatch(/package lists are 30 days old, run apt update/);
  });

  it('no package lists at all (docker image) is a WARN', async () => {
    const out = await evaluate([res('Listing...\n'), res(''), res('', 1)]);
    expect(out.status).toBe('WARN');
    expect(out.reasons?.join()).toMatch(/no package lists/);
  });

  it('a line in an unknown format makes it UNKNOWN, never OK', async () => {
    const out = await evaluate([res(fx('handmade-oddline.txt')), res(''), res(FRESH_STAMPS)]);
    expect(out.status).toBe('UNKNOWN');
    expect(out.reasons?.[0]).toContain('this line is not in any format');
  });

  it('no apt is not applicable', async () => {
    const out = await evaluate([res('', 127, 'sh: apt: not found'), res('', 127), res('', 1)]);
    expect(out).toMatchObject({ status: 'UNKNOWN', notApplicable: true });
  });

  it('apt present but dpkg-query missing is UNKNOWN, not "not applicable"', async () => {
    const out = await evaluate([
      res(fx('bookworm-upgradable.txt')),
      res('', 127, 'sh: 1: dpkg-query: not found\n'),
      res(FRESH_STAMPS),
    ]);
    expect(out.status).toBe('UNKNOWN');
    expect(out.notApplicable).toBeUndefined();
    expect(out.summary).toBe('dpkg-query -W failed: command not found');
    expect(out.reasons?.[0]).toContain('dpkg-query: not found');
  });

  it('dpkg-query failing is UNKNOWN with its error line', async () => {
    const err = "dpkg-query: error: parsing file '/var/lib/dpkg/status' near line 12: blank line\n";
    const out = await evaluate([res(fx('bookworm-upgradable.txt')), res('', 2, err), res(FRESH_STAMPS)]);
    expect(out.status).toBe('UNKNOWN');
    expect(out.reasons?.[0]).toBe(`dpkg-query -W: exit 2: ${err.trim()}`);
  });

  it('dpkg-query printing no package while apt lists upgrades is UNKNOWN: holds cannot be known', async () => {
    const out = await evaluate([res(fx('bookworm-upgradable.txt')), res(''), res(FRESH_STAMPS)]);
    expect(out.status).toBe('UNKNOWN');
    expect(out.reasons?.[0]).toMatch(/apt lists 131 upgrades but dpkg-query printed no package line/);
  });

  it('apt failing (locked, broken sources) is UNKNOWN with apt error line', async () => {
    const out = await evaluate([
      res('', 100, 'E: The package lists or status file could not be parsed or opened.\n'),
      res(''),
      res(''),
    ]);
    expect(out.status).toBe('UNKNOWN');
    expect(out.reasons?.[0]).toContain('E: The package lists');
  });

  it('durations', () => {
    expect(durationSec('7d')).toBe(604800);
    expect(durationSec('36h')).toBe(129600);
    expect(durationSec(2)).toBe(172800);
    expect(aptPendingOptions.safeParse({ max_list_age: 'soon' }).success).toBe(false);
    expect(aptPendingOptions.safeParse({ typo: 1 }).success).toBe(false);
  });
});

describe('apt.pending never throws', () => {
  it('on random text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.string(),
        fc.string(),
        fc.integer({ min: -1, max: 255 }),
        async (a, b, c, code) => {
          const out = await evaluate([res(a, code), res(b), res(c)]);
          expect(['OK', 'WARN', 'CRIT', 'UNKNOWN']).toContain(out.status);
          if (out.status === 'UNKNOWN') expect(out.reasons?.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('on mangled real output', async () => {
    const real = fx('bookworm-upgradable.txt');
    await fc.assert(
      fc.asyncProperty(fc.nat(real.length), fc.nat(real.length), fc.string(), async (i, j, junk) => {
        const text = real.slice(0, Math.min(i, j)) + junk + real.slice(Math.max(i, j));
        const out = await evaluate([res(text), res(junk), res(junk)]);
        expect(out.status).not.toBe('OK');
      }),
    );
  });

  it('with missing outputs', async () => {
    const out = await evaluate([]);
    expect(out.status).toBe('UNKNOWN');
  });
});
