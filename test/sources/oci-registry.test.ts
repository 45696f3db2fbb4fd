import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EtagCache, RateGate } from '../../src/sources/http.js';
import { OciSource } from '../../src/sources/oci.js';
import { applyPolicy } from '../../src/sources/version.js';
import { pushImage, type RegistryLab, startRegistry } from '../lab/registry.js';

/* The real registry (Debian's docker-registry, distribution v2) on 127.0.0.1. */

let lab: RegistryLab;
const source = () => new OciSource({ baseUrl: lab.url, gate: new RateGate(), cache: new EtagCache() });

beforeAll(async () => {
  lab = await startRegistry();
  for (const tag of ['1.0.0', '1.1.0', '1.1.1', '2.0.0-rc.1', 'latest'])
    await pushImage(lab.url, 'team/app', tag);
}, 30_000);
afterAll(() => lab?.stop());

describe('OCI source against the real registry', () => {
  it('lists the pushed tags; the policy picks the newest release', async () => {
    const got = await source().getReleases({ repo: 'team/app' });
    expect(got?.releases.map((r) => r.tag).sort()).toEqual([
      '1.0.0',
      '1.1.0',
      '1.1.1',
      '2.0.0-rc.1',
      'latest',
    ]);
    expect(applyPolicy(got!.releases)[0]?.version).toBe('1.1.1');
    expect(applyPolicy(got!.releases, { prerelease: true })[0]?.version).toBe('2.0.0-rc.1');
  });

  it('gives the digest the registry reports for a tag, and a new one when the tag is pushed again', async () => {
    const pushed = await pushImage(lab.url, 'team/app', 'latest', { salt: 'a' });
    const s = source();
    expect(await s.digest('team/app', 'latest')).toBe(pushed);
    const rebuilt = await pushImage(lab.url, 'team/app', 'latest', { salt: 'b' });
    const got = await s.getReleases({ repo: 'team/app', digestTags: ['latest'] });
    expect(got?.releases.find((r) => r.tag === 'latest')?.digest).toBe(rebuilt);
    expect(rebuilt).not.toBe(pushed);
  });

  it("pages the tag list by n/last through the registry's Link header", async () => {
    for (let i = 0; i < 5; i++) await pushImage(lab.url, 'team/paged', `0.${i}.0`);
    const s = new OciSource({ baseUrl: lab.url, gate: new RateGate(), cache: new EtagCache(), pageSize: 2 });
    const got = await s.getReleases({ repo: 'team/paged' });
    expect(got?.releases).toHaveLength(5);
    expect(applyPolicy(got!.releases).map((r) => r.version)).toEqual([
      '0.4.0',
      '0.3.0',
      '0.2.0',
      '0.1.0',
      '0.0.0',
    ]);
  });

  it('is null for a repository never pushed', async () => {
    expect(await source().getReleases({ repo: 'team/none' })).toBeNull();
  });
});
