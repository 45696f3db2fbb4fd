import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dockerUpdates } from '../../src/checks/docker/updates/index.js';
import type { CheckOutcome } from '../../src/core/check.js';
import { sharedGate } from '../../src/sources/http.js';
import { clearLookups } from '../../src/sources/lookup.js';
import { type GithubFake, startGithubFake } from '../fakes/github-fake.js';
import { type DockerLab, startDockerLab } from '../lab/dockerd.js';
import { pushImage, type RegistryLab, startRegistry } from '../lab/registry.js';

/* docker.updates against the real registry (Debian's docker-registry) and the GitHub fake. */

let lab: RegistryLab;
let github: GithubFake;
let host: string; // `127.0.0.1:PORT`, as an image reference names the registry
const pushed = new Map<string, string>();

beforeAll(async () => {
  [lab, github] = await Promise.all([startRegistry(), startGithubFake()]);
  host = new URL(lab.url).host;
  for (const tag of ['1.0.0', '1.1.0', '1.1.2', '2.0.0', '2.1.0-rc.1', 'latest'])
    pushed.set(tag, await pushImage(lab.url, 'team/app', tag));
  for (const tag of ['3.4.0', '3.4.1', '3.5.0']) await pushImage(lab.url, 'team/minor', tag);
}, 30_000);
afterAll(() => Promise.all([lab?.stop(), github?.close()]));
beforeEach(() => clearLookups());

function run(options: Record<string, unknown>, previous?: Record<string, unknown>): Promise<CheckOutcome> {
  return Promise.resolve(
    dockerUpdates.evaluate({
      lang: 'en',
      options: dockerUpdates.options.parse(options),
      target: { name: 'web1', transport: 'local' },
      outputs: [],
      now: new Date(),
      signal: new AbortController().signal,
      run: async () => [],
      ...(previous ? { previous: { status: 'UNKNOWN', details: previous, startedAt: '' } } : {}),
    }),
  );
}
const svc = (image: string, extra: Record<string, unknown> = {}) => ({
  image: `${host}/${image}`,
  base_url: lab.url,
  ...extra,
});

describe('docker.updates', () => {
  it('behind by a major: WARN, naming the running and newest versions (pre-releases ignored)', async () => {
    const out = await run({
      services: [svc('team/app')],
      running: [{ container: 'app-1', image: `${host}/team/app:1.1.2` }],
    });
    expect(out.status).toBe('WARN');
    expect(out.summary).toBe(`${host}/team/app: 1.1.2 → 2.0.0 (major behind)`);
  });

  it('a loopback registry is asked over http:// as Docker does, with no base_url repeated (issue 17)', async () => {
    const out = await run({ running: [{ container: 'app-1', image: `${host}/team/app:1.1.2` }] });
    expect(out.status).toBe('WARN');
    expect(out.summary).toBe(`${host}/team/app: 1.1.2 → 2.0.0 (major behind)`);
  });

  it('behind by a minor: OK with the lag shown; a level per service makes it WARN', async () => {
    const running = [{ container: 'm', image: `${host}/team/minor:3.4.0` }];
    const out = await run({ services: [svc('team/minor')], running });
    expect(out.status).toBe('OK');
    expect(out.summary).toContain('3.4.0 → 3.5.0 (minor behind)');
    const strict = await run({ services: [svc('team/minor', { levels: { minor: 'WARN' } })], running });
    expect(strict.status).toBe('WARN');
  });

  it('the newest release: OK, up to date', async () => {
    const out = await run({
      services: [svc('team/minor')],
      running: [{ container: 'm', image: `${host}/team/minor:3.5.0` }],
    });
    expect(out).toMatchObject({ status: 'OK', summary: '1 image up to date' });
  });

  it('a moving tag rebuilt upstream (new digest) is WARN; the same digest is OK', async () => {
    const running = (digest: string) => [{ container: 'a', image: `${host}/team/app:latest`, digest }];
    expect((await run({ services: [svc('team/app')], running: running(pushed.get('latest')!) })).status).toBe(
      'OK',
    );
    await pushImage(lab.url, 'team/app', 'latest', { salt: 'rebuilt' });
    clearLookups();
    const out = await run({ services: [svc('team/app')], running: running(pushed.get('latest')!) });
    expect(out.status).toBe('WARN');
    expect(out.summary).toContain('latest was rebuilt upstream');
  });

  it('releases from GitHub through the image’s org.opencontainers.image.source label', async () => {
    const out = await run({
      services: [{ image: `${host}/team/redis`, base_url: github.url }],
      running: [
        {
          container: 'cache',
          image: `${host}/team/redis:7.2.6`,
          labels: { 'org.opencontainers.image.source': 'https://github.com/redis/redis' },
        },
      ],
    });
    expect(out.summary).toBe(`${host}/team/redis: 7.2.6 → 7.4.1 (minor behind)`);
    expect(out.status).toBe('OK');
  });

  it('rate-limited upstream: UNKNOWN with the reset time, never OK; not asked again, even after a restart', async () => {
    const limited = await startGithubFake();
    try {
      limited.remaining = 0;
      const options = {
        services: [{ image: 'acme/tool', source: 'github', repo: 'redis/redis', base_url: limited.url }],
        running: [{ container: 't', image: 'acme/tool:7.2.6' }],
      };
      const out = await run(options);
      expect(out.status).toBe('UNKNOWN');
      expect(out.reasons?.[0]).toContain(
        `rate-limited until ${new Date(limited.reset * 1000).toISOString()}`,
      );
      // A restart: memo and gate are gone; the previous result still holds the reset time.
      clearLookups();
      sharedGate.clear();
      limited.remaining = 60;
      const again = await run(options, out.details);
      expect(again.status).toBe('UNKNOWN');
      expect(limited.requests).toHaveLength(1);
    } finally {
      await limited.close();
    }
  });

  it('a tag that is no version, without label or digest: UNKNOWN, never OK', async () => {
    const out = await run({ services: [svc('team/app')], running: [{ image: `${host}/team/app:latest` }] });
    expect(out.status).toBe('UNKNOWN');
    expect(out.reasons?.[0]).toContain('cannot tell the running version');
  });

  it('an unreachable registry is UNKNOWN; no watched image running is not applicable', async () => {
    const down = await run({
      services: [{ image: '127.0.0.1:9/x', base_url: 'http://127.0.0.1:9' }],
      running: [{ image: '127.0.0.1:9/x:1.0.0' }],
    });
    expect(down.status).toBe('UNKNOWN');
    const none = await run({
      all_images: false,
      services: [svc('team/app')],
      running: [{ image: 'other:1.0' }],
    });
    expect(none.notApplicable).toBe(true);
  });
});

