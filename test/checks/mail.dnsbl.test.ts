import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateDnsbl, mailDnsbl } from '../../src/checks/mail/dnsbl/index.js';
import { ronde, tempDir } from '../cli/run-cli.js';
import { type KnotLab, startKnotLab } from '../lab/knot.js';

// The lab's Knot DNS serves zen.spamhaus.org and dbl.spamhaus.org on 127.0.53.1 and is the
// resolver: nothing leaves loopback, nothing goes through the machine's resolver.
let lab: KnotLab;
beforeAll(async () => {
  lab = await startKnotLab('127.0.53.11');
});
afterAll(() => lab?.stop());

const run = (options: Record<string, unknown>, previous?: { details: Record<string, unknown> }) =>
  evaluateDnsbl({
    options: mailDnsbl.options.parse({ resolver: [lab.server], ...options }),
    now: new Date(),
    signal: new AbortController().signal,
    ...(previous ? { previous: { status: 'OK', startedAt: new Date().toISOString(), ...previous } } : {}),
  });

describe('mail.dnsbl against a real DNS server', () => {
  it('a listed address is CRIT with the zone, the meaning of each code and the TXT reason', async () => {
    const o = await run({ addresses: ['127.0.0.2'], zones: ['zen.spamhaus.org'] });
    expect(o.status).toBe('CRIT');
    expect(o.summary).toContain('127.0.0.2 is listed on zen.spamhaus.org: SBL: a known spam source');
    expect(o.summary).toContain('XBL');
    expect(o.summary).toContain('PBL (ISP)');
    expect(o.summary).toContain('reason: https://www.spamhaus.org/sbl/query/SBL2');
  });

  it('the "refused" code is UNKNOWN with how to fix it', async () => {
    const o = await run({ addresses: ['127.0.0.9'], zones: ['zen.spamhaus.org'] });
    expect(o.status).toBe('UNKNOWN');
    expect(o.summary).toMatch(/127\.255\.255\.254.*public or open resolver.*dqs_key/);
  });

  it('an unlisted address (NXDOMAIN) is OK; domains go to the domain lists only', async () => {
    const o = await run({ addresses: ['127.0.0.1'], domains: ['example.org'] });
    expect(o.status).toBe('OK');
    expect(o.summary).toBe('127.0.0.1, example.org: not listed on 4 lists');
    const lookups = (o.details?.lookups ?? []) as { zone: string; subject: string }[];
    expect(lookups.map((l) => `${l.zone} ${l.subject}`).sort()).toEqual([
      'bl.spamcop.net 127.0.0.1',
      'dbl.spamhaus.org example.org',
      'psbl.surriel.com 127.0.0.1',
      'zen.spamhaus.org 127.0.0.1',
    ]);
  });

  it('a listed domain on the DBL is CRIT', async () => {
    const o = await run({ domains: ['dbltest.com'], zones: ['dbl.spamhaus.org'] });
    expect(o.status).toBe('CRIT');
    expect(o.summary).toContain('DBL: a spam domain');
  });

  it('asks each zone and address at most once per min_interval: a second run reuses the answers', async () => {
    const first = await run({ addresses: ['127.0.0.2'], zones: ['zen.spamhaus.org'] });
    // 127.0.0.1 is not listed on the server, but the previous answer says it is: no query went out.
    const forged = {
      lookups: [
        {
          zone: 'zen.spamhaus.org',
          subject: '127.0.0.1',
          result: 'listed',
          meanings: ['SBL: earlier'],
          at: new Date().toISOString(),
        },
      ],
    };
    const again = await run({ addresses: ['127.0.0.1'], zones: ['zen.spamhaus.org'] }, { details: forged });
    expect(again.status).toBe('CRIT');
    expect(again.details?.reused).toBe(1);
    const later = await run(
      { addresses: ['127.0.0.1'], zones: ['zen.spamhaus.org'], min_interval: '1s' },
      { details: { lookups: [{ ...forged.lookups[0], at: new Date(Date.now() - 5000).toISOString() }] } },
    );
    expect(later.status).toBe('OK');
    expect(first.details?.reused).toBeUndefined();
  });

  it('a DQS key is asked through <key>.zen.dq.spamhaus.net and never shown', async () => {
    process.env.RONDE_TEST_DQS = 'labkey';
    // The lab serves labkey.zen.dq.spamhaus.net only: a listing proves the DQS zone was asked.
    const o = await run({
      addresses: ['127.0.0.2'],
      zones: ['zen.spamhaus.org'],
      dqs_key: '${env:RONDE_TEST_DQS}',
    });
    expect(o.status).toBe('CRIT');
    expect(o.summary).toContain('127.0.0.2 is listed on zen.spamhaus.org: SBL');
    expect(JSON.stringify(o)).not.toContain('labkey');
  });

  it('through the CLI: the listed address is CRIT (exit 2), the repeat run reuses the answers', () => {
    const dir = tempDir('ronde-dnsbl-');
    writeFileSync(
      join(dir, 'ronde.yaml'),
      `hosts:\n  - { name: mx, local: true }\nchecks:\n  - kind: mail.dnsbl\n    options:\n      addresses: ["127.0.0.2", "127.0.0.1"]\n      zones: [zen.spamhaus.org]\n      resolver: ["${lab.server}"]\n`,
    );
    const env = { XDG_DATA_HOME: join(dir, 'data') };
    const r1 = ronde(['check', '-v'], env, dir);
    expect(r1.code, r1.stderr).toBe(2);
    expect(r1.stdout).toContain('127.0.0.2 is listed on zen.spamhaus.org');
    const r2 = ronde(['check', '--json'], env, dir);
    const doc = JSON.parse(r2.stdout);
    const res = doc.targets[0].results[0];
    expect(res.status).toBe('CRIT');
    expect(res.details.reused).toBe(2);
    expect(res.reasons.at(-1)).toMatch(/^2 answers reused from .*: a list is asked again once min_interval/);
  });
});
