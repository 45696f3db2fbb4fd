import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dnsZonemaster } from '../../src/checks/dns/zonemaster/index.js';
import { LocalTarget } from '../../src/targets/local.js';
import { type KnotLab, startKnotLab } from '../lab/knot.js';

// Debian's zonemaster-cli, through the real batch script, against the lab's Knot DNS: its
// root hints name 127.0.53.1, IPv6 is off, so every query stays on loopback.
let lab: KnotLab;
beforeAll(async () => {
  lab = await startKnotLab('127.0.53.14');
});
afterAll(() => lab?.stop());

async function run(domains: unknown[], previous?: Record<string, unknown>) {
  const options = dnsZonemaster.options.parse({ domains, hints: lab.hintsFile, ipv6: false, timeout: '3m' });
  const target = new LocalTarget('localhost');
  const outputs = await target.runBatch(dnsZonemaster.commands(options));
  const o = await dnsZonemaster.evaluate({
    lang: 'en',
    options,
    target,
    outputs,
    now: new Date(),
    signal: new AbortController().signal,
    run: (c) => target.runBatch(c),
    ...(previous
      ? { previous: { status: 'CRIT', startedAt: new Date().toISOString(), details: previous } }
      : {}),
  });
  return { o, outputs };
}

describe('dns.zonemaster with zonemaster-cli against Knot', () => {
  it("Zonemaster's errors appear with their message ids; a second unchanged run says nothing is new", async () => {
    const zone = { domain: 'signed.lab.test', ns: [`ns1.lab.test/${lab.address}`] };
    const first = await run([zone]);
    expect(first.outputs[0]?.exitCode, first.outputs[0]?.stderr).toBe(0);
    // One server, on a loopback address, for everything: Zonemaster errs about it.
    expect(first.o.status).toBe('CRIT');
    expect(first.o.summary).toMatch(/^\d+ findings: signed\.lab\.test: (ERROR|CRITICAL) [A-Z0-9_]+: /);
    const ids = (first.o.reasons ?? []).map((r) => /: (?:CRITICAL|ERROR|WARNING) ([A-Z0-9_]+):/.exec(r)?.[1]);
    expect(ids.every((id) => id !== undefined)).toBe(true);
    const again = await run([zone], first.o.details);
    expect(again.o.status).toBe(first.o.status);
    expect(again.o.summary).toMatch(/^nothing new since the last run \(\d+ findings, first: /);
    expect(again.o.details?.new).toBe(0);
    // A finding that was not there before is said first, marked new.
    const fewer = structuredClone(first.o.details) as { domains: { findings: unknown[] }[] };
    fewer.domains[0]!.findings.shift();
    const third = await run([zone], fewer);
    expect(third.o.summary).toMatch(/^1 new since the last run: signed\.lab\.test: /);
    expect(third.o.reasons?.[0]).toMatch(/^new: /);
  }, 240_000);
});