/*
 * End to end: a real engine (the Docker lab) runs containers pulled from the
 * registry above; the check reads the engine through the shared Docker client.
 */
describe('docker.updates on a real engine and registry', () => {
  let docker: DockerLab;
  let repo: string; // 127.0.0.1:PORT/team/bb

  beforeAll(async () => {
    docker = await startDockerLab();
    repo = `${new URL(lab.url).host}/team/bb`;
    // The engine pushes over plain HTTP: 127.0.0.0/8 is an insecure registry by default.
    for (const tag of ['1.0.0', 'latest']) {
      docker.docker('tag', 'lab/busybox:1', `${repo}:${tag}`);
      docker.docker('push', `${repo}:${tag}`);
    }
    for (const tag of ['1.0.3', '2.0.0']) await pushImage(lab.url, 'team/bb', tag);
    for (const [name, tag] of [
      ['bb-old', '1.0.0'],
      ['bb-latest', 'latest'],
    ])
      docker.docker('run', '-d', '--network', 'none', '--name', name!, `${repo}:${tag}`, 'sleep', '600');
  }, 120_000);
  afterAll(() => docker?.stop(), 60_000);

  function runOnEngine(levels: Record<string, string> = {}): Promise<CheckOutcome> {
    clearLookups();
    return Promise.resolve(
      dockerUpdates.evaluate({
        lang: 'en',
        options: dockerUpdates.options.parse({
          docker: { socket: docker.socket },
          all_images: false,
          levels,
          services: [{ image: repo, base_url: lab.url }],
        }),
        target: { name: 'lab', transport: 'local' },
        outputs: [],
        now: new Date(),
        signal: new AbortController().signal,
        run: async () => [],
      }),
    );
  }

  it('a container one major behind is WARN; the latest tag pulled as is, OK', async () => {
    const out = await runOnEngine();
    const images = out.details?.images as { image: string; containers: string[]; status: string }[];
    expect(images.map((i) => [i.containers.join(), i.status]).sort()).toEqual([
      ['bb-latest', 'OK'],
      ['bb-old', 'WARN'],
    ]);
    expect(out.status).toBe('WARN');
    expect(out.reasons).toEqual([`${repo}: 1.0.0 → 2.0.0 (major behind)`]);
  });

  it('latest rebuilt in the registry: the running container is on an old digest (WARN)', async () => {
    await pushImage(lab.url, 'team/bb', 'latest', { salt: 'rebuilt' });
    const out = await runOnEngine({ major: 'OK' });
    expect(out.status).toBe('WARN');
    expect(out.reasons).toEqual([`${repo}: latest was rebuilt upstream (new digest)`]);
  });
});
