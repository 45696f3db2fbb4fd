import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerUpdates } from '../../src/checks/docker/updates.js';
import type { CheckOutcome } from '../../src/core/check.js';
import { clearLookups } from '../../src/sources/lookup.js';
import { type DockerLab, startDockerLab } from '../lab/dockerd.js';
import { pushImage, type RegistryLab, startRegistry } from '../lab/registry.js';

/*
 * docker.updates end to end: a real engine (the Docker lab) runs containers
 * pulled from a real registry (Debian's docker-registry) on 127.0.0.1; the
 * check reads the engine through the shared Docker client.
 */

let docker: DockerLab;
let registry: RegistryLab;
let repo: string; // 127.0.0.1:PORT/team/bb

beforeAll(async () => {
  [docker, registry] = await Promise.all([startDockerLab(), startRegistry()]);
  repo = `${new URL(registry.url).host}/team/bb`;
  // The engine pushes over plain HTTP: 127.0.0.0/8 is an insecure registry by default.
  for (const tag of ['1.0.0', 'latest']) {
    docker.docker('tag', 'lab/busybox:1', `${repo}:${tag}`);
    docker.docker('push', `${repo}:${tag}`);
  }
  for (const tag of ['1.0.3', '2.0.0']) await pushImage(registry.url, 'team/bb', tag);
  for (const [name, tag] of [
    ['bb-old', '1.0.0'],
    ['bb-latest', 'latest'],
  ])
    docker.docker('run', '-d', '--network', 'none', '--name', name!, `${repo}:${tag}`, 'sleep', '600');
}, 120_000);
afterAll(async () => {
  await docker?.stop();
  await registry?.stop();
});

function run(levels: Record<string, string> = {}): Promise<CheckOutcome> {
  clearLookups();
  return Promise.resolve(
    dockerUpdates.evaluate({
      options: dockerUpdates.options.parse({
        docker: { socket: docker.socket },
        all_images: false,
        levels,
        services: [{ image: repo, base_url: registry.url }],
      }),
      target: { name: 'lab', transport: 'local' },
      outputs: [],
      now: new Date(),
      signal: new AbortController().signal,
      run: async () => [],
    }),
  );
}

describe('docker.updates on a real engine and registry', () => {
  it('a container one major behind is WARN; the latest tag pulled as is, OK', async () => {
    const out = await run();
    const images = out.details?.images as { image: string; containers: string[]; status: string }[];
    expect(images.map((i) => [i.containers.join(), i.status]).sort()).toEqual([
      ['bb-latest', 'OK'],
      ['bb-old', 'WARN'],
    ]);
    expect(out.status).toBe('WARN');
    expect(out.reasons).toEqual([`${repo}: 1.0.0 → 2.0.0 (major behind)`]);
  });

  it('latest rebuilt in the registry: the running container is on an old digest (WARN)', async () => {
    await pushImage(registry.url, 'team/bb', 'latest', { salt: 'rebuilt' });
    const out = await run({ major: 'OK' });
    expect(out.status).toBe('WARN');
    expect(out.reasons).toEqual([`${repo}: latest was rebuilt upstream (new digest)`]);
  });
});
